import { describe, expect, it } from 'vitest';
import type { CartReader, GlueClient } from '../../src/adapters/glue/glue-client.ts';
import { createRequestGlue } from '../../src/adapters/glue/loaders.ts';
import type { CartSnapshot } from '../../src/domain/ports/glue-port.ts';
import { customer, guest } from './support/callers.ts';
import { FIRST_PAGE } from './support/glue-documents.ts';

const snapshot = (cartId: string, quantity = 1): CartSnapshot => ({
  cartId,
  currency: 'EUR',
  priceMode: 'GROSS_MODE',
  store: 'DE',
  items: [{ sku: 'sku-1', quantity, groupKey: 'sku-1', name: null, unitPrice: 100 }],
});

/** A client that counts calls; `cartAnswers` are served in order, the last one repeatedly. */
function countingClient(
  cartAnswers: Awaited<ReturnType<GlueClient['cart']>>[] = [{ ok: true, value: snapshot('c-1') }],
) {
  const calls: string[] = [];
  let cartCall = 0;
  const client: GlueClient = {
    async checkoutData(caller, request, readCart?: CartReader) {
      calls.push('checkoutData');
      if (readCart) await readCart(caller, request.cartId);
      return { ok: false, error: { kind: 'cart-not-found' } };
    },
    async cart(_caller, cartId) {
      calls.push(`cart ${cartId}`);
      const answer = cartAnswers[Math.min(cartCall, cartAnswers.length - 1)];
      cartCall += 1;
      return answer ?? { ok: true, value: snapshot(cartId) };
    },
    async customerReference() {
      calls.push('customerReference');
      return { ok: true, value: 'DE--6' };
    },
    async createPayment() {
      calls.push('createPayment');
      return { kind: 'unavailable', upstream: null, retryAfterSeconds: null };
    },
    async cancelPayment() {
      calls.push('cancelPayment');
      return { kind: 'canceled' };
    },
    async checkout() {
      calls.push('checkout');
      return { kind: 'placed', orderReference: 'DE--1', redirectUrl: null, isExternalRedirect: null, orderTotal: null };
    },
    async listOrders() {
      calls.push('listOrders');
      return { ok: true, value: { orders: [], hasMore: false } };
    },
    async order(_caller, reference) {
      calls.push(`order ${reference}`);
      return { ok: false, error: { kind: 'not-found' } };
    },
  };
  return { client, calls };
}

describe('per-request Glue loaders', () => {
  it('reads a cart once per request, also when asked concurrently', async () => {
    const { client, calls } = countingClient();
    const glue = createRequestGlue(client);
    await Promise.all([glue.cart(customer(), 'c-1'), glue.cart(customer(), 'c-1')]);
    await glue.cart(customer(), 'c-1');
    expect(calls).toEqual(['cart c-1']);
  });

  it('re-reads a cart asked for fresh and keeps the fresh answer', async () => {
    const { client, calls } = countingClient([
      { ok: true, value: snapshot('c-1', 1) },
      { ok: true, value: snapshot('c-1', 3) },
    ]);
    const glue = createRequestGlue(client);
    await glue.cart(customer(), 'c-1');
    const fresh = await glue.cart(customer(), 'c-1', { fresh: true });
    const cached = await glue.cart(customer(), 'c-1');
    expect(calls).toEqual(['cart c-1', 'cart c-1']);
    expect(fresh).toMatchObject({ ok: true, value: { items: [{ quantity: 3 }] } });
    expect(cached).toEqual(fresh);
  });

  it('does not remember a failed read', async () => {
    const { client, calls } = countingClient([
      { ok: false, error: { kind: 'unavailable', upstream: null, retryAfterSeconds: null } },
      { ok: true, value: snapshot('c-1') },
    ]);
    const glue = createRequestGlue(client);
    expect((await glue.cart(customer(), 'c-1')).ok).toBe(false);
    expect((await glue.cart(customer(), 'c-1')).ok).toBe(true);
    expect(calls).toEqual(['cart c-1', 'cart c-1']);
  });

  it('keeps different callers apart', async () => {
    const { client, calls } = countingClient();
    const glue = createRequestGlue(client);
    await glue.cart(customer('token-a'), 'c-1');
    await glue.cart(customer('token-b'), 'c-1');
    await glue.cart(guest('anon-1'), 'c-1');
    expect(calls).toHaveLength(3);
  });

  it('shares the cached cart with /checkout-data for "all items" shipments', async () => {
    const { client, calls } = countingClient();
    const glue = createRequestGlue(client);
    await glue.cart(customer(), 'c-1');
    await glue.checkoutData(customer(), { cartId: 'c-1' });
    expect(calls).toEqual(['cart c-1', 'checkoutData']);
  });

  it('caches customerReference, the order list and orders by reference', async () => {
    const { client, calls } = countingClient();
    const glue = createRequestGlue(client);
    for (let i = 0; i < 2; i += 1) {
      await glue.customerReference(customer());
      await glue.listOrders(customer(), FIRST_PAGE);
    }
    expect(calls).toEqual(['customerReference', 'listOrders']);
  });

  it("forgets carts and orders after a checkout, so the re-read sees Glue's state", async () => {
    const { client, calls } = countingClient();
    const glue = createRequestGlue(client);
    await glue.cart(customer(), 'c-1');
    await glue.listOrders(customer(), FIRST_PAGE);
    await glue.checkout(customer(), {
      cartId: 'c-1',
      customer: { salutation: 'Mr', firstName: 'A', lastName: 'B', email: 'a@b.de' },
      billingAddress: {
        salutation: 'Mr',
        firstName: 'A',
        lastName: 'B',
        address1: 'x',
        address2: '1',
        zipCode: '1',
        city: 'c',
        iso2Code: 'DE',
      },
      shipments: [],
      paymentMethodName: 'Stripe',
      paymentProviderName: 'Stripe',
      preOrderPaymentData: { transactionId: 't' },
      expressCheckout: false,
    });
    await glue.cart(customer(), 'c-1');
    await glue.listOrders(customer(), FIRST_PAGE);
    expect(calls).toEqual(['cart c-1', 'listOrders', 'checkout', 'cart c-1', 'listOrders']);
  });

  it('passes writes straight through', async () => {
    const { client, calls } = countingClient();
    const glue = createRequestGlue(client);
    await glue.cancelPayment(guest(), {
      paymentMethodName: 'm',
      paymentProviderName: 'p',
      preOrderPaymentData: { transactionId: 't' },
    });
    await glue.cancelPayment(guest(), {
      paymentMethodName: 'm',
      paymentProviderName: 'p',
      preOrderPaymentData: { transactionId: 't' },
    });
    expect(calls).toEqual(['cancelPayment', 'cancelPayment']);
  });
});
