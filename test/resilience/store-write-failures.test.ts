import { beforeAll, describe, expect, it } from 'vitest';
import { anonymousId, initializeInput, SKU } from '../support/fixtures.ts';
import { type GatewayProcess, type Sdk, sleep, useCluster } from '../support/processes.ts';

/**
 * Redis hangs right after Glue took a write (docs/initialize.md item 6; docs/place-order.md item 6): the gateway's own record
 * cannot be written. A created provider payment is canceled at Glue (compensation); a confirmed
 * order is reported anyway and its record retried until it lands. A placement whose store writes
 * fail although nothing was ordered is handed back once Redis answers (docs/place-order.md item 9).
 */
// AOF with fsync on every write: a test may kill Redis and restart it without losing a record.
const cluster = useCluster({ gateways: 1, redis: { appendOnly: true } });
let gateway: GatewayProcess;
beforeAll(() => {
  const [first] = cluster.gateways;
  if (!first) throw new Error('no gateway');
  gateway = first;
});

async function guestCart() {
  const anon = anonymousId();
  const cartId = await cluster.control.createGuestCart(anon, [{ sku: SKU, quantity: 1 }]);
  return { cartId, anon, sdk: gateway.guestSdk(anon) };
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

/** Paused between taking a payment and writing "checkout sent" (TEST_HOLD_BEFORE_CHECKOUT_SENT_MS), started once. */
let holdingGateway: Promise<GatewayProcess> | undefined;
function gatewayHoldingBeforeCheckoutSent(): Promise<GatewayProcess> {
  holdingGateway ??= cluster.addGateway('gateway-holding', { TEST_HOLD_BEFORE_CHECKOUT_SENT_MS: '2500' });
  return holdingGateway;
}

async function initialized(sdk: Sdk, cartId: string): Promise<string> {
  const init = (await sdk.InitializePreOrderPayment({ input: initializeInput(cartId) })).initializePreOrderPayment;
  if (init.__typename !== 'InitializePreOrderPaymentSuccess') throw new Error(init.__typename);
  return init.preOrderPayment.id;
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

  it('hands the payment back when Redis hangs while "checkout sent" is written and the write lands later: INITIALIZED, never unknown, no /checkout until placed again', async () => {
    cluster.printLogsOnFailure();
    const holding = await gatewayHoldingBeforeCheckoutSent();
    const { cartId, sdk, anon } = await guestCart();
    const id = await initialized(sdk, cartId);
    const status = async () => (await sdk.PreOrderPayment({ id })).preOrderPayment?.status;

    const answer = holding.guestSdk(anon).PlaceOrder({ input: { preOrderPaymentId: id } });
    // The holder took the payment and waits before writing "checkout sent": Redis hangs now, so
    // that write times out and lands once Redis resumes.
    expect(await eventually(status, (value) => value === 'PLACING_ORDER', 5000)).toBe('PLACING_ORDER');
    cluster.redis.pause();
    let placed: Awaited<typeof answer>['placeOrder'];
    try {
      placed = (await answer).placeOrder;
    } finally {
      await sleep(300);
      cluster.redis.resume();
    }
    expect(placed).toMatchObject({ __typename: 'UpstreamUnavailableError', retryable: true });

    // Past the 8 s lease and a sweep: the payment was handed back, not taken for an unknown outcome.
    const after = await eventually(status, (value) => value !== 'PLACING_ORDER', 15_000);
    expect(after).toBe('INITIALIZED');
    expect(await cluster.control.checkoutsFor(cartId)).toHaveLength(0);
    const again = (await sdk.PlaceOrder({ input: { preOrderPaymentId: id } })).placeOrder;
    expect(again).toMatchObject({ __typename: 'PlaceOrderSuccess', replayed: false });
    expect(await cluster.control.checkoutsFor(cartId)).toHaveLength(1);
  }, 60_000);

  it('hands the payment back after a refusal whose hand-back could not be written while Redis was down: INITIALIZED once Redis is back, never unknown', async () => {
    cluster.printLogsOnFailure();
    const { cartId, sdk } = await guestCart();
    const id = await initialized(sdk, cartId);
    await cluster.control.fault({
      endpoint: 'POST /checkout',
      mode: 'status',
      status: 422,
      code: '1101',
      detail: 'Shipment address invalid.',
      delayMs: 1000,
    });
    const answer = sdk.PlaceOrder({ input: { preOrderPaymentId: id } });
    while ((await cluster.control.checkoutsFor(cartId)).length === 0) await sleep(20);
    // Redis crashes while Glue decides: the hand-back after the refusal cannot be written at all.
    await cluster.redis.kill();
    let placed: Awaited<typeof answer>['placeOrder'];
    try {
      placed = (await answer).placeOrder;
    } finally {
      await cluster.redis.restart();
    }
    expect(placed).toMatchObject({ __typename: 'CheckoutRejectedError' });

    // Until the gateway's client has reconnected, a read answers UPSTREAM_UNAVAILABLE: read again.
    const status = async () => (await sdk.PreOrderPayment({ id }).catch(() => null))?.preOrderPayment?.status;
    const after = await eventually(status, (value) => value !== undefined && value !== 'PLACING_ORDER', 20_000);
    expect(after).toBe('INITIALIZED');
    expect(await cluster.control.checkoutsFor(cartId)).toHaveLength(1);
  }, 60_000);
});
