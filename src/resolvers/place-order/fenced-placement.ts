import type { CheckoutInputs } from '../../domain/checkout-inputs.ts';
import type { GatewayError } from '../../domain/errors.ts';
import { Errors } from '../../domain/errors.ts';
import type { Caller } from '../../domain/identity.ts';
import type { PaymentStrategy } from '../../domain/ports/glue-port.ts';
import type { PreOrderPaymentRecord } from '../../domain/pre-order-payment.ts';
import { transitionTo } from '../payment-record/transition-to.ts';
import { sleep } from '../poll.ts';
import type { UseCaseDeps } from '../use-case-deps.ts';
import { settleCheckoutOutcome } from './checkout-outcome.ts';
import { handBack } from './hand-back.ts';
import type { PlacementResult } from './placement-result.ts';

export interface PlacementRequest {
  readonly caller: Caller;
  /** The payment as this request last read it, INITIALIZED. */
  readonly record: PreOrderPaymentRecord;
  /** Customer, billing address and shipments for the order. */
  readonly inputs: CheckoutInputs;
  readonly strategy: PaymentStrategy;
  /** The caller queued a release look at (or before) the end of the placement lease from now. */
  readonly leaseLookQueued: true;
}

/**
 * The fenced placement (docs/place-order.md items 4-7 and 9). The compare-and-set INITIALIZED →
 * PLACING_ORDER with a new attempt number is the guard: only its winner talks to Glue, and it
 * records "checkout sent" before sending, so no later attempt ever resends after anything that
 * may have saved an order.
 */
export async function placeWithFence(deps: UseCaseDeps, request: PlacementRequest): Promise<PlacementResult> {
  const { caller, record, inputs } = request;
  const attempt = record.attempts + 1;
  // The store's clock, the one reconciliation compares order creation times with.
  const placement = { attempt, startedAt: record.observedAt, checkoutSent: false };
  const took = await transitionTo(deps, record, {
    changes: { status: 'PLACING_ORDER', attempts: attempt, placement },
    event: { type: 'ORDER_PLACEMENT_STARTED', message: `attempt ${attempt}` },
    stamp: { leaseForMs: deps.settings.placementLeaseMs },
    // The deadline is judged by the store as it takes the payment: past it, the release wins.
    require: 'not-expired',
    // A take lost in a failover would let another request take the same attempt and send too.
    durable: true,
    releaseBooked: request.leaseLookQueued,
  });
  if (!took.ok) return { kind: 'failed', error: took.error };
  if (!took.value.won) return { kind: 'lost', current: took.value.current };
  const taken = took.value.record;

  if (deps.settings.holdBeforeCheckoutSentMs) await sleep(deps.settings.holdBeforeCheckoutSentMs);
  // Counted only for the placement that won the fence (exactly the ones that would reach /checkout),
  // in the same round trip as the write-ahead mark: from the mark on, a lost answer means "outcome
  // unknown", never "send again". Durable: a mark a failover lost would let a retry send a second
  // checkout.
  const [limited, marked] = await Promise.all([
    placementRateLimit(deps, taken),
    transitionTo(deps, taken, { changes: { placement: { ...placement, checkoutSent: true } }, durable: true }),
  ]);
  // Nothing was sent, but the mark may have landed (or did): only this request knows it sent
  // nothing, so it hands the payment back from whatever the store holds.
  if (!marked.ok) {
    await handBack(deps, { record: taken, refusal: null });
    return { kind: 'failed', error: limited ?? marked.error };
  }
  if (limited) {
    await handBack(deps, { record: marked.value.won ? marked.value.record : taken, refusal: null });
    return { kind: 'failed', error: limited };
  }
  if (!marked.value.won) return { kind: 'lost', current: marked.value.current };
  const sent = marked.value.record;

  const outcome = await deps.glue.checkout(caller, {
    cartId: record.cartId,
    ...inputs,
    paymentMethodName: record.paymentMethodName,
    paymentProviderName: record.paymentProviderName,
    preOrderPaymentData: record.preOrderPaymentData,
    expressCheckout: request.strategy === 'EXPRESS_CHECKOUT',
  });
  return settleCheckoutOutcome(deps, { caller, sent }, outcome);
}

/**
 * docs/rate-limits.md: placements of one payment that reach `POST /checkout` per window, so nobody
 * can send refused orders without end. Null when within the limit.
 */
async function placementRateLimit(deps: UseCaseDeps, record: PreOrderPaymentRecord): Promise<GatewayError | null> {
  const { count, windowSeconds } = deps.settings.rateLimitPlacePerPayment;
  const hit = await deps.rateLimiter.hit(`place:payment:${record.id}`, count, windowSeconds);
  if (!hit.ok) return hit.error;
  return hit.value.allowed ? null : Errors.rateLimited(Math.max(1, hit.value.retryAfterSeconds));
}
