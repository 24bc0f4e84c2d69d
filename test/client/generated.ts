/** Internal type. DO NOT USE DIRECTLY. */
type Exact<T extends { [key: string]: unknown }> = { [K in keyof T]: T[K] };
/** Internal type. DO NOT USE DIRECTLY. */
export type Incremental<T> = T | { [P in keyof T]?: P extends ' $fragmentName' | '__typename' ? T[P] : never };
import { type GraphQLClient, type RequestOptions } from 'graphql-request';
import { gql } from 'graphql-tag';
type GraphQLClientRequestHeaders = RequestOptions['requestHeaders'];
export type AddressInput = {
  address1: string;
  /** House number in Spryker's address model; required by Glue. */
  address2: string;
  address3?: string | null | undefined;
  city: string;
  company?: string | null | undefined;
  firstName: string;
  /** ISO 3166-1 alpha-2 */
  iso2Code: string;
  lastName: string;
  phone?: string | null | undefined;
  salutation: string;
  zipCode: string;
};

export type CancelPreOrderPaymentInput = {
  idempotencyKey?: string | null | undefined;
  preOrderPaymentId: string;
};

export type CustomerInput = {
  email: string;
  firstName: string;
  lastName: string;
  salutation: string;
};

export type ErrorCode =
  | 'AUTHENTICATION_FAILED'
  | 'CART_CHANGED'
  | 'CART_EMPTY'
  | 'CART_NOT_FOUND'
  | 'CHECKOUT_REJECTED'
  | 'IDEMPOTENCY_KEY_CONFLICT'
  | 'OPERATION_IN_PROGRESS'
  | 'ORDER_ALREADY_PLACED'
  | 'ORDER_OUTCOME_UNKNOWN'
  | 'PAYMENT_METHOD_NOT_AVAILABLE'
  | 'PAYMENT_PROVIDER_REJECTED'
  | 'PRE_ORDER_PAYMENT_CANCELED'
  | 'PRE_ORDER_PAYMENT_EXPIRED'
  | 'PRE_ORDER_PAYMENT_NOT_FOUND'
  | 'RATE_LIMITED'
  | 'UPSTREAM_UNAVAILABLE'
  | 'VALIDATION_FAILED';

export type InitializePreOrderPaymentInput = {
  billingAddress: AddressInput;
  cartId: string;
  customer: CustomerInput;
  /** Optional, 1-255 characters from U+0021 to U+007E. Same key + same input = same result; same key + other input = IdempotencyKeyConflictError. */
  idempotencyKey?: string | null | undefined;
  paymentMethodName: string;
  paymentProviderName: string;
  /** The shipments the order will have, so that the amount includes shipping costs (empty for carts that ship nothing). */
  shipments: Array<ShipmentInput>;
};

export type PaymentStrategy =
  /** Rendered in the storefront by the provider's widget; supports pre-order payment. */
  | 'EMBEDDED'
  /** Express buttons before address entry; supports pre-order payment. */
  | 'EXPRESS_CHECKOUT'
  /** Order first, then a redirect to the provider's page; no pre-order payment. */
  | 'HOSTED_PAGE'
  /** Not an app payment method (e.g. invoice); no pre-order payment. */
  | 'OFFLINE';

export type PlaceOrderInput = {
  billingAddress?: AddressInput | null | undefined;
  /** Omitted: as given at initialization. Same for billingAddress and shipments. */
  customer?: CustomerInput | null | undefined;
  idempotencyKey?: string | null | undefined;
  preOrderPaymentId: string;
  shipments?: Array<ShipmentInput> | null | undefined;
};

export type PreOrderPaymentEventType =
  | 'CANCELED'
  | 'EXPIRED'
  | 'INITIALIZED'
  | 'ORDER_OUTCOME_UNKNOWN'
  | 'ORDER_PLACED'
  | 'ORDER_PLACEMENT_REJECTED'
  | 'ORDER_PLACEMENT_STARTED'
  | 'REINITIALIZED'
  | 'RELEASE_FAILED';

