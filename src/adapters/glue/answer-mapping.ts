import type { UpstreamDetail } from '../../domain/errors.ts';
import type {
  CancelPaymentOutcome,
  CartReadFailure,
  CheckoutOutcome,
  CreatePaymentOutcome,
  GlueCommonFailure,
  OrderLookupFailure,
} from '../../domain/ports/glue-port.ts';
import type { GlueAnswer } from './exchange.ts';
import { type GlueError, phpMap, readDocument, readErrors, str } from './jsonapi.ts';
import { checkoutOrderTotal } from './read-models.ts';
import { checkoutInputPath, paymentsInputPath, violationsOf } from './violation-paths.ts';

/**
 * Every Glue answer → the port's outcome, exactly the table of docs/glue-answers.md, in this one file.
 * Statements marked INFERRED are guesses about Spryker wording; each is one named constant.
 */

/** Glue codes that mean the caller's credentials were not accepted, on any endpoint. */
const AUTHENTICATION_CODES: ReadonlySet<string> = new Set(['001', '002', '109', '1105']);
const CART_NOT_FOUND_CODES: ReadonlySet<string> = new Set(['101', '1103']);
const VALIDATION_CODE = '901';
/** /checkout refusals that are made before any order is saved (docs/glue-answers.md). */
const CHECKOUT_REFUSAL_CODES: ReadonlySet<string> = new Set([
  '901',
  '1101',
  '1104',
  '1107',
  '1108',
  '1109',
  '4301',
  '4302',
  '4303',
  '4304',
]);
const ORDER_NOT_PLACED_CODE = '1102';
const CART_NOT_DELETED_CODE = '1106';

/** Zed's `/payments` answer for an unknown method key (spryker/payment ForeignPayment). */
export const PAYMENT_METHOD_NOT_FOUND = /^\s*Payment method not found\b/i;
/** INFERRED: how a provider says a pre-order payment was canceled before. */
export const ALREADY_CANCELED = /already\s+(been\s+)?cancel/i;
/** A 1102 detail naming a saved order ("Failed to confirm pre-order payment for order DE--12. Response: …"). */
export const ORDER_NAMED = /\bfor order\s+([A-Za-z0-9](?:[A-Za-z0-9_-]*[A-Za-z0-9])?)/i;
/**
 * INFERRED: 1102 details that Glue gives before an order is saved, also for express-checkout
 * methods (B2C demo shop Robot tests). Any other 1102 of an express-checkout method may be a
 * confirmation failure after the order was saved.
 */
export const EXPRESS_CHECKOUT_KNOWN_REFUSALS: readonly RegExp[] = [
  /^\s*Checkout payment is not valid/i,
  /^\s*Shipment method not found\./i,
  /^\s*Billing address country not found/i,
  /^\s*Shipping address country not found/i,
  /^\s*The cart value cannot be higher/i,
];

/** Glue's detail, as a client may see it: shopper-facing text without the provider's body. */
export function shopperDetail(detail: string | null | undefined): string | null {
  const cut = detail?.split(/\s*\bResponse:/)[0]?.trim();
  return cut ? cut : null;
}

/** docs/errors.md: `detail` only for a 4xx refusal that carries a Glue code. */
export function upstreamDetail(status: number, error: GlueError | undefined): UpstreamDetail {
  const code = error?.code ?? null;
  const shareable = status >= 400 && status < 500 && code !== null;
  return { status, code, detail: shareable ? shopperDetail(error?.detail) : null };
}

const is2xx = (status: number): boolean => status >= 200 && status < 300;
const codesOf = (errors: readonly GlueError[]): Set<string> =>
  new Set(errors.flatMap((error) => (error.code ? [error.code] : [])));
const hasAny = (codes: ReadonlySet<string>, wanted: ReadonlySet<string>): boolean =>
  [...codes].some((code) => wanted.has(code));

function unavailable(answer: GlueAnswer): GlueCommonFailure {
  if (answer.kind !== 'response')
    return {
      kind: 'unavailable',
      upstream: null,
      retryAfterSeconds: answer.kind === 'not-sent' ? answer.retryAfterSeconds : null,
    };
  return {
    kind: 'unavailable',
    upstream: upstreamDetail(answer.status, readErrors(answer.body)[0]),
    retryAfterSeconds: answer.retryAfterSeconds,
  };
}

/** Rows "any": credentials refused; no answer, 5xx or 429 → unavailable. Null for the endpoint's own rows. */
export function commonFailure(answer: GlueAnswer): GlueCommonFailure | null {
  if (answer.kind !== 'response') return unavailable(answer);
  const errors = readErrors(answer.body);
  if (answer.status === 401 || hasAny(codesOf(errors), AUTHENTICATION_CODES)) {
    return { kind: 'authentication-failed', upstream: upstreamDetail(answer.status, errors[0]) };
  }
  if (answer.status >= 500 || answer.status === 429) return unavailable(answer);
  return null;
}

