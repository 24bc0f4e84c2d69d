import { afterEach, describe, expect, it } from 'vitest';
import { CHECKOUT_SAVED_THEN_1106 } from '../support/fixtures.ts';
import {
  checkoutAttributes,
  control,
  customerWithCart,
  glue,
  INVOICE,
  postPayment,
  resource,
  STRIPE,
  useSandbox,
} from './helpers.ts';

const sandbox = useSandbox();
afterEach(async () => {
  await control(sandbox, { method: 'POST', path: '/reset' });
});

async function arm(fault: Record<string, unknown>): Promise<void> {
  const answer = await control(sandbox, { method: 'POST', path: '/faults', body: fault });
  expect(answer.status).toBe(201);
}

async function placeOrder(who: { token: string; cartId: string }, timeoutMs?: number) {
  return glue(sandbox, {
    method: 'POST',
    path: '/checkout',
    token: who.token,
    body: resource('checkout', checkoutAttributes(who.cartId, INVOICE)),
    ...(timeoutMs ? { timeoutMs } : {}),
  });
}

async function ordersOfCart(cartId: string): Promise<{ orderReference: string }[]> {
  return (await control(sandbox, { method: 'GET', path: '/orders' })).json.orders.filter(
    (order: { cartId: string }) => order.cartId === cartId,
  );
}

async function cartStatus(who: { token: string; cartId: string }): Promise<number> {
  return (await glue(sandbox, { method: 'GET', path: `/carts/${who.cartId}`, token: who.token })).status;
}

