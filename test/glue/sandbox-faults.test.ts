import { afterEach, describe, expect, it } from 'vitest';
import { createGlueClient } from '../../src/adapters/glue/glue-client.ts';
import { createGlueHttp } from '../../src/adapters/glue/http.ts';
import { CHECKOUT_FAILS_500, CHECKOUT_SAVED_THEN_1106 } from '../support/fixtures.ts';
import {
  CANCELLATION_REFUSED,
  cancelablePayment,
  checkoutRequest,
  initializePayment,
  PAYPAL_EXPRESS,
  STRIPE,
} from './support/flow.ts';
import { address } from './support/glue-documents.ts';
import { useSandboxGlue } from './support/sandbox-glue.ts';
import { closedPort } from './support/test-server.ts';

// Short deadline: hang faults must end as timeouts quickly.
const env = useSandboxGlue(400);
afterEach(async () => {
  await env.control('DELETE', '/_sandbox/faults');
});

const items = [{ sku: '066_23294028', quantity: 1 }];

/** A guest whose pre-order payment exists, ready for /checkout. */
async function readyToPlace(method: { paymentMethodName: string; paymentProviderName: string } = STRIPE) {
  const { caller, cartId } = await env.guestWithCart(items);
  const created = await initializePayment(env.glue, caller, { cartId, method });
  if (created.kind !== 'created') throw new Error(`payment not created: ${created.kind}`);
  return { caller, cartId, data: created.preOrderPaymentData };
}

async function orders(): Promise<{ orderReference: string; cartId: string }[]> {
  return (
    (await env.control('GET', '/_sandbox/orders')).body as { orders: { orderReference: string; cartId: string }[] }
  ).orders;
}

describe('§12 /checkout rows against the sandbox', () => {
  it('maps a 500 to server-error', async () => {
    const { caller, cartId, data } = await readyToPlace();
    await env.fault(CHECKOUT_FAILS_500);
    expect(await env.glue.checkout(caller, checkoutRequest(cartId, data))).toMatchObject({
      kind: 'server-error',
      upstream: { status: 500, detail: null },
    });
  });

  it('maps a hang after Glue saved the order to no-answer, and the order exists', async () => {
    const { caller, cartId, data } = await readyToPlace();
    await env.fault({ endpoint: 'POST /checkout', mode: 'hang', afterEffect: true });
    expect(await env.glue.checkout(caller, checkoutRequest(cartId, data))).toEqual({ kind: 'no-answer' });
    expect((await orders()).some((order) => order.cartId === cartId)).toBe(true);
  });

  it('maps a connection reset after sending to no-answer', async () => {
    const { caller, cartId, data } = await readyToPlace();
    await env.fault({ endpoint: 'POST /checkout', mode: 'reset' });
    expect(await env.glue.checkout(caller, checkoutRequest(cartId, data))).toEqual({ kind: 'no-answer' });
  });

  it('maps 1106 after the order was saved to order-may-exist', async () => {
    const { caller, cartId, data } = await readyToPlace();
    await env.fault(CHECKOUT_SAVED_THEN_1106);
    expect(await env.glue.checkout(caller, checkoutRequest(cartId, data))).toMatchObject({
      kind: 'order-may-exist',
      orderReference: null,
    });
  });

  it('maps a confirmation failure naming the saved order to order-may-exist with that reference, without the provider body', async () => {
    const { caller, cartId, data } = await readyToPlace(PAYPAL_EXPRESS);
    await env.fault({
      endpoint: 'POST /checkout',
      mode: 'after-effect',
      status: 422,
      code: '1102',
      detail: 'Failed to confirm pre-order payment for order {orderReference}. Response: {"message":"declined"}',
      keepCart: true,
    });
    const outcome = await env.glue.checkout(
      caller,
      checkoutRequest(cartId, data, { ...PAYPAL_EXPRESS, expressCheckout: true }),
    );
    const saved = (await orders()).find((order) => order.cartId === cartId);
    expect(outcome).toEqual({
      kind: 'order-may-exist',
      orderReference: saved?.orderReference,
      upstream: {
        status: 422,
        code: '1102',
        detail: `Failed to confirm pre-order payment for order ${saved?.orderReference}.`,
      },
    });
  });

  it('maps an unknown express-checkout 1102 to order-may-exist and a known refusal to rejected', async () => {
    const { caller, cartId, data } = await readyToPlace(PAYPAL_EXPRESS);
    const express = checkoutRequest(cartId, data, { ...PAYPAL_EXPRESS, expressCheckout: true });
    await env.fault({
      endpoint: 'POST /checkout',
      mode: 'status',
      status: 422,
      code: '1102',
      detail: 'Order could not be placed.',
    });
    expect((await env.glue.checkout(caller, express)).kind).toBe('order-may-exist');
    await env.fault({
      endpoint: 'POST /checkout',
      mode: 'status',
      status: 422,
      code: '1102',
      detail: 'Checkout payment is not valid',
    });
    expect((await env.glue.checkout(caller, express)).kind).toBe('rejected');
  });

  it("maps Glue's own refusals to rejected with input paths: an unknown shipment method, a blank zip code", async () => {
    const { caller, cartId, data } = await readyToPlace();
    const unknownMethod = await env.glue.checkout(
      caller,
      checkoutRequest(cartId, data, { shipments: [{ shipmentMethodId: 999, shippingAddress: address }] }),
    );
    expect(unknownMethod).toMatchObject({
      kind: 'rejected',
      upstream: { code: '1102', detail: 'Shipment method not found.' },
    });
    const blankZip = await env.glue.checkout(
      caller,
      checkoutRequest(cartId, data, { billingAddress: { ...address, zipCode: '' } }),
    );
    expect(blankZip).toMatchObject({ kind: 'rejected', violations: [{ path: 'input.billingAddress.zipCode' }] });
    expect((await orders()).some((order) => order.cartId === cartId)).toBe(false);
  });

  it("maps 422/1103 (someone else's or a deleted cart) to cart-not-found", async () => {
    const { caller, data } = await readyToPlace();
    const outcome = await env.glue.checkout(
      caller,
      checkoutRequest('no-such-cart', data, {
        shipments: [{ shipmentMethodId: 1, shippingAddress: address, itemGroupKeys: ['x'] }],
      }),
    );
    expect(outcome).toMatchObject({ kind: 'cart-not-found' });
  });

  it('maps connection refused to not-sent', async () => {
    const http = createGlueHttp({ baseUrl: `http://127.0.0.1:${await closedPort()}`, timeoutMs: 400 });
    const glue = createGlueClient({ http });
    const { caller } = await env.guestWithCart(items);
    const outcome = await glue.checkout(caller, checkoutRequest('c', { transactionId: 't' }, { shipments: [] }));
    await http.close();
    expect(outcome).toEqual({ kind: 'not-sent', retryAfterSeconds: null });
  });
});