export type PreOrderPaymentStatus =
  | 'CANCELED'
  /** A cancellation or a release was sent to the payment provider; one without a clear answer stays here and is repeated until the provider answers. */
  | 'CANCELING'
  /** Not completed in time, and released (canceled) at the provider by the gateway. */
  | 'EXPIRED'
  /** Created at the payment provider; the shopper can authorize it in the provider's widget. */
  | 'INITIALIZED'
  /** The order request's outcome is unknown; kept for reconciliation, never released automatically. */
  | 'ORDER_OUTCOME_UNKNOWN'
  | 'ORDER_PLACED'
  /** placeOrder is talking to the commerce backend right now. */
  | 'PLACING_ORDER';

export type ShipmentInput = {
  /** Cart item group keys shipped together; all items when omitted. */
  itemGroupKeys?: Array<string> | null | undefined;
  requestedDeliveryDate?: string | null | undefined;
  shipmentMethodId: number;
  shippingAddress: AddressInput;
};

export type CancelPreOrderPaymentMutationVariables = Exact<{
  input: CancelPreOrderPaymentInput;
}>;


export type CancelPreOrderPaymentMutation = { cancelPreOrderPayment:
    | { __typename: 'AuthenticationFailedError', code: ErrorCode, message: string, retryable: boolean, retryAfterSeconds: number | null }
    | { __typename: 'CancelPreOrderPaymentSuccess', replayed: boolean, preOrderPayment: { id: string, status: PreOrderPaymentStatus, cartId: string, paymentMethodName: string, paymentProviderName: string, transactionId: string | null, preOrderPaymentData: unknown, createdAt: string, updatedAt: string, expiresAt: string, orderReference: string | null, amount: { amount: number, currency: string, decimals: number }, providerData:
          | { __typename: 'GenericPaymentData', genericTransactionId: string | null, entries: Array<{ key: string, value: string | null }> }
          | { __typename: 'PayPalExpressPaymentData', transactionId: string, orderId: string | null, token: string | null, clientId: string | null, merchantId: string | null, currency: string | null }
          | { __typename: 'StripePaymentData', transactionId: string, clientSecret: string, publishableKey: string, accountId: string | null }
        , events: Array<{ type: PreOrderPaymentEventType, at: string, message: string | null }> } }
    | { __typename: 'IdempotencyKeyConflictError', code: ErrorCode, message: string, retryable: boolean, retryAfterSeconds: number | null }
    | { __typename: 'OperationInProgressError', code: ErrorCode, message: string, retryable: boolean, retryAfterSeconds: number | null }
    | { __typename: 'OrderAlreadyPlacedError', preOrderPaymentId: string, orderReference: string, code: ErrorCode, message: string, retryable: boolean, retryAfterSeconds: number | null }
    | { __typename: 'OrderOutcomeUnknownError', preOrderPaymentId: string, code: ErrorCode, message: string, retryable: boolean, retryAfterSeconds: number | null, knownOrderReference: string | null }
    | { __typename: 'PaymentProviderRejectedError', code: ErrorCode, message: string, retryable: boolean, retryAfterSeconds: number | null, upstream: { status: number | null, code: string | null, detail: string | null } | null }
    | { __typename: 'PreOrderPaymentNotFoundError', code: ErrorCode, message: string, retryable: boolean, retryAfterSeconds: number | null }
    | { __typename: 'RateLimitedError', code: ErrorCode, message: string, retryable: boolean, retryAfterSeconds: number | null }
    | { __typename: 'UpstreamUnavailableError', code: ErrorCode, message: string, retryable: boolean, retryAfterSeconds: number | null, upstream: { status: number | null, code: string | null, detail: string | null } | null }
    | { __typename: 'ValidationError', code: ErrorCode, message: string, retryable: boolean, retryAfterSeconds: number | null, violations: Array<{ path: string, message: string }> }
   };

export type MoneyFieldsFragment = { amount: number, currency: string, decimals: number };

export type PreOrderPaymentFieldsFragment = { id: string, status: PreOrderPaymentStatus, cartId: string, paymentMethodName: string, paymentProviderName: string, transactionId: string | null, preOrderPaymentData: unknown, createdAt: string, updatedAt: string, expiresAt: string, orderReference: string | null, amount: { amount: number, currency: string, decimals: number }, providerData:
    | { __typename: 'GenericPaymentData', genericTransactionId: string | null, entries: Array<{ key: string, value: string | null }> }
    | { __typename: 'PayPalExpressPaymentData', transactionId: string, orderId: string | null, token: string | null, clientId: string | null, merchantId: string | null, currency: string | null }
    | { __typename: 'StripePaymentData', transactionId: string, clientSecret: string, publishableKey: string, accountId: string | null }
  , events: Array<{ type: PreOrderPaymentEventType, at: string, message: string | null }> };

