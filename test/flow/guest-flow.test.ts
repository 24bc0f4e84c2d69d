import { describe, expect, it } from 'vitest';
import { anonymousId, initializeInput, SKU } from '../support/fixtures.ts';
import { useStack } from '../support/stack.ts';

const stack = useStack();

describe('guest flow', () => {
  it('initializes a pre-order payment whose amount is the checkout total including shipping, then places exactly that order', async () => {
    const anon = anonymousId();
    const cartId = await stack.control.createGuestCart(anon, [{ sku: SKU, quantity: 2 }]);
    const sdk = stack.guestSdk(anon);

    const init = await sdk.InitializePreOrderPayment({ input: initializeInput(cartId) });
    const initialized = init.initializePreOrderPayment;
    if (initialized.__typename !== 'InitializePreOrderPaymentSuccess')
      throw new Error(`unexpected ${initialized.__typename}`);
    const payment = initialized.preOrderPayment;
    expect(initialized.replayed).toBe(false);
    expect(payment.status).toBe('INITIALIZED');
    expect(payment.providerData.__typename).toBe('StripePaymentData');
    expect(payment.events.map((event) => event.type)).toEqual(['INITIALIZED']);

    const [transaction] = (await stack.control.transactions()).filter((t) => t.transactionId === payment.transactionId);
    expect(transaction?.amount).toBe(payment.amount.amount);

    const placed = (await sdk.PlaceOrder({ input: { preOrderPaymentId: payment.id } })).placeOrder;
    if (placed.__typename !== 'PlaceOrderSuccess') throw new Error(`unexpected ${placed.__typename}`);
    expect(placed.replayed).toBe(false);
    expect(placed.preOrderPayment.status).toBe('ORDER_PLACED');
    expect(placed.preOrderPayment.orderReference).toBe(placed.order.orderReference);

    const order = (await stack.control.orders()).find((o) => o.orderReference === placed.order.orderReference);
    expect(order?.cartId).toBe(cartId);
    // The payment's amount equals the placed order's total, shipping included.
    expect(order?.totals.grandTotal).toBe(payment.amount.amount);
    expect(order?.transactionId).toBe(payment.transactionId);
  });

  it('answers a second placeOrder with the same order, replayed, and sends no second /checkout', async () => {
    const anon = anonymousId();
    const cartId = await stack.control.createGuestCart(anon, [{ sku: SKU, quantity: 1 }]);
    const sdk = stack.guestSdk(anon);
    const init = (await sdk.InitializePreOrderPayment({ input: initializeInput(cartId) })).initializePreOrderPayment;
    if (init.__typename !== 'InitializePreOrderPaymentSuccess') throw new Error(init.__typename);
    const first = (await sdk.PlaceOrder({ input: { preOrderPaymentId: init.preOrderPayment.id } })).placeOrder;
    const before = await stack.control.count('POST /checkout');
    const second = (await sdk.PlaceOrder({ input: { preOrderPaymentId: init.preOrderPayment.id } })).placeOrder;
    expect(first.__typename).toBe('PlaceOrderSuccess');
    expect(second.__typename).toBe('PlaceOrderSuccess');
    if (first.__typename !== 'PlaceOrderSuccess' || second.__typename !== 'PlaceOrderSuccess') return;
    expect(second.replayed).toBe(true);
    expect(second.order.orderReference).toBe(first.order.orderReference);
    expect(await stack.control.count('POST /checkout')).toBe(before);
  });

  it('forwards the anonymous id, Accept-Language and x-request-id to every Glue call made for the guest', async () => {
    const anon = anonymousId();
    const cartId = await stack.control.createGuestCart(anon, [{ sku: SKU, quantity: 1 }]);
    const sdk = stack.sdk({
      'X-Anonymous-Customer-Unique-Id': anon,
      'Accept-Language': 'de-DE',
      'x-request-id': `req-${anon}`,
    });
    const init = (await sdk.InitializePreOrderPayment({ input: initializeInput(cartId) })).initializePreOrderPayment;
    expect(init.__typename).toBe('InitializePreOrderPaymentSuccess');
    const calls = (await stack.control.calls()).filter((call) => call.headers['x-request-id'] === `req-${anon}`);
    expect(calls.map((call) => call.endpoint)).toEqual(
      expect.arrayContaining(['POST /checkout-data', 'POST /payments']),
    );
    for (const call of calls) {
      expect(call.headers['x-anonymous-customer-unique-id']).toBe(anon);
      expect(call.headers['accept-language']).toBe('de-DE');
      expect(call.headers.authorization).toBeUndefined();
    }
  });
});
