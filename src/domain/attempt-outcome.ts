import type { PreOrderPaymentId } from './ids.ts';
import type { Money } from './money.ts';
import type { PreOrderPaymentRecord, StateChange } from './pre-order-payment.ts';

/**
 * What the holder of one placement attempt knows and nobody else can: Glue confirmed the order,
 * or no order was made (the checkout was never sent, or Glue refused it definitely). When the
 * store cannot take the write at once, this is what is kept and written later
 * (docs/place-order.md items 6a, 9 and 10).
 */
/** The order Glue confirmed, as it is recorded on the payment. */
export interface ConfirmedOrder {
  readonly orderReference: string;
  /** What the order costs, when Glue said; null: unknown. */
  readonly orderTotal: Money | null;
  /** The total differs from the payment's amount (docs/place-order.md item 8). */
  readonly mismatch: boolean;
}

export type KnownOutcome =
  | ({ readonly kind: 'placed' } & ConfirmedOrder)
  | {
      readonly kind: 'not-placed';
      /** Glue's refusal, recorded as ORDER_PLACEMENT_REJECTED with the hand-back; null when nothing was sent. */
      readonly refusal: string | null;
    };

export interface AttemptOutcome {
  readonly preOrderPaymentId: PreOrderPaymentId;
  /** The placement attempt (the fencing token) the outcome belongs to. */
  readonly attempt: number;
  readonly outcome: KnownOutcome;
}

export type OutcomeDecision =
  /** Write `change` with a compare-and-set on the version decided from. */
  | { readonly kind: 'write'; readonly change: StateChange }
  /** The store already holds it: ORDER_PLACED with this order, or the attempt handed back. */
  | { readonly kind: 'recorded' }
  /** The payment moved on without this attempt (another attempt, a cancellation): nothing to write. */
  | { readonly kind: 'superseded'; readonly why: string }
  /** The store holds something this outcome contradicts and no write may change: an operator decides. */
  | { readonly kind: 'conflict'; readonly why: string }
  /** No record (its TTL ran out, or this store never had it). */
  | { readonly kind: 'gone' };

/**
 * ORDER_PLACED with the order Glue confirmed; a total that differs from `paymentAmount` is recorded
 * in the same write (an operators' event and listing), so the listing cannot be lost between two.
 */
export function placedAs(order: ConfirmedOrder, paymentAmount: Money): StateChange {
  const { orderReference, orderTotal } = order;
  const money = (value: Money) => `${value.amount} ${value.currency}`;
  return {
    changes: {
      status: 'ORDER_PLACED',
      orderReference,
      reconciliation: null,
      orderTotal,
      orderMismatch: order.mismatch ? { acknowledged: false } : null,
    },
    event: { type: 'ORDER_PLACED', message: orderReference },
    ...(order.mismatch && orderTotal
      ? {
          moreEvents: [
            {
              type: 'ORDER_TOTAL_MISMATCH',
              message: `order ${orderReference} costs ${money(orderTotal)}, the payment ${money(paymentAmount)} (minor units)`,
            },
          ],
        }
      : {}),
    stamp: { leaseForMs: null },
  };
}

/** Back to INITIALIZED: usable again, for a corrected retry after a refusal. */
export function handedBack(refusal: string | null): StateChange {
  return {
    changes: { status: 'INITIALIZED', placement: null, orderReference: null, reconciliation: null },
    ...(refusal === null ? {} : { event: { type: 'ORDER_PLACEMENT_REJECTED', message: refusal } }),
    stamp: { leaseForMs: null },
  };
}

/**
 * What to write for an attempt's known outcome, given what the store holds now. Decided again from
 * every fresh read, so a write that timed out but landed, a lost race or a lease that ran out meanwhile
 * all end the same way:
 *
 * - an order Glue confirmed wins over a placement in flight, an unknown outcome or a hand-back (the
 *   order exists); never over another order or a final CANCELED/EXPIRED (final states never change);
 * - "no order" hands the payment back to INITIALIZED only while the store still shows this attempt
 *   in PLACING_ORDER, or as ORDER_OUTCOME_UNKNOWN without an order named, which only the lease
 *   expiry writes for it (it presumes the checkout may have been sent; this process knows better).
 *   Only the holder of the attempt knows this, and no other attempt can start while it is current,
 *   so no second checkout can follow anything that may have saved an order.
 */
export function decideOutcomeWrite(stored: PreOrderPaymentRecord | null, known: AttemptOutcome): OutcomeDecision {
  if (stored === null) return { kind: 'gone' };
  const { outcome } = known;
  if (outcome.kind === 'placed') {
    switch (stored.status) {
      case 'ORDER_PLACED':
        return stored.orderReference === outcome.orderReference
          ? { kind: 'recorded' }
          : { kind: 'conflict', why: `recorded with order ${stored.orderReference ?? '?'}` };
      case 'CANCELED':
      case 'EXPIRED':
        return { kind: 'conflict', why: `the payment is ${stored.status}` };
      default:
        return { kind: 'write', change: placedAs(outcome, stored.amount) };
    }
  }
  const ours = stored.placement?.attempt === known.attempt;
  if (ours && stored.status === 'PLACING_ORDER') return { kind: 'write', change: handedBack(outcome.refusal) };
  if (ours && stored.status === 'ORDER_OUTCOME_UNKNOWN' && stored.orderReference === null) {
    return { kind: 'write', change: handedBack(outcome.refusal) };
  }
  if (stored.status === 'INITIALIZED' && stored.placement === null && stored.attempts === known.attempt) {
    return { kind: 'recorded' };
  }
  return { kind: 'superseded', why: `the payment is ${stored.status} (attempt ${stored.attempts})` };
}