type ErrorFields_AuthenticationFailedError_Fragment = { __typename: 'AuthenticationFailedError', code: ErrorCode, message: string, retryable: boolean, retryAfterSeconds: number | null };

type ErrorFields_CartChangedError_Fragment = { __typename: 'CartChangedError', preOrderPaymentId: string, code: ErrorCode, message: string, retryable: boolean, retryAfterSeconds: number | null, previousAmount: { amount: number, currency: string, decimals: number }, currentAmount: { amount: number, currency: string, decimals: number } };

type ErrorFields_CartEmptyError_Fragment = { __typename: 'CartEmptyError', cartId: string, code: ErrorCode, message: string, retryable: boolean, retryAfterSeconds: number | null };

type ErrorFields_CartNotFoundError_Fragment = { __typename: 'CartNotFoundError', cartId: string, code: ErrorCode, message: string, retryable: boolean, retryAfterSeconds: number | null };

type ErrorFields_CheckoutRejectedError_Fragment = { __typename: 'CheckoutRejectedError', code: ErrorCode, message: string, retryable: boolean, retryAfterSeconds: number | null, upstream: { status: number | null, code: string | null, detail: string | null } | null, violations: Array<{ path: string, message: string }> };

type ErrorFields_IdempotencyKeyConflictError_Fragment = { __typename: 'IdempotencyKeyConflictError', code: ErrorCode, message: string, retryable: boolean, retryAfterSeconds: number | null };

type ErrorFields_OperationInProgressError_Fragment = { __typename: 'OperationInProgressError', code: ErrorCode, message: string, retryable: boolean, retryAfterSeconds: number | null };

type ErrorFields_OrderAlreadyPlacedError_Fragment = { __typename: 'OrderAlreadyPlacedError', preOrderPaymentId: string, orderReference: string, code: ErrorCode, message: string, retryable: boolean, retryAfterSeconds: number | null };

type ErrorFields_OrderOutcomeUnknownError_Fragment = { __typename: 'OrderOutcomeUnknownError', preOrderPaymentId: string, code: ErrorCode, message: string, retryable: boolean, retryAfterSeconds: number | null, knownOrderReference: string | null };

type ErrorFields_PaymentMethodNotAvailableError_Fragment = { __typename: 'PaymentMethodNotAvailableError', paymentMethodName: string, paymentProviderName: string, code: ErrorCode, message: string, retryable: boolean, retryAfterSeconds: number | null };

type ErrorFields_PaymentProviderRejectedError_Fragment = { __typename: 'PaymentProviderRejectedError', code: ErrorCode, message: string, retryable: boolean, retryAfterSeconds: number | null, upstream: { status: number | null, code: string | null, detail: string | null } | null };

type ErrorFields_PreOrderPaymentCanceledError_Fragment = { __typename: 'PreOrderPaymentCanceledError', preOrderPaymentId: string, code: ErrorCode, message: string, retryable: boolean, retryAfterSeconds: number | null };

type ErrorFields_PreOrderPaymentExpiredError_Fragment = { __typename: 'PreOrderPaymentExpiredError', preOrderPaymentId: string, expiredAt: string, code: ErrorCode, message: string, retryable: boolean, retryAfterSeconds: number | null };

type ErrorFields_PreOrderPaymentNotFoundError_Fragment = { __typename: 'PreOrderPaymentNotFoundError', code: ErrorCode, message: string, retryable: boolean, retryAfterSeconds: number | null };

type ErrorFields_RateLimitedError_Fragment = { __typename: 'RateLimitedError', code: ErrorCode, message: string, retryable: boolean, retryAfterSeconds: number | null };

type ErrorFields_UpstreamUnavailableError_Fragment = { __typename: 'UpstreamUnavailableError', code: ErrorCode, message: string, retryable: boolean, retryAfterSeconds: number | null, upstream: { status: number | null, code: string | null, detail: string | null } | null };

type ErrorFields_ValidationError_Fragment = { __typename: 'ValidationError', code: ErrorCode, message: string, retryable: boolean, retryAfterSeconds: number | null, violations: Array<{ path: string, message: string }> };

