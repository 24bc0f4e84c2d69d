/**
 * The sandbox's in-memory model: what a Spryker shop (Zed + Glue) and an ACP payment app would
 * persist for the headless pre-order payment flow. Amounts are integers in minor units (cents).
 */

export interface Product {
  readonly sku: string;
  readonly abstractSku: string;
  readonly name: string;
  /** Gross unit price in EUR cents (the shop runs in GROSS_MODE). */
  readonly unitGrossPrice: number;
  /** Percent, e.g. 19 for German VAT. */
  readonly taxRate: number;
}

export interface Customer {
  readonly customerReference: string;
  readonly idCustomer: number;
  readonly email: string;
  readonly password: string;
  readonly firstName: string;
  readonly lastName: string;
  readonly salutation: string;
}

export interface AccessTokenRecord {
  readonly accessToken: string;
  readonly refreshToken: string;
  readonly customerReference: string;
  /** Epoch seconds, the JWT `exp`. */
  readonly expiresAt: number;
}

export type CartOwner =
  | { readonly kind: 'customer'; readonly customerReference: string }
  | { readonly kind: 'guest'; readonly anonymousId: string };

export interface CartLine {
  readonly sku: string;
  quantity: number;
}

export interface Cart {
  readonly id: string;
  readonly owner: CartOwner;
  name: string;
  items: CartLine[];
  readonly currency: string;
  readonly priceMode: string;
  readonly store: string;
  readonly createdAt: number;
}

export interface ShipmentMethod {
  readonly id: number;
  readonly name: string;
  readonly carrierName: string;
  /** Gross price in cents. */
  readonly price: number;
  readonly taxRate: number;
}

export interface AppEndpoint {
  readonly name: string;
  readonly path: string;
}

export interface AppConfiguration {
  readonly baseUrl: string;
  readonly endpoints: readonly AppEndpoint[];
  readonly checkoutConfiguration: {
    readonly strategy?: string;
    readonly scripts: readonly { readonly url: string; readonly queryParams: Readonly<Record<string, string>> }[];
    readonly paymentServiceProviderData: Readonly<Record<string, unknown>>;
  };
}

/** Which simulated PSP answers for an app method. */
export type PspKind = 'stripe' | 'payone-paypal';

export interface PaymentMethod {
  readonly idPaymentMethod: number;
  readonly paymentMethodName: string;
  readonly paymentProviderName: string;
  readonly priority: number;
  /** null for offline methods (Invoice): they have no app and no pre-order payment. */
  readonly appConfiguration: AppConfiguration | null;
  readonly psp: PspKind | null;
}

export type TransactionStatus = 'new' | 'canceled' | 'authorized';

export interface Transaction {
  transactionId: string;
  readonly methodKey: string;
  amount: number;
  readonly currency: string;
  status: TransactionStatus;
  /** The cart (quote uuid) the payment was initialized for, when the quote named one. */
  readonly cartId: string | null;
  readonly quote: unknown;
  preOrderPaymentData: Record<string, string>;
  orderReference: string | null;
  /** Whether the shopper confirmed the payment in the provider's widget (Stripe: requires_capture). */
  shopperApproved: boolean;
  readonly createdAt: number;
}

export interface OrderItem {
  readonly sku: string;
  readonly name: string;
  readonly quantity: number;
  readonly unitGrossPrice: number;
  readonly sumGrossPrice: number;
  readonly taxRate: number;
  readonly sumTaxAmount: number;
}

export interface OrderExpense {
  readonly type: string;
  readonly name: string;
  readonly quantity: number;
  readonly unitGrossPrice: number;
  readonly sumGrossPrice: number;
  readonly taxRate: number;
  readonly sumTaxAmount: number;
}

export interface Totals {
  readonly expenseTotal: number;
  readonly discountTotal: number;
  readonly taxTotal: number;
  readonly subtotal: number;
  readonly grandTotal: number;
  readonly priceToPay: number;
}

export interface Order {
  readonly orderReference: string;
  readonly cartId: string;
  readonly customerReference: string | null;
  readonly anonymousId: string | null;
  readonly createdAt: number;
  readonly items: readonly OrderItem[];
  readonly expenses: readonly OrderExpense[];
  readonly totals: Totals;
  readonly currency: string;
  readonly priceMode: string;
  readonly paymentMethodName: string;
  readonly paymentProviderName: string;
  readonly preOrderPaymentData: Readonly<Record<string, unknown>>;
  readonly transactionId: string | null;
  readonly billingAddress: Readonly<Record<string, unknown>>;
  readonly shippingAddress: Readonly<Record<string, unknown>> | null;
  readonly customer: Readonly<Record<string, unknown>>;
}

/** What `startSandbox` reports about the seeded data (the contract other modules rely on). */
export interface DemoData {
  readonly customer: {
    readonly email: string;
    readonly password: string;
    readonly customerReference: string;
    readonly accessToken: string;
  };
  readonly customerCartId: string;
  readonly guest: { readonly anonymousId: string };
  readonly guestCartId: string;
  readonly skus: string[];
  readonly shipmentMethods: { readonly id: number; readonly name: string; readonly price: number }[];
  readonly paymentMethods: { readonly paymentMethodName: string; readonly paymentProviderName: string }[];
  /** Customer and address details to fill into a checkout form. */
  readonly shopper: {
    readonly customer: Readonly<Record<'salutation' | 'firstName' | 'lastName' | 'email', string>>;
    readonly address: Readonly<
      Record<
        'salutation' | 'firstName' | 'lastName' | 'address1' | 'address2' | 'zipCode' | 'city' | 'iso2Code',
        string
      >
    >;
  };
}
