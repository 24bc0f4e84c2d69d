import type { DemoConfig } from './config.ts';

export interface CartLine {
  readonly sku: string;
  readonly quantity: number;
  readonly sumPrice: number;
}

export interface Cart {
  readonly currency: string;
  readonly grandTotal: number;
  readonly lines: readonly CartLine[];
}

interface GuestCartDocument {
  readonly data?: { readonly attributes?: { readonly currency?: string; readonly totals?: { grandTotal?: number } } };
  readonly included?: readonly {
    readonly type: string;
    readonly attributes: { sku: string; quantity: number; calculations?: { sumPriceToPayAggregation?: number } };
  }[];
}

/** The cart as a storefront reads it: straight from Glue, with the guest's header. */
export async function readCart(config: DemoConfig): Promise<Cart | null> {
  const url = `${config.sandboxUrl}/guest-carts/${encodeURIComponent(config.cartId)}?include=guest-cart-items`;
  const response = await fetch(url, { headers: { 'X-Anonymous-Customer-Unique-Id': config.anonymousId } });
  if (!response.ok) return null;
  const document = (await response.json()) as GuestCartDocument;
  const attributes = document.data?.attributes;
  return {
    currency: attributes?.currency ?? 'EUR',
    grandTotal: attributes?.totals?.grandTotal ?? 0,
    lines: (document.included ?? [])
      .filter((resource) => resource.type === 'guest-cart-items')
      .map(({ attributes: item }) => ({
        sku: item.sku,
        quantity: item.quantity,
        sumPrice: item.calculations?.sumPriceToPayAggregation ?? 0,
      })),
  };
}
