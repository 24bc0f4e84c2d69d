import type { CheckoutInputs } from '../../../src/domain/checkout-inputs.ts';
import type { Caller, GatewayCaller } from '../../../src/domain/identity.ts';
import type { Money } from '../../../src/domain/money.ts';
import type {
  CancelPaymentOutcome,
  CancelPaymentRequest,
  CartItem,
  CartSnapshot,
  CheckoutDataRequest,
  CheckoutDataSnapshot,
  CheckoutOutcome,
  CheckoutRequest,
  CreatePaymentOutcome,
  CreatePaymentRequest,
  GluePort,
  PaymentMethodInfo,
} from '../../../src/domain/ports/glue-port.ts';
import { SKU } from '../../support/fixtures.ts';
import { newCartId } from '../../support/records.ts';

/**
 * An in-memory Spryker Glue behind the GluePort, for the unit tier: carts priced item by item
 * plus one shipment price per shipment, the shop's payment methods, provider transactions,
 * orders per customer. Every call is recorded; any call's next answer can be scripted, and any
 * call can be held until a test releases it.
 */

export type GlueMethod = keyof GluePort;

/** What a call of `method` resolves to. */
export type AnswerOf<M extends GlueMethod> = Awaited<ReturnType<GluePort[M]>>;

/** What each call is recorded with. */
export interface GlueRequests {
  readonly checkoutData: CheckoutDataRequest;
  readonly cart: { readonly cartId: string; readonly fresh?: boolean };
  readonly customerReference: null;
  readonly createPayment: CreatePaymentRequest;
  readonly cancelPayment: CancelPaymentRequest;
  readonly checkout: CheckoutRequest;
  readonly listOrders: null;
  readonly order: { readonly orderReference: string };
}

export interface GlueCall {
  readonly method: GlueMethod;
  /** The Glue endpoint the real adapter would call, e.g. `POST /checkout`. */
  readonly endpoint: string;
  /** A shopper, or the gateway itself (a release, without credentials). */
  readonly caller: Caller | GatewayCaller;
  readonly request: unknown;
}

export interface ScriptOptions {
  /**
   * Perform the call's real effect first, then answer the scripted outcome instead of the real
   * one: e.g. the order is saved and the cart deleted, but the answer is a timeout.
   */
  readonly effect?: boolean;
}

export interface Hold {
  /** Resolves when the held call has arrived (and is recorded). */
  readonly reached: Promise<void>;
  /** Lets the held call proceed. */
  release(): void;
}

export interface CartLine {
  readonly sku: string;
  readonly quantity: number;
  /** Gross unit price in minor units. */
  readonly unitPrice: number;
}

export interface NewCart {
  readonly cartId?: string;
  readonly items?: readonly CartLine[];
  readonly currency?: string;
  /** The methods `/checkout-data` offers for this cart; the shop's default methods when omitted. */
  readonly paymentMethods?: readonly PaymentMethodInfo[];
}

export interface Transaction {
  readonly transactionId: string;
  readonly paymentMethodName: string;
  readonly paymentProviderName: string;
  amount: Money;
  status: 'open' | 'canceled' | 'ordered';
  /** How often POST /payments updated this transaction in place after creating it. */
  updates: number;
}

export interface Order {
  readonly orderReference: string;
  /** customerReference, or null for a guest order. */
  readonly customerReference: string | null;
  readonly createdAt: number;
  readonly total: Money;
  readonly cartId: string;
}

export const STRIPE: PaymentMethodInfo = {
  paymentMethodName: 'Stripe',
  paymentProviderName: 'Stripe',
  priority: 1,
  strategy: 'EMBEDDED',
  supportsPreOrderPayment: true,
  providerConfiguration: { publishableKey: 'pk_test_unit' },
  providerScripts: [{ url: 'https://js.stripe.com/v3/', queryParams: null }],
};

export const PAYPAL_EXPRESS: PaymentMethodInfo = {
  paymentMethodName: 'PayPal Express',
  paymentProviderName: 'Payone',
  priority: 2,
  strategy: 'EXPRESS_CHECKOUT',
  supportsPreOrderPayment: true,
  providerConfiguration: { clientId: 'paypal-client-unit' },
  providerScripts: [],
};

