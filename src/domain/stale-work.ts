import {
  isLeaseExpired,
  PROVIDER_AMOUNT_UNSETTLED,
  type PreOrderPaymentRecord,
  type StateChange,
} from './pre-order-payment.ts';

/**
 * A re-initialization whose holder is presumed dead leaves the payment INITIALIZED but unplaceable
 * until initialized again (docs/initialize.md item 4c).
 *
 * A placement whose holder is presumed dead (its lease ran out, by the store's clock) is settled
 * before any decision, so nothing stays stuck: if "checkout sent" was recorded the outcome is
 * unknown (never resent); otherwise no request left this attempt and the payment is usable again.
 * The write requires the lease to have expired, judged by the store when it writes.
 *
 * A cancellation is never settled this way: one that got no clear answer may still take effect at
 * the provider, so it stays CANCELING until a repeat gets an answer (docs/cancel.md item 8).
 * Returns the change to write, or null when nothing is stale.
 */
export function settleStaleWork(record: PreOrderPaymentRecord): StateChange | null {
  if (record.status === 'REINITIALIZING' && isLeaseExpired(record)) {
    // Its POST /payments may have changed the provider's amount: usable again only after a new initialization.
    return {
      changes: { status: 'INITIALIZED', fingerprint: PROVIDER_AMOUNT_UNSETTLED },
      stamp: { leaseForMs: null },
      require: 'lease-expired',
    };
  }
  if (record.status !== 'PLACING_ORDER' || !record.placement || !isLeaseExpired(record)) return null;
  if (record.placement.checkoutSent) {
    return {
      changes: {
        status: 'ORDER_OUTCOME_UNKNOWN',
        placement: { ...record.placement },
        reconciliation: { attempts: 0, nextAt: record.observedAt },
      },
      event: {
        type: 'ORDER_OUTCOME_UNKNOWN',
        message: `placement attempt ${record.placement.attempt} ended without an answer`,
      },
      stamp: { leaseForMs: null },
      require: 'lease-expired',
    };
  }
  return {
    changes: { status: 'INITIALIZED', placement: null },
    stamp: { leaseForMs: null },
    require: 'lease-expired',
  };
}
