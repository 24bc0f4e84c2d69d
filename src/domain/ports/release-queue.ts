import type { PreOrderPaymentId } from '../ids.ts';
import type { StoreAnswer } from './store-answer.ts';

/** What one claim took: the ids now leased to the caller, and the store's clock at the claim. */
export interface Claimed {
  readonly ids: readonly PreOrderPaymentId[];
  /** The store's clock when the claim ran. */
  readonly now: number;
  /** The earliest due time of what is due and still unclaimed after this claim, or null. */
  readonly oldestUnclaimedDueAt: number | null;
}

/**
 * When each payment must next be looked at by the release sweeper (docs/expiry-and-release.md):
 * its release deadline, the end of a lease, or a retry after a failed release. Due times are the
 * store's clock (Redis TIME), so no gateway process's clock decides. A claim leases an entry to one
 * sweeper; an entry whose sweeper died is due again when that lease ends, so nothing is lost.
 */
export interface ReleaseQueue {
  /** Due at the store's now + `inMs`, unless the entry is already due earlier (the earlier time wins). */
  schedule(id: PreOrderPaymentId, inMs: number): Promise<StoreAnswer<void>>;
  /** Due exactly at `at` (store clock), earlier or later than before. */
  reschedule(id: PreOrderPaymentId, at: number): Promise<StoreAnswer<void>>;
  /** Up to `limit` due entries, each hidden from other claims for `leaseMs`. */
  claimDue(options: { readonly limit: number; readonly leaseMs: number }): Promise<StoreAnswer<Claimed>>;
  /** Nothing more to do for this payment. */
  remove(id: PreOrderPaymentId): Promise<StoreAnswer<void>>;
  /** Entries due at least `graceMs` ago and not done: work the sweeper has not caught up with. */
  overdue(options: { readonly graceMs: number; readonly limit: number }): Promise<StoreAnswer<OverdueEntries>>;
}

export interface OverdueEntries {
  readonly entries: readonly { readonly id: PreOrderPaymentId; readonly dueAt: number }[];
  readonly total: number;
}