export type ErrorFieldsFragment =
  | ErrorFields_AuthenticationFailedError_Fragment
  | ErrorFields_CartChangedError_Fragment
  | ErrorFields_CartEmptyError_Fragment
  | ErrorFields_CartNotFoundError_Fragment
  | ErrorFields_CheckoutRejectedError_Fragment
  | ErrorFields_IdempotencyKeyConflictError_Fragment
  | ErrorFields_OperationInProgressError_Fragment
  | ErrorFields_OrderAlreadyPlacedError_Fragment
  | ErrorFields_OrderOutcomeUnknownError_Fragment
  | ErrorFields_PaymentMethodNotAvailableError_Fragment
  | ErrorFields_PaymentProviderRejectedError_Fragment
  | ErrorFields_PreOrderPaymentCanceledError_Fragment
  | ErrorFields_PreOrderPaymentExpiredError_Fragment
  | ErrorFields_PreOrderPaymentNotFoundError_Fragment
  | ErrorFields_RateLimitedError_Fragment
  | ErrorFields_UpstreamUnavailableError_Fragment
  | ErrorFields_ValidationError_Fragment
;

export type InitializePreOrderPaymentMutationVariables = Exact<{
  input: InitializePreOrderPaymentInput;
}>;


export type InitializePreOrderPaymentMutation = { initializePreOrderPayment:
    | { __typename: 'AuthenticationFailedError', code: ErrorCode, message: string, retryable: boolean, retryAfterSeconds: number | null }
    | { __typename: 'CartEmptyError', cartId: string, code: ErrorCode, message: string, retryable: boolean, retryAfterSeconds: number | null }
    | { __typename: 'CartNotFoundError', cartId: string, code: ErrorCode, message: string, retryable: boolean, retryAfterSeconds: number | null }
    | { __typename: 'IdempotencyKeyConflictError', code: ErrorCode, message: string, retryable: boolean, retryAfterSeconds: number | null }
    | { __typename: 'InitializePreOrderPaymentSuccess', replayed: boolean, preOrderPayment: { id: string, status: PreOrderPaymentStatus, cartId: string, paymentMethodName: string, paymentProviderName: string, transactionId: string | null, preOrderPaymentData: unknown, createdAt: string, updatedAt: string, expiresAt: string, orderReference: string | null, amount: { amount: number, currency: string, decimals: number }, providerData:
          | { __typename: 'GenericPaymentData', genericTransactionId: string | null, entries: Array<{ key: string, value: string | null }> }
          | { __typename: 'PayPalExpressPaymentData', transactionId: string, orderId: string | null, token: string | null, clientId: string | null, merchantId: string | null, currency: string | null }
          | { __typename: 'StripePaymentData', transactionId: string, clientSecret: string, publishableKey: string, accountId: string | null }
        , events: Array<{ type: PreOrderPaymentEventType, at: string, message: string | null }> } }
    | { __typename: 'OperationInProgressError', code: ErrorCode, message: string, retryable: boolean, retryAfterSeconds: number | null }
    | { __typename: 'OrderAlreadyPlacedError', preOrderPaymentId: string, orderReference: string, code: ErrorCode, message: string, retryable: boolean, retryAfterSeconds: number | null }
    | { __typename: 'OrderOutcomeUnknownError', preOrderPaymentId: string, code: ErrorCode, message: string, retryable: boolean, retryAfterSeconds: number | null, knownOrderReference: string | null }
    | { __typename: 'PaymentMethodNotAvailableError', paymentMethodName: string, paymentProviderName: string, code: ErrorCode, message: string, retryable: boolean, retryAfterSeconds: number | null }
    | { __typename: 'PaymentProviderRejectedError', code: ErrorCode, message: string, retryable: boolean, retryAfterSeconds: number | null, upstream: { status: number | null, code: string | null, detail: string | null } | null }
    | { __typename: 'RateLimitedError', code: ErrorCode, message: string, retryable: boolean, retryAfterSeconds: number | null }
    | { __typename: 'UpstreamUnavailableError', code: ErrorCode, message: string, retryable: boolean, retryAfterSeconds: number | null, upstream: { status: number | null, code: string | null, detail: string | null } | null }
    | { __typename: 'ValidationError', code: ErrorCode, message: string, retryable: boolean, retryAfterSeconds: number | null, violations: Array<{ path: string, message: string }> }
   };

