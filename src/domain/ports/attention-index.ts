import type { PreOrderPaymentId } from '../ids.ts';
import type { StoreAnswer } from './store-answer.ts';

/**
 * Payments an operator must look at that will not settle by themselves: an unknown order outcome,
 * a release that failed for good. Entries are added before the record says so and removed after it
 * no longer does, so a crash in between leaves an extra entry (filtered when listed), never a
 * missing one.
 */
export interface AttentionIndex {
  /** Listed since the store's now (an entry already listed keeps its time). */
  add(id: PreOrderPaymentId): Promise<StoreAnswer<void>>;
  remove(id: PreOrderPaymentId): Promise<StoreAnswer<void>>;
  /** Entries in the order they were listed, from after `after` (a listing time and id). */
  list(options: {
    readonly limit: number;
    readonly after: AttentionCursor | null;
  }): Promise<StoreAnswer<readonly AttentionEntry[]>>;
  count(): Promise<StoreAnswer<number>>;
}

export interface AttentionEntry {
  readonly id: PreOrderPaymentId;
  /** Store clock, epoch ms. */
  readonly since: number;
}

export interface AttentionCursor {
  readonly since: number;
  readonly id: string;
}
