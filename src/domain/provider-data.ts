/** What a storefront needs to render the provider's widget, typed per provider (contract.graphql). */
export type ProviderData =
  | {
      readonly kind: 'stripe';
      readonly transactionId: string;
      readonly clientSecret: string;
      readonly publishableKey: string;
      readonly accountId: string | null;
    }
  | {
      readonly kind: 'paypal-express';
      readonly transactionId: string;
      readonly orderId: string | null;
      readonly token: string | null;
      readonly clientId: string | null;
      readonly merchantId: string | null;
      readonly currency: string | null;
    }
  | {
      readonly kind: 'generic';
      readonly transactionId: string | null;
      readonly entries: readonly { readonly key: string; readonly value: string | null }[];
    };

/** One provider's view of `preOrderPaymentData`. */
export interface PspAdapter {
  /** Zed's method key(s) this adapter serves, e.g. `stripe-stripe`. */
  readonly methodKeys: readonly string[];
  /** Keys of preOrderPaymentData that must never appear in a log line. */
  readonly secretFields: readonly string[];
  /** Null when the data lacks what the provider needs (then the generic adapter is used). */
  toProviderData(preOrderPaymentData: Readonly<Record<string, unknown>>): ProviderData | null;
}

/** Zed's method key: `lower(provider)-lower(method with spaces as -)` (docs/initialize.md item 7). */
export function methodKey(paymentProviderName: string, paymentMethodName: string): string {
  return `${paymentProviderName.toLowerCase()}-${paymentMethodName.toLowerCase().replace(/ /g, '-')}`;
}