describe('§12 read and payment rows against the sandbox', () => {
  it('maps a hanging cart read and a 503 /checkout-data to unavailable', async () => {
    const { caller, cartId } = await env.guestWithCart(items);
    await env.fault({ endpoint: 'GET /guest-carts/{id}', mode: 'hang' });
    expect(await env.glue.cart(caller, cartId)).toMatchObject({ ok: false, error: { kind: 'unavailable' } });
    await env.fault({ endpoint: 'POST /checkout-data', mode: 'status', status: 503 });
    expect(await env.glue.checkoutData(caller, { cartId })).toMatchObject({
      ok: false,
      error: { kind: 'unavailable', upstream: { status: 503 } },
    });
  });

  it('maps /payments 5xx and timeouts to unavailable, other 422 to provider-rejected', async () => {
    const { caller, cartId } = await env.guestWithCart(items);
    await env.fault({ endpoint: 'POST /payments', mode: 'status', status: 502 });
    expect((await initializePayment(env.glue, caller, { cartId })).kind).toBe('unavailable');
    await env.fault({ endpoint: 'POST /payments', mode: 'hang' });
    expect((await initializePayment(env.glue, caller, { cartId })).kind).toBe('unavailable');
    await env.fault({
      endpoint: 'POST /payments',
      mode: 'status',
      status: 422,
      detail: 'Request to payment provider failed. Card declined {"raw":1}',
    });
    expect(await initializePayment(env.glue, caller, { cartId })).toEqual({
      kind: 'provider-rejected',
      upstream: { status: 422, code: null, detail: null },
    });
  });

  it('maps /payment-cancellations 422 to provider-rejected and a timeout to no-answer (it may still cancel)', async () => {
    const { caller, cancel } = await cancelablePayment(env, items);
    await env.fault(CANCELLATION_REFUSED);
    expect((await env.glue.cancelPayment(caller, cancel)).kind).toBe('provider-rejected');
    await env.fault({ endpoint: 'POST /payment-cancellations', mode: 'hang' });
    expect((await env.glue.cancelPayment(caller, cancel)).kind).toBe('no-answer');
  });
});
