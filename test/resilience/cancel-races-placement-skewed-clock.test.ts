import { describe, expect, it } from 'vitest';
import { anonymousId, initializeInput, SKU } from '../support/fixtures.ts';
import { type GatewayProcess, sleep, timed, useCluster } from '../support/processes.ts';

/**
 * Issue 8 finding 2 (docs/cancel.md items 7-8): a cancellation still running at Glue must never meet
 * a placed order, whatever the clocks of the processes say. One gateway's clock runs 10 s ahead;
 * leases are judged by Redis TIME, so it must not take over a cancellation that is still in flight.
 */

const ROUNDS = 12;
const cluster = useCluster({
  gateways: 1,
  env: { GLUE_TIMEOUT_MS: '1500', PLACEMENT_LEASE_MS: '6500', SWEEP_INTERVAL_MS: '3600000' },
});

async function guestPayment(via: GatewayProcess) {
  const anon = anonymousId();
  const cartId = await cluster.control.createGuestCart(anon, [{ sku: SKU, quantity: 1 }]);
  const init = (await via.guestSdk(anon).InitializePreOrderPayment({ input: initializeInput(cartId) }))
    .initializePreOrderPayment;
  if (init.__typename !== 'InitializePreOrderPaymentSuccess') throw new Error(JSON.stringify(init));
  return { anon, cartId, payment: init.preOrderPayment };
}

describe('a cancellation racing a placement on a process whose clock runs 10 s ahead', () => {
  it(`never yields both an order and a "canceled" answer (${ROUNDS} rounds, the cancellation slow at Glue)`, async () => {
    cluster.printLogsOnFailure();
    const [canceling] = cluster.gateways as [GatewayProcess];
    const ahead = await cluster.addGateway('clock-ahead', { TEST_CLOCK_OFFSET_MS: '10000' });
    const outcomes: Record<string, number> = {};
    const contradictions: string[] = [];
    for (let round = 0; round < ROUNDS; round += 1) {
      const { anon, cartId, payment } = await guestPayment(canceling);
      // Slow, but within GLUE_TIMEOUT_MS: the provider cancels a second later.
      await cluster.control.fault({ endpoint: 'POST /payment-cancellations', mode: 'delay', delayMs: 1000, count: 1 });
      const cancel = timed('canceling', () =>
        canceling.guestSdk(anon).CancelPreOrderPayment({ input: { preOrderPaymentId: payment.id } }),
      );
      await sleep(100 + 60 * (round % 5));
      const place = await timed('clock-ahead', () =>
        ahead.guestSdk(anon).PlaceOrder({ input: { preOrderPaymentId: payment.id } }),
      );
      const canceled = await cancel;
      await cluster.control.clearFaults();
      const cancelAnswer = canceled.result?.cancelPreOrderPayment.__typename ?? canceled.failure;
      const placeAnswer = place.result?.placeOrder.__typename ?? place.failure;
      const key = `${cancelAnswer} + ${placeAnswer}`;
      outcomes[key] = (outcomes[key] ?? 0) + 1;
      const order = (await cluster.control.orders()).find((candidate) => candidate.cartId === cartId);
      const transaction = (await cluster.control.transactions()).find(
        (candidate) => candidate.transactionId === payment.transactionId,
      );
      if (order && (cancelAnswer === 'CancelPreOrderPaymentSuccess' || transaction?.status === 'canceled')) {
        contradictions.push(`round ${round}: order ${order.orderReference}, payment ${transaction?.status}, ${key}`);
      }
    }
    console.log(`outcomes over ${ROUNDS} rounds: ${JSON.stringify(outcomes)}`);
    expect(contradictions).toEqual([]);
  });

  it('finishes a cancellation that timed out with the next attempt, on the process whose clock runs ahead', async () => {
    cluster.printLogsOnFailure();
    const [canceling] = cluster.gateways as [GatewayProcess];
    const ahead = cluster.gateways.find((gateway) => gateway.name === 'clock-ahead') ?? canceling;
    const { anon, payment } = await guestPayment(canceling);
    // Longer than GLUE_TIMEOUT_MS, for the first call and its retries: the gateway gets no answer,
    // though the provider cancels all the same.
    await cluster.control.fault({ endpoint: 'POST /payment-cancellations', mode: 'delay', delayMs: 2500, count: 3 });
    const first = (await canceling.guestSdk(anon).CancelPreOrderPayment({ input: { preOrderPaymentId: payment.id } }))
      .cancelPreOrderPayment;
    expect(first).toMatchObject({ __typename: 'UpstreamUnavailableError', retryable: true });
    await cluster.control.clearFaults();
    expect((await ahead.guestSdk(anon).PreOrderPayment({ id: payment.id })).preOrderPayment?.status).toBe('CANCELING');
    // Its clock says the lease ran out 10 s ago; Redis says it has not: no placement, no second cancellation yet.
    const placing = (await ahead.guestSdk(anon).PlaceOrder({ input: { preOrderPaymentId: payment.id } })).placeOrder;
    expect(placing.__typename).toBe('OperationInProgressError');
    const early = (await ahead.guestSdk(anon).CancelPreOrderPayment({ input: { preOrderPaymentId: payment.id } }))
      .cancelPreOrderPayment;
    expect(early.__typename).toBe('OperationInProgressError');
    const sent = (await cluster.control.cancellationsFor(payment.transactionId)).length;

    // Once the lease ran out by Redis's clock, the next cancel repeats it and Glue answers.
    await sleep(6500);
    const next = (await ahead.guestSdk(anon).CancelPreOrderPayment({ input: { preOrderPaymentId: payment.id } }))
      .cancelPreOrderPayment;
    expect(next).toMatchObject({ __typename: 'CancelPreOrderPaymentSuccess', preOrderPayment: { status: 'CANCELED' } });
    expect(await cluster.control.cancellationsFor(payment.transactionId)).toHaveLength(sent + 1);
    expect(await cluster.control.orders()).not.toContainEqual(expect.objectContaining({ cartId: payment.cartId }));
  });
});
