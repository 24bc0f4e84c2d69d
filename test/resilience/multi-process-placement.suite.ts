import type { CancelPreOrderPaymentMutation, PlaceOrderMutation } from '@headless-payment-gateway/client';
import { expect, it } from 'vitest';
import { anonymousId, initializeInput, SKU } from '../support/fixtures.ts';
import { type Answer, type GatewayProcess, type GatewayStack, sleep, timed } from '../support/processes.ts';

/**
 * docs/place-order.md items 4 / 7 across processes: three gateway processes share one Redis and one Glue
 * sandbox, Glue answers slowly (200-800 ms per call), and many callers race on one payment. One body
 * for every Redis the gateways may share: multi-process-placement.test.ts runs it on one
 * redis-server, multi-process-placement.cluster.test.ts on a Redis Cluster.
 */

type PlaceResult = PlaceOrderMutation['placeOrder'];
type CancelResult = CancelPreOrderPaymentMutation['cancelPreOrderPayment'];

const REPETITIONS = 20;
const CONCURRENT_PLACEMENTS = 50;
const RACE_REPETITIONS = 10;
const GLUE_READS = [
  'POST /checkout-data',
  'GET /guest-carts/{id}',
  'GET /carts/{id}',
  'GET /customers',
  'GET /orders',
  'GET /orders/{ref}',
] as const;

function tally<T extends { __typename: string }>(answers: readonly Answer<T>[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const answer of answers) {
    const key = answer.result?.__typename ?? `transport failure ${answer.failureStatus}`;
    counts[key] = (counts[key] ?? 0) + 1;
  }
  return counts;
}

function describeFailures<T>(answers: readonly Answer<T>[]): string {
  return answers
    .filter((answer) => answer.result === null)
    .map((answer) => `${answer.gateway}: HTTP ${answer.failureStatus} ${answer.failure}`)
    .join('\n');
}

/**
 * The tests, on `cluster`: three gateway processes (started by the caller's describe block, e.g.
 * `useCluster({ gateways: 3 })`) sharing one sandbox and one Redis.
 */
