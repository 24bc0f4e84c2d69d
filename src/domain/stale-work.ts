import type { PreOrderPaymentRecord, StateChange } from './pre-order-payment.ts';

/**
 * Work whose owner is presumed dead is settled before any decision (nothing stays stuck):
 * - a placement whose lease ran out: if "checkout sent" was recorded, the outcome is unknown
 *   (never resent); otherwise no request left this attempt and the payment is usable again;
 * - a cancellation that never finished: back to INITIALIZED (resending a cancellation is safe).
 * Returns the change to write, or null when nothing is stale.
 */
export function settleStaleWork(record: PreOrderPaymentRecord, now: number, staleCancelMs: number): StateChange | null {
  if (record.status === 'PLACING_ORDER' && record.placement && record.placement.leaseUntil <= now) {
    if (record.placement.checkoutSent) {
      return {
        changes: {
          status: 'ORDER_OUTCOME_UNKNOWN',
          placement: { ...record.placement },
          reconciliation: { attempts: 0, nextAt: now },
        },
        event: {
          type: 'ORDER_OUTCOME_UNKNOWN',
          message: `placement attempt ${record.placement.attempt} ended without an answer`,
        },
      };
    }
    return { changes: { status: 'INITIALIZED', placement: null } };
  }
  if (record.status === 'CANCELING' && record.updatedAt + staleCancelMs <= now) {
    return { changes: { status: 'INITIALIZED' } };
  }
  return null;
}
