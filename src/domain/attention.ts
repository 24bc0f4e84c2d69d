import {
  hasOpenOrderMismatch,
  isLeaseExpired,
  isPastDeadline,
  type PreOrderPaymentRecord,
} from './pre-order-payment.ts';

/** Why an operator should look at a payment (docs/expiry-and-release.md, docs/place-order.md items 6f and 8). */
export type AttentionReason =
  /** The order request's outcome is unknown and reconciliation did not settle it. */
  | 'ORDER_OUTCOME_UNKNOWN'
  /** Its release failed RELEASE_MAX_ATTEMPTS times: the hold at the provider stays until someone acts. */
  | 'RELEASE_FAILED'
  /** Past its deadline and not released yet (the sweeper is behind or retrying). */
  | 'RELEASE_OVERDUE'
  /** PLACING_ORDER, and its holder's lease ran out. */
  | 'PLACEMENT_STALE'
  /** CANCELING without a clear answer, and its holder's lease ran out. */
  | 'CANCELLATION_STALE'
  /** ORDER_PLACED, but the order costs something else than the payment; listed until acknowledged. */
  | 'ORDER_TOTAL_MISMATCH';

/** The reason a payment needs an operator, judged by the store's clock at the read; null when it does not. */
export function attentionReason(record: PreOrderPaymentRecord): AttentionReason | null {
  switch (record.status) {
    case 'ORDER_OUTCOME_UNKNOWN':
      return 'ORDER_OUTCOME_UNKNOWN';
    case 'INITIALIZED':
      if (record.release?.failed) return 'RELEASE_FAILED';
      return isPastDeadline(record) ? 'RELEASE_OVERDUE' : null;
    case 'PLACING_ORDER':
      return isLeaseExpired(record) ? 'PLACEMENT_STALE' : null;
    case 'REINITIALIZING':
      // Settled by the next read or the sweeper; past the deadline it is overdue like any other.
      return isPastDeadline(record) ? 'RELEASE_OVERDUE' : null;
    case 'CANCELING':
      if (record.release?.failed) return 'RELEASE_FAILED';
      return isLeaseExpired(record) ? 'CANCELLATION_STALE' : null;
    case 'ORDER_PLACED':
      return hasOpenOrderMismatch(record) ? 'ORDER_TOTAL_MISMATCH' : null;
    default:
      return null;
  }
}
