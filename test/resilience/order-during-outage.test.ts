import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SKU, anonymousId, initializeInput } from '../support/fixtures.ts';
import { idCartOf, sleep, startCluster, type Cluster } from '../support/processes.ts';

/**
 * CONTRACT.md §6.6: an order Glue confirmed is always reported, even when Redis cannot take the
 * ORDER_PLACED write; the write is retried until it lands.
 */
let cluster: Cluster;
beforeAll(async () => {
  cluster = await startCluster({ gateways: 1 });
});
afterAll(async () => {
  await cluster?.close();
});

describe('an order confirmed while Redis is down', () => {
  it('answers PlaceOrderSuccess, then records ORDER_PLACED once Redis is back, with no second /checkout', async () => {
    cluster.printLogsOnFailure();
    const [gateway] = cluster.gateways;
    if (!gateway) throw new Error('no gateway');
    const anon = anonymousId();
    const cartId = await cluster.control.createGuestCart(anon, [{ sku: SKU, quantity: 1 }]);
    const sdk = gateway.guestSdk(anon);
    const init = (await sdk.InitializePreOrderPayment({ input: initializeInput(cartId) })).initializePreOrderPayment;
    if (init.__typename !== 'InitializePreOrderPaymentSuccess') throw new Error(init.__typename);

    await cluster.control.fault({ endpoint: 'POST /checkout', mode: 'delay', delayMs: 1000 });
    const answer = sdk.PlaceOrder({ input: { preOrderPaymentId: init.preOrderPayment.id } });
    const checkoutsOfCart = async () => (await cluster.control.calls('POST /checkout')).filter((call) => idCartOf(call.body) === cartId).length;
    while ((await checkoutsOfCart()) === 0) await sleep(20);
    cluster.redis.pause();
    let placed: Awaited<typeof answer>['placeOrder'];
    try {
      placed = (await answer).placeOrder;
    } finally {
      await sleep(300);
      cluster.redis.resume();
    }
    if (placed.__typename !== 'PlaceOrderSuccess') throw new Error(JSON.stringify(placed));
    const order = (await cluster.control.orders()).find((o) => o.orderReference === placed.order.orderReference);
    expect(order?.cartId).toBe(cartId);

    const deadline = Date.now() + 10_000;
    let status = (await sdk.PreOrderPayment({ id: init.preOrderPayment.id })).preOrderPayment?.status;
    while (status !== 'ORDER_PLACED' && Date.now() < deadline) {
      await sleep(200);
      status = (await sdk.PreOrderPayment({ id: init.preOrderPayment.id })).preOrderPayment?.status;
    }
    expect(status).toBe('ORDER_PLACED');
    const again = (await sdk.PlaceOrder({ input: { preOrderPaymentId: init.preOrderPayment.id } })).placeOrder;
    expect(again).toMatchObject({ __typename: 'PlaceOrderSuccess', replayed: true, order: { orderReference: placed.order.orderReference } });
    expect(await checkoutsOfCart()).toBe(1);
  }, 60_000);
});
