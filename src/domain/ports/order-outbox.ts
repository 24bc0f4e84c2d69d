import type { AttemptOutcome } from '../attempt-outcome.ts';

/** An attempt's known outcome the store could not take yet (docs/place-order.md item 10). */
export interface OutboxEntry extends AttemptOutcome {
  /** One entry per payment and attempt (`outboxEntryId`): putting it again replaces it. */
  readonly id: string;
  /** When it was put, epoch ms (this process's clock). */
  readonly putAt: number;
}

export function outboxEntryId(outcome: Pick<AttemptOutcome, 'preOrderPaymentId' | 'attempt'>): string {
  return `${outcome.preOrderPaymentId}.${outcome.attempt}`;
}

/**
 * Outcomes waiting for the session store, kept outside it: put before the shopper is answered,
 * removed once the record holds them, and listed by every gateway process that shares the outbox
 * (the file adapter: one directory on one host's disk), so what a process could not write before it
 * stopped or died is written by the next one. Methods never throw.
 */
export interface OrderOutbox {
  /** True once the entry is durable (the file adapter: written and flushed to disk). */
  put(entry: OutboxEntry): Promise<boolean>;
  /** Forgets an entry; removing one that is already gone is fine. False when it could not be removed. */
  remove(id: string): Promise<boolean>;
  /** Every entry still waiting, oldest first, whichever process put it. */
  pending(): Promise<readonly OutboxEntry[]>;
}
