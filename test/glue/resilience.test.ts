import { beforeEach, describe, expect, it } from 'vitest';
import { createGlueClient } from '../../src/adapters/glue/glue-client.ts';
import { createGlueHttp } from '../../src/adapters/glue/http.ts';
import type { Caller } from '../../src/domain/identity.ts';
import { SandboxControl } from '../support/sandbox-control.ts';
import { customer } from './support/callers.ts';
import { useCleanups } from './support/cleanups.ts';
import { CANCELLATION_REFUSED, cancelablePayment, checkoutRequest, initializePayment } from './support/flow.ts';
import { FIRST_PAGE } from './support/glue-documents.ts';
import { type SandboxGlue, startSandboxGlue } from './support/sandbox-glue.ts';
import { json, serveWith, type TestServer } from './support/test-server.ts';

/**
 * Retries of the built-in Glue policy (resilience.ts) against the sandbox over real HTTP: which
 * calls are repeated, on which outcomes, and how Glue's Retry-After is honoured. Each test gets its
 * own sandbox and HTTP layer, so no breaker state or fault leaks between (shuffled) tests.
 */

/** Short backoffs keep the suite fast; the rules under test do not depend on the delays. */
const FAST = { baseDelayMs: 10, maxDelayMs: 40 } as const;
const items = [{ sku: '066_23294028', quantity: 1 }];

let env: SandboxGlue;
let control: SandboxControl;
const defer = useCleanups();
beforeEach(async () => {
  env = await startSandboxGlue(500, FAST);
  control = new SandboxControl(env.sandbox.url);
  defer(() => env.close());
});

const serve = serveWith(defer);

describe('reads are retried on outcomes worth repeating', () => {
  const cases: {
    name: string;
    endpoint: string;
    fault: Record<string, unknown>;
    read: (caller: Caller, cartId: string) => Promise<{ ok: boolean }>;
    customer?: boolean;
  }[] = [
    {
      name: 'a guest cart read after a 503',
      endpoint: 'GET /guest-carts/{id}',
      fault: { mode: 'status', status: 503 },
      read: (c, id) => env.glue.cart(c, id),
    },
    {
      name: '/checkout-data after a 502',
      endpoint: 'POST /checkout-data',
      fault: { mode: 'status', status: 502 },
      read: (c, id) => env.glue.checkoutData(c, { cartId: id }),
    },
    {
      name: 'GET /customers after a 504',
      endpoint: 'GET /customers',
      fault: { mode: 'status', status: 504 },
      read: (c) => env.glue.customerReference(c),
      customer: true,
    },
    {
      name: 'a customer cart read after a 429',
      endpoint: 'GET /carts/{id}',
      fault: { mode: 'status', status: 429 },
      read: (c, id) => env.glue.cart(c, id),
      customer: true,
    },
    {
      name: 'GET /orders after a connection reset',
      endpoint: 'GET /orders',
      fault: { mode: 'reset' },
      read: (c) => env.glue.listOrders(c, FIRST_PAGE),
      customer: true,
    },
    {
      name: 'a guest cart read after a timeout',
      endpoint: 'GET /guest-carts/{id}',
      fault: { mode: 'hang' },
      read: (c, id) => env.glue.cart(c, id),
    },
  ];

  for (const { name, endpoint, fault, read, customer: asCustomer } of cases) {
    it(`succeeds with exactly two calls: ${name}`, async () => {
      const { caller, cartId } = asCustomer ? await env.customerWithCart(items) : await env.guestWithCart(items);
      await env.fault({ endpoint, ...fault });
      expect((await read(caller, cartId)).ok).toBe(true);
      expect(await control.count(endpoint)).toBe(2);
    });
  }

  it('gives up after two retries (three calls) and answers unavailable', async () => {
    const { caller, cartId } = await env.guestWithCart(items);
    await env.fault({ endpoint: 'POST /checkout-data', mode: 'status', status: 503, count: 5 });
    expect(await env.glue.checkoutData(caller, { cartId })).toMatchObject({
      ok: false,
      error: { kind: 'unavailable', upstream: { status: 503 } },
    });
    expect(await control.count('POST /checkout-data')).toBe(3);
  });

  it('does not repeat an attempt whose retry could not start within the retry window (a hang under a long deadline)', async () => {
    const http = createGlueHttp({
      baseUrl: env.sandbox.url,
      timeoutMs: 500,
      resilience: { ...FAST, retryWindowMs: 300 },
    });
    defer(() => http.close());
    const { caller, cartId } = await env.guestWithCart(items);
    await env.fault({ endpoint: 'GET /guest-carts/{id}', mode: 'hang' });
    expect(await createGlueClient({ http }).cart(caller, cartId)).toMatchObject({
      ok: false,
      error: { kind: 'unavailable', upstream: null },
    });
    expect(await control.count('GET /guest-carts/{id}')).toBe(1);
  });

  it('does not retry a 4xx refusal', async () => {
    const { caller, cartId } = await env.guestWithCart(items);
    await env.fault({
      endpoint: 'GET /guest-carts/{id}',
      mode: 'status',
      status: 404,
      code: '101',
      detail: 'Cart with given uuid not found.',
    });
    expect(await env.glue.cart(caller, cartId)).toEqual({ ok: false, error: { kind: 'cart-not-found' } });
    expect(await control.count('GET /guest-carts/{id}')).toBe(1);
  });

  it('does not retry a 500: Glue finished and failed on this very request', async () => {
    const { caller, cartId } = await env.guestWithCart(items);
    await env.fault({ endpoint: 'GET /guest-carts/{id}', mode: 'status', status: 500 });
    expect(await env.glue.cart(caller, cartId)).toMatchObject({
      ok: false,
      error: { kind: 'unavailable', upstream: { status: 500 } },
    });
    expect(await control.count('GET /guest-carts/{id}')).toBe(1);
  });
});

