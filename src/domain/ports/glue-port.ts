import type { Address, CheckoutInputs, Customer } from '../checkout-inputs.ts';
import type { FieldViolation, UpstreamDetail } from '../errors.ts';
import type { Caller, GatewayCaller } from '../identity.ts';
import type { Money } from '../money.ts';

/** How a storefront renders a method (docs/glue-backend.md §6). */
export type PaymentStrategy = 'EMBEDDED' | 'EXPRESS_CHECKOUT' | 'HOSTED_PAGE' | 'OFFLINE';

export interface PaymentMethodInfo {
  readonly paymentMethodName: string;
  readonly paymentProviderName: string;
  readonly priority: number | null;
  readonly strategy: PaymentStrategy;
  readonly supportsPreOrderPayment: boolean;
  /** checkoutConfiguration.paymentServiceProviderData only. */
  readonly providerConfiguration: Readonly<Record<string, unknown>> | null;
  readonly providerScripts: readonly {
    readonly url: string;
    readonly queryParams: Readonly<Record<string, unknown>> | null;
  }[];
}

export interface CartItem {
  readonly sku: string;
  readonly quantity: number;
  readonly groupKey: string;
  readonly name: string | null;
  /** Unit price to pay in minor units, when Glue reports it. */
  readonly unitPrice: number | null;
}

export interface CartSnapshot {
  readonly cartId: string;
  readonly currency: string;
  readonly priceMode: string | null;
  readonly store: string | null;
  readonly items: readonly CartItem[];
}

/** What `POST /checkout-data?include=carts,payment-methods` computed for a cart and its shipments. */
export interface CheckoutDataSnapshot {
  /** Totals incl. shipping: priceToPay, else grandTotal (docs/money.md). */
  readonly amount: Money;
  readonly priceMode: string | null;
  readonly store: string | null;
  readonly expenses: readonly {
    readonly type: string;
    readonly name: string | null;
    readonly quantity: number;
    readonly unitPrice: number;
  }[];
  readonly paymentMethods: readonly PaymentMethodInfo[];
}

export interface OrderSummary {
  readonly orderReference: string;
  /** Epoch ms, when Glue reports it. */
  readonly createdAt: number | null;
  readonly total: Money | null;
}

/** Failures shared by every Glue call (docs/glue-answers.md, rows "any"). */
export type GlueCommonFailure =
  | { readonly kind: 'authentication-failed'; readonly upstream: UpstreamDetail }
  /** 5xx, timeout, connection refused or reset on a call that changes nothing, or an open breaker. */
  | {
      readonly kind: 'unavailable';
      readonly upstream: UpstreamDetail | null;
      readonly retryAfterSeconds: number | null;
    };

export type CartReadFailure =
  | GlueCommonFailure
  | { readonly kind: 'cart-not-found' }
  | { readonly kind: 'cart-empty' }
  | { readonly kind: 'validation'; readonly violations: readonly FieldViolation[]; readonly upstream: UpstreamDetail }
  /** Any other refusal Glue gave for the read. */
  | { readonly kind: 'rejected'; readonly upstream: UpstreamDetail };

export type CheckoutDataRequest = { readonly cartId: string } & Partial<CheckoutInputs>;

export interface CreatePaymentRequest {
  readonly amount: Money;
  readonly paymentMethodName: string;
  readonly paymentProviderName: string;
  readonly cart: CartSnapshot;
  readonly checkoutData: CheckoutDataSnapshot;
  readonly customer: Customer;
  readonly customerReference: string | null;
  readonly billingAddress: Address;
  readonly shippingAddress: Address | null;
  /** Only on a re-initialization: the stored map. */
  readonly preOrderPaymentData: Readonly<Record<string, unknown>> | null;
}

export type CreatePaymentOutcome =
  | {
      readonly kind: 'created';
      readonly preOrderPaymentData: Readonly<Record<string, unknown>>;
      readonly transactionId: string | null;
    }
  | GlueCommonFailure
  | { readonly kind: 'method-not-found'; readonly upstream: UpstreamDetail }
  | { readonly kind: 'validation'; readonly violations: readonly FieldViolation[]; readonly upstream: UpstreamDetail }
  | { readonly kind: 'provider-rejected'; readonly upstream: UpstreamDetail };

export interface CancelPaymentRequest {
  readonly paymentMethodName: string;
  readonly paymentProviderName: string;
  readonly preOrderPaymentData: Readonly<Record<string, unknown>>;
}