/** A 2xx whose body lacks what the read needs: treated like an outage, never as data. */
export function malformedAnswer(answer: GlueAnswer): GlueCommonFailure {
  return answer.kind === 'response'
    ? { kind: 'unavailable', upstream: { status: answer.status }, retryAfterSeconds: null }
    : unavailable(answer);
}

/** `/checkout-data`, `GET /carts/{id}`, `GET /guest-carts/{id}` when they did not answer 200. */
export function cartReadFailure(answer: GlueAnswer): CartReadFailure {
  const common = commonFailure(answer);
  if (common) return common;
  if (answer.kind !== 'response' || is2xx(answer.status)) return malformedAnswer(answer);
  const errors = readErrors(answer.body);
  const codes = codesOf(errors);
  const upstream = upstreamDetail(answer.status, errors[0]);
  if (hasAny(codes, CART_NOT_FOUND_CODES)) return { kind: 'cart-not-found' };
  if (codes.has('1104')) return { kind: 'cart-empty' };
  if (codes.has(VALIDATION_CODE))
    return { kind: 'validation', violations: violationsOf(errors, checkoutInputPath), upstream };
  return { kind: 'rejected', upstream };
}

/** `GET /customers`, `GET /orders`: only the common rows exist; anything else is an outage. */
export function lookupFailure(answer: GlueAnswer): GlueCommonFailure {
  return commonFailure(answer) ?? malformedAnswer(answer);
}

/** `GET /orders/{ref}`: 404/801 is "no such order for this customer". */
export function orderLookupFailure(answer: GlueAnswer): OrderLookupFailure {
  if (answer.kind === 'response' && answer.status === 404) return { kind: 'not-found' };
  return lookupFailure(answer);
}

/** `POST /payments`. */
export function createPaymentOutcome(answer: GlueAnswer): CreatePaymentOutcome {
  if (answer.kind === 'response' && is2xx(answer.status)) {
    const attributes = readDocument(answer.body).data[0]?.attributes;
    const data = phpMap(attributes?.preOrderPaymentData);
    const transactionId = str(data ?? undefined, 'transactionId');
    // A payment without a transactionId could never be canceled or confirmed (docs/initialize.md item 5).
    if (attributes?.isSuccessful === false || !data || !transactionId?.trim()) {
      return { kind: 'provider-rejected', upstream: { status: answer.status, code: null, detail: null } };
    }
    return { kind: 'created', preOrderPaymentData: data, transactionId };
  }
  const common = commonFailure(answer);
  if (common) return common;
  if (answer.kind !== 'response') return unavailable(answer);
  const errors = readErrors(answer.body);
  const upstream = upstreamDetail(answer.status, errors[0]);
  if (errors.some((error) => PAYMENT_METHOD_NOT_FOUND.test(error.detail ?? '')))
    return { kind: 'method-not-found', upstream };
  if (codesOf(errors).has(VALIDATION_CODE))
    return { kind: 'validation', violations: violationsOf(errors, paymentsInputPath), upstream };
  return { kind: 'provider-rejected', upstream };
}

/** `POST /payment-cancellations`. */
export function cancelPaymentOutcome(answer: GlueAnswer): CancelPaymentOutcome {
  if (answer.kind === 'response' && is2xx(answer.status)) {
    const attributes = readDocument(answer.body).data[0]?.attributes;
    if (attributes?.isSuccessful !== false) return { kind: 'canceled' };
    const upstream = { status: answer.status, code: null, detail: null };
    return ALREADY_CANCELED.test(str(attributes, 'error') ?? '')
      ? { kind: 'already-canceled', upstream }
      : { kind: 'provider-rejected', upstream };
  }
  // The provider may have acted on a request that got no clear answer (docs/cancel.md item 8).
  if (answer.kind === 'no-answer') return { kind: 'no-answer', upstream: null };
  if (answer.kind === 'response' && answer.status >= 500) {
    return { kind: 'no-answer', upstream: upstreamDetail(answer.status, readErrors(answer.body)[0]) };
  }
  const common = commonFailure(answer);
  if (common) return common;
  if (answer.kind !== 'response') return unavailable(answer);
  const errors = readErrors(answer.body);
  const upstream = upstreamDetail(answer.status, errors[0]);
  if (errors.some((error) => ALREADY_CANCELED.test(error.detail ?? ''))) return { kind: 'already-canceled', upstream };
  return { kind: 'provider-rejected', upstream };
}

