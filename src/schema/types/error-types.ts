import { ErrorResultRef, errorRef, FieldViolationRef, isError, UpstreamDetailRef } from './errors.ts';
import { MoneyRef } from './money.ts';

/** The contract's error types (contract.graphql), each with its recovery fields. */
export const ValidationErrorRef = errorRef('VALIDATION_FAILED').implement({
  interfaces: [ErrorResultRef],
  isTypeOf: isError('VALIDATION_FAILED'),
  fields: (t) => ({ violations: t.field({ type: [FieldViolationRef], resolve: (e) => e.violations }) }),
});

export const AuthenticationFailedErrorRef = errorRef('AUTHENTICATION_FAILED').implement({
  interfaces: [ErrorResultRef],
  isTypeOf: isError('AUTHENTICATION_FAILED'),
  fields: () => ({}),
});

export const CartNotFoundErrorRef = errorRef('CART_NOT_FOUND').implement({
  interfaces: [ErrorResultRef],
  isTypeOf: isError('CART_NOT_FOUND'),
  fields: (t) => ({ cartId: t.exposeID('cartId') }),
});

export const CartEmptyErrorRef = errorRef('CART_EMPTY').implement({
  interfaces: [ErrorResultRef],
  isTypeOf: isError('CART_EMPTY'),
  fields: (t) => ({ cartId: t.exposeID('cartId') }),
});

export const CartChangedErrorRef = errorRef('CART_CHANGED').implement({
  description:
    "The cart's amount, currency or items changed after the payment was initialized. Re-initialize, then place the order.",
  interfaces: [ErrorResultRef],
  isTypeOf: isError('CART_CHANGED'),
  fields: (t) => ({
    preOrderPaymentId: t.exposeID('preOrderPaymentId'),
    previousAmount: t.field({ type: MoneyRef, resolve: (e) => e.previousAmount }),
    currentAmount: t.field({ type: MoneyRef, resolve: (e) => e.currentAmount }),
  }),
});

export const PaymentMethodNotAvailableErrorRef = errorRef('PAYMENT_METHOD_NOT_AVAILABLE').implement({
  interfaces: [ErrorResultRef],
  isTypeOf: isError('PAYMENT_METHOD_NOT_AVAILABLE'),
  fields: (t) => ({
    paymentMethodName: t.exposeString('paymentMethodName'),
    paymentProviderName: t.exposeString('paymentProviderName'),
  }),
});

export const PaymentProviderRejectedErrorRef = errorRef('PAYMENT_PROVIDER_REJECTED').implement({
  description: 'The commerce backend or the payment provider answered, and said no.',
  interfaces: [ErrorResultRef],
  isTypeOf: isError('PAYMENT_PROVIDER_REJECTED'),
  fields: (t) => ({
    upstream: t.field({ type: UpstreamDetailRef, nullable: true, resolve: (e) => e.upstream ?? null }),
  }),
});

export const UpstreamUnavailableErrorRef = errorRef('UPSTREAM_UNAVAILABLE').implement({
  description:
    'The commerce backend, the payment provider or the session store could not be reached or failed; nothing was changed.',
  interfaces: [ErrorResultRef],
  isTypeOf: isError('UPSTREAM_UNAVAILABLE'),
  fields: (t) => ({
    upstream: t.field({ type: UpstreamDetailRef, nullable: true, resolve: (e) => e.upstream ?? null }),
  }),
});

export const PreOrderPaymentNotFoundErrorRef = errorRef('PRE_ORDER_PAYMENT_NOT_FOUND').implement({
  description:
    'Unknown id, or a pre-order payment that belongs to someone else (the two are indistinguishable on purpose).',
  interfaces: [ErrorResultRef],
  isTypeOf: isError('PRE_ORDER_PAYMENT_NOT_FOUND'),
  fields: () => ({}),
});

export const PreOrderPaymentExpiredErrorRef = errorRef('PRE_ORDER_PAYMENT_EXPIRED').implement({
  interfaces: [ErrorResultRef],
  isTypeOf: isError('PRE_ORDER_PAYMENT_EXPIRED'),
  fields: (t) => ({
    preOrderPaymentId: t.exposeID('preOrderPaymentId'),
    expiredAt: t.field({ type: 'DateTime', resolve: (e) => e.expiredAt }),
  }),
});

