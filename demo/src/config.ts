import type { AddressInput, CustomerInput } from '@headless-payment-gateway/client';

/** What the page needs to know, from /demo/config.json (the embedded sandbox's demo data). */
export interface DemoConfig {
  readonly graphqlUrl: string;
  /** The embedded sandbox: its Glue (the cart) and its simulated provider's widget API. */
  readonly sandboxUrl: string;
  readonly anonymousId: string;
  readonly cartId: string;
  readonly shopper: { readonly customer: CustomerInput; readonly address: AddressInput };
}

/** The server's config, with `?cart=` and `?anonymousId=` taking over (another cart, another guest). */
export async function loadConfig(location: Location): Promise<DemoConfig> {
  const response = await fetch(new URL('config.json', location.href));
  if (!response.ok) throw new Error(`the demo's configuration did not load (${response.status})`);
  const config = (await response.json()) as DemoConfig;
  const params = new URLSearchParams(location.search);
  return {
    ...config,
    cartId: params.get('cart') ?? config.cartId,
    anonymousId: params.get('anonymousId') ?? config.anonymousId,
  };
}
