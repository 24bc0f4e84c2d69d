import type { Shipment } from '../../domain/checkout-inputs.ts';
import type { Money } from '../../domain/money.ts';
import type {
  CartItem,
  CartSnapshot,
  CheckoutDataSnapshot,
  OrderPage,
  OrderSummary,
} from '../../domain/ports/glue-port.ts';
import { int, isObject, type JsonObject, list, obj, type Resource, readDocument, related, str } from './jsonapi.ts';
import { paymentMethodInfo, type StrategyOptions } from './payment-strategy.ts';

/**
 * Glue's 200 answers → the port's snapshots. Each reader returns null when the document lacks
 * what the snapshot needs, so that a malformed answer is never taken for data.
 */

/**
 * INFERRED (docs/money.md): what the shopper pays is `priceToPay` (after gift cards), else
 * `grandTotal`; both in minor units. The one place this guess lives, for carts and orders alike:
 * Glue's order totals list no `priceToPay` (docs/glue-backend.md §13 item 2), so an order is
 * judged by its `grandTotal`, which exceeds the payment when a gift card paid part of it.
 */
export function payableAmount(totals: JsonObject | null): number | null {
  return int(totals ?? undefined, 'priceToPay') ?? int(totals ?? undefined, 'grandTotal');
}

export const SHIPMENT_EXPENSE_TYPE = 'SHIPMENT_EXPENSE_TYPE';

type Expense = CheckoutDataSnapshot['expenses'][number];

/** `POST /checkout-data?include=carts|guest-carts,payment-methods`. */
export function checkoutDataSnapshot(
  body: unknown,
  shipments: readonly Shipment[],
  options: StrategyOptions = {},
): CheckoutDataSnapshot | null {
  const document = readDocument(body);
  const main = document.data[0];
  if (!main) return null;
  const cart = related(document, main, 'carts')[0] ?? related(document, main, 'guest-carts')[0];
  if (!cart) return null;
  const totals = obj(cart.attributes, 'totals');
  const amount = payableAmount(totals);
  const currency = str(cart.attributes, 'currency');
  if (amount === null || !currency) return null;
  return {
    amount: { amount, currency },
    priceMode: str(cart.attributes, 'priceMode'),
    store: str(cart.attributes, 'store'),
    expenses: listedExpenses(cart.attributes) ?? shipmentExpenses(main.attributes, shipments, totals),
    paymentMethods: related(document, main, 'payment-methods').flatMap(
      (method) => paymentMethodInfo(method.attributes, options) ?? [],
    ),
  };
}

/** Expenses Glue itself lists on the cart, if it does. */
function listedExpenses(cart: JsonObject): Expense[] | null {
  const expenses = list(cart, 'expenses').filter(isObject);
  if (expenses.length === 0) return null;
  return expenses.flatMap((expense) => {
    const unitPrice = int(expense, 'unitPrice') ?? int(expense, 'unitPriceToPayAggregation');
    if (unitPrice === null) return [];
    return [
      {
        type: str(expense, 'type') ?? SHIPMENT_EXPENSE_TYPE,
        name: str(expense, 'name'),
        quantity: int(expense, 'quantity') ?? 1,
        unitPrice,
      },
    ];
  });
}

/**
 * Glue does not list shipment expenses on `/checkout-data`: one per requested shipment, priced by
 * the selected shipment method; a single shipment without a listed price takes the cart's
 * shipment total.
 */
function shipmentExpenses(
  attributes: JsonObject,
  shipments: readonly Shipment[],
  totals: JsonObject | null,
): Expense[] {
  const methods = new Map<number, JsonObject>();
  for (const method of [...list(attributes, 'shipmentMethods'), ...list(attributes, 'selectedShipmentMethods')]) {
    const id = isObject(method) ? int(method, 'id') : null;
    if (isObject(method) && id !== null) methods.set(id, method);
  }
  return shipments.flatMap((shipment) => {
    const method = methods.get(shipment.shipmentMethodId);
    const fallback =
      shipments.length === 1
        ? (int(totals ?? undefined, 'shipmentTotal') ?? int(totals ?? undefined, 'expenseTotal'))
        : null;
    const unitPrice = int(method, 'price') ?? fallback;
    if (unitPrice === null) return [];
    return [{ type: SHIPMENT_EXPENSE_TYPE, name: str(method, 'name'), quantity: 1, unitPrice }];
  });
}

