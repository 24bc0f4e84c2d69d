import type { PaymentMethodInfo, PaymentStrategy } from '../../domain/ports/glue-port.ts';
import { methodKey } from '../../domain/provider-data.ts';
import { int, isObject, type JsonObject, list, obj, phpMap, str } from './jsonapi.ts';

/**
 * INFERRED (docs/glue-backend.md §6): how a Glue `payment-methods` item is
 * classified. `checkoutConfiguration.strategy` is the only signal Glue gives; the Stripe and
 * Payone headless guides use the pre-order flow for every ACP app method whatever its strategy.
 *
 * | item                                         | strategy         | pre-order |
 * | paymentMethodAppConfiguration null           | OFFLINE          | no        |
 * | strategy `express-checkout`                  | EXPRESS_CHECKOUT | yes       |
 * | a method key the deployment marks redirect-only | HOSTED_PAGE   | no        |
 * | any other app method                         | EMBEDDED         | yes       |
 */
export const EXPRESS_CHECKOUT_STRATEGY = 'express-checkout';

export interface StrategyOptions {
  /** Method keys (`methodKey(provider, method)`) a deployment configures as redirect-only. */
  readonly hostedPageMethodKeys?: ReadonlySet<string>;
}

/** Null when the item lacks the names that identify a method. */
export function paymentMethodInfo(attributes: JsonObject, options: StrategyOptions = {}): PaymentMethodInfo | null {
  const paymentMethodName = str(attributes, 'paymentMethodName');
  const paymentProviderName = str(attributes, 'paymentProviderName');
  if (!paymentMethodName || !paymentProviderName) return null;
  const appConfiguration = obj(attributes, 'paymentMethodAppConfiguration');
  const checkout = obj(appConfiguration ?? undefined, 'checkoutConfiguration');
  const strategy = classify(
    {
      isAppMethod: appConfiguration !== null,
      strategy: str(checkout ?? undefined, 'strategy'),
      key: methodKey(paymentProviderName, paymentMethodName),
    },
    options,
  );
  return {
    paymentMethodName,
    paymentProviderName,
    priority: int(attributes, 'priority'),
    strategy,
    supportsPreOrderPayment: strategy === 'EMBEDDED' || strategy === 'EXPRESS_CHECKOUT',
    // Only what a storefront needs for the provider's SDK; baseUrl and endpoints are app internals.
    providerConfiguration: checkout
      ? phpMap(checkout.paymentServiceProviderData ?? checkout.payment_service_provider_data)
      : null,
    providerScripts: checkout ? scripts(list(checkout, 'scripts')) : [],
  };
}

/** What classifies a method: whether it is an ACP app method, its checkout strategy and its method key. */
interface MethodTraits {
  readonly isAppMethod: boolean;
  readonly strategy: string | null;
  readonly key: string;
}

function classify(traits: MethodTraits, options: StrategyOptions): PaymentStrategy {
  const { isAppMethod, strategy, key } = traits;
  if (!isAppMethod) return 'OFFLINE';
  if (strategy === EXPRESS_CHECKOUT_STRATEGY) return 'EXPRESS_CHECKOUT';
  if (options.hostedPageMethodKeys?.has(key)) return 'HOSTED_PAGE';
  return 'EMBEDDED';
}

/** `scripts[{url, queryParams | query_params}]`: the app message uses snake case, Glue camel case. */
function scripts(values: readonly unknown[]): PaymentMethodInfo['providerScripts'] {
  return values.flatMap((value) => {
    if (!isObject(value) || typeof value.url !== 'string' || value.url === '') return [];
    return [{ url: value.url, queryParams: phpMap(value.queryParams ?? value.query_params) }];
  });
}
