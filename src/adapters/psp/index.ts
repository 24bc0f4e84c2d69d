import { methodKey, type ProviderData, type PspAdapter } from '../../domain/provider-data.ts';
import { genericAdapter, genericProviderData, secretLookingKeys } from './generic.ts';
import { payonePaypalExpressAdapter } from './payone-paypal-express.ts';
import { stripeAdapter } from './stripe.ts';

/** The provider adapters, chosen by Zed's method key (docs/initialize.md item 7). */
export const PSP_ADAPTERS: readonly PspAdapter[] = [stripeAdapter, payonePaypalExpressAdapter];

const byMethodKey = new Map<string, PspAdapter>(
  PSP_ADAPTERS.flatMap((adapter) => adapter.methodKeys.map((key) => [key, adapter] as const)),
);

export function adapterFor(paymentProviderName: string, paymentMethodName: string): PspAdapter | null {
  return byMethodKey.get(methodKey(paymentProviderName, paymentMethodName)) ?? null;
}

/** A payment's method and provider data, as the record holds them. */
export interface PaymentOfMethod {
  readonly paymentProviderName: string;
  readonly paymentMethodName: string;
  readonly preOrderPaymentData: Readonly<Record<string, unknown>>;
}

/**
 * `providerData` for a payment: typed by its provider's adapter, else generic with a warning
 * (unknown method key, or data without the fields the adapter needs). Warnings name the method
 * key only, never a value.
 */
export function providerDataFor(payment: PaymentOfMethod, warn: (message: string) => void): ProviderData {
  const { paymentProviderName, paymentMethodName, preOrderPaymentData } = payment;
  const key = methodKey(paymentProviderName, paymentMethodName);
  const adapter = byMethodKey.get(key);
  if (!adapter) {
    warn(`no provider adapter for method key "${key}": providerData is generic`);
    return genericProviderData(preOrderPaymentData);
  }
  const typed = adapter.toProviderData(preOrderPaymentData);
  if (typed) return typed;
  warn(`preOrderPaymentData for method key "${key}" lacks fields its adapter requires: providerData is generic`);
  return genericProviderData(preOrderPaymentData);
}

/** Keys of this payment's data that must never be logged in clear. */
export function secretFieldsFor(
  paymentProviderName: string,
  paymentMethodName: string,
  preOrderPaymentData: Readonly<Record<string, unknown>> = {},
): string[] {
  const adapter = adapterFor(paymentProviderName, paymentMethodName) ?? genericAdapter;
  return [...new Set([...adapter.secretFields, ...secretLookingKeys(preOrderPaymentData)])];
}

/** Every adapter's secret fields: the logger's static redaction list. */
export function allSecretFields(): string[] {
  return [...new Set([...PSP_ADAPTERS, genericAdapter].flatMap((adapter) => adapter.secretFields))];
}