export type CancelPaymentOutcome =
  | { readonly kind: 'canceled' }
  | GlueCommonFailure
  /** A 422 saying the payment is already canceled (INFERRED wording, see the adapter). */
  | { readonly kind: 'already-canceled'; readonly upstream: UpstreamDetail }
  | { readonly kind: 'provider-rejected'; readonly upstream: UpstreamDetail }
  /**
   * Sent, without a clear answer (a 5xx, a timeout or a reset after sending): the provider may have
   * canceled, or may still be canceling (docs/cancel.md item 8). Repeating it is safe.
   */
  | { readonly kind: 'no-answer'; readonly upstream: UpstreamDetail | null };

export interface CheckoutRequest extends CheckoutInputs {
  readonly cartId: string;
  readonly paymentMethodName: string;
  readonly paymentProviderName: string;
  readonly preOrderPaymentData: Readonly<Record<string, unknown>>;
  /** Express-checkout methods confirm the payment after saving the order (a 1102 may name a saved order). */
  readonly expressCheckout: boolean;
}

export type CheckoutOutcome =
  | {
      readonly kind: 'placed';
      readonly orderReference: string;
      readonly redirectUrl: string | null;
      readonly isExternalRedirect: boolean | null;
      /**
       * What the saved order costs (the order Glue includes in its answer); null when Glue did not
       * include it. Items added to the cart after the gateway's last read end up in the order, so
       * it may differ from the payment (docs/place-order.md item 8).
       */
      readonly orderTotal: Money | null;
    }
  | { readonly kind: 'authentication-failed'; readonly upstream: UpstreamDetail }
  /** Nothing reached Glue (connection refused, breaker open): no order can exist. */
  | { readonly kind: 'not-sent'; readonly retryAfterSeconds: number | null }
  /** A definite refusal: no order was saved. */
  | { readonly kind: 'rejected'; readonly upstream: UpstreamDetail; readonly violations: readonly FieldViolation[] }
  | { readonly kind: 'cart-not-found'; readonly upstream: UpstreamDetail }
  /** Evidence that an order was saved but the answer was not a success (1106, 1102 naming an order). */
  | { readonly kind: 'order-may-exist'; readonly orderReference: string | null; readonly upstream: UpstreamDetail }
  /** Glue finished with a 5xx: outcome unclear until the cart and orders are re-read. */
  | { readonly kind: 'server-error'; readonly upstream: UpstreamDetail }
  /** Timeout or reset after the request was sent: Glue may still be working. */
  | { readonly kind: 'no-answer' };

export interface OrderPageRequest {
  readonly offset: number;
  readonly limit: number;
}

export interface OrderPage {
  /** Newest first (INFERRED: Spryker's customer order list, see docs/glue-backend.md §13). */
  readonly orders: readonly OrderSummary[];
  /** Glue offered a next page. */
  readonly hasMore: boolean;
}

export type OrderLookupFailure = GlueCommonFailure | { readonly kind: 'not-found' };

/**
 * Spryker Glue as the use cases see it. Every call carries the caller's own credentials; the
 * adapter maps each Glue answer to these outcomes exactly once (docs/glue-answers.md).
 */
export interface GluePort {
  checkoutData(
    caller: Caller,
    request: CheckoutDataRequest,
  ): Promise<{ ok: true; value: CheckoutDataSnapshot } | { ok: false; error: CartReadFailure }>;
  /** The cart with its items; `fresh` bypasses any per-request cache (re-reads after a write). */
  cart(
    caller: Caller,
    cartId: string,
    options?: { fresh?: boolean },
  ): Promise<{ ok: true; value: CartSnapshot } | { ok: false; error: CartReadFailure }>;
  /** The customerReference of a customer's access token (`GET /customers`). */
  customerReference(caller: Caller): Promise<{ ok: true; value: string } | { ok: false; error: GlueCommonFailure }>;
  createPayment(caller: Caller, request: CreatePaymentRequest): Promise<CreatePaymentOutcome>;
  /** Needs no shopper credentials, so the gateway may cancel on its own (a release). */
  cancelPayment(caller: Caller | GatewayCaller, request: CancelPaymentRequest): Promise<CancelPaymentOutcome>;
  checkout(caller: Caller, request: CheckoutRequest): Promise<CheckoutOutcome>;
  /** One page of a customer's orders (`GET /orders?page[offset]&page[limit]`). */
  listOrders(
    caller: Caller,
    page: OrderPageRequest,
  ): Promise<{ ok: true; value: OrderPage } | { ok: false; error: GlueCommonFailure }>;
  order(
    caller: Caller,
    orderReference: string,
  ): Promise<{ ok: true; value: OrderSummary } | { ok: false; error: OrderLookupFailure }>;
}
