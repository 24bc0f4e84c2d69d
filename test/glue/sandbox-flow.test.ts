import { afterEach, describe, expect, it } from 'vitest';
import { createRequestGlue } from '../../src/adapters/glue/loaders.ts';
import { checkoutRequest, initializePayment, PAYPAL_EXPRESS, STRIPE, standardShipping } from './support/flow.ts';
import { address, customerInput, FIRST_PAGE } from './support/glue-documents.ts';
import { useSandboxGlue } from './support/sandbox-glue.ts';

const env = useSandboxGlue();
afterEach(async () => {
  await env.control('DELETE', '/_sandbox/faults');
});

// Sandbox catalog: 066_23294028 = 39353, 001_25904006 = 9999; shipment method 1 "Standard" = 490.
const items = [
  { sku: '066_23294028', quantity: 1 },
  { sku: '001_25904006', quantity: 2 },
];
const itemsTotal = 39353 + 2 * 9999;

describe('Glue client against the sandbox: reads', () => {
  it.each(['guest', 'customer'] as const)(
    'computes a %s cart amount with shipping through /checkout-data, and lists its items',
    async (who) => {
      const { caller, cartId } = who === 'guest' ? await env.guestWithCart(items) : await env.customerWithCart(items);
      const checkoutData = await env.glue.checkoutData(caller, {
        cartId,
        customer: customerInput,
        billingAddress: address,
        shipments: standardShipping,
      });
      expect(checkoutData).toMatchObject({
        ok: true,
        value: { amount: { amount: itemsTotal + 490, currency: 'EUR' }, store: 'DE', priceMode: 'GROSS_MODE' },
      });
      const cart = await env.glue.cart(caller, cartId);
      expect(cart).toMatchObject({
        ok: true,
        value: {
          cartId,
          currency: 'EUR',
          items: [
            { sku: '066_23294028', quantity: 1, unitPrice: 39353 },
            { sku: '001_25904006', quantity: 2, unitPrice: 9999 },
          ],
        },
      });
    },
  );

  it('classifies the sandbox payment methods', async () => {
    const { caller, cartId } = await env.guestWithCart(items);
    const checkoutData = await env.glue.checkoutData(caller, { cartId });
    const methods = checkoutData.ok ? checkoutData.value.paymentMethods : [];
    expect(
      methods.map((m) => [m.paymentProviderName, m.paymentMethodName, m.strategy, m.supportsPreOrderPayment]),
    ).toEqual([
      ['DummyPayment', 'Invoice', 'OFFLINE', false],
      ['Stripe', 'Stripe', 'EMBEDDED', true],
      ['payone', 'PayPal Express', 'EXPRESS_CHECKOUT', true],
    ]);
  });

  it("learns a customer's customerReference from GET /customers", async () => {
    const { caller, customerReference } = await env.customerWithCart(items);
    expect(await env.glue.customerReference(caller)).toEqual({ ok: true, value: customerReference });
  });

  it('reports an unknown cart as cart-not-found and an empty one as cart-empty', async () => {
    const { caller } = await env.guestWithCart(items);
    expect(await env.glue.cart(caller, 'no-such-cart')).toEqual({ ok: false, error: { kind: 'cart-not-found' } });
    expect(await env.glue.checkoutData(caller, { cartId: 'no-such-cart' })).toEqual({
      ok: false,
      error: { kind: 'cart-not-found' },
    });
    const empty = await env.guestWithCart([]);
    expect(await env.glue.checkoutData(empty.caller, { cartId: empty.cartId })).toMatchObject({
      ok: false,
      error: { kind: 'cart-empty' },
    });
  });

  it('reports a token Glue does not accept as authentication-failed', async () => {
    const caller = {
      identity: { kind: 'customer' as const, accessToken: 'not-a-token' },
      acceptLanguage: null,
      requestId: 'req-bad',
    };
    expect(await env.glue.cart(caller, 'any')).toMatchObject({ ok: false, error: { kind: 'authentication-failed' } });
    expect(await env.glue.customerReference(caller)).toMatchObject({
      ok: false,
      error: { kind: 'authentication-failed' },
    });
  });
});

