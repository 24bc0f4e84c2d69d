import { isLeaseExpired, isPastDeadline, type PreOrderPaymentRecord } from './pre-order-payment.ts';

/** What the release sweeper does with a payment whose queue entry came due (docs/expiry-and-release.md). */
export type DueAction =
  /** Nothing is left to release: it ended, or its order's outcome is an operator's to settle. */
  | { readonly kind: 'forget' }
  /** Not yet: look again at `at` (store clock). */
  | { readonly kind: 'later'; readonly at: number }
  /** A placement or re-initialization whose holder's lease ran out: settle it, then decide again. */
  | { readonly kind: 'settle-stale-work' }
  /** INITIALIZED past its deadline, or a cancellation whose holder's lease ran out: (re)send the cancellation. */
  | { readonly kind: 'cancel' };

/**
 * Due entries are hints; the record decides, judged by the store's clock at the read. A placed,
 * placing or unknown-outcome payment is never released; a release that failed for good waits for an
 * operator or the shopper's cancel.
 */
export function decideDue(record: PreOrderPaymentRecord | null): DueAction {
  if (record === null) return { kind: 'forget' };
  switch (record.status) {
    case 'ORDER_PLACED':
    case 'ORDER_OUTCOME_UNKNOWN':
    case 'CANCELED':
    case 'EXPIRED':
      return { kind: 'forget' };
    case 'PLACING_ORDER':
    case 'REINITIALIZING':
      return isLeaseExpired(record) ? { kind: 'settle-stale-work' } : laterAt(record.lease, record);
    case 'CANCELING':
      return isLeaseExpired(record) ? { kind: 'cancel' } : laterAt(record.lease, record);
    case 'INITIALIZED':
      if (record.release?.failed) return { kind: 'forget' };
      return isPastDeadline(record) ? { kind: 'cancel' } : { kind: 'later', at: record.expiresAt };
  }
}

/** Work in progress without a lease cannot finish by itself: look again soon. */
function laterAt(lease: number | null, record: PreOrderPaymentRecord): DueAction {
  return { kind: 'later', at: lease ?? record.observedAt + 1000 };
}

/** Longest wait between two release attempts. */
const MAX_BACKOFF_MS = 5 * 60_000;

/**
 * When to try again after `attempts` failed attempts: exponential from `baseMs`, capped, with
 * jitter (between half and all of it) so many payments that failed together do not retry together.
 */
export function nextAttemptIn(attempts: number, baseMs: number, random: () => number = Math.random): number {
  const exponential = Math.min(MAX_BACKOFF_MS, baseMs * 2 ** Math.max(0, attempts - 1));
  return Math.round(exponential * (0.5 + random() / 2));
}