export type PaymentMethodsQueryVariables = Exact<{
  cartId: string;
}>;


export type PaymentMethodsQuery = { paymentMethods:
    | { __typename: 'AuthenticationFailedError', code: ErrorCode, message: string, retryable: boolean, retryAfterSeconds: number | null }
    | { __typename: 'CartNotFoundError', cartId: string, code: ErrorCode, message: string, retryable: boolean, retryAfterSeconds: number | null }
    | { __typename: 'PaymentMethodList', cartId: string, methods: Array<{ paymentMethodName: string, paymentProviderName: string, priority: number | null, strategy: PaymentStrategy, supportsPreOrderPayment: boolean, providerConfiguration: unknown, providerScripts: Array<{ url: string, queryParams: unknown }> }> }
    | { __typename: 'UpstreamUnavailableError', code: ErrorCode, message: string, retryable: boolean, retryAfterSeconds: number | null, upstream: { status: number | null, code: string | null, detail: string | null } | null }
   };

export type PlaceOrderMutationVariables = Exact<{
  input: PlaceOrderInput;
}>;


export type PlaceOrderMutation = { placeOrder:
    | { __typename: 'AuthenticationFailedError', code: ErrorCode, message: string, retryable: boolean, retryAfterSeconds: number | null }
    | { __typename: 'CartChangedError', preOrderPaymentId: string, code: ErrorCode, message: string, retryable: boolean, retryAfterSeconds: number | null, previousAmount: { amount: number, currency: string, decimals: number }, currentAmount: { amount: number, currency: string, decimals: number } }
    | { __typename: 'CartNotFoundError', cartId: string, code: ErrorCode, message: string, retryable: boolean, retryAfterSeconds: number | null }
    | { __typename: 'CheckoutRejectedError', code: ErrorCode, message: string, retryable: boolean, retryAfterSeconds: number | null, upstream: { status: number | null, code: string | null, detail: string | null } | null, violations: Array<{ path: string, message: string }> }
    | { __typename: 'IdempotencyKeyConflictError', code: ErrorCode, message: string, retryable: boolean, retryAfterSeconds: number | null }
    | { __typename: 'OperationInProgressError', code: ErrorCode, message: string, retryable: boolean, retryAfterSeconds: number | null }
    | { __typename: 'OrderOutcomeUnknownError', preOrderPaymentId: string, code: ErrorCode, message: string, retryable: boolean, retryAfterSeconds: number | null, knownOrderReference: string | null }
    | { __typename: 'PlaceOrderSuccess', replayed: boolean, paymentMatchesOrder: boolean, orderTotal: { amount: number, currency: string, decimals: number } | null, order: { orderReference: string, redirectUrl: string | null, isExternalRedirect: boolean | null }, preOrderPayment: { id: string, status: PreOrderPaymentStatus, cartId: string, paymentMethodName: string, paymentProviderName: string, transactionId: string | null, preOrderPaymentData: unknown, createdAt: string, updatedAt: string, expiresAt: string, orderReference: string | null, amount: { amount: number, currency: string, decimals: number }, providerData:
          | { __typename: 'GenericPaymentData', genericTransactionId: string | null, entries: Array<{ key: string, value: string | null }> }
          | { __typename: 'PayPalExpressPaymentData', transactionId: string, orderId: string | null, token: string | null, clientId: string | null, merchantId: string | null, currency: string | null }
          | { __typename: 'StripePaymentData', transactionId: string, clientSecret: string, publishableKey: string, accountId: string | null }
        , events: Array<{ type: PreOrderPaymentEventType, at: string, message: string | null }> } }
    | { __typename: 'PreOrderPaymentCanceledError', preOrderPaymentId: string, code: ErrorCode, message: string, retryable: boolean, retryAfterSeconds: number | null }
    | { __typename: 'PreOrderPaymentExpiredError', preOrderPaymentId: string, expiredAt: string, code: ErrorCode, message: string, retryable: boolean, retryAfterSeconds: number | null }
    | { __typename: 'PreOrderPaymentNotFoundError', code: ErrorCode, message: string, retryable: boolean, retryAfterSeconds: number | null }
    | { __typename: 'RateLimitedError', code: ErrorCode, message: string, retryable: boolean, retryAfterSeconds: number | null }
    | { __typename: 'UpstreamUnavailableError', code: ErrorCode, message: string, retryable: boolean, retryAfterSeconds: number | null, upstream: { status: number | null, code: string | null, detail: string | null } | null }
    | { __typename: 'ValidationError', code: ErrorCode, message: string, retryable: boolean, retryAfterSeconds: number | null, violations: Array<{ path: string, message: string }> }
   };

