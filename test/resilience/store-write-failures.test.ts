import { beforeAll, describe, expect, it } from 'vitest';
import { anonymousId, initializeInput, SKU } from '../support/fixtures.ts';
import { type GatewayProcess, sleep, useCluster } from '../support/processes.ts';

/**
 * Redis hangs right after Glue took a write (docs/initialize.md item 6; docs/place-order.md item 6): the gateway's own record
 * cannot be written. A created provider payment is canceled at Glue (compensation); a confirmed
 * order is reported anyway and its record retried until it lands.
 */
const cluster = useCluster({ gateways: 1 });
let gateway: GatewayProcess;
beforeAll(() => {
  const [first] = cluster.gateways;
  if (!first) throw new Error('no gateway');
  gateway = first;
});

async function guestCart() {
  const anon = anonymousId();
  const cartId = await cluster.control.createGuestCart(anon, [{ sku: SKU, quantity: 1 }]);
  return { cartId, sdk: gateway.guestSdk(anon) };
}

/** Runs `call`, pauses Redis once Glue has received the write, resumes it after the answer. */
async function whileRedisHangs<T>(
  call: () => Promise<T>,
  glueReceived: () => Promise<boolean>,
  resumeAfterMs = 0,
): Promise<T> {
  const answer = call();
  while (!(await glueReceived())) await sleep(20);
  cluster.redis.pause();
  try {
    return await answer;
  } finally {
    await sleep(resumeAfterMs);
    cluster.redis.resume();
  }
}

async function eventually<T>(read: () => Promise<T>, done: (value: T) => boolean, budgetMs: number): Promise<T> {
  const deadline = Date.now() + budgetMs;
  let value = await read();
  while (!done(value) && Date.now() < deadline) {
    await sleep(200);
    value = await read();
  }
  return value;
}

describe('store writes that fail after Glue took the request', () => {
  it('cancels the just-created provider payment at Glue, answers UpstreamUnavailableError, and leaves no live payment', async () => {
    cluster.printLogsOnFailure();
    const { cartId, sdk } = await guestCart();
    // POST /payments is slow; Redis hangs while it is under way, so the record cannot be written.
    await cluster.control.fault({ endpoint: 'POST /payments', mode: 'delay', delayMs: 1200 });
    const before = await cluster.control.count('POST /payments');
    const paymentsReceived = async () => (await cluster.control.count('POST /payments')) > before;
    const result = (
      await whileRedisHangs(() => sdk.InitializePreOrderPayment({ input: initializeInput(cartId) }), paymentsReceived)
    ).initializePreOrderPayment;
    expect(result).toMatchObject({ __typename: 'UpstreamUnavailableError', retryable: true });

    const created = (await cluster.control.transactions()).filter((t) => t.cartId === cartId);
    expect(created).toHaveLength(1);
    const [transaction] = created;
    expect(transaction?.status).toBe('canceled');
    expect(await cluster.control.cancellationsFor(transaction?.transactionId)).toHaveLength(1);
    expect(gateway.tail(200)).toMatch(/compensation: canceled the provider payment/);

    // Whatever reached Redis late is not a live payment on the canceled transaction.
    const active = await eventually(
      async () => (await sdk.ActivePreOrderPayment({ cartId })).activePreOrderPayment,
      (value) => !value,
      5000,
    );
    expect(active).toBeNull();
    console.log(
      /late-landing record/.test(gateway.tail(400))
        ? 'the late-landing record was marked CANCELED'
        : 'no record landed late',
    );
    // The shopper can start again: a new payment on a new transaction.
    const again = (await sdk.InitializePreOrderPayment({ input: initializeInput(cartId) })).initializePreOrderPayment;
    if (again.__typename !== 'InitializePreOrderPaymentSuccess') throw new Error(again.__typename);
    expect(again.preOrderPayment.transactionId).not.toBe(transaction?.transactionId);
  }, 60_000);

  it('answers PlaceOrderSuccess for an order confirmed while Redis hangs, then records ORDER_PLACED once Redis is back, with no second /checkout', async () => {
    cluster.printLogsOnFailure();
    const { cartId, sdk } = await guestCart();
    const init = (await sdk.InitializePreOrderPayment({ input: initializeInput(cartId) })).initializePreOrderPayment;
    if (init.__typename !== 'InitializePreOrderPaymentSuccess') throw new Error(init.__typename);

    await cluster.control.fault({ endpoint: 'POST /checkout', mode: 'delay', delayMs: 1000 });
    const checkoutReceived = async () => (await cluster.control.checkoutsFor(cartId)).length > 0;
    const placed = (
      await whileRedisHangs(
        () => sdk.PlaceOrder({ input: { preOrderPaymentId: init.preOrderPayment.id } }),
        checkoutReceived,
        300,
      )
    ).placeOrder;
    if (placed.__typename !== 'PlaceOrderSuccess') throw new Error(JSON.stringify(placed));
    const order = (await cluster.control.orders()).find((o) => o.orderReference === placed.order.orderReference);
    expect(order?.cartId).toBe(cartId);

    const status = await eventually(
      async () => (await sdk.PreOrderPayment({ id: init.preOrderPayment.id })).preOrderPayment?.status,
      (value) => value === 'ORDER_PLACED',
      10_000,
    );
    expect(status).toBe('ORDER_PLACED');
    const again = (await sdk.PlaceOrder({ input: { preOrderPaymentId: init.preOrderPayment.id } })).placeOrder;
    expect(again).toMatchObject({
      __typename: 'PlaceOrderSuccess',
      replayed: true,
      order: { orderReference: placed.order.orderReference },
    });
    expect(await cluster.control.checkoutsFor(cartId)).toHaveLength(1);
  }, 60_000);
});