describe('faults', () => {
  it('status: answers the configured Glue error once, with no effect', async () => {
    const who = await customerWithCart(sandbox);
    await arm({ endpoint: 'POST /checkout', mode: 'status', status: 503, code: '999', detail: 'Down for maintenance' });
    const faulted = await placeOrder(who);
    expect(faulted.status).toBe(503);
    expect(faulted.json).toEqual({ errors: [{ status: 503, code: '999', detail: 'Down for maintenance' }] });
    expect(await ordersOfCart(who.cartId)).toHaveLength(0);
    expect((await placeOrder(who)).status).toBe(201);
  });

  it('after-effect: saves the order, answers the error with {orderReference} filled in, deletes the cart', async () => {
    const who = await customerWithCart(sandbox);
    await arm({
      endpoint: 'POST /checkout',
      mode: 'after-effect',
      status: 422,
      code: '1106',
      detail: 'Unable to delete cart. ({orderReference})',
    });
    const faulted = await placeOrder(who);
    expect(faulted.status).toBe(422);
    const saved = await ordersOfCart(who.cartId);
    expect(saved).toHaveLength(1);
    expect(faulted.json.errors[0]).toEqual({
      status: 422,
      code: '1106',
      detail: `Unable to delete cart. (${saved[0]?.orderReference})`,
    });
    expect(await cartStatus(who)).toBe(404);
  });

  it('after-effect with keepCart: the order is saved and the cart stays', async () => {
    const who = await customerWithCart(sandbox);
    await arm(CHECKOUT_SAVED_THEN_1106);
    expect((await placeOrder(who)).status).toBe(422);
    expect(await ordersOfCart(who.cartId)).toHaveLength(1);
    expect(await cartStatus(who)).toBe(200);
  });

  it('status with delayMs: answers the configured error after at least delayMs, with no effect', async () => {
    const who = await customerWithCart(sandbox);
    await arm({ endpoint: 'POST /checkout', mode: 'status', status: 422, code: '1101', delayMs: 300 });
    const started = Date.now();
    const faulted = await placeOrder(who);
    expect(Date.now() - started).toBeGreaterThanOrEqual(290);
    expect(faulted.status).toBe(422);
    expect(await ordersOfCart(who.cartId)).toHaveLength(0);
  });

  it('delay: answers normally after at least delayMs', async () => {
    await arm({ endpoint: 'POST /payments', mode: 'delay', delayMs: 300 });
    const started = Date.now();
    const answer = await postPayment(sandbox, { payment: STRIPE, amount: 100 });
    expect(Date.now() - started).toBeGreaterThanOrEqual(290);
    expect(answer.status).toBe(201);
  });

  it('hang: never answers, so the client times out; with afterEffect the order is saved anyway', async () => {
    const who = await customerWithCart(sandbox);
    await arm({ endpoint: 'POST /checkout', mode: 'hang', afterEffect: true });
    await expect(placeOrder(who, 300)).rejects.toMatchObject({ code: 'UND_ERR_HEADERS_TIMEOUT' });
    expect(await ordersOfCart(who.cartId)).toHaveLength(1);
    const calls = (await control(sandbox, { method: 'GET', path: '/calls?endpoint=POST%20/checkout' })).json.calls;
    expect(calls.at(-1)).toMatchObject({ fault: 'hang', status: null, finishedAt: null });
  });

  it('reset: destroys the connection without an answer and without an effect', async () => {
    const who = await customerWithCart(sandbox);
    await arm({ endpoint: 'POST /checkout', mode: 'reset' });
    await expect(placeOrder(who)).rejects.toMatchObject({ code: 'UND_ERR_SOCKET' });
    expect(await ordersOfCart(who.cartId)).toHaveLength(0);
    expect((await placeOrder(who)).status).toBe(201);
  });

  it('reset with afterEffect: the order is saved before the connection drops', async () => {
    const who = await customerWithCart(sandbox);
    await arm({ endpoint: 'POST /checkout', mode: 'reset', afterEffect: true });
    await expect(placeOrder(who)).rejects.toThrow();
    expect(await ordersOfCart(who.cartId)).toHaveLength(1);
  });

  it('count 1 with 30 parallel calls: exactly one call gets the fault', async () => {
    await arm({ endpoint: 'POST /payments', mode: 'status', status: 500, detail: 'boom' });
    const answers = await Promise.all(
      Array.from({ length: 30 }, () => postPayment(sandbox, { payment: STRIPE, amount: 100 })),
    );
    expect(answers.filter((answer) => answer.status === 500)).toHaveLength(1);
    expect(answers.filter((answer) => answer.status === 201)).toHaveLength(29);
  });

  it('count 3 faults the next three calls, then the endpoint answers normally; DELETE clears armed faults', async () => {
    await arm({ endpoint: 'GET /orders', mode: 'status', status: 502, count: 3 });
    const token = sandbox.demo.customer.accessToken;
    const statuses = [];
    for (let index = 0; index < 4; index++)
      statuses.push((await glue(sandbox, { method: 'GET', path: '/orders', token })).status);
    expect(statuses).toEqual([502, 502, 502, 200]);
    await arm({ endpoint: 'GET /orders', mode: 'status', status: 502 });
    expect((await control(sandbox, { method: 'DELETE', path: '/faults' })).status).toBe(204);
    expect((await glue(sandbox, { method: 'GET', path: '/orders', token })).status).toBe(200);
  });

  it('rejects a fault for an endpoint the sandbox does not serve', async () => {
    const answer = await control(sandbox, {
      method: 'POST',
      path: '/faults',
      body: { endpoint: 'POST /checkouts', mode: 'status' },
    });
    expect(answer.status).toBe(400);
  });
});

describe('recorded calls', () => {
  it('records Glue calls with endpoint template, lower-case headers, parsed body and status; not control calls', async () => {
    await control(sandbox, { method: 'DELETE', path: '/calls' });
    const token = sandbox.demo.customer.accessToken;
    await glue(sandbox, {
      method: 'GET',
      path: `/carts/${sandbox.demo.customerCartId}?include=items`,
      token,
      headers: { 'X-Request-Id': 'abc' },
    });
    await postPayment(sandbox, { payment: STRIPE, amount: 100 });
    const all = (await control(sandbox, { method: 'GET', path: '/calls' })).json.calls;
    expect(all.map((call: { endpoint: string }) => call.endpoint)).toEqual(['GET /carts/{id}', 'POST /payments']);
    expect(all[0]).toMatchObject({
      method: 'GET',
      query: { include: 'items' },
      status: 200,
      requestId: 'abc',
      body: null,
    });
    expect(all[0].headers.authorization).toBe(`Bearer ${token}`);
    expect(all[1].body.data.type).toBe('payments');
    const filtered = (await control(sandbox, { method: 'GET', path: '/calls?endpoint=POST%20/payments' })).json.calls;
    expect(filtered).toHaveLength(1);
  });
});
