import { createGatewayClient, type PreOrderPaymentFieldsFragment } from '@headless-payment-gateway/client';
import { describe, expect, it } from 'vitest';
import { anonymousId, initializeInput, SKU } from '../support/fixtures.ts';
import { useStack } from '../support/stack.ts';

const stack = useStack();

/** A fetch that records each request's GraphQL body and passes it on. */
function recordingFetch(bodies: { query: string; variables: Record<string, unknown> }[]): typeof fetch {
  return async (input, init) => {
    if (typeof init?.body === 'string') bodies.push(JSON.parse(init.body));
    return fetch(input, init);
  };
}

async function initializedPayment(client: ReturnType<typeof createGatewayClient>, cartId: string) {
  const result = await client.initializePreOrderPayment(initializeInput(cartId));
  if (result.__typename !== 'InitializePreOrderPaymentSuccess') throw new Error(`initialize: ${result.__typename}`);
  return result.preOrderPayment;
}

describe('the client package (@headless-payment-gateway/client) against a running gateway', () => {
  it('runs the flow as a guest: identity header on every request, a fresh idempotency key on each mutation', async () => {
    const anon = anonymousId();
    const cartId = await stack.control.createGuestCart(anon, [{ sku: SKU, quantity: 1 }]);
    const bodies: { query: string; variables: Record<string, unknown> }[] = [];
    const client = createGatewayClient({
      url: stack.url,
      identity: { anonymousId: anon },
      fetch: recordingFetch(bodies),
    });

    const methods = await client.paymentMethods(cartId);
    expect(methods.__typename).toBe('PaymentMethodList');
    const payment = await initializedPayment(client, cartId);
    expect((await client.activePreOrderPayment(cartId))?.id).toBe(payment.id);
    const placed = await client.placeOrder({ preOrderPaymentId: payment.id });
    expect(placed.__typename).toBe('PlaceOrderSuccess');
    expect((await client.preOrderPayment(payment.id))?.status).toBe('ORDER_PLACED');

    const keys = bodies
      .map((body) => (body.variables.input as { idempotencyKey?: string } | undefined)?.idempotencyKey)
      .filter((key) => key !== undefined);
    expect(keys).toHaveLength(2);
    expect(new Set(keys).size).toBe(2);
    for (const key of keys) expect(key).toMatch(/^[0-9a-f-]{36}$/);
    // Another identity sees nothing of it: the header was what identified the shopper.
    const stranger = createGatewayClient({ url: stack.url, identity: { anonymousId: anonymousId() } });
    expect(await stranger.preOrderPayment(payment.id)).toBeNull();
  });

  it('sends a mutation whose answer was lost once more with the same key: one order, the replay answered', async () => {
    const anon = anonymousId();
    const cartId = await stack.control.createGuestCart(anon, [{ sku: SKU, quantity: 1 }]);
    const payment = await initializedPayment(
      createGatewayClient({ url: stack.url, identity: { anonymousId: anon } }),
      cartId,
    );
    const bodies: { query: string; variables: Record<string, unknown> }[] = [];
    let lost = 0;
    // The first placeOrder reaches the gateway, but its answer never comes back (a dropped connection).
    const losingFetch: typeof fetch = async (input, init) => {
      const response = await recordingFetch(bodies)(input, init);
      if (lost++ > 0) return response;
      await response.arrayBuffer();
      throw new TypeError('fetch failed');
    };
    const client = createGatewayClient({ url: stack.url, identity: { anonymousId: anon }, fetch: losingFetch });

    const placed = await client.placeOrder({ preOrderPaymentId: payment.id });
    expect(placed.__typename).toBe('PlaceOrderSuccess');
    expect(placed.__typename === 'PlaceOrderSuccess' && placed.replayed).toBe(true);
    const keys = bodies.map((body) => (body.variables.input as { idempotencyKey: string }).idempotencyKey);
    expect(keys).toHaveLength(2);
    expect(keys[0]).toBe(keys[1]);
    expect(await stack.control.checkoutsFor(cartId)).toHaveLength(1);
  });

  it('watches a payment live: as it is, then each change in order, and the stream ends after ORDER_PLACED', async () => {
    const anon = anonymousId();
    const cartId = await stack.control.createGuestCart(anon, [{ sku: SKU, quantity: 1 }]);
    const client = createGatewayClient({ url: stack.url, identity: { anonymousId: anon } });
    const payment = await initializedPayment(client, cartId);
    const seen: PreOrderPaymentFieldsFragment['status'][] = [];
    const watching = (async () => {
      for await (const update of client.watchPreOrderPayment(payment.id)) {
        seen.push(update.status);
        if (seen.length === 1) void client.placeOrder({ preOrderPaymentId: payment.id });
      }
    })();
    await watching;
    expect(seen).toEqual(['INITIALIZED', 'PLACING_ORDER', 'ORDER_PLACED']);
  });

  it('runs as a customer with a bearer token', async () => {
    const customer = await stack.control.createCustomer();
    const cartId = await stack.control.createCustomerCart(customer.customerReference, [{ sku: SKU, quantity: 1 }]);
    const client = createGatewayClient({ url: stack.url, identity: { accessToken: customer.accessToken } });
    const payment = await initializedPayment(client, cartId);
    expect((await client.placeOrder({ preOrderPaymentId: payment.id })).__typename).toBe('PlaceOrderSuccess');
  });
});