export const PreOrderPaymentCanceledErrorRef = errorRef('PRE_ORDER_PAYMENT_CANCELED').implement({
  interfaces: [ErrorResultRef],
  isTypeOf: isError('PRE_ORDER_PAYMENT_CANCELED'),
  fields: (t) => ({ preOrderPaymentId: t.exposeID('preOrderPaymentId') }),
});

export const OrderAlreadyPlacedErrorRef = errorRef('ORDER_ALREADY_PLACED').implement({
  interfaces: [ErrorResultRef],
  isTypeOf: isError('ORDER_ALREADY_PLACED'),
  fields: (t) => ({
    preOrderPaymentId: t.exposeID('preOrderPaymentId'),
    orderReference: t.exposeString('orderReference'),
  }),
});

export const CheckoutRejectedErrorRef = errorRef('CHECKOUT_REJECTED').implement({
  description:
    'The commerce backend refused the order (checkout data invalid, cart empty, ...). No order exists; the pre-order payment is still valid.',
  interfaces: [ErrorResultRef],
  isTypeOf: isError('CHECKOUT_REJECTED'),
  fields: (t) => ({
    upstream: t.field({ type: UpstreamDetailRef, nullable: true, resolve: (e) => e.upstream ?? null }),
    violations: t.field({
      type: [FieldViolationRef],
      description: "Glue's field-level validation messages (code 901), mapped to input paths where possible.",
      resolve: (e) => e.violations,
    }),
  }),
});

export const OrderOutcomeUnknownErrorRef = errorRef('ORDER_OUTCOME_UNKNOWN').implement({
  description:
    'The order request reached the commerce backend but its outcome could not be established. Do not retry; the payment is kept, not released.',
  interfaces: [ErrorResultRef],
  isTypeOf: isError('ORDER_OUTCOME_UNKNOWN'),
  fields: (t) => ({
    preOrderPaymentId: t.exposeID('preOrderPaymentId'),
    orderReference: t.string({
      nullable: true,
      description: 'Set when Glue named the order (it was saved, but its payment confirmation failed).',
      resolve: (e) => e.orderReference ?? null,
    }),
  }),
});

export const IdempotencyKeyConflictErrorRef = errorRef('IDEMPOTENCY_KEY_CONFLICT').implement({
  description: 'The idempotency key was used before with a different input.',
  interfaces: [ErrorResultRef],
  isTypeOf: isError('IDEMPOTENCY_KEY_CONFLICT'),
  fields: () => ({}),
});

export const OperationInProgressErrorRef = errorRef('OPERATION_IN_PROGRESS').implement({
  description: 'Another request is working on the same pre-order payment or idempotency key right now.',
  interfaces: [ErrorResultRef],
  isTypeOf: isError('OPERATION_IN_PROGRESS'),
  fields: () => ({}),
});

export const RateLimitedErrorRef = errorRef('RATE_LIMITED').implement({
  interfaces: [ErrorResultRef],
  isTypeOf: isError('RATE_LIMITED'),
  fields: () => ({}),
});

/** Each error code's GraphQL type, so a result union is declared by its codes alone. */
export const ERROR_REFS = {
  VALIDATION_FAILED: ValidationErrorRef,
  AUTHENTICATION_FAILED: AuthenticationFailedErrorRef,
  CART_NOT_FOUND: CartNotFoundErrorRef,
  CART_EMPTY: CartEmptyErrorRef,
  CART_CHANGED: CartChangedErrorRef,
  PAYMENT_METHOD_NOT_AVAILABLE: PaymentMethodNotAvailableErrorRef,
  PAYMENT_PROVIDER_REJECTED: PaymentProviderRejectedErrorRef,
  UPSTREAM_UNAVAILABLE: UpstreamUnavailableErrorRef,
  PRE_ORDER_PAYMENT_NOT_FOUND: PreOrderPaymentNotFoundErrorRef,
  PRE_ORDER_PAYMENT_EXPIRED: PreOrderPaymentExpiredErrorRef,
  PRE_ORDER_PAYMENT_CANCELED: PreOrderPaymentCanceledErrorRef,
  ORDER_ALREADY_PLACED: OrderAlreadyPlacedErrorRef,
  CHECKOUT_REJECTED: CheckoutRejectedErrorRef,
  ORDER_OUTCOME_UNKNOWN: OrderOutcomeUnknownErrorRef,
  IDEMPOTENCY_KEY_CONFLICT: IdempotencyKeyConflictErrorRef,
  OPERATION_IN_PROGRESS: OperationInProgressErrorRef,
  RATE_LIMITED: RateLimitedErrorRef,
} as const;
