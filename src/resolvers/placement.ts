import type { CheckoutInputs } from '../domain/checkout-inputs.ts';
import type { GatewayError } from '../domain/errors.ts';
import { Errors } from '../domain/errors.ts';
import { cartFingerprint } from '../domain/fingerprint.ts';
import type { Caller } from '../domain/identity.ts';
import type { CheckoutOutcome, PaymentStrategy } from '../domain/ports/glue-port.ts';
import type { PreOrderPaymentRecord } from '../domain/pre-order-payment.ts';
import { evolve } from '../domain/pre-order-payment.ts';
import type { UseCaseDeps } from './deps.ts';
import { recordOrderPlaced } from './order-placed.ts';
import { transition } from './payment-access.ts';
import { sleep } from './poll.ts';
import { findOrder, reconcile } from './reconcile.ts';

export interface PlacedOrder {
  readonly orderReference: string;
  readonly redirectUrl: string | null;
  readonly isExternalRedirect: boolean | null;
}

export type PlacementResult =
  | { readonly kind: 'placed'; readonly record: PreOrderPaymentRecord; readonly order: PlacedOrder }
  /** Another request holds the payment; nothing was sent. */
  | { readonly kind: 'lost'; readonly current: PreOrderPaymentRecord | null }
  | { readonly kind: 'failed'; readonly error: GatewayError };

/**
 * The fenced placement (CONTRACT.md §6.4-6.7). The compare-and-set INITIALIZED → PLACING_ORDER
 * with a new attempt number is the guard: only its winner talks to Glue, and it records
 * "checkout sent" before sending, so no later attempt ever resends after anything that may have
 * saved an order.
 */
export async function placeWithFence(
  deps: UseCaseDeps,
  caller: Caller,
  record: PreOrderPaymentRecord,
  inputs: CheckoutInputs,
  strategy: PaymentStrategy,
): Promise<PlacementResult> {
  const now = deps.clock.now();
  const attempt = record.attempts + 1;
  const placement = { attempt, startedAt: now, leaseUntil: now + deps.settings.placementLeaseMs, checkoutSent: false };
  const taken = evolve(
    record,
    now,
    { status: 'PLACING_ORDER', attempts: attempt, placement },
    { type: 'ORDER_PLACEMENT_STARTED', message: `attempt ${attempt}` },
  );
  const took = await transition(deps, taken);
  if (!took.ok) return { kind: 'failed', error: took.error };
  if (!took.value.won) return { kind: 'lost', current: took.value.record };

  if (deps.settings.holdBeforeCheckoutSentMs) await sleep(deps.settings.holdBeforeCheckoutSentMs);
  // Write-ahead: from here on a lost answer means "outcome unknown", never "send again".
  const sent = evolve(taken, deps.clock.now(), { placement: { ...placement, checkoutSent: true } });
  const marked = await transition(deps, sent);
  if (!marked.ok || !marked.value.won) {
    // Nothing was sent; if the payment cannot be handed back now, its lease expiry does it.
    if (marked.ok) return { kind: 'lost', current: marked.value.record };
    await transition(deps, evolve(taken, deps.clock.now(), { status: 'INITIALIZED', placement: null }));
    return { kind: 'failed', error: marked.error };
  }

  const outcome = await deps.glue.checkout(caller, {
    cartId: record.cartId,
    ...inputs,
    paymentMethodName: record.paymentMethodName,
    paymentProviderName: record.paymentProviderName,
    preOrderPaymentData: record.preOrderPaymentData,
    expressCheckout: strategy === 'EXPRESS_CHECKOUT',
  });
  return settleOutcome(deps, caller, sent, outcome);
}