/** `GET /carts/{id}?include=items` or `GET /guest-carts/{id}?include=guest-cart-items`. */
export function cartSnapshot(
  body: unknown,
  cartId: string,
  itemsRelationship: 'items' | 'guest-cart-items',
): CartSnapshot | null {
  const document = readDocument(body);
  const cart = document.data[0];
  const currency = str(cart?.attributes, 'currency');
  if (!cart || !currency) return null;
  return {
    cartId: cart.id ?? cartId,
    currency,
    priceMode: str(cart.attributes, 'priceMode'),
    store: str(cart.attributes, 'store'),
    items: related(document, cart, itemsRelationship).flatMap((item) => cartItem(item) ?? []),
  };
}

function cartItem(item: Resource): CartItem | null {
  const sku = str(item.attributes, 'sku');
  const quantity = int(item.attributes, 'quantity');
  if (!sku || quantity === null) return null;
  const calculations = obj(item.attributes, 'calculations') ?? undefined;
  return {
    sku,
    quantity,
    groupKey: str(item.attributes, 'groupKey') ?? item.id ?? sku,
    name: str(item.attributes, 'name'),
    unitPrice: int(calculations, 'unitPriceToPayAggregation') ?? int(calculations, 'unitPrice'),
  };
}

/** `GET /customers`: the token's own customer; its id is the customerReference. */
export function customerReferenceOf(body: unknown): string | null {
  const { data } = readDocument(body);
  const customer = data.find((resource) => resource.type === 'customers') ?? data[0];
  return customer?.id ?? null;
}

/**
 * One page of `GET /orders`: its orders, and whether Glue offers another page. INFERRED: Glue's
 * pagination links (`links.next`) are the sign; a response without links counts as having more
 * when it is full (docs/glue-backend.md §13).
 */
export function orderPage(body: unknown, limit: number): OrderPage {
  const orders = orderSummaries(body);
  const links = isObject(body) && isObject(body.links) ? body.links : null;
  const hasMore =
    links && 'next' in links ? typeof links.next === 'string' && links.next !== '' : orders.length >= limit;
  return { orders, hasMore };
}

/** `GET /orders` (a list) and `GET /orders/{ref}` (one). */
export function orderSummaries(body: unknown): OrderSummary[] {
  return readDocument(body).data.flatMap((resource) =>
    resource.id ? [orderSummary(resource.id, resource.attributes)] : [],
  );
}

function orderSummary(orderReference: string, attributes: JsonObject): OrderSummary {
  return { orderReference, createdAt: epochMs(str(attributes, 'createdAt')), total: orderTotal(attributes) };
}

/** An order's payable total and currency; null when either is missing. */
function orderTotal(attributes: JsonObject): Money | null {
  const amount = payableAmount(obj(attributes, 'totals'));
  const currency = str(attributes, 'currencyIsoCode');
  return amount !== null && currency ? { amount, currency } : null;
}

/**
 * `POST /checkout?include=orders`: the total of the included order named `orderReference`
 * (docs/glue-backend.md §9 item 3); null when Glue included none, or none by that reference.
 */
export function checkoutOrderTotal(body: unknown, orderReference: string): Money | null {
  const document = readDocument(body);
  const order = related(document, document.data[0], 'orders').find(
    (candidate) => candidate.type === 'orders' && candidate.id === orderReference,
  );
  return order ? orderTotal(order.attributes) : null;
}

const SPRYKER_DATE = /^(\d{4}-\d{2}-\d{2})[ T](\d{2}:\d{2}(?::\d{2})?)(?:\.(\d+))?\s*(Z|[+-]\d{2}:?\d{2})?$/i;

/**
 * Spryker writes `2024-05-01 10:20:30.000000`. INFERRED: a time without a zone is UTC (Spryker
 * stores UTC); JavaScript would read it as local time and cannot read six fraction digits.
 */
export function epochMs(value: string | null): number | null {
  if (!value) return null;
  const match = value.trim().match(SPRYKER_DATE);
  if (!match) {
    const parsed = Date.parse(value);
    return Number.isNaN(parsed) ? null : parsed;
  }
  const fraction = (match[3] ?? '').padEnd(3, '0').slice(0, 3);
  const zone = (match[4] ?? 'Z').replace(/^([+-]\d{2})(\d{2})$/, '$1:$2');
  const time = match[2]?.length === 5 ? `${match[2]}:00` : match[2];
  const parsed = Date.parse(`${match[1]}T${time}.${fraction}${zone}`);
  return Number.isNaN(parsed) ? null : parsed;
}
