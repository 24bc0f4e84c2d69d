import { afterEach, describe, expect, it } from 'vitest';
import { initializeInput, SKU } from '../support/fixtures.ts';
import { useStack } from '../support/stack.ts';
import {
  customerInput,
  customerWithCart,
  customerWithPayment,
  initSuccess,
  logIn,
  newRequestId,
  placeSuccess,
} from './helpers.ts';

const stack = useStack();
afterEach(async () => {
  // A test that failed before its fault was consumed must not hand it to the next test.
  await stack.control.clearFaults();
});

const UNIT_PRICE = 39353; // the sandbox catalog's gross price of SKU
const STANDARD_SHIPPING = 490; // shipment method 1

async function customersCallsWith(token: string): Promise<number> {
  return (await stack.control.calls('GET /customers')).filter(
    (call) => call.headers.authorization === `Bearer ${token}`,
  ).length;
}

describe('customer flow', () => {
  it('initializes and places an order whose total (shipping included) equals the pre-order payment amount, owned by the customer', async () => {
    const { account, cartId, sdk } = await customerWithCart(stack, 2);
    const init = initSuccess(
      (await sdk.InitializePreOrderPayment({ input: initializeInput(cartId, { customer: customerInput(account) }) }))
        .initializePreOrderPayment,
    );
    const payment = init.preOrderPayment;
    expect(init.replayed).toBe(false);
    expect(payment.status).toBe('INITIALIZED');
    expect(payment.amount).toEqual({ amount: 2 * UNIT_PRICE + STANDARD_SHIPPING, currency: 'EUR', decimals: 2 });

    const placed = placeSuccess((await sdk.PlaceOrder({ input: { preOrderPaymentId: payment.id } })).placeOrder);
    expect(placed.replayed).toBe(false);
    expect(placed.preOrderPayment.status).toBe('ORDER_PLACED');
    expect(placed.preOrderPayment.orderReference).toBe(placed.order.orderReference);

    const order = (await stack.control.orders()).find((o) => o.orderReference === placed.order.orderReference);
    expect(order).toBeDefined();
    expect(order?.cartId).toBe(cartId);
    expect(order?.customerReference).toBe(account.customerReference);
    expect(order?.currency).toBe('EUR');
    expect(order?.totals.grandTotal).toBe(payment.amount.amount);
    expect(order?.transactionId).toBe(payment.transactionId);
    expect(await stack.control.checkoutsFor(cartId)).toHaveLength(1);
  });

  it("sends every Glue call made for the customer with the customer's bearer token and never an anonymous id", async () => {
    const { account, cartId } = await customerWithCart(stack);
    const requestId = newRequestId();
    const sdk = stack.sdk({
      Authorization: `Bearer ${account.accessToken}`,
      'x-request-id': requestId,
      'Accept-Language': 'de-DE',
    });
    const init = initSuccess(
      (await sdk.InitializePreOrderPayment({ input: initializeInput(cartId, { customer: customerInput(account) }) }))
        .initializePreOrderPayment,
    );
    expect((await sdk.PreOrderPayment({ id: init.preOrderPayment.id })).preOrderPayment?.id).toBe(
      init.preOrderPayment.id,
    );
    const cancel = (await sdk.CancelPreOrderPayment({ input: { preOrderPaymentId: init.preOrderPayment.id } }))
      .cancelPreOrderPayment;
    expect(cancel.__typename).toBe('CancelPreOrderPaymentSuccess');
    const reinit = initSuccess(
      (await sdk.InitializePreOrderPayment({ input: initializeInput(cartId, { customer: customerInput(account) }) }))
        .initializePreOrderPayment,
    );
    placeSuccess((await sdk.PlaceOrder({ input: { preOrderPaymentId: reinit.preOrderPayment.id } })).placeOrder);

    const calls = (await stack.control.calls()).filter((call) => call.requestId === requestId);
    expect(calls.map((call) => call.endpoint)).toEqual(
      expect.arrayContaining([
        'GET /customers',
        'POST /checkout-data',
        'POST /payments',
        'POST /payment-cancellations',
        'POST /checkout',
      ]),
    );
    // No guest endpoint was used for a customer.
    expect(calls.filter((call) => call.path.startsWith('/guest-'))).toEqual([]);
    for (const call of calls) {
      expect(call.headers.authorization).toBe(`Bearer ${account.accessToken}`);
      expect(call.headers['x-anonymous-customer-unique-id']).toBeUndefined();
      expect(call.headers['accept-language']).toBe('de-DE');
    }
  });

  it('lets a second access token of the same customer (a new Glue login) see and place the payment made with the first', async () => {
    const { account, cartId, payment } = await customerWithPayment(stack);
    const secondToken = await logIn(stack, account.email, account.password);
    expect(secondToken).not.toBe(account.accessToken);
    const second = stack.customerSdk(secondToken);

    const seen = (await second.PreOrderPayment({ id: payment.id })).preOrderPayment;
    expect(seen?.id).toBe(payment.id);
    expect(seen?.status).toBe('INITIALIZED');
    expect((await second.ActivePreOrderPayment({ cartId })).activePreOrderPayment?.id).toBe(payment.id);

    const placed = placeSuccess((await second.PlaceOrder({ input: { preOrderPaymentId: payment.id } })).placeOrder);
    expect(placed.preOrderPayment.id).toBe(payment.id);
    const order = (await stack.control.orders()).find((o) => o.orderReference === placed.order.orderReference);
    expect(order?.customerReference).toBe(account.customerReference);
    // The second token learned its owner from Glue itself.
    expect(await customersCallsWith(secondToken)).toBe(1);
  });

  it('calls GET /customers once per token: the customerReference is cached across requests', async () => {
    const { account, cartId, sdk } = await customerWithCart(stack);
    expect(await customersCallsWith(account.accessToken)).toBe(0);
    const init = initSuccess(
      (await sdk.InitializePreOrderPayment({ input: initializeInput(cartId, { customer: customerInput(account) }) }))
        .initializePreOrderPayment,
    );
    const again = initSuccess(
      (await sdk.InitializePreOrderPayment({ input: initializeInput(cartId, { customer: customerInput(account) }) }))
        .initializePreOrderPayment,
    );
    expect(again.replayed).toBe(true);
    expect((await sdk.PreOrderPayment({ id: init.preOrderPayment.id })).preOrderPayment?.status).toBe('INITIALIZED');
    expect((await sdk.ActivePreOrderPayment({ cartId })).activePreOrderPayment?.id).toBe(init.preOrderPayment.id);
    placeSuccess((await sdk.PlaceOrder({ input: { preOrderPaymentId: init.preOrderPayment.id } })).placeOrder);
    expect((await sdk.PreOrderPayment({ id: init.preOrderPayment.id })).preOrderPayment?.status).toBe('ORDER_PLACED');
    expect(await customersCallsWith(account.accessToken)).toBe(1);
  });

  it('answers AuthenticationFailedError for a token Glue does not know, on every mutation and on paymentMethods', async () => {
    const { account, cartId, payment } = await customerWithPayment(stack);
    const bad = stack.customerSdk(`${account.accessToken.slice(0, -4)}XXXX`);
    const before = {
      payments: await stack.control.count('POST /payments'),
      checkouts: await stack.control.count('POST /checkout'),
    };

    const init = (
      await bad.InitializePreOrderPayment({ input: initializeInput(cartId, { customer: customerInput(account) }) })
    ).initializePreOrderPayment;
    expect(init).toMatchObject({
      __typename: 'AuthenticationFailedError',
      code: 'AUTHENTICATION_FAILED',
      retryable: false,
    });
    const place = (await bad.PlaceOrder({ input: { preOrderPaymentId: payment.id } })).placeOrder;
    expect(place.__typename).toBe('AuthenticationFailedError');
    const cancel = (await bad.CancelPreOrderPayment({ input: { preOrderPaymentId: payment.id } }))
      .cancelPreOrderPayment;
    expect(cancel.__typename).toBe('AuthenticationFailedError');
    const methods = (await bad.PaymentMethods({ cartId })).paymentMethods;
    expect(methods.__typename).toBe('AuthenticationFailedError');

    expect(await stack.control.count('POST /payments')).toBe(before.payments);
    expect(await stack.control.count('POST /checkout')).toBe(before.checkouts);
    // The real owner's payment is untouched.
    const own = stack.customerSdk(account.accessToken);
    expect((await own.PreOrderPayment({ id: payment.id })).preOrderPayment?.status).toBe('INITIALIZED');
  });

  it('reconciles a /checkout that hung after saving the order: OrderOutcomeUnknownError, then ORDER_PLACED with that order, one /checkout', async () => {
    const { account, cartId, sdk, payment } = await customerWithPayment(stack);
    await stack.control.fault({ endpoint: 'POST /checkout', mode: 'hang', afterEffect: true });
    const ordersListedBefore = await stack.control.count('GET /orders');

    const first = (await sdk.PlaceOrder({ input: { preOrderPaymentId: payment.id } })).placeOrder;
    if (first.__typename !== 'OrderOutcomeUnknownError')
      throw new Error(`expected OrderOutcomeUnknownError, got ${JSON.stringify(first)}`);
    expect(first.preOrderPaymentId).toBe(payment.id);
    expect(first.retryable).toBe(false);

    const saved = (await stack.control.orders()).filter((o) => o.cartId === cartId);
    expect(saved).toHaveLength(1);
    const orderReference = saved[0]?.orderReference;
    expect(saved[0]?.customerReference).toBe(account.customerReference);
    // Reconciliation asked Glue for the customer's orders.
    expect(await stack.control.count('GET /orders')).toBeGreaterThan(ordersListedBefore);

    const after = (await sdk.PreOrderPayment({ id: payment.id })).preOrderPayment;
    expect(after?.status).toBe('ORDER_PLACED');
    expect(after?.orderReference).toBe(orderReference);
    expect(after?.events.map((event) => event.type)).toEqual(
      expect.arrayContaining(['ORDER_OUTCOME_UNKNOWN', 'ORDER_PLACED']),
    );

    const again = placeSuccess((await sdk.PlaceOrder({ input: { preOrderPaymentId: payment.id } })).placeOrder);
    expect(again.replayed).toBe(true);
    expect(again.order.orderReference).toBe(orderReference);
    expect(await stack.control.checkoutsFor(cartId)).toHaveLength(1);
  });

  it("quotes the customer cart's items (sku, quantity) to POST /payments and places an order of the same total", async () => {
    const { cartId, sdk, payment } = await customerWithPayment(stack, 3);
    placeSuccess((await sdk.PlaceOrder({ input: { preOrderPaymentId: payment.id } })).placeOrder);
    const order = (await stack.control.orders()).find((o) => o.cartId === cartId);
    expect(order?.totals.grandTotal).toBe(3 * UNIT_PRICE + STANDARD_SHIPPING);
    const payments = (await stack.control.calls('POST /payments')).filter(
      (call) =>
        (call.body as { data: { attributes: { quote?: { uuid?: string } } } }).data.attributes.quote?.uuid === cartId,
    );
    expect(payments).toHaveLength(1);
    const items = (
      payments[0]!.body as { data: { attributes: { quote: { items?: { sku: string; quantity: number }[] } } } }
    ).data.attributes.quote.items;
    expect(items?.map((item) => ({ sku: item.sku, quantity: item.quantity }))).toEqual([{ sku: SKU, quantity: 3 }]);
  });
});