export const INVOICE: PaymentMethodInfo = {
  paymentMethodName: 'Invoice',
  paymentProviderName: 'DummyPayment',
  priority: 3,
  strategy: 'OFFLINE',
  supportsPreOrderPayment: false,
  providerConfiguration: null,
  providerScripts: [],
};

export const DEFAULT_PAYMENT_METHODS: readonly PaymentMethodInfo[] = [STRIPE, PAYPAL_EXPRESS, INVOICE];

/** Gross price of each shipment method, per shipment. */
export const SHIPMENT_PRICES: Readonly<Record<number, number>> = { 1: 490, 2: 990 };

/** The default cart: two of SKU at 15.00 EUR; with one standard shipment (method 1) it costs 34.90 EUR. */
export const DEFAULT_ITEMS: readonly CartLine[] = [{ sku: SKU, quantity: 2, unitPrice: 1500 }];

const TOKEN_PREFIX = 'unit-token.';

/** The access token the memory Glue knows as the customer `customerReference`. */
export function customerToken(customerReference: string): string {
  return `${TOKEN_PREFIX}${customerReference}`;
}

const ENDPOINTS: Record<GlueMethod, string> = {
  checkoutData: 'POST /checkout-data',
  cart: 'GET /carts/{id}',
  customerReference: 'GET /customers',
  createPayment: 'POST /payments',
  cancelPayment: 'POST /payment-cancellations',
  checkout: 'POST /checkout',
  listOrders: 'GET /orders',
  order: 'GET /orders/{ref}',
};

/** The Glue calls that change something upstream. */
const WRITES: ReadonlySet<GlueMethod> = new Set(['createPayment', 'cancelPayment', 'checkout']);

interface StoredCart {
  readonly cartId: string;
  readonly currency: string;
  items: CartLine[];
  readonly paymentMethods: readonly PaymentMethodInfo[];
}

interface Script {
  readonly answer: unknown;
  readonly effect: boolean;
}

export interface MemoryGlue extends GluePort {
  /** Every call made, in order. */
  readonly calls: readonly GlueCall[];
  /** The calls of one method. */
  callsOf(method: GlueMethod): readonly GlueCall[];
  /** The requests of one method's calls, in order (copies taken when the call was made). */
  requestsOf<M extends GlueMethod>(method: M): readonly GlueRequests[M][];
  /** The calls that change something upstream (`POST /payments`, `/payment-cancellations`, `/checkout`). */
  writes(): readonly GlueCall[];
  /** Answers the next call of `method` with `answer` (queued: several calls take several answers in order). */
  next<M extends GlueMethod>(method: M, answer: AnswerOf<M>, options?: ScriptOptions): void;
  /** Holds the next call of `method` (after recording it) until released. */
  hold(method: GlueMethod): Hold;
  /**
   * Whether `/checkout` answers include the saved order's total (as Glue does with
   * `?include=orders`); true by default. False: a Glue that includes no order.
   */
  includeOrderInCheckout(include: boolean): void;

  addCart(cart?: NewCart): string;
  setQuantity(cartId: string, sku: string, quantity: number): void;
  setUnitPrice(cartId: string, sku: string, unitPrice: number): void;
  deleteCart(cartId: string): void;
  hasCart(cartId: string): boolean;

  transaction(transactionId: string): Transaction | undefined;
  readonly transactions: readonly Transaction[];
  /** An order saved by someone else (e.g. an earlier or concurrent one), for reconciliation tests. */
  addOrder(order: Omit<Order, 'orderReference'> & { orderReference?: string }): Order;
  readonly orders: readonly Order[];
}

export interface MemoryGlueOptions {
  /** Epoch ms, for the orders' createdAt. */
  readonly now: () => number;
}