describe('Glue client against the sandbox: payments and checkout', () => {
  it.each(['guest', 'customer'] as const)(
    'creates, then cancels a %s payment; a second cancel is already-canceled',
    async (who) => {
      const { caller, cartId } = who === 'guest' ? await env.guestWithCart(items) : await env.customerWithCart(items);
      const created = await initializePayment(env.glue, caller, { cartId });
      expect(created).toMatchObject({ kind: 'created', transactionId: expect.stringMatching(/^pi_/) });
      if (created.kind !== 'created') return;
      const cancel = { ...STRIPE, preOrderPaymentData: created.preOrderPaymentData };
      expect(await env.glue.cancelPayment(caller, cancel)).toEqual({ kind: 'canceled' });
      expect(await env.glue.cancelPayment(caller, cancel)).toMatchObject({ kind: 'already-canceled' });
    },
  );

  it('sends the amount incl. shipping to the provider', async () => {
    const { caller, cartId } = await env.guestWithCart(items);
    const created = await initializePayment(env.glue, caller, { cartId });
    const transactions = (await env.control('GET', '/_sandbox/transactions')).body as {
      transactions: { transactionId: string; amount: number }[];
    };
    const transaction = transactions.transactions.find(
      (t) => created.kind === 'created' && t.transactionId === created.transactionId,
    );
    expect(transaction?.amount).toBe(itemsTotal + 490);
  });

  it('maps an unknown payment method to method-not-found and an invalid e-mail to a validation error on input.customer.email', async () => {
    const { caller, cartId } = await env.guestWithCart(items);
    expect(
      (
        await initializePayment(env.glue, caller, {
          cartId,
          method: { paymentMethodName: 'Nope', paymentProviderName: 'Nobody' },
        })
      ).kind,
    ).toBe('method-not-found');
    const invalid = await initializePayment(env.glue, caller, { cartId, method: STRIPE, email: 'not-an-email' });
    expect(invalid).toMatchObject({ kind: 'validation', violations: [{ path: 'input.customer.email' }] });
  });

  it.each(['guest', 'customer'] as const)('places a %s order; the cart is gone afterwards', async (who) => {
    const { caller, cartId } = who === 'guest' ? await env.guestWithCart(items) : await env.customerWithCart(items);
    const created = await initializePayment(env.glue, caller, { cartId });
    if (created.kind !== 'created') throw new Error(created.kind);
    const placed = await env.glue.checkout(caller, checkoutRequest(cartId, created.preOrderPaymentData));
    expect(placed).toMatchObject({ kind: 'placed', orderReference: expect.stringMatching(/^DE--\d+$/) });
    expect(await env.glue.cart(caller, cartId)).toMatchObject({ ok: false, error: { kind: 'cart-not-found' } });
  });

  it("lists a customer's order and reads it by reference with its total and creation time", async () => {
    const { caller, cartId } = await env.customerWithCart(items);
    const before = Date.now();
    const created = await initializePayment(env.glue, caller, { cartId });
    if (created.kind !== 'created') throw new Error(created.kind);
    const placed = await env.glue.checkout(caller, checkoutRequest(cartId, created.preOrderPaymentData));
    if (placed.kind !== 'placed') throw new Error(placed.kind);
    const listed = await env.glue.listOrders(caller, FIRST_PAGE);
    expect(listed).toMatchObject({
      ok: true,
      value: {
        orders: [{ orderReference: placed.orderReference, total: { amount: itemsTotal + 490, currency: 'EUR' } }],
        hasMore: false,
      },
    });
    const order = await env.glue.order(caller, placed.orderReference);
    expect(order.ok && order.value.createdAt).toBeGreaterThanOrEqual(before - 1000);
    expect(await env.glue.order(caller, 'DE--999999')).toEqual({ ok: false, error: { kind: 'not-found' } });
  });

  it('sees the cart gone on a fresh per-request re-read after /checkout', async () => {
    const { caller, cartId } = await env.guestWithCart(items);
    const glue = createRequestGlue(env.glue);
    expect((await glue.cart(caller, cartId)).ok).toBe(true);
    const created = await initializePayment(env.glue, caller, { cartId, method: PAYPAL_EXPRESS });
    if (created.kind !== 'created') throw new Error(created.kind);
    await glue.checkout(
      caller,
      checkoutRequest(cartId, created.preOrderPaymentData, { ...PAYPAL_EXPRESS, expressCheckout: true }),
    );
    expect(await glue.cart(caller, cartId, { fresh: true })).toMatchObject({
      ok: false,
      error: { kind: 'cart-not-found' },
    });
  });
});
