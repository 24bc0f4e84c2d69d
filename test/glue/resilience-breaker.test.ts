import { setTimeout as sleep } from 'node:timers/promises';
import { pino } from 'pino';
import { beforeEach, describe, expect, it } from 'vitest';
import { createGlueClient } from '../../src/adapters/glue/glue-client.ts';
import { createGlueHttp } from '../../src/adapters/glue/http.ts';
import { createAdapters } from '../../src/composition.ts';
import { loadConfig } from '../../src/config.ts';
import type { Caller } from '../../src/domain/identity.ts';
import type { CartSnapshot, CheckoutDataSnapshot } from '../../src/domain/ports/glue-port.ts';
import { createGateway } from '../../src/gateway.ts';
import { CHECKOUT_REFUSED_1101 } from '../support/fixtures.ts';
import { SandboxControl } from '../support/sandbox-control.ts';
import { customer, guest } from './support/callers.ts';
import { useCleanups } from './support/cleanups.ts';
import { checkoutRequest, initializePayment, STRIPE } from './support/flow.ts';
import { address, customerInput } from './support/glue-documents.ts';
import { type SandboxGlue, startSandboxGlue } from './support/sandbox-glue.ts';
import { closedPort } from './support/test-server.ts';

/**
 * The circuit breaker of the built-in Glue policy (resilience.ts) against the sandbox over real
 * HTTP, and its wiring into /readyz. Each test has its own sandbox and breaker.
 */

const OPEN_MS = 700;
const SETTINGS = { baseDelayMs: 10, maxDelayMs: 40, breakerThreshold: 3, breakerOpenMs: OPEN_MS } as const;
const items = [{ sku: '066_23294028', quantity: 1 }];
/** Shipments that name their items, so /checkout needs no cart read (a success would reset the count). */
const namedShipments = [{ shipmentMethodId: 1, shippingAddress: address, itemGroupKeys: ['066_23294028'] }];

let env: SandboxGlue;
let control: SandboxControl;
const defer = useCleanups();
beforeEach(async () => {
  env = await startSandboxGlue(500, SETTINGS);
  control = new SandboxControl(env.sandbox.url);
  defer(() => env.close());
});

/** A guest with a pre-order payment, and what a later createPayment needs. */
async function prepared() {
  const { caller, cartId } = await env.guestWithCart(items);
  const checkoutData = await env.glue.checkoutData(caller, { cartId });
  const cart = await env.glue.cart(caller, cartId);
  const created = await initializePayment(env.glue, caller, { cartId });
  if (!checkoutData.ok || !cart.ok || created.kind !== 'created') throw new Error('the payment could not be prepared');
  return { caller, cartId, checkoutData: checkoutData.value, cart: cart.value, data: created.preOrderPaymentData };
}

function paymentRequest(checkoutData: CheckoutDataSnapshot, cart: CartSnapshot) {
  return {
    amount: checkoutData.amount,
    ...STRIPE,
    cart,
    checkoutData,
    customer: customerInput,
    customerReference: null,
    billingAddress: address,
    shippingAddress: address,
    preOrderPaymentData: null,
  };
}

/** One read that meets three 503s: three failed attempts, which is the threshold. */
async function openWithFailingRead(caller: Caller, cartId: string): Promise<void> {
  await env.fault({ endpoint: 'GET /guest-carts/{id}', mode: 'status', status: 503, count: 3 });
  expect(await env.glue.cart(caller, cartId)).toMatchObject({
    ok: false,
    error: { kind: 'unavailable', upstream: { status: 503 } },
  });
  expect(env.http.isOpen()).toBe(true);
}