export function createMemoryGlue(options: MemoryGlueOptions): MemoryGlue {
  const { now } = options;
  const calls: GlueCall[] = [];
  const scripts = new Map<GlueMethod, Script[]>();
  const holds = new Map<GlueMethod, { arrived: () => void; gate: Promise<void> }[]>();
  const carts = new Map<string, StoredCart>();
  const transactions = new Map<string, Transaction>();
  const orders: Order[] = [];
  let sequence = 0;
  let includeOrder = true;

  function cartOf(cartId: string): StoredCart {
    const cart = carts.get(cartId);
    if (!cart) throw new Error(`memory glue: no cart ${cartId}`);
    return cart;
  }

  function priced(cart: StoredCart, shipments: CheckoutInputs['shipments'] | undefined): Money | null {
    let amount = cart.items.reduce((sum, line) => sum + line.quantity * line.unitPrice, 0);
    for (const shipment of shipments ?? []) {
      const price = SHIPMENT_PRICES[shipment.shipmentMethodId];
      if (price === undefined) return null;
      amount += price;
    }
    return { amount, currency: cart.currency };
  }

  function customerReferenceOf(caller: Caller): string | null {
    const { identity } = caller;
    if (identity.kind !== 'customer' || !identity.accessToken.startsWith(TOKEN_PREFIX)) return null;
    return identity.accessToken.slice(TOKEN_PREFIX.length);
  }

  function providerMap(transactionId: string, method: { name: string; provider: string }): Record<string, unknown> {
    if (method.provider === 'Stripe') {
      return { transactionId, clientSecret: `${transactionId}_secret_unit`, publishableKey: 'pk_test_unit' };
    }
    return { transactionId, orderId: `PAYPAL-${transactionId}`, token: `EC-${transactionId}`, currency: 'EUR' };
  }

  const real: GluePort = {
    async checkoutData(_caller, request) {
      const cart = carts.get(request.cartId);
      if (!cart) return { ok: false, error: { kind: 'cart-not-found' } };
      if (cart.items.length === 0) return { ok: false, error: { kind: 'cart-empty' } };
      const amount = priced(cart, request.shipments);
      if (!amount) {
        return {
          ok: false,
          error: { kind: 'rejected', upstream: { status: 422, code: '1101', detail: 'Shipment method not found.' } },
        };
      }
      const snapshot: CheckoutDataSnapshot = {
        amount,
        priceMode: 'GROSS_MODE',
        store: 'DE',
        expenses: (request.shipments ?? []).map((shipment) => ({
          type: 'SHIPMENT_EXPENSE_TYPE',
          name: `shipment method ${shipment.shipmentMethodId}`,
          quantity: 1,
          unitPrice: SHIPMENT_PRICES[shipment.shipmentMethodId] ?? 0,
        })),
        paymentMethods: cart.paymentMethods,
      };
      return { ok: true, value: snapshot };
    },

    async cart(_caller, cartId) {
      const cart = carts.get(cartId);
      if (!cart) return { ok: false, error: { kind: 'cart-not-found' } };
      const items: CartItem[] = cart.items.map((line) => ({
        sku: line.sku,
        quantity: line.quantity,
        groupKey: line.sku,
        name: `Product ${line.sku}`,
        unitPrice: line.unitPrice,
      }));
      const snapshot: CartSnapshot = { cartId, currency: cart.currency, priceMode: 'GROSS_MODE', store: 'DE', items };
      return { ok: true, value: snapshot };
    },

    async customerReference(caller) {
      const reference = customerReferenceOf(caller);
      if (reference === null) {
        return { ok: false, error: { kind: 'authentication-failed', upstream: { status: 401, code: '001' } } };
      }
      return { ok: true, value: reference };
    },

    async createPayment(_caller, request): Promise<CreatePaymentOutcome> {
      const method = { name: request.paymentMethodName, provider: request.paymentProviderName };
      // Glue checks the method against what the shop offers for this quote.
      const offered = request.checkoutData.paymentMethods.some(
        (candidate) => candidate.paymentMethodName === method.name && candidate.paymentProviderName === method.provider,
      );
      if (!offered) return { kind: 'method-not-found', upstream: { status: 422, detail: 'Payment method not found.' } };
      const previousId = request.preOrderPaymentData?.transactionId;
      const previous = typeof previousId === 'string' ? transactions.get(previousId) : undefined;
      if (previous && previous.status === 'open') {
        // Like a Stripe PaymentIntent update: the same transaction, a new amount.
        previous.amount = request.amount;
        previous.updates += 1;
        return {
          kind: 'created',
          preOrderPaymentData: providerMap(previous.transactionId, method),
          transactionId: previous.transactionId,
        };
      }
      sequence += 1;
      const transactionId = `tx_unit_${sequence}`;
      transactions.set(transactionId, {
        transactionId,
        paymentMethodName: method.name,
        paymentProviderName: method.provider,
        amount: request.amount,
        status: 'open',
        updates: 0,
      });
      return { kind: 'created', preOrderPaymentData: providerMap(transactionId, method), transactionId };
    },

    async cancelPayment(_caller, request): Promise<CancelPaymentOutcome> {
      const id = request.preOrderPaymentData.transactionId;
      const transaction = typeof id === 'string' ? transactions.get(id) : undefined;
      if (!transaction || transaction.status === 'ordered') {
        return { kind: 'provider-rejected', upstream: { status: 422, detail: 'The payment cannot be canceled.' } };
      }
      if (transaction.status === 'canceled') {
        return { kind: 'already-canceled', upstream: { status: 422, detail: 'The payment is already canceled.' } };
      }
      transaction.status = 'canceled';
      return { kind: 'canceled' };
    },

    async checkout(caller, request): Promise<CheckoutOutcome> {
      const cart = carts.get(request.cartId);
      if (!cart || cart.items.length === 0) {
        return { kind: 'cart-not-found', upstream: { status: 422, code: '1103', detail: 'Cart not found.' } };
      }
      const total = priced(cart, request.shipments);
      if (!total) {
        return {
          kind: 'rejected',
          upstream: { status: 422, code: '1101', detail: 'Shipment method not found.' },
          violations: [],
        };
      }
      const order = saveOrder({
        customerReference: customerReferenceOf(caller),
        createdAt: now(),
        total,
        cartId: cart.cartId,
      });
      const id = request.preOrderPaymentData.transactionId;
      const transaction = typeof id === 'string' ? transactions.get(id) : undefined;
      if (transaction) transaction.status = 'ordered';
      carts.delete(cart.cartId);
      return {
        kind: 'placed',
        orderReference: order.orderReference,
        redirectUrl: null,
        isExternalRedirect: null,
        // Like `POST /checkout?include=orders`: the order as saved, priced from the cart as it is now.
        orderTotal: includeOrder ? order.total : null,
      };
    },

    async listOrders(caller, page) {
      const reference = customerReferenceOf(caller);
      if (reference === null) {
        return { ok: false, error: { kind: 'authentication-failed', upstream: { status: 403, code: '002' } } };
      }
      // Newest first, a page at a time, as Glue lists a customer's orders.
      const mine = orders.filter((order) => order.customerReference === reference).reverse();
      const slice = mine.slice(page.offset, page.offset + page.limit);
      return {
        ok: true,
        value: {
          orders: slice.map((order) => ({
            orderReference: order.orderReference,
            createdAt: order.createdAt,
            total: order.total,
          })),
          hasMore: page.offset + page.limit < mine.length,
        },
      };
    },

    async order(caller, orderReference) {
      const reference = customerReferenceOf(caller);
      const found = orders.find(
        (order) =>
          order.orderReference === orderReference && reference !== null && order.customerReference === reference,
      );
      if (!found) return { ok: false, error: { kind: 'not-found' } };
      return { ok: true, value: { orderReference, createdAt: found.createdAt, total: found.total } };
    },
  };

  function saveOrder(order: Omit<Order, 'orderReference'> & { orderReference?: string }): Order {
    sequence += 1;
    const saved: Order = { ...order, orderReference: order.orderReference ?? `DE--${sequence}` };
    orders.push(saved);
    return saved;
  }

  /** Records the call, waits out a hold, then answers the script or the real behaviour. */
  async function intercept<M extends GlueMethod>(
    method: M,
    call: { caller: Caller | GatewayCaller; request: unknown },
    perform: () => Promise<AnswerOf<M>>,
  ): Promise<AnswerOf<M>> {
    calls.push({ method, endpoint: ENDPOINTS[method], caller: call.caller, request: structuredClone(call.request) });
    const hold = holds.get(method)?.shift();
    if (hold) {
      hold.arrived();
      await hold.gate;
    }
    const script = scripts.get(method)?.shift();
    if (!script) return perform();
    if (script.effect) await perform();
    return structuredClone(script.answer) as AnswerOf<M>;
  }

  const port: GluePort = {
    checkoutData: (caller, request) =>
      intercept('checkoutData', { caller, request }, () => real.checkoutData(caller, request)),
    cart: (caller, cartId, options) =>
      intercept('cart', { caller, request: { cartId, ...options } }, () => real.cart(caller, cartId, options)),
    customerReference: (caller) =>
      intercept('customerReference', { caller, request: null }, () => real.customerReference(caller)),
    createPayment: (caller, request) =>
      intercept('createPayment', { caller, request }, () => real.createPayment(caller, request)),
    cancelPayment: (caller, request) =>
      intercept('cancelPayment', { caller, request }, () => real.cancelPayment(caller, request)),
    checkout: (caller, request) => intercept('checkout', { caller, request }, () => real.checkout(caller, request)),
    listOrders: (caller, page) =>
      intercept('listOrders', { caller, request: page }, () => real.listOrders(caller, page)),
    order: (caller, orderReference) =>
      intercept('order', { caller, request: { orderReference } }, () => real.order(caller, orderReference)),
  };

  return {
    ...port,
    calls,
    callsOf: (method) => calls.filter((call) => call.method === method),
    requestsOf: <M extends GlueMethod>(method: M) =>
      calls.filter((call) => call.method === method).map((call) => call.request as GlueRequests[M]),
    writes: () => calls.filter((call) => WRITES.has(call.method)),
    next(method, answer, scriptOptions = {}) {
      const queue = scripts.get(method) ?? [];
      queue.push({ answer, effect: scriptOptions.effect ?? false });
      scripts.set(method, queue);
    },
    hold(method) {
      let arrived = (): void => {};
      let release = (): void => {};
      const reached = new Promise<void>((resolve) => {
        arrived = resolve;
      });
      const gate = new Promise<void>((resolve) => {
        release = resolve;
      });
      const queue = holds.get(method) ?? [];
      queue.push({ arrived, gate });
      holds.set(method, queue);
      return { reached, release };
    },

    includeOrderInCheckout(include) {
      includeOrder = include;
    },

    addCart(cart = {}) {
      const cartId = cart.cartId ?? newCartId();
      carts.set(cartId, {
        cartId,
        currency: cart.currency ?? 'EUR',
        items: [...(cart.items ?? DEFAULT_ITEMS)],
        paymentMethods: cart.paymentMethods ?? DEFAULT_PAYMENT_METHODS,
      });
      return cartId;
    },
    setQuantity(cartId, sku, quantity) {
      const cart = cartOf(cartId);
      const others = cart.items.filter((line) => line.sku !== sku);
      const line = cart.items.find((candidate) => candidate.sku === sku) ?? { sku, quantity: 0, unitPrice: 1000 };
      cart.items = quantity > 0 ? [...others, { ...line, quantity }] : others;
    },
    setUnitPrice(cartId, sku, unitPrice) {
      const cart = cartOf(cartId);
      cart.items = cart.items.map((line) => (line.sku === sku ? { ...line, unitPrice } : line));
    },
    deleteCart(cartId) {
      carts.delete(cartId);
    },
    hasCart: (cartId) => carts.has(cartId),

    transaction: (transactionId) => transactions.get(transactionId),
    get transactions() {
      return [...transactions.values()];
    },
    addOrder: saveOrder,
    orders,
  };
}
