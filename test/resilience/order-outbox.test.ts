import { readdir } from 'node:fs/promises';
import { expect, it } from 'vitest';
import { anonymousId, initializeInput, SKU } from '../support/fixtures.ts';
import { type GatewayProcess, sleep, useCluster } from '../support/processes.ts';

/**
 * An order Glue confirmed while Redis is down (docs/place-order.md item 6a, CONTRACT.md §6.6): the
 * shopper is told at once, and the ORDER_PLACED that could not be written is kept in the outbox on
 * the gateway's disk (OUTBOX_DIR) before the answer. A gateway that stops, or dies, before Redis is
 * back leaves it there; the next gateway on the same disk records it.
 */
// AOF with fsync on every write: Redis is killed and restarted without losing a record.
const cluster = useCluster({ gateways: 0, redis: { appendOnly: true } });

interface Placing {
  readonly via: GatewayProcess;
  readonly anon: string;
  readonly cartId: string;
  readonly id: string;
}

async function initializedVia(via: GatewayProcess): Promise<Placing> {
  const anon = anonymousId();
  const cartId = await cluster.control.createGuestCart(anon, [{ sku: SKU, quantity: 1 }]);
  const init = (await via.guestSdk(anon).InitializePreOrderPayment({ input: initializeInput(cartId) }))
    .initializePreOrderPayment;
  if (init.__typename !== 'InitializePreOrderPaymentSuccess') throw new Error(init.__typename);
  return { via, anon, cartId, id: init.preOrderPayment.id };
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

it('records ORDER_PLACED through the next gateway on the same OUTBOX_DIR when the ones that answered stopped (SIGTERM) or died (SIGKILL) before Redis came back', async () => {
  cluster.printLogsOnFailure();
  const [stopping, dying] = await Promise.all([
    cluster.addGateway('gateway-sigterm'),
    cluster.addGateway('gateway-sigkill'),
  ]);
  if (!stopping || !dying) throw new Error('no gateways');
  const payments = await Promise.all([initializedVia(stopping), initializedVia(dying)]);

  // Glue takes its time with both orders; Redis crashes while it works, so neither ORDER_PLACED can be written.
  await cluster.control.fault({ endpoint: 'POST /checkout', mode: 'delay', delayMs: 1500, count: 2 });
  const answers = payments.map((payment) =>
    payment.via.guestSdk(payment.anon).PlaceOrder({ input: { preOrderPaymentId: payment.id } }),
  );
  const received = async () =>
    (await Promise.all(payments.map((payment) => cluster.control.checkoutsFor(payment.cartId)))).every(
      (calls) => calls.length > 0,
    );
  while (!(await received())) await sleep(20);
  await cluster.redis.kill();
  const placed = (await Promise.all(answers)).map((answer) => answer.placeOrder);
  const references = placed.map((result) => {
    if (result.__typename !== 'PlaceOrderSuccess') throw new Error(JSON.stringify(result));
    return result.order.orderReference;
  });

  // Both gateways go away while Redis is still down: one shuts down, the other is killed.
  await stopping.stop();
  expect(await stopping.exited).toEqual({ code: 0, signal: null });
  await dying.kill('SIGKILL');

  await cluster.redis.restart();
  const next = await cluster.addGateway('gateway-next');
  for (const [index, payment] of payments.entries()) {
    const read = async () =>
      (
        await next
          .guestSdk(payment.anon)
          .PreOrderPayment({ id: payment.id })
          .catch(() => null)
      )?.preOrderPayment;
    const record = await eventually(read, (value) => value?.status === 'ORDER_PLACED', 20_000);
    expect(record).toMatchObject({ status: 'ORDER_PLACED', orderReference: references[index] });
    expect(await cluster.control.checkoutsFor(payment.cartId)).toHaveLength(1);
  }
  // Nothing is left waiting once both records landed.
  const left = async () => (await readdir(cluster.outboxDir)).filter((name) => name.endsWith('.json'));
  expect(await eventually(left, (names) => names.length === 0, 5000)).toEqual([]);
}, 120_000);