describe('circuit breaker', () => {
  it('opens after consecutive failures; while open every call is answered at once, nothing reaches Glue', async () => {
    const { caller, cartId, checkoutData, cart, data } = await prepared();
    expect(env.http.available()).toBe(true);
    await openWithFailingRead(caller, cartId);
    expect(env.http.available()).toBe(false);
    const sentBefore = (await control.calls()).length;

    const unavailable = { ok: false, error: { kind: 'unavailable', upstream: null, retryAfterSeconds: 1 } };
    expect(await env.glue.cart(caller, cartId)).toEqual(unavailable);
    expect(await env.glue.checkoutData(caller, { cartId })).toEqual(unavailable);
    expect(await env.glue.createPayment(caller, paymentRequest(checkoutData, cart))).toEqual(unavailable.error);
    expect(await env.glue.cancelPayment(caller, { ...STRIPE, preOrderPaymentData: data })).toEqual(unavailable.error);
    // Nothing was sent, so no order can exist: the use case may hand the payment back.
    expect(await env.glue.checkout(caller, checkoutRequest(cartId, data, { shipments: namedShipments }))).toEqual({
      kind: 'not-sent',
      retryAfterSeconds: 1,
    });
    expect(await env.http.send({ method: 'GET', path: '/orders', caller })).toEqual({
      kind: 'not-sent',
      reason: 'breaker-open',
      retryAfterSeconds: 1,
    });

    expect((await control.calls()).length).toBe(sentBefore);
  });

  it('half-opens after the open time, and a successful probe closes it', async () => {
    const { caller, cartId } = await env.guestWithCart(items);
    await openWithFailingRead(caller, cartId);
    await sleep(OPEN_MS + 50);
    // Ready again before any call: the next call is the probe.
    expect(env.http.available()).toBe(true);
    expect((await env.glue.cart(caller, cartId)).ok).toBe(true);
    expect(await control.count('GET /guest-carts/{id}')).toBe(4);
    expect(env.http.isOpen()).toBe(false);
    // Closed means a fresh count: two more failures do not open it.
    await env.fault({ endpoint: 'GET /guest-carts/{id}', mode: 'status', status: 500, count: 2 });
    await env.glue.cart(caller, cartId);
    await env.glue.cart(caller, cartId);
    expect(env.http.isOpen()).toBe(false);
  });

  it('opens again for a whole open time when the probe fails, and the retry does not pass it', async () => {
    const { caller, cartId } = await env.guestWithCart(items);
    await openWithFailingRead(caller, cartId);
    await sleep(OPEN_MS + 50);
    await env.fault({ endpoint: 'GET /guest-carts/{id}', mode: 'status', status: 503 });
    expect(await env.glue.cart(caller, cartId)).toEqual({
      ok: false,
      error: { kind: 'unavailable', upstream: null, retryAfterSeconds: 1 },
    });
    expect(await control.count('GET /guest-carts/{id}')).toBe(4);
    expect(env.http.isOpen()).toBe(true);
  });

  it('counts consecutive "Glue is down" answers only: a 4xx refusal in between starts the count again', async () => {
    const { caller, cartId } = await env.guestWithCart(items);
    const place = () =>
      env.glue.checkout(caller, checkoutRequest(cartId, { transactionId: 't' }, { shipments: namedShipments }));
    await env.fault({ endpoint: 'POST /checkout', mode: 'status', status: 503, count: 2 });
    expect((await place()).kind).toBe('server-error');
    expect((await place()).kind).toBe('server-error');
    await env.fault(CHECKOUT_REFUSED_1101);
    expect((await place()).kind).toBe('rejected');
    await env.fault({ endpoint: 'POST /checkout', mode: 'status', status: 502, count: 3 });
    await place();
    await place();
    expect(env.http.isOpen()).toBe(false);
    await place();
    expect(env.http.isOpen()).toBe(true);
    expect(await control.count('POST /checkout')).toBe(6);
  });

  it('opens on refused connections too, and then answers /checkout not-sent without trying to connect', async () => {
    const http = createGlueHttp({
      baseUrl: `http://127.0.0.1:${await closedPort()}`,
      timeoutMs: 500,
      resilience: SETTINGS,
    });
    defer(() => http.close());
    const glue = createGlueClient({ http });
    expect(await http.send({ method: 'GET', path: '/orders', caller: customer() })).toMatchObject({
      kind: 'not-sent',
      reason: 'connection-refused',
    });
    expect(http.isOpen()).toBe(true);
    expect(
      await glue.checkout(customer(), checkoutRequest('c1', { transactionId: 't' }, { shipments: namedShipments })),
    ).toEqual({ kind: 'not-sent', retryAfterSeconds: 1 });
  });
});

describe('readiness', () => {
  it('exposes glueAvailable from the composition root; /readyz answers 503 while the breaker is open, without calling Glue', async () => {
    const url = `http://127.0.0.1:${await closedPort()}`;
    const loaded = loadConfig({
      NODE_ENV: 'test',
      GLUE_BASE_URL: url,
      GLUE_TIMEOUT_MS: '500',
      PLACEMENT_LEASE_MS: '6000',
    });
    if (!loaded.ok) throw new Error(loaded.message);
    const logger = pino({ level: 'silent' });
    const adapters = createAdapters(loaded.config, url, logger);
    defer(() => adapters.close());
    const gateway = createGateway({ config: loaded.config, logger, adapters });
    const readyz = async () => (await gateway.fetch('http://gateway.test/readyz')).status;

    expect(adapters.glueAvailable()).toBe(true);
    expect(await readyz()).toBe(200);
    // The default threshold is 5 failed attempts; two reads with their retries make six.
    const glue = adapters.glueForRequest();
    await glue.cart(guest(), 'c1');
    await glue.cart(guest(), 'c2');
    expect(adapters.glueAvailable()).toBe(false);
    expect(await readyz()).toBe(503);
  });
});