export function multiProcessPlacementTests(cluster: GatewayStack): void {
  /** Every listed Glue endpoint answers after 200-800 ms (uniform), for as long as the test needs. */
  async function slowGlue(endpoints: readonly string[]): Promise<void> {
    for (const endpoint of endpoints) {
      await cluster.control.fault({ endpoint, mode: 'delay', delayMs: 200, delayMaxMs: 800, count: 1_000_000 });
    }
  }

  /** A fresh guest cart with an INITIALIZED pre-order payment (made through `via`, Glue not delayed). */
  async function initializedGuest(via: GatewayProcess) {
    const anon = anonymousId();
    const cartId = await cluster.control.createGuestCart(anon, [{ sku: SKU, quantity: 1 }]);
    const init = (await via.guestSdk(anon).InitializePreOrderPayment({ input: initializeInput(cartId) }))
      .initializePreOrderPayment;
    if (init.__typename !== 'InitializePreOrderPaymentSuccess')
      throw new Error(`initialization failed: ${JSON.stringify(init)}`);
    return { anon, cartId, payment: init.preOrderPayment };
  }

  async function checkoutsFor(cartId: string): Promise<number> {
    return (await cluster.control.checkoutsFor(cartId)).length;
  }

  async function cancellationsFor(transactionId: string | null | undefined): Promise<number> {
    return (await cluster.control.cancellationsFor(transactionId)).length;
  }

  it('answers a placeOrder whose cart read finished after another process placed the order with that order, not CartNotFoundError', async () => {
    cluster.printLogsOnFailure();
    const [first, second] = cluster.gateways as [GatewayProcess, GatewayProcess];
    await cluster.control.clearFaults();
    const { anon, cartId, payment } = await initializedGuest(first);
    // Faults are taken in arrival order: both callers find the payment INITIALIZED and read the
    // totals; one read is answered after 300 ms, the other after 1.5 s, by which time the fast
    // caller has placed the order and Glue has deleted the cart.
    await cluster.control.fault({ endpoint: 'POST /checkout-data', mode: 'delay', delayMs: 300, count: 1 });
    await cluster.control.fault({ endpoint: 'POST /checkout-data', mode: 'delay', delayMs: 1500, count: 1 });
    const answers = await Promise.all(
      [first, second].map((gateway) =>
        timed(
          gateway.name,
          async () =>
            (await gateway.guestSdk(anon).PlaceOrder({ input: { preOrderPaymentId: payment.id } })).placeOrder,
        ),
      ),
    );
    await cluster.control.clearFaults();
    console.log(
      `placeOrder racing a slow cart read: ${answers.map((answer) => `${answer.gateway} ${answer.result?.__typename} in ${answer.ms} ms`).join(', ')}`,
    );
    expect(describeFailures(answers)).toBe('');
    expect(await checkoutsFor(cartId)).toBe(1);
    const [order] = (await cluster.control.orders()).filter((candidate) => candidate.cartId === cartId);
    for (const { result, gateway } of answers) {
      expect(['PlaceOrderSuccess', 'OperationInProgressError'], `${gateway}: ${JSON.stringify(result)}`).toContain(
        result?.__typename,
      );
      if (result?.__typename === 'PlaceOrderSuccess') expect(result.order.orderReference).toBe(order?.orderReference);
    }
  });

  it(`sends exactly one POST /checkout for ${CONCURRENT_PLACEMENTS} concurrent placeOrder calls over 3 processes with Glue delayed 200-800 ms, ${REPETITIONS} times; every answer is the same order or OperationInProgressError, never a 5xx`, async () => {
    cluster.printLogsOnFailure();
    const { gateways } = cluster;
    const summary: string[] = [];
    const problems: string[] = [];
    const runStarted = performance.now();
    for (let repetition = 1; repetition <= REPETITIONS; repetition++) {
      await cluster.control.clearFaults();
      const { anon, cartId, payment } = await initializedGuest(gateways[repetition % gateways.length]!);
      await slowGlue([...GLUE_READS, 'POST /checkout']);

      const started = performance.now();
      const answers = await Promise.all(
        Array.from({ length: CONCURRENT_PLACEMENTS }, (_, index) => {
          const gateway = gateways[index % gateways.length]!;
          return timed(
            gateway.name,
            async () =>
              (await gateway.guestSdk(anon).PlaceOrder({ input: { preOrderPaymentId: payment.id } })).placeOrder,
          );
        }),
      );
      const elapsed = Math.round(performance.now() - started);
      await cluster.control.clearFaults();

      const label = `repetition ${repetition}`;
      const counts = tally<PlaceResult>(answers);
      summary.push(
        `${label}: ${elapsed} ms, slowest answer ${Math.max(...answers.map((answer) => answer.ms))} ms, ${JSON.stringify(counts)}`,
      );
      // Every repetition is checked to the end, so one run shows every kind of violation at once.
      const failures = describeFailures(answers);
      // No 5xx, no top-level error, no transport failure: every call got a typed result.
      if (failures) problems.push(`${label}: calls without a typed result:\n${failures}`);
      const references = new Set<string>();
      const unexpected = new Map<string, number>();
      for (const { result } of answers) {
        if (result && !['PlaceOrderSuccess', 'OperationInProgressError'].includes(result.__typename)) {
          const text = JSON.stringify(result);
          unexpected.set(text, (unexpected.get(text) ?? 0) + 1);
        }
        if (result?.__typename === 'PlaceOrderSuccess') references.add(result.order.orderReference);
      }
      for (const [text, count] of unexpected)
        problems.push(`${label}: ${count} of ${CONCURRENT_PLACEMENTS} answered ${text}`);
      if (references.size !== 1)
        problems.push(`${label}: ${references.size} distinct order references (${[...references].join(', ')})`);
      const checkouts = await checkoutsFor(cartId);
      if (checkouts !== 1) problems.push(`${label}: ${checkouts} POST /checkout calls for cart ${cartId}`);
      const orders = (await cluster.control.orders())
        .filter((order) => order.cartId === cartId)
        .map((order) => order.orderReference);
      if (orders.length !== 1 || (references.size === 1 && !references.has(orders[0]!))) {
        problems.push(
          `${label}: sandbox orders ${JSON.stringify(orders)}, answered ${JSON.stringify([...references])}`,
        );
      }
      const stored = (await gateways[0]!.guestSdk(anon).PreOrderPayment({ id: payment.id })).preOrderPayment;
      if (stored?.status !== 'ORDER_PLACED' || stored.orderReference !== orders[0]) {
        problems.push(`${label}: payment ends ${stored?.status} ${stored?.orderReference}, sandbox order ${orders[0]}`);
      }
    }
    const total = Math.round(performance.now() - runStarted);
    console.log(
      `multi-process placement: ${REPETITIONS} repetitions x ${CONCURRENT_PLACEMENTS} concurrent placeOrder over ${gateways.length} processes in ${total} ms\n  ${summary.join('\n  ')}`,
    );
    expect(problems).toEqual([]);
  }, 300_000);

  it('lets exactly one of POST /checkout and POST /payment-cancellations reach Glue when placeOrder and cancelPreOrderPayment race on one payment across processes', async () => {
    cluster.printLogsOnFailure();
    const { gateways } = cluster;
    const outcomes: string[] = [];
    const problems: string[] = [];
    for (let repetition = 1; repetition <= RACE_REPETITIONS; repetition++) {
      await cluster.control.clearFaults();
      const { anon, cartId, payment } = await initializedGuest(gateways[repetition % gateways.length]!);
      await slowGlue([...GLUE_READS, 'POST /checkout', 'POST /payment-cancellations']);

      // placeOrder reads the cart (two slow reads) before it takes the payment; cancel takes it at
      // once. The cancels start together after a random head start for the placements (0-1.5 s),
      // so either side may be first at the compare-and-set.
      const headStart = Math.random() * 1500;
      const places = Array.from({ length: 4 }, (_, index) => {
        const gateway = gateways[index % gateways.length]!;
        return sleep(Math.random() * 100).then(() =>
          timed(
            gateway.name,
            async () =>
              (await gateway.guestSdk(anon).PlaceOrder({ input: { preOrderPaymentId: payment.id } })).placeOrder,
          ),
        );
      });
      const cancels = Array.from({ length: 4 }, (_, index) => {
        const gateway = gateways[(index + 1) % gateways.length]!;
        return sleep(headStart + Math.random() * 200).then(() =>
          timed(
            gateway.name,
            async () =>
              (await gateway.guestSdk(anon).CancelPreOrderPayment({ input: { preOrderPaymentId: payment.id } }))
                .cancelPreOrderPayment,
          ),
        );
      });
      const placeAnswers = await Promise.all(places);
      const cancelAnswers = await Promise.all(cancels);
      await cluster.control.clearFaults();

      const label = `race ${repetition}`;
      const failures = describeFailures<unknown>([...placeAnswers, ...cancelAnswers]);
      if (failures) problems.push(`${label}: calls without a typed result:\n${failures}`);
      const checkouts = await checkoutsFor(cartId);
      const cancellations = await cancellationsFor(payment.transactionId);
      const winner =
        checkouts === 1 && cancellations === 0
          ? 'placeOrder'
          : cancellations === 1 && checkouts === 0
            ? 'cancel'
            : 'none';
      outcomes.push(
        `${label}: cancels after ${Math.round(headStart)} ms; POST /checkout ${checkouts}, POST /payment-cancellations ${cancellations}; place ${JSON.stringify(tally<PlaceResult>(placeAnswers))}, cancel ${JSON.stringify(tally<CancelResult>(cancelAnswers))}`,
      );
      if (checkouts + cancellations !== 1)
        problems.push(
          `${label}: POST /checkout ${checkouts}, POST /payment-cancellations ${cancellations} (exactly one expected)`,
        );

      const stored = (await gateways[2]!.guestSdk(anon).PreOrderPayment({ id: payment.id })).preOrderPayment;
      const orders = (await cluster.control.orders()).filter((order) => order.cartId === cartId);
      const allowed =
        winner === 'placeOrder'
          ? {
              status: 'ORDER_PLACED',
              orders: 1,
              place: ['PlaceOrderSuccess', 'OperationInProgressError'],
              cancel: ['OrderAlreadyPlacedError', 'OperationInProgressError'],
            }
          : {
              status: 'CANCELED',
              orders: 0,
              place: ['PreOrderPaymentCanceledError', 'OperationInProgressError'],
              cancel: ['CancelPreOrderPaymentSuccess', 'OperationInProgressError'],
            };
      if (stored?.status !== allowed.status)
        problems.push(`${label}: ${winner} reached Glue but the payment is ${stored?.status}`);
      if (orders.length !== allowed.orders) problems.push(`${label}: ${orders.length} sandbox orders for the cart`);
      for (const { result, gateway } of placeAnswers) {
        if (result && !allowed.place.includes(result.__typename))
          problems.push(`${label}: placeOrder on ${gateway} answered ${JSON.stringify(result)}`);
      }
      for (const { result, gateway } of cancelAnswers) {
        if (result && !allowed.cancel.includes(result.__typename))
          problems.push(`${label}: cancel on ${gateway} answered ${JSON.stringify(result)}`);
      }
    }
    console.log(
      `placeOrder vs cancelPreOrderPayment, ${RACE_REPETITIONS} races over ${gateways.length} processes:\n  ${outcomes.join('\n  ')}`,
    );
    expect(problems).toEqual([]);
  }, 180_000);
}