export type PreOrderPaymentUpdatedSubscriptionVariables = Exact<{
  id: string;
}>;


export type PreOrderPaymentUpdatedSubscription = { preOrderPaymentUpdated: { id: string, status: PreOrderPaymentStatus, cartId: string, paymentMethodName: string, paymentProviderName: string, transactionId: string | null, preOrderPaymentData: unknown, createdAt: string, updatedAt: string, expiresAt: string, orderReference: string | null, amount: { amount: number, currency: string, decimals: number }, providerData:
      | { __typename: 'GenericPaymentData', genericTransactionId: string | null, entries: Array<{ key: string, value: string | null }> }
      | { __typename: 'PayPalExpressPaymentData', transactionId: string, orderId: string | null, token: string | null, clientId: string | null, merchantId: string | null, currency: string | null }
      | { __typename: 'StripePaymentData', transactionId: string, clientSecret: string, publishableKey: string, accountId: string | null }
    , events: Array<{ type: PreOrderPaymentEventType, at: string, message: string | null }> } };

export type PreOrderPaymentQueryVariables = Exact<{
  id: string;
}>;


export type PreOrderPaymentQuery = { preOrderPayment: { id: string, status: PreOrderPaymentStatus, cartId: string, paymentMethodName: string, paymentProviderName: string, transactionId: string | null, preOrderPaymentData: unknown, createdAt: string, updatedAt: string, expiresAt: string, orderReference: string | null, amount: { amount: number, currency: string, decimals: number }, providerData:
      | { __typename: 'GenericPaymentData', genericTransactionId: string | null, entries: Array<{ key: string, value: string | null }> }
      | { __typename: 'PayPalExpressPaymentData', transactionId: string, orderId: string | null, token: string | null, clientId: string | null, merchantId: string | null, currency: string | null }
      | { __typename: 'StripePaymentData', transactionId: string, clientSecret: string, publishableKey: string, accountId: string | null }
    , events: Array<{ type: PreOrderPaymentEventType, at: string, message: string | null }> } | null };

export type ActivePreOrderPaymentQueryVariables = Exact<{
  cartId: string;
}>;


export type ActivePreOrderPaymentQuery = { activePreOrderPayment: { id: string, status: PreOrderPaymentStatus, cartId: string, paymentMethodName: string, paymentProviderName: string, transactionId: string | null, preOrderPaymentData: unknown, createdAt: string, updatedAt: string, expiresAt: string, orderReference: string | null, amount: { amount: number, currency: string, decimals: number }, providerData:
      | { __typename: 'GenericPaymentData', genericTransactionId: string | null, entries: Array<{ key: string, value: string | null }> }
      | { __typename: 'PayPalExpressPaymentData', transactionId: string, orderId: string | null, token: string | null, clientId: string | null, merchantId: string | null, currency: string | null }
      | { __typename: 'StripePaymentData', transactionId: string, clientSecret: string, publishableKey: string, accountId: string | null }
    , events: Array<{ type: PreOrderPaymentEventType, at: string, message: string | null }> } | null };

export const MoneyFieldsFragmentDoc = gql`
    fragment MoneyFields on Money {
  amount
  currency
  decimals
}
    `;
export const PreOrderPaymentFieldsFragmentDoc = gql`
    fragment PreOrderPaymentFields on PreOrderPayment {
  id
  status
  cartId
  amount {
    ...MoneyFields
  }
  paymentMethodName
  paymentProviderName
  transactionId
  providerData {
    __typename
    ... on StripePaymentData {
      transactionId
      clientSecret
      publishableKey
      accountId
    }
    ... on PayPalExpressPaymentData {
      transactionId
      orderId
      token
      clientId
      merchantId
      currency
    }
    ... on GenericPaymentData {
      genericTransactionId: transactionId
      entries {
        key
        value
      }
    }
  }
  preOrderPaymentData
  createdAt
  updatedAt
  expiresAt
  orderReference
  events {
    type
    at
    message
  }
}
    ${MoneyFieldsFragmentDoc}`;