async function settleOutcome(
  deps: UseCaseDeps,
  caller: Caller,
  sent: PreOrderPaymentRecord,
  outcome: CheckoutOutcome,
): Promise<PlacementResult> {
  switch (outcome.kind) {
    case 'placed': {
      const order = {
        orderReference: outcome.orderReference,
        redirectUrl: outcome.redirectUrl,
        isExternalRedirect: outcome.isExternalRedirect,
      };
      return { kind: 'placed', record: await recordOrderPlaced(deps, sent, outcome.orderReference), order };
    }
    case 'rejected':
      return release(
        deps,
        sent,
        Errors.checkoutRejected(outcome.upstream, outcome.violations),
        outcome.upstream.detail ?? 'checkout rejected',
      );
    case 'cart-not-found':
      return release(deps, sent, Errors.cartNotFound(sent.cartId), 'cart not found');
    case 'authentication-failed':
      return release(deps, sent, Errors.authentication(), 'authentication failed');
    case 'not-sent':
      return release(
        deps,
        sent,
        Errors.upstreamUnavailable(null, outcome.retryAfterSeconds),
        'checkout request could not be sent',
      );
    case 'order-may-exist':
      // A 1102 naming an order means its payment confirmation failed: an operator decides, no reconciliation.
      return unknown(
        deps,
        caller,
        sent,
        outcome.orderReference,
        `Glue ${outcome.upstream.code ?? ''}: ${outcome.upstream.detail ?? ''}`.trim(),
        outcome.upstream.code !== '1102',
      );
    case 'no-answer':
      return unknown(deps, caller, sent, null, 'no answer from checkout (timeout or reset)', true);
    case 'server-error':
      return afterServerError(deps, caller, sent, outcome.upstream.status ?? 500);
  }
}

/** A definite "no order": back to INITIALIZED so a corrected retry can place it. */
async function release(
  deps: UseCaseDeps,
  sent: PreOrderPaymentRecord,
  error: GatewayError,
  message: string,
): Promise<PlacementResult> {
  const next = evolve(
    sent,
    deps.clock.now(),
    { status: 'INITIALIZED', placement: null },
    { type: 'ORDER_PLACEMENT_REJECTED', message },
  );
  const written = await transition(deps, next);
  if (!written.ok)
    deps.logger.warn(
      { preOrderPaymentId: sent.id },
      'could not hand the payment back after a refused checkout; its lease expiry would mark it unknown',
    );
  return { kind: 'failed', error };
}

async function unknown(
  deps: UseCaseDeps,
  caller: Caller,
  sent: PreOrderPaymentRecord,
  orderReference: string | null,
  message: string,
  reconcileNow: boolean,
): Promise<PlacementResult> {
  const now = deps.clock.now();
  const next = evolve(
    sent,
    now,
    { status: 'ORDER_OUTCOME_UNKNOWN', orderReference, reconciliation: { attempts: 0, nextAt: now } },
    { type: 'ORDER_OUTCOME_UNKNOWN', message },
  );
  const written = await transition(deps, next);
  if (!written.ok)
    deps.logger.error(
      { preOrderPaymentId: sent.id },
      'could not record an unknown order outcome; the lease expiry records it',
    );
  deps.logger.warn({ preOrderPaymentId: sent.id, orderReference }, `order outcome unknown: ${message}`);
  const settled =
    written.ok && written.value.won && reconcileNow ? await reconcile(deps, caller, next, { force: true }) : next;
  return { kind: 'failed', error: Errors.outcomeUnknown(sent.id, settled.orderReference ?? orderReference) };
}

/** A 5xx: Glue finished but may have saved the order. Harmless only if the cart is intact and no order matches. */
async function afterServerError(
  deps: UseCaseDeps,
  caller: Caller,
  sent: PreOrderPaymentRecord,
  status: number,
): Promise<PlacementResult> {
  const cart = await deps.glue.cart(caller, sent.cartId, { fresh: true });
  const intact =
    cart.ok && cart.value.items.length > 0 && cartFingerprint(sent.amount, cart.value.items) === sent.fingerprint;
  const orderFound =
    intact && sent.ownerKind === 'customer' && caller.identity.kind === 'customer'
      ? (await findOrder(deps, caller, sent)) !== null
      : false;
  if (intact && !orderFound) {
    return release(
      deps,
      sent,
      Errors.upstreamUnavailable({ status }),
      `checkout answered ${status}; no order was made`,
    );
  }
  return unknown(deps, caller, sent, null, `checkout answered ${status} and the cart changed or is gone`, true);
}
