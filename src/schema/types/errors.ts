import type { ErrorCode, ErrorOf, FieldViolation, GatewayError, UpstreamDetail } from '../../domain/errors.ts';
import { isRetryable, retryAfterSeconds } from '../../domain/errors.ts';
import { builder } from '../builder.ts';

const ERROR_CODES: readonly ErrorCode[] = [
  'VALIDATION_FAILED',
  'AUTHENTICATION_FAILED',
  'CART_NOT_FOUND',
  'CART_EMPTY',
  'CART_CHANGED',
  'PAYMENT_METHOD_NOT_AVAILABLE',
  'PAYMENT_PROVIDER_REJECTED',
  'UPSTREAM_UNAVAILABLE',
  'PRE_ORDER_PAYMENT_NOT_FOUND',
  'PRE_ORDER_PAYMENT_EXPIRED',
  'PRE_ORDER_PAYMENT_CANCELED',
  'ORDER_ALREADY_PLACED',
  'CHECKOUT_REJECTED',
  'ORDER_OUTCOME_UNKNOWN',
  'IDEMPOTENCY_KEY_CONFLICT',
  'OPERATION_IN_PROGRESS',
  'RATE_LIMITED',
];

export const ErrorCodeEnum = builder.enumType('ErrorCode', { values: ERROR_CODES });

/** The GraphQL type of each error code: one type per code, as contract.graphql defines them. */
export const ERROR_TYPE_NAMES: Readonly<Record<ErrorCode, string>> = {
  VALIDATION_FAILED: 'ValidationError',
  AUTHENTICATION_FAILED: 'AuthenticationFailedError',
  CART_NOT_FOUND: 'CartNotFoundError',
  CART_EMPTY: 'CartEmptyError',
  CART_CHANGED: 'CartChangedError',
  PAYMENT_METHOD_NOT_AVAILABLE: 'PaymentMethodNotAvailableError',
  PAYMENT_PROVIDER_REJECTED: 'PaymentProviderRejectedError',
  UPSTREAM_UNAVAILABLE: 'UpstreamUnavailableError',
  PRE_ORDER_PAYMENT_NOT_FOUND: 'PreOrderPaymentNotFoundError',
  PRE_ORDER_PAYMENT_EXPIRED: 'PreOrderPaymentExpiredError',
  PRE_ORDER_PAYMENT_CANCELED: 'PreOrderPaymentCanceledError',
  ORDER_ALREADY_PLACED: 'OrderAlreadyPlacedError',
  CHECKOUT_REJECTED: 'CheckoutRejectedError',
  ORDER_OUTCOME_UNKNOWN: 'OrderOutcomeUnknownError',
  IDEMPOTENCY_KEY_CONFLICT: 'IdempotencyKeyConflictError',
  OPERATION_IN_PROGRESS: 'OperationInProgressError',
  RATE_LIMITED: 'RateLimitedError',
};

export const ErrorResultRef = builder.interfaceRef<GatewayError>('ErrorResult').implement({
  description:
    "Every expected failure is returned as data: a member of the operation's result union implementing ErrorResult.",
  resolveType: (error) => ERROR_TYPE_NAMES[error.code],
  fields: (t) => ({
    code: t.field({ type: ErrorCodeEnum, resolve: (error) => error.code }),
    message: t.exposeString('message'),
    retryable: t.boolean({
      description: 'True when the same request may succeed later without any change by the shopper.',
      resolve: (error) => isRetryable(error),
    }),
    retryAfterSeconds: t.int({
      nullable: true,
      description: 'When retryable, how long to wait before retrying.',
      resolve: (error) => retryAfterSeconds(error),
    }),
  }),
});

export const FieldViolationRef = builder.objectRef<FieldViolation>('FieldViolation').implement({
  fields: (t) => ({
    path: t.exposeString('path', {
      description: 'Dotted path of the offending input field, e.g. input.billingAddress.iso2Code',
    }),
    message: t.exposeString('message'),
  }),
});

export const UpstreamDetailRef = builder.objectRef<UpstreamDetail>('UpstreamDetail').implement({
  fields: (t) => ({
    status: t.int({
      nullable: true,
      description: 'HTTP status the upstream answered, if it answered.',
      resolve: (u) => u.status ?? null,
    }),
    code: t.string({
      nullable: true,
      description: "The upstream's own error code (Glue codes such as 1101, 901), if any.",
      resolve: (u) => u.code ?? null,
    }),
    detail: t.string({ nullable: true, resolve: (u) => u.detail ?? null }),
  }),
});

/** An error object type implementing ErrorResult, recognized by its code. */
export function errorRef<C extends ErrorCode>(code: C) {
  return builder.objectRef<ErrorOf<C>>(ERROR_TYPE_NAMES[code]);
}

export function isError<C extends ErrorCode>(code: C) {
  return (value: unknown): boolean =>
    typeof value === 'object' && value !== null && 'code' in value && value.code === code;
}
