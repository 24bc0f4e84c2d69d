import type { Money } from './money.ts';

/** The contract's ErrorCode values (contract.graphql). */
export type ErrorCode =
  | 'VALIDATION_FAILED'
  | 'AUTHENTICATION_FAILED'
  | 'CART_NOT_FOUND'
  | 'CART_EMPTY'
  | 'CART_CHANGED'
  | 'PAYMENT_METHOD_NOT_AVAILABLE'
  | 'PAYMENT_PROVIDER_REJECTED'
  | 'UPSTREAM_UNAVAILABLE'
  | 'PRE_ORDER_PAYMENT_NOT_FOUND'
  | 'PRE_ORDER_PAYMENT_EXPIRED'
  | 'PRE_ORDER_PAYMENT_CANCELED'
  | 'ORDER_ALREADY_PLACED'
  | 'CHECKOUT_REJECTED'
  | 'ORDER_OUTCOME_UNKNOWN'
  | 'IDEMPOTENCY_KEY_CONFLICT'
  | 'OPERATION_IN_PROGRESS'
  | 'RATE_LIMITED';

export interface FieldViolation {
  readonly path: string;
  readonly message: string;
}

/** What an upstream said, safe to show a client (docs/errors.md). */
export interface UpstreamDetail {
  readonly status?: number | null;
  readonly code?: string | null;
  readonly detail?: string | null;
}

/** Every failure a shopper can run into; each member becomes one GraphQL error type. */
export type GatewayError =
  | { readonly code: 'VALIDATION_FAILED'; readonly message: string; readonly violations: readonly FieldViolation[] }
  | { readonly code: 'AUTHENTICATION_FAILED'; readonly message: string }
  | { readonly code: 'CART_NOT_FOUND'; readonly message: string; readonly cartId: string }
  | { readonly code: 'CART_EMPTY'; readonly message: string; readonly cartId: string }
  | {
      readonly code: 'CART_CHANGED';
      readonly message: string;
      readonly preOrderPaymentId: string;
      readonly previousAmount: Money;
      readonly currentAmount: Money;
    }
  | {
      readonly code: 'PAYMENT_METHOD_NOT_AVAILABLE';
      readonly message: string;
      readonly paymentMethodName: string;
      readonly paymentProviderName: string;
    }
  | { readonly code: 'PAYMENT_PROVIDER_REJECTED'; readonly message: string; readonly upstream?: UpstreamDetail | null }
  | {
      readonly code: 'UPSTREAM_UNAVAILABLE';
      readonly message: string;
      readonly upstream?: UpstreamDetail | null;
      readonly retryAfterSeconds?: number | null;
    }
  | { readonly code: 'PRE_ORDER_PAYMENT_NOT_FOUND'; readonly message: string }
  | {
      readonly code: 'PRE_ORDER_PAYMENT_EXPIRED';
      readonly message: string;
      readonly preOrderPaymentId: string;
      readonly expiredAt: string;
    }
  | { readonly code: 'PRE_ORDER_PAYMENT_CANCELED'; readonly message: string; readonly preOrderPaymentId: string }
  | {
      readonly code: 'ORDER_ALREADY_PLACED';
      readonly message: string;
      readonly preOrderPaymentId: string;
      readonly orderReference: string;
    }
  | {
      readonly code: 'CHECKOUT_REJECTED';
      readonly message: string;
      readonly upstream?: UpstreamDetail | null;
      readonly violations: readonly FieldViolation[];
    }
  | {
      readonly code: 'ORDER_OUTCOME_UNKNOWN';
      readonly message: string;
      readonly preOrderPaymentId: string;
      readonly orderReference?: string | null;
    }
  | { readonly code: 'IDEMPOTENCY_KEY_CONFLICT'; readonly message: string }
  | { readonly code: 'OPERATION_IN_PROGRESS'; readonly message: string; readonly retryAfterSeconds?: number | null }
  | { readonly code: 'RATE_LIMITED'; readonly message: string; readonly retryAfterSeconds: number };

export type ErrorOf<C extends ErrorCode> = Extract<GatewayError, { code: C }>;

const RETRYABLE: ReadonlySet<ErrorCode> = new Set(['UPSTREAM_UNAVAILABLE', 'OPERATION_IN_PROGRESS', 'RATE_LIMITED']);

/** True when the same request may succeed later without any change by the shopper. */
export function isRetryable(error: GatewayError): boolean {
  return RETRYABLE.has(error.code);
}

export function retryAfterSeconds(error: GatewayError): number | null {
  if (!isRetryable(error)) return null;
  return 'retryAfterSeconds' in error && error.retryAfterSeconds != null ? error.retryAfterSeconds : 1;
}

