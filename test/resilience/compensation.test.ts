import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SKU, anonymousId, initializeInput } from '../support/fixtures.ts';
import { sleep, startCluster, transactionIdOf, type Cluster } from '../support/processes.ts';

/**
 * CONTRACT.md §4.6: a provider payment created by `POST /payments` whose record cannot be written
 * is canceled at Glue (compensation) and the caller gets UpstreamUnavailableError; a record that
 * lands late (Redis runs what it received once it resumes) must not stay INITIALIZED.
 */
let cluster: Cluster;
beforeAll(async () => {
  cluster = await startCluster({ gateways: 1 });
});
afterAll(async () => {
  await cluster?.close();
});

describe('compensation when the record cannot be written', () => {
  it('cancels the just-created provider payment at Glue, answers UpstreamUnavailableError, and leaves no live payment', async () => {
    cluster.printLogsOnFailure();
    const [gateway] = cluster.gateways;
    if (!gateway) throw new Error('no gateway');
    const anon = anonymousId();
    const cartId = await cluster.control.createGuestCart(anon, [{ sku: SKU, quantity: 1 }]);
    const sdk = gateway.guestSdk(anon);
    // POST /payments is slow; Redis hangs while it is under way, so the record cannot be written.
    await cluster.control.fault({ endpoint: 'POST /payments', mode: 'delay', delayMs: 1200 });
    const answer = sdk.InitializePreOrderPayment({ input: initializeInput(cartId) });
    while ((await cluster.control.count('POST /payments')) === 0) await sleep(20);
    cluster.redis.pause();
    let result: Awaited<typeof answer>['initializePreOrderPayment'];
    try {
      result = (await answer).initializePreOrderPayment;
    } finally {
      cluster.redis.resume();
    }
    expect(result).toMatchObject({ __typename: 'UpstreamUnavailableError', retryable: true });

    const created = (await cluster.control.transactions()).filter((t) => t.cartId === cartId);
    expect(created).toHaveLength(1);
    const [transaction] = created;
    expect(transaction?.status).toBe('canceled');
    const cancellations = (await cluster.control.calls('POST /payment-cancellations')).filter((c) => transactionIdOf(c.body) === transaction?.transactionId);
    expect(cancellations).toHaveLength(1);
    expect(gateway.tail(200)).toMatch(/compensation: canceled the provider payment/);

    // Whatever reached Redis late is not a live payment on the canceled transaction.
    const deadline = Date.now() + 5000;
    let active = (await sdk.ActivePreOrderPayment({ cartId })).activePreOrderPayment;
    while (active && Date.now() < deadline) {
      await sleep(200);
      active = (await sdk.ActivePreOrderPayment({ cartId })).activePreOrderPayment;
    }
    expect(active).toBeNull();
    console.log(/late-landing record/.test(gateway.tail(400)) ? 'the late-landing record was marked CANCELED' : 'no record landed late');
    // The shopper can start again: a new payment on a new transaction.
    const again = (await sdk.InitializePreOrderPayment({ input: initializeInput(cartId) })).initializePreOrderPayment;
    if (again.__typename !== 'InitializePreOrderPaymentSuccess') throw new Error(again.__typename);
    expect(again.preOrderPayment.transactionId).not.toBe(transaction?.transactionId);
  }, 60_000);
});