/** `POST /checkout`. Where the evidence is mixed, the outcome that may mean "an order exists" wins. */
export function checkoutOutcome(answer: GlueAnswer, method: { expressCheckout: boolean }): CheckoutOutcome {
  if (answer.kind === 'not-sent') return { kind: 'not-sent', retryAfterSeconds: answer.retryAfterSeconds };
  if (answer.kind === 'no-answer') return { kind: 'no-answer' };
  const errors = readErrors(answer.body);
  const upstream = upstreamDetail(answer.status, errors[0]);
  if (is2xx(answer.status)) {
    const attributes = readDocument(answer.body).data[0]?.attributes;
    const orderReference = str(attributes, 'orderReference');
    if (!orderReference) return { kind: 'order-may-exist', orderReference: null, upstream };
    const redirectUrl = str(attributes, 'redirectUrl');
    const external = attributes?.isExternalRedirect;
    return {
      kind: 'placed',
      orderReference,
      redirectUrl,
      isExternalRedirect: typeof external === 'boolean' ? external : null,
      orderTotal: checkoutOrderTotal(answer.body, orderReference),
    };
  }
  const codes = codesOf(errors);
  if (answer.status === 401 || hasAny(codes, AUTHENTICATION_CODES)) return { kind: 'authentication-failed', upstream };
  // A proxy's 429 means Glue never took the request.
  if (answer.status === 429) return { kind: 'not-sent', retryAfterSeconds: answer.retryAfterSeconds };
  if (answer.status < 400 || answer.status >= 500) return { kind: 'server-error', upstream };

  // Only Glue's request validation answers a 4xx without a code, as 400 or 422 before the checkout
  // runs (Spryker's API tests: "Invalid type.", "… => This field is missing."); every answer after
  // the checkout ran carries a 11xx code. Any other code-less 4xx (404 "Order not found." is listed
  // for /checkout) proves nothing (docs/glue-answers.md row 15a).
  if (codes.size === 0 && answer.status !== 400 && answer.status !== 422) {
    return { kind: 'order-may-exist', orderReference: null, upstream };
  }
  const maySaved = orderEvidence(errors, method.expressCheckout);
  if (maySaved)
    return {
      kind: 'order-may-exist',
      orderReference: maySaved.orderReference,
      upstream: upstreamDetail(answer.status, maySaved.error),
    };
  if (codes.has('1103')) return { kind: 'cart-not-found', upstream };
  return { kind: 'rejected', upstream, violations: violationsOf(errors, checkoutInputPath) };
}

/**
 * The errors that mean an order may have been saved: 1106 (cart not deleted after the order),
 * a 1102 naming an order, an express-checkout 1102 that is not a known refusal, and (INFERRED,
 * conservative) any Glue code this table does not know, since a refusal cannot be proven.
 */
function orderEvidence(
  errors: readonly GlueError[],
  expressCheckout: boolean,
): { orderReference: string | null; error: GlueError } | null {
  let evidence: { orderReference: string | null; error: GlueError } | null = null;
  for (const error of errors) {
    const detail = error.detail ?? '';
    const named = detail.match(ORDER_NAMED)?.[1] ?? null;
    if (error.code === ORDER_NOT_PLACED_CODE) {
      if (named) return { orderReference: named, error };
      if (expressCheckout && !EXPRESS_CHECKOUT_KNOWN_REFUSALS.some((refusal) => refusal.test(detail)))
        evidence ??= { orderReference: null, error };
    } else if (error.code === CART_NOT_DELETED_CODE) {
      if (named) return { orderReference: named, error };
      evidence ??= { orderReference: null, error };
    } else if (
      error.code !== null &&
      !CHECKOUT_REFUSAL_CODES.has(error.code) &&
      !CART_NOT_FOUND_CODES.has(error.code)
    ) {
      evidence ??= { orderReference: null, error };
    }
  }
  return evidence;
}

/**
 * `/checkout` needs the cart's item group keys when a shipment ships "all items"; when that read
 * fails, no /checkout was sent, so no order can exist.
 */
export function checkoutOutcomeOfCartRead(failure: CartReadFailure): CheckoutOutcome {
  switch (failure.kind) {
    case 'authentication-failed':
      return failure;
    case 'unavailable':
      return { kind: 'not-sent', retryAfterSeconds: failure.retryAfterSeconds };
    case 'cart-not-found':
      return { kind: 'cart-not-found', upstream: { status: null, code: null, detail: null } };
    case 'cart-empty':
      return { kind: 'rejected', upstream: { status: null, code: '1104', detail: 'Cart is empty.' }, violations: [] };
    case 'validation':
    case 'rejected':
      return {
        kind: 'rejected',
        upstream: failure.upstream,
        violations: failure.kind === 'validation' ? failure.violations : [],
      };
  }
}