/** Small constructors so use cases read as decisions, not object literals. */
export const Errors = {
  validation: (violations: readonly FieldViolation[]): ErrorOf<'VALIDATION_FAILED'> => ({
    code: 'VALIDATION_FAILED',
    message: 'The input is invalid.',
    violations,
  }),
  authentication: (): ErrorOf<'AUTHENTICATION_FAILED'> => ({
    code: 'AUTHENTICATION_FAILED',
    message: 'The commerce backend did not accept the caller’s credentials.',
  }),
  cartNotFound: (cartId: string): ErrorOf<'CART_NOT_FOUND'> => ({
    code: 'CART_NOT_FOUND',
    message: 'Cart not found.',
    cartId,
  }),
  cartEmpty: (cartId: string): ErrorOf<'CART_EMPTY'> => ({ code: 'CART_EMPTY', message: 'Cart is empty.', cartId }),
  cartChanged: (preOrderPaymentId: string, previousAmount: Money, currentAmount: Money): ErrorOf<'CART_CHANGED'> => ({
    code: 'CART_CHANGED',
    message: 'The cart changed after the payment was initialized. Re-initialize the payment, then place the order.',
    preOrderPaymentId,
    previousAmount,
    currentAmount,
  }),
  methodNotAvailable: (
    paymentMethodName: string,
    paymentProviderName: string,
  ): ErrorOf<'PAYMENT_METHOD_NOT_AVAILABLE'> => ({
    code: 'PAYMENT_METHOD_NOT_AVAILABLE',
    message: 'This payment method is not available for the cart or does not support pre-order payment.',
    paymentMethodName,
    paymentProviderName,
  }),
  providerRejected: (upstream?: UpstreamDetail | null): ErrorOf<'PAYMENT_PROVIDER_REJECTED'> => ({
    code: 'PAYMENT_PROVIDER_REJECTED',
    message: 'The payment provider refused the request.',
    upstream: upstream ?? null,
  }),
  upstreamUnavailable: (
    upstream?: UpstreamDetail | null,
    retryAfter?: number | null,
  ): ErrorOf<'UPSTREAM_UNAVAILABLE'> => ({
    code: 'UPSTREAM_UNAVAILABLE',
    message: 'A backend service is unavailable; nothing was changed. Try again shortly.',
    upstream: upstream ?? null,
    retryAfterSeconds: retryAfter ?? 1,
  }),
  notFound: (): ErrorOf<'PRE_ORDER_PAYMENT_NOT_FOUND'> => ({
    code: 'PRE_ORDER_PAYMENT_NOT_FOUND',
    message: 'Pre-order payment not found.',
  }),
  expired: (preOrderPaymentId: string, expiredAt: string): ErrorOf<'PRE_ORDER_PAYMENT_EXPIRED'> => ({
    code: 'PRE_ORDER_PAYMENT_EXPIRED',
    message: 'The pre-order payment expired. Initialize a new one.',
    preOrderPaymentId,
    expiredAt,
  }),
  canceled: (preOrderPaymentId: string): ErrorOf<'PRE_ORDER_PAYMENT_CANCELED'> => ({
    code: 'PRE_ORDER_PAYMENT_CANCELED',
    message: 'The pre-order payment was canceled.',
    preOrderPaymentId,
  }),
  alreadyPlaced: (preOrderPaymentId: string, orderReference: string): ErrorOf<'ORDER_ALREADY_PLACED'> => ({
    code: 'ORDER_ALREADY_PLACED',
    message: 'The order for this payment was already placed.',
    preOrderPaymentId,
    orderReference,
  }),
  checkoutRejected: (
    upstream: UpstreamDetail | null,
    violations: readonly FieldViolation[],
  ): ErrorOf<'CHECKOUT_REJECTED'> => ({
    code: 'CHECKOUT_REJECTED',
    message: 'The commerce backend refused the order. No order exists; correct the data and try again.',
    upstream,
    violations,
  }),
  outcomeUnknown: (preOrderPaymentId: string, orderReference?: string | null): ErrorOf<'ORDER_OUTCOME_UNKNOWN'> => ({
    code: 'ORDER_OUTCOME_UNKNOWN',
    message:
      'The order request reached the commerce backend but its outcome is unknown. Do not retry; contact support.',
    preOrderPaymentId,
    orderReference: orderReference ?? null,
  }),
  idempotencyConflict: (): ErrorOf<'IDEMPOTENCY_KEY_CONFLICT'> => ({
    code: 'IDEMPOTENCY_KEY_CONFLICT',
    message: 'This idempotency key was used before with a different input.',
  }),
  inProgress: (retryAfter = 1): ErrorOf<'OPERATION_IN_PROGRESS'> => ({
    code: 'OPERATION_IN_PROGRESS',
    message: 'Another request is working on this right now. Try again shortly.',
    retryAfterSeconds: retryAfter,
  }),
  rateLimited: (retryAfter: number): ErrorOf<'RATE_LIMITED'> => ({
    code: 'RATE_LIMITED',
    message: 'Too many attempts. Try again later.',
    retryAfterSeconds: retryAfter,
  }),
} as const;