export const ErrorFieldsFragmentDoc = gql`
    fragment ErrorFields on ErrorResult {
  __typename
  code
  message
  retryable
  retryAfterSeconds
  ... on ValidationError {
    violations {
      path
      message
    }
  }
  ... on CartNotFoundError {
    cartId
  }
  ... on CartEmptyError {
    cartId
  }
  ... on CartChangedError {
    preOrderPaymentId
    previousAmount {
      ...MoneyFields
    }
    currentAmount {
      ...MoneyFields
    }
  }
  ... on PaymentMethodNotAvailableError {
    paymentMethodName
    paymentProviderName
  }
  ... on PaymentProviderRejectedError {
    upstream {
      status
      code
      detail
    }
  }
  ... on UpstreamUnavailableError {
    upstream {
      status
      code
      detail
    }
  }
  ... on PreOrderPaymentExpiredError {
    preOrderPaymentId
    expiredAt
  }
  ... on PreOrderPaymentCanceledError {
    preOrderPaymentId
  }
  ... on OrderAlreadyPlacedError {
    preOrderPaymentId
    orderReference
  }
  ... on CheckoutRejectedError {
    upstream {
      status
      code
      detail
    }
    violations {
      path
      message
    }
  }
  ... on OrderOutcomeUnknownError {
    preOrderPaymentId
    knownOrderReference: orderReference
  }
}
    ${MoneyFieldsFragmentDoc}`;
export const CancelPreOrderPaymentDocument = gql`
    mutation CancelPreOrderPayment($input: CancelPreOrderPaymentInput!) {
  cancelPreOrderPayment(input: $input) {
    __typename
    ... on CancelPreOrderPaymentSuccess {
      replayed
      preOrderPayment {
        ...PreOrderPaymentFields
      }
    }
    ...ErrorFields
  }
}
    ${PreOrderPaymentFieldsFragmentDoc}
${ErrorFieldsFragmentDoc}`;
export const InitializePreOrderPaymentDocument = gql`
    mutation InitializePreOrderPayment($input: InitializePreOrderPaymentInput!) {
  initializePreOrderPayment(input: $input) {
    __typename
    ... on InitializePreOrderPaymentSuccess {
      replayed
      preOrderPayment {
        ...PreOrderPaymentFields
      }
    }
    ...ErrorFields
  }
}
    ${PreOrderPaymentFieldsFragmentDoc}
${ErrorFieldsFragmentDoc}`;
export const PaymentMethodsDocument = gql`
    query PaymentMethods($cartId: ID!) {
  paymentMethods(cartId: $cartId) {
    __typename
    ... on PaymentMethodList {
      cartId
      methods {
        paymentMethodName
        paymentProviderName
        priority
        strategy
        supportsPreOrderPayment
        providerConfiguration
        providerScripts {
          url
          queryParams
        }
      }
    }
    ...ErrorFields
  }
}
    ${ErrorFieldsFragmentDoc}`;
export const PlaceOrderDocument = gql`
    mutation PlaceOrder($input: PlaceOrderInput!) {
  placeOrder(input: $input) {
    __typename
    ... on PlaceOrderSuccess {
      replayed
      paymentMatchesOrder
      orderTotal {
        ...MoneyFields
      }
      order {
        orderReference
        redirectUrl
        isExternalRedirect
      }
      preOrderPayment {
        ...PreOrderPaymentFields
      }
    }
    ...ErrorFields
  }
}
    ${MoneyFieldsFragmentDoc}
${PreOrderPaymentFieldsFragmentDoc}
${ErrorFieldsFragmentDoc}`;
export const PreOrderPaymentUpdatedDocument = gql`
    subscription PreOrderPaymentUpdated($id: ID!) {
  preOrderPaymentUpdated(id: $id) {
    ...PreOrderPaymentFields
  }
}
    ${PreOrderPaymentFieldsFragmentDoc}`;
export const PreOrderPaymentDocument = gql`
    query PreOrderPayment($id: ID!) {
  preOrderPayment(id: $id) {
    ...PreOrderPaymentFields
  }
}
    ${PreOrderPaymentFieldsFragmentDoc}`;
export const ActivePreOrderPaymentDocument = gql`
    query ActivePreOrderPayment($cartId: ID!) {
  activePreOrderPayment(cartId: $cartId) {
    ...PreOrderPaymentFields
  }
}
    ${PreOrderPaymentFieldsFragmentDoc}`;