describe('POST /payments and POST /checkout are never retried', () => {
  for (const fault of [{ mode: 'status', status: 503 }, { mode: 'reset' }] as const) {
    it(`sends /payments once after a ${fault.mode === 'reset' ? 'connection reset' : '503'}`, async () => {
      const { caller, cartId } = await env.guestWithCart(items);
      await env.fault({ endpoint: 'POST /payments', ...fault });
      expect((await initializePayment(env.glue, caller, { cartId })).kind).toBe('unavailable');
      expect(await control.count('POST /payments')).toBe(1);
    });

    it(`sends /checkout once after a ${fault.mode === 'reset' ? 'connection reset' : '503'}`, async () => {
      const { caller, cartId } = await env.guestWithCart(items);
      const created = await initializePayment(env.glue, caller, { cartId });
      if (created.kind !== 'created') throw new Error(created.kind);
      await env.fault({ endpoint: 'POST /checkout', ...fault });
      const outcome = await env.glue.checkout(caller, checkoutRequest(cartId, created.preOrderPaymentData));
      expect(outcome.kind).toBe(fault.mode === 'reset' ? 'no-answer' : 'server-error');
      expect(await control.count('POST /checkout')).toBe(1);
    });
  }
});

describe('cancellations are retried', () => {
  const initialized = () => cancelablePayment(env, items);

  it('cancels after a 503, with exactly two calls', async () => {
    const { caller, cancel } = await initialized();
    await env.fault({ endpoint: 'POST /payment-cancellations', mode: 'status', status: 503 });
    expect(await env.glue.cancelPayment(caller, cancel)).toEqual({ kind: 'canceled' });
    expect(await control.count('POST /payment-cancellations')).toBe(2);
  });

  it('meets "already canceled" when the first answer was lost after the provider canceled (docs/cancel.md)', async () => {
    const { caller, cancel } = await initialized();
    await env.fault({ endpoint: 'POST /payment-cancellations', mode: 'reset', afterEffect: true });
    expect((await env.glue.cancelPayment(caller, cancel)).kind).toBe('already-canceled');
    expect(await control.count('POST /payment-cancellations')).toBe(2);
  });

  it('does not retry a provider refusal', async () => {
    const { caller, cancel } = await initialized();
    await env.fault(CANCELLATION_REFUSED);
    expect((await env.glue.cancelPayment(caller, cancel)).kind).toBe('provider-rejected');
    expect(await control.count('POST /payment-cancellations')).toBe(1);
  });
});

describe("Glue's Retry-After", () => {
  /** The sandbox sends no Retry-After, so a loopback server does: first a 503 with it, then 200. */
  function busyOnce(retryAfter: string): Promise<TestServer> {
    let answered = 0;
    return serve((_req, res) => {
      answered += 1;
      if (answered === 1)
        json(res, {
          status: 503,
          body: { errors: [{ status: 503, detail: 'Service Unavailable' }] },
          contentType: 'application/vnd.api+json',
          headers: { 'retry-after': retryAfter },
        });
      else json(res, { status: 200, body: { data: [] } });
    });
  }

  function layer(url: string) {
    const http = createGlueHttp({ baseUrl: url, timeoutMs: 1000, resilience: FAST });
    defer(() => http.close());
    return http;
  }

  it('waits a short Retry-After in seconds before the retry', async () => {
    const server = await busyOnce('1');
    const started = Date.now();
    const answer = await layer(server.url).send({ method: 'GET', path: '/orders', caller: customer() });
    expect(answer).toMatchObject({ kind: 'response', status: 200 });
    expect(Date.now() - started).toBeGreaterThanOrEqual(950);
    expect(server.requests).toHaveLength(2);
  });

  it('waits a short Retry-After given as an HTTP date', async () => {
    const server = await busyOnce(new Date(Date.now() + 2000).toUTCString());
    const started = Date.now();
    const answer = await layer(server.url).send({ method: 'GET', path: '/orders', caller: customer() });
    expect(answer).toMatchObject({ kind: 'response', status: 200 });
    // HTTP dates have whole seconds: the wait is one or two seconds.
    expect(Date.now() - started).toBeGreaterThanOrEqual(950);
    expect(server.requests).toHaveLength(2);
  });

  it('gives up at once on a long Retry-After and reports it as retryAfterSeconds', async () => {
    const server = await busyOnce('120');
    const started = Date.now();
    const glue = createGlueClient({ http: layer(server.url) });
    expect(await glue.listOrders(customer(), FIRST_PAGE)).toEqual({
      ok: false,
      error: { kind: 'unavailable', upstream: { status: 503, code: null, detail: null }, retryAfterSeconds: 120 },
    });
    expect(Date.now() - started).toBeLessThan(500);
    expect(server.requests).toHaveLength(1);
  });
});
