import { computeTotals, type PricedLine, priceLines } from '../../domain/money.ts';
import type { SandboxState } from '../../state.ts';
import type { Cart, OrderExpense } from '../../types.ts';

/** A JSON:API resource object as Glue serializes it. */
export interface Resource {
  type: string;
  id: string | null;
  attributes: Record<string, unknown>;
  links: { self: string };
  relationships?: Record<string, { data: { type: string; id: string }[] }>;
}

export interface CartKind {
  /** `carts` for customers, `guest-carts` for guests. */
  readonly type: 'carts' | 'guest-carts';
  /** `items` or `guest-cart-items`. */
  readonly itemType: 'items' | 'guest-cart-items';
}

export function cartKindOf(cart: Cart): CartKind {
  return cart.owner.kind === 'customer'
    ? { type: 'carts', itemType: 'items' }
    : { type: 'guest-carts', itemType: 'guest-cart-items' };
}

function itemAttributes(line: PricedLine): Record<string, unknown> {
  return {
    sku: line.sku,
    quantity: line.quantity,
    groupKey: line.sku,
    abstractSku: line.abstractSku,
    // Glue's `amount` is for packaging units; plain products report null.
    amount: null,
    productOfferReference: null,
    merchantReference: null,
    calculations: {
      unitPrice: line.unitPrice,
      sumPrice: line.sumPrice,
      taxRate: line.taxRate,
      unitNetPrice: 0,
      sumNetPrice: 0,
      unitGrossPrice: line.unitPrice,
      sumGrossPrice: line.sumPrice,
      unitTaxAmountFullAggregation: line.unitTaxAmount,
      sumTaxAmountFullAggregation: line.sumTaxAmount,
      sumSubtotalAggregation: line.sumPrice,
      unitSubtotalAggregation: line.unitPrice,
      unitProductOptionPriceAggregation: 0,
      sumProductOptionPriceAggregation: 0,
      unitDiscountAmountAggregation: 0,
      sumDiscountAmountAggregation: 0,
      unitDiscountAmountFullAggregation: 0,
      sumDiscountAmountFullAggregation: 0,
      unitPriceToPayAggregation: line.unitPrice,
      sumPriceToPayAggregation: line.sumPrice,
    },
    configuredBundle: null,
    configuredBundleItem: null,
    productConfigurationInstance: null,
    salesUnit: null,
    selectedProductOptions: [],
  };
}

/** How carts are rendered: the base URL their links start with, and whether their item resources are included. */
export interface CartRendering {
  readonly baseUrl: string;
  readonly includeItems: boolean;
}

/**
 * The cart resource and, when `includeItems`, its item resources. `expenses` are only passed by
 * /checkout-data: a plain cart read never carries a shipment (Glue does not persist it).
 */
export function cartDocumentParts(
  cart: Cart,
  state: SandboxState,
  options: CartRendering & { readonly expenses?: readonly OrderExpense[] },
): { resource: Resource; included: Resource[] } {
  const { baseUrl } = options;
  const kind = cartKindOf(cart);
  const lines = priceLines(cart, state.products);
  const totals = computeTotals(lines, options.expenses ?? []);
  const cartUrl = `${baseUrl}/${kind.type}/${cart.id}`;
  const resource: Resource = {
    type: kind.type,
    id: cart.id,
    attributes: {
      priceMode: cart.priceMode,
      currency: cart.currency,
      store: cart.store,
      name: cart.name,
      isDefault: true,
      totals: {
        expenseTotal: totals.expenseTotal,
        discountTotal: totals.discountTotal,
        taxTotal: totals.taxTotal,
        subtotal: totals.subtotal,
        grandTotal: totals.grandTotal,
        priceToPay: totals.priceToPay,
      },
      discounts: [],
      thresholds: [],
    },
    links: { self: cartUrl },
  };
  if (!options.includeItems) return { resource, included: [] };
  const included: Resource[] = lines.map((line) => ({
    type: kind.itemType,
    id: line.sku,
    attributes: itemAttributes(line),
    links: { self: `${cartUrl}/${kind.itemType}/${encodeURIComponent(line.sku)}` },
  }));
  // Glue omits a relationship that has no related resources.
  if (included.length > 0)
    resource.relationships = {
      [kind.itemType]: { data: included.map((item) => ({ type: item.type, id: item.id ?? '' })) },
    };
  return { resource, included };
}

/** A single-cart document (`GET /carts/{id}`, item additions). */
export function cartDocument(cart: Cart, state: SandboxState, rendering: CartRendering): Record<string, unknown> {
  const { baseUrl, includeItems } = rendering;
  const { resource, included } = cartDocumentParts(cart, state, { baseUrl, includeItems });
  return included.length > 0 ? { data: resource, included } : { data: resource };
}

/** A cart collection document (`GET /carts`, `GET /guest-carts`); `selfPath` is the collection's own link. */
export function cartCollectionDocument(
  carts: readonly Cart[],
  state: SandboxState,
  rendering: CartRendering & { readonly selfPath: string },
): Record<string, unknown> {
  const { baseUrl, includeItems, selfPath } = rendering;
  const data: Resource[] = [];
  const included: Resource[] = [];
  for (const cart of carts) {
    const parts = cartDocumentParts(cart, state, { baseUrl, includeItems });
    data.push(parts.resource);
    included.push(...parts.included);
  }
  const document: Record<string, unknown> = { data, links: { self: `${baseUrl}${selfPath}` } };
  if (included.length > 0) document.included = included;
  return document;
}