export type SdkFunctionWrapper = <T>(action: (requestHeaders?:Record<string, string>) => Promise<T>, operationName: string, operationType?: string, variables?: any) => Promise<T>;


const defaultWrapper: SdkFunctionWrapper = (action, _operationName, _operationType, _variables) => action();

export function getSdk(client: GraphQLClient, withWrapper: SdkFunctionWrapper = defaultWrapper) {
  return {
    CancelPreOrderPayment(variables: CancelPreOrderPaymentMutationVariables, requestHeaders?: GraphQLClientRequestHeaders, signal?: RequestInit['signal']): Promise<CancelPreOrderPaymentMutation> {
      return withWrapper((wrappedRequestHeaders) => client.request<CancelPreOrderPaymentMutation>({ document: CancelPreOrderPaymentDocument, variables, requestHeaders: { ...requestHeaders, ...wrappedRequestHeaders }, signal }), 'CancelPreOrderPayment', 'mutation', variables);
    },
    InitializePreOrderPayment(variables: InitializePreOrderPaymentMutationVariables, requestHeaders?: GraphQLClientRequestHeaders, signal?: RequestInit['signal']): Promise<InitializePreOrderPaymentMutation> {
      return withWrapper((wrappedRequestHeaders) => client.request<InitializePreOrderPaymentMutation>({ document: InitializePreOrderPaymentDocument, variables, requestHeaders: { ...requestHeaders, ...wrappedRequestHeaders }, signal }), 'InitializePreOrderPayment', 'mutation', variables);
    },
    PaymentMethods(variables: PaymentMethodsQueryVariables, requestHeaders?: GraphQLClientRequestHeaders, signal?: RequestInit['signal']): Promise<PaymentMethodsQuery> {
      return withWrapper((wrappedRequestHeaders) => client.request<PaymentMethodsQuery>({ document: PaymentMethodsDocument, variables, requestHeaders: { ...requestHeaders, ...wrappedRequestHeaders }, signal }), 'PaymentMethods', 'query', variables);
    },
    PlaceOrder(variables: PlaceOrderMutationVariables, requestHeaders?: GraphQLClientRequestHeaders, signal?: RequestInit['signal']): Promise<PlaceOrderMutation> {
      return withWrapper((wrappedRequestHeaders) => client.request<PlaceOrderMutation>({ document: PlaceOrderDocument, variables, requestHeaders: { ...requestHeaders, ...wrappedRequestHeaders }, signal }), 'PlaceOrder', 'mutation', variables);
    },
    PreOrderPaymentUpdated(variables: PreOrderPaymentUpdatedSubscriptionVariables, requestHeaders?: GraphQLClientRequestHeaders, signal?: RequestInit['signal']): Promise<PreOrderPaymentUpdatedSubscription> {
      return withWrapper((wrappedRequestHeaders) => client.request<PreOrderPaymentUpdatedSubscription>({ document: PreOrderPaymentUpdatedDocument, variables, requestHeaders: { ...requestHeaders, ...wrappedRequestHeaders }, signal }), 'PreOrderPaymentUpdated', 'subscription', variables);
    },
    PreOrderPayment(variables: PreOrderPaymentQueryVariables, requestHeaders?: GraphQLClientRequestHeaders, signal?: RequestInit['signal']): Promise<PreOrderPaymentQuery> {
      return withWrapper((wrappedRequestHeaders) => client.request<PreOrderPaymentQuery>({ document: PreOrderPaymentDocument, variables, requestHeaders: { ...requestHeaders, ...wrappedRequestHeaders }, signal }), 'PreOrderPayment', 'query', variables);
    },
    ActivePreOrderPayment(variables: ActivePreOrderPaymentQueryVariables, requestHeaders?: GraphQLClientRequestHeaders, signal?: RequestInit['signal']): Promise<ActivePreOrderPaymentQuery> {
      return withWrapper((wrappedRequestHeaders) => client.request<ActivePreOrderPaymentQuery>({ document: ActivePreOrderPaymentDocument, variables, requestHeaders: { ...requestHeaders, ...wrappedRequestHeaders }, signal }), 'ActivePreOrderPayment', 'query', variables);
    }
  };
}
export type Sdk = ReturnType<typeof getSdk>;