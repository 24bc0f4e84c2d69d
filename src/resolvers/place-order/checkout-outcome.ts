import type { GatewayError } from '../../domain/errors.ts';
import { Errors } from '../../domain/errors.ts';
import { cartFingerprint } from '../../domain/fingerprint.ts';
import type { Caller } from '../../domain/identity.ts';
import { sameMoney } from '../../domain/money.ts';
import type { CheckoutOutcome } from '../../domain/ports/glue-port.ts';
import type { PreOrderPaymentRecord } from '../../domain/pre-order-payment.ts';
import { findOrder, reconcile } from '../order-outcome/reconcile.ts';
import { recordOrderPlaced } from '../order-outcome/record-order-placed.ts';
import { transitionTo } from '../payment-record/transition-to.ts';
import type { UseCaseDeps } from '../use-case-deps.ts';
import { handBack } from './hand-back.ts';
import type { PlacementResult } from './placement-result.ts';

/** A checkout that left: who sent it, and the payment as recorded with "checkout sent". */
export interface SentCheckout {
  readonly caller: Caller;
  readonly sent: PreOrderPaymentRecord;
}

/** What `/checkout` answered, turned into the payment's next status (docs/place-order.md item 6). */
export async function settleCheckoutOutcome(
  deps: UseCaseDeps,
  checkout: SentCheckout,
  outcome: CheckoutOutcome,
): Promise<PlacementResult> {
  const { sent } = checkout;
  switch (outcome.kind) {
    case 'placed':
      return settlePlaced(deps, sent, outcome);
    case 'rejected':
      return handBackRefused(deps, sent, {
        error: Errors.checkoutRejected(outcome.upstream, outcome.violations),
        message: outcome.upstream.detail ?? 'checkout rejected',
      });
    case 'cart-not-found':
      return handBackRefused(deps, sent, { error: Errors.cartNotFound(sent.cartId), message: 'cart not found' });
    case 'authentication-failed':
      return handBackRefused(deps, sent, { error: Errors.authentication(), message: 'authentication failed' });
    case 'not-sent':
      return handBackRefused(deps, sent, {
        error: Errors.upstreamUnavailable(null, outcome.retryAfterSeconds),
        message: 'checkout request could not be sent',
      });
    case 'order-may-exist':
      // A 1102 naming an order means its payment confirmation failed: an operator decides, no reconciliation.
      return markOutcomeUnknown(deps, checkout, {
        orderReference: outcome.orderReference,
        message: `Glue ${outcome.upstream.code ?? ''}: ${outcome.upstream.detail ?? ''}`.trim(),
        reconcileNow: outcome.upstream.code !== '1102',
      });
    case 'no-answer':
      return markOutcomeUnknown(deps, checkout, {
        orderReference: null,
        message: 'no answer from checkout (timeout or reset)',
        reconcileNow: true,
      });
    case 'server-error':
      return afterServerError(deps, checkout, outcome.upstream.status ?? 500);
  }
}

/**
 * A 201: the order exists and counts as placed. Its total is compared with the payment's amount
 * (docs/place-order.md item 8): items added through Glue after the last cart read end up in the
 * order. A mismatch is recorded (an operators' event and listing), logged and counted; the shopper
 * is told by `paymentMatchesOrder`. Humans decide what to do with the order.
 */
async function settlePlaced(
  deps: UseCaseDeps,
  sent: PreOrderPaymentRecord,
  outcome: Extract<CheckoutOutcome, { kind: 'placed' }>,
): Promise<PlacementResult> {
  const { orderReference, orderTotal } = outcome;
  // No total from Glue: no claim either way.
  const mismatch = orderTotal !== null && !sameMoney(orderTotal, sent.amount);
  const record = await recordOrderPlaced(deps, sent, { orderReference, orderTotal, mismatch });
  if (mismatch) {
    deps.metrics.orderPaymentMismatch();
    deps.logger.error(
      { preOrderPaymentId: sent.id, orderReference, orderTotal, paymentAmount: sent.amount },
      'order total differs from the pre-order payment; the order exists, an operator must decide',
    );
  }
  const order = { orderReference, redirectUrl: outcome.redirectUrl, isExternalRedirect: outcome.isExternalRedirect };
  return { kind: 'placed', record, order };
}

/** A definite "no order": back to INITIALIZED so a corrected retry can place it (hand-back.ts). */
async function handBackRefused(
  deps: UseCaseDeps,
  sent: PreOrderPaymentRecord,
  refusal: { readonly error: GatewayError; readonly message: string },
): Promise<PlacementResult> {
  await handBack(deps, { record: sent, refusal: refusal.message });
  return { kind: 'failed', error: refusal.error };
}

interface UnknownOutcome {
  /** Set when Glue named the order. */
  readonly orderReference: string | null;
  readonly message: string;
  /** Look for the order right away (customers only; never for a 1102 that named one). */
  readonly reconcileNow: boolean;
}

async function markOutcomeUnknown(
  deps: UseCaseDeps,
  checkout: SentCheckout,
  unknown: UnknownOutcome,
): Promise<PlacementResult> {
  const { caller, sent } = checkout;
  const { orderReference, message } = unknown;
  const written = await transitionTo(deps, sent, {
    changes: {
      status: 'ORDER_OUTCOME_UNKNOWN',
      orderReference,
      reconciliation: { attempts: 0, nextAt: sent.observedAt },
    },
    event: { type: 'ORDER_OUTCOME_UNKNOWN', message },
    stamp: { leaseForMs: null },
  });
  if (!written.ok) {
    deps.logger.error(
      { preOrderPaymentId: sent.id },
      'could not record an unknown order outcome; the lease expiry records it',
    );
  }
  deps.logger.warn({ preOrderPaymentId: sent.id, orderReference }, `order outcome unknown: ${message}`);
  const recorded = written.ok && written.value.won ? written.value.record : null;
  const settled =
    recorded && unknown.reconcileNow ? await reconcile(deps, { caller, record: recorded, force: true }) : null;
  return { kind: 'failed', error: Errors.outcomeUnknown(sent.id, settled?.orderReference ?? orderReference) };
}

/** A 5xx: Glue finished but may have saved the order. Harmless only if the cart is intact and no order matches. */
async function afterServerError(deps: UseCaseDeps, checkout: SentCheckout, status: number): Promise<PlacementResult> {
  const { caller, sent } = checkout;
  const cart = await deps.glue.cart(caller, sent.cartId, { fresh: true });
  const intact =
    cart.ok && cart.value.items.length > 0 && cartFingerprint(sent.amount, cart.value.items) === sent.fingerprint;
  // A customer's order list must show no match; one that could not be read proves nothing.
  const noOrder =
    intact && sent.ownerKind === 'customer' && caller.identity.kind === 'customer'
      ? (await findOrder(deps, caller, sent)).kind === 'none'
      : intact;
  if (intact && noOrder) {
    return handBackRefused(deps, sent, {
      error: Errors.upstreamUnavailable({ status }),
      message: `checkout answered ${status}; no order was made`,
    });
  }
  return markOutcomeUnknown(deps, checkout, {
    orderReference: null,
    message: `checkout answered ${status} and the cart changed or is gone`,
    reconcileNow: true,
  });
}
