import type { PreOrderPaymentQuery } from '@headless-payment-gateway/client';
import { describe, expect, it } from 'vitest';
import { anonymousId, customer, initializeInput, SKU } from '../support/fixtures.ts';
import { type Answer, type GatewayProcess, type Sdk, sleep, timed, useCluster } from '../support/processes.ts';

/**
 * docs/transport-and-configuration.md (/readyz), §4.6, §6.4 and §10-11 when the session store goes away: Redis hung
 * (SIGSTOP) or crashed (SIGKILL, then restarted on its append-only file). Two gateway processes
 * share the test's own redis-server; nothing else uses it.
 */

type Payment = NonNullable<PreOrderPaymentQuery['preOrderPayment']>;

/** The loose bound for an answer while Redis is gone; the measured times are printed. */
const ANSWER_BOUND_MS = 3000;
const GLUE_WRITES = ['POST /payments', 'POST /checkout', 'POST /payment-cancellations'] as const;

// AOF with fsync on every write (the helper's appendOnly): a SIGKILL loses nothing acknowledged.
const cluster = useCluster({ gateways: 2, redis: { appendOnly: true } });

interface Shopper {
  readonly sdk: Sdk;
  readonly cartId: string;
  readonly input: ReturnType<typeof initializeInput>;
}

async function guest(via: GatewayProcess): Promise<Shopper> {
  const anon = anonymousId();
  const cartId = await cluster.control.createGuestCart(anon, [{ sku: SKU, quantity: 1 }]);
  return { sdk: via.guestSdk(anon), cartId, input: initializeInput(cartId) };
}

async function customerShopper(via: GatewayProcess): Promise<Shopper> {
  const account = await cluster.control.createCustomer();
  const cartId = await cluster.control.createCustomerCart(account.customerReference, [{ sku: SKU, quantity: 2 }]);
  const input = initializeInput(cartId, {
    customer: customer({ email: account.email, firstName: 'Test', lastName: 'Customer', salutation: 'Mr' }),
  });
  return { sdk: via.customerSdk(account.accessToken), cartId, input };
}

async function initialized(shopper: Shopper): Promise<Payment> {
  const init = (await shopper.sdk.InitializePreOrderPayment({ input: shopper.input })).initializePreOrderPayment;
  if (init.__typename !== 'InitializePreOrderPaymentSuccess')
    throw new Error(`initialization failed: ${JSON.stringify(init)}`);
  return init.preOrderPayment;
}

async function read(shopper: Shopper, id: string): Promise<Payment | null> {
  return (await shopper.sdk.PreOrderPayment({ id })).preOrderPayment ?? null;
}

async function glueWrites(): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const endpoint of GLUE_WRITES) counts[endpoint] = await cluster.control.count(endpoint);
  return counts;
}

/** Every gateway answers /readyz 200 again; returns how long that took. */
async function allReady(timeoutMs: number): Promise<number> {
  const started = Date.now();
  for (;;) {
    const statuses = await Promise.all(cluster.gateways.map((gateway) => gateway.readyz(1000)));
    if (statuses.every((status) => status === 200)) return Date.now() - started;
    if (Date.now() - started > timeoutMs) throw new Error(`/readyz after ${timeoutMs} ms: ${statuses.join(', ')}`);
    await sleep(100);
  }
}

/** Timed /readyz on every gateway. */
async function readiness(): Promise<{ gateway: string; status: number; ms: number }[]> {
  return Promise.all(
    cluster.gateways.map(async (gateway) => {
      const started = performance.now();
      const status = await gateway.readyz(ANSWER_BOUND_MS + 2000);
      return { gateway: gateway.name, status, ms: Math.round(performance.now() - started) };
    }),
  );
}

interface OutageCall {
  readonly name: string;
  readonly run: () => Promise<{ __typename: string; retryable?: boolean }>;
}

/** Runs each mutation once (one after the other) and prints its answer and time. */
async function duringOutage(
  label: string,
  calls: readonly OutageCall[],
): Promise<Answer<{ __typename: string; retryable?: boolean }>[]> {
  const answers: Answer<{ __typename: string; retryable?: boolean }>[] = [];
  for (const call of calls) answers.push(await timed(call.name, call.run));
  console.log(
    `${label}: ${answers.map((answer) => `${answer.gateway} -> ${answer.result?.__typename ?? `HTTP ${answer.failureStatus} ${answer.failure}`} in ${answer.ms} ms`).join('; ')}`,
  );
  return answers;
}

function expectTypedRetryable(answers: readonly Answer<{ __typename: string; retryable?: boolean }>[]): void {
  for (const answer of answers) {
    expect(answer.result, `${answer.gateway}: ${answer.failure}`).toMatchObject({
      __typename: 'UpstreamUnavailableError',
      retryable: true,
    });
    expect(answer.ms, `${answer.gateway} answered within ${ANSWER_BOUND_MS} ms`).toBeLessThanOrEqual(ANSWER_BOUND_MS);
  }
}

/** The parts of a payment the outage must not change. */
function durable(payment: Payment | null) {
  return (
    payment && {
      id: payment.id,
      status: payment.status,
      amount: payment.amount,
      transactionId: payment.transactionId,
      orderReference: payment.orderReference,
      expiresAt: payment.expiresAt,
      updatedAt: payment.updatedAt,
      events: payment.events,
    }
  );
}

describe('a Redis outage', () => {
  it('answers typed retryable UpstreamUnavailableError within the bound, sends no Glue write and reports /readyz 503 while Redis is paused (SIGSTOP), and recovers without a restart with earlier payments intact', async () => {
    cluster.printLogsOnFailure();
    await allReady(10_000);
    await cluster.control.clearFaults();
    const [one, two] = cluster.gateways as [GatewayProcess, GatewayProcess];

    // Arrange: payments made before the outage, and a cart not yet initialized.
    const toPlace = await guest(one);
    const toCancel = await guest(two);
    const customerToPlace = await customerShopper(two);
    const fresh = await guest(one);
    const keyed = await guest(two);
    const idempotencyKey = `outage-${keyed.cartId}`;
    const initializeKeyed = async () =>
      (await keyed.sdk.InitializePreOrderPayment({ input: { ...keyed.input, idempotencyKey } }))
        .initializePreOrderPayment;
    const placeable = await initialized(toPlace);
    const cancelable = await initialized(toCancel);
    const customerPayment = await initialized(customerToPlace);
    const before = {
      placeable: await read(toPlace, placeable.id),
      cancelable: await read(toCancel, cancelable.id),
      customer: await read(customerToPlace, customerPayment.id),
    };
    const writesBefore = await glueWrites();

    cluster.redis.pause();
    let answers: Awaited<ReturnType<typeof duringOutage>>;
    let ready: Awaited<ReturnType<typeof readiness>>;
    try {
      answers = await duringOutage('Redis paused', [
        {
          name: `${one.name} initializePreOrderPayment (guest, new cart)`,
          run: async () =>
            (await fresh.sdk.InitializePreOrderPayment({ input: fresh.input })).initializePreOrderPayment,
        },
        {
          name: `${one.name} placeOrder (guest)`,
          run: async () => (await toPlace.sdk.PlaceOrder({ input: { preOrderPaymentId: placeable.id } })).placeOrder,
        },
        {
          name: `${two.name} cancelPreOrderPayment (guest)`,
          run: async () =>
            (await toCancel.sdk.CancelPreOrderPayment({ input: { preOrderPaymentId: cancelable.id } }))
              .cancelPreOrderPayment,
        },
        {
          name: `${two.name} placeOrder (customer)`,
          run: async () =>
            (await customerToPlace.sdk.PlaceOrder({ input: { preOrderPaymentId: customerPayment.id } })).placeOrder,
        },
        { name: `${two.name} initializePreOrderPayment (guest, new cart, idempotency key)`, run: initializeKeyed },
      ]);
      ready = await readiness();
      console.log(
        `Redis paused: /readyz ${ready.map((probe) => `${probe.gateway} ${probe.status} in ${probe.ms} ms`).join('; ')}`,
      );
      // Still paused: nothing may have reached Glue's write endpoints.
      expect(await glueWrites()).toEqual(writesBefore);
    } finally {
      cluster.redis.resume();
    }
    expectTypedRetryable(answers);
    for (const probe of ready) {
      expect(probe.status, probe.gateway).toBe(503);
      expect(probe.ms).toBeLessThanOrEqual(ANSWER_BOUND_MS);
    }

    // Resumed: the same processes recover on their own.
    const recoveredInMs = await allReady(15_000);
    console.log(`Redis resumed: every /readyz 200 after ${recoveredInMs} ms`);
    expect(cluster.gateways.every((gateway) => gateway.running())).toBe(true);
    expect(await glueWrites()).toEqual(writesBefore);
    expect(durable(await read(toPlace, placeable.id))).toEqual(durable(before.placeable));
    expect(durable(await read(toCancel, cancelable.id))).toEqual(durable(before.cancelable));
    expect(durable(await read(customerToPlace, customerPayment.id))).toEqual(durable(before.customer));

    const placed = (await toPlace.sdk.PlaceOrder({ input: { preOrderPaymentId: placeable.id } })).placeOrder;
    expect(placed).toMatchObject({ __typename: 'PlaceOrderSuccess', replayed: false });
    const customerPlaced = (await customerToPlace.sdk.PlaceOrder({ input: { preOrderPaymentId: customerPayment.id } }))
      .placeOrder;
    expect(customerPlaced).toMatchObject({ __typename: 'PlaceOrderSuccess', replayed: false });
    const canceled = (await toCancel.sdk.CancelPreOrderPayment({ input: { preOrderPaymentId: cancelable.id } }))
      .cancelPreOrderPayment;
    expect(canceled).toMatchObject({ __typename: 'CancelPreOrderPaymentSuccess', replayed: false });
    const initializedAfter = (await fresh.sdk.InitializePreOrderPayment({ input: fresh.input }))
      .initializePreOrderPayment;
    expect(initializedAfter).toMatchObject({ __typename: 'InitializePreOrderPaymentSuccess', replayed: false });
    // The same idempotency key, retried after the outage, runs once it is free: its "in flight" mark
    // may have reached Redis only when it resumed, and the gateway withdraws it within about a second.
    const retryStarted = Date.now();
    let keyedAnswer = await initializeKeyed();
    const keyedAnswers = [keyedAnswer.__typename];
    while (keyedAnswer.__typename === 'OperationInProgressError' && Date.now() - retryStarted < 3_000) {
      await sleep(500);
      keyedAnswer = await initializeKeyed();
      keyedAnswers.push(keyedAnswer.__typename);
    }
    console.log(
      `Redis resumed: the idempotency key used during the pause answered ${keyedAnswers.join(', ')} (${Date.now() - retryStarted} ms)`,
    );
    expect(keyedAnswer).toMatchObject({ __typename: 'InitializePreOrderPaymentSuccess' });
    expect(await glueWrites()).toEqual({
      'POST /payments': writesBefore['POST /payments']! + 2,
      'POST /checkout': writesBefore['POST /checkout']! + 2,
      'POST /payment-cancellations': writesBefore['POST /payment-cancellations']! + 1,
    });
  }, 60_000);

  it('answers typed retryable errors while Redis is killed (SIGKILL) and, restarted on its append-only file, has lost nothing: earlier payments read back with the same status and events', async () => {
    cluster.printLogsOnFailure();
    await allReady(10_000);
    await cluster.control.clearFaults();
    const [one, two] = cluster.gateways as [GatewayProcess, GatewayProcess];

    // Arrange one payment in each durable state, plus a cart not yet initialized.
    const open = await guest(one);
    const placedShopper = await guest(two);
    const canceledShopper = await guest(one);
    const customerOpen = await customerShopper(two);
    const fresh = await guest(two);
    const openPayment = await initialized(open);
    const placedPayment = await initialized(placedShopper);
    const placed = (await placedShopper.sdk.PlaceOrder({ input: { preOrderPaymentId: placedPayment.id } })).placeOrder;
    if (placed.__typename !== 'PlaceOrderSuccess') throw new Error(JSON.stringify(placed));
    const canceledPayment = await initialized(canceledShopper);
    const canceled = (
      await canceledShopper.sdk.CancelPreOrderPayment({ input: { preOrderPaymentId: canceledPayment.id } })
    ).cancelPreOrderPayment;
    if (canceled.__typename !== 'CancelPreOrderPaymentSuccess') throw new Error(JSON.stringify(canceled));
    const customerPayment = await initialized(customerOpen);
    const recorded = [
      { shopper: open, id: openPayment.id },
      { shopper: placedShopper, id: placedPayment.id },
      { shopper: canceledShopper, id: canceledPayment.id },
      { shopper: customerOpen, id: customerPayment.id },
    ];
    const before = await Promise.all(recorded.map(({ shopper, id }) => read(shopper, id)));
    expect(before.map((payment) => payment?.status)).toEqual([
      'INITIALIZED',
      'ORDER_PLACED',
      'CANCELED',
      'INITIALIZED',
    ]);
    const writesBefore = await glueWrites();

    await cluster.redis.kill();
    let answers: Awaited<ReturnType<typeof duringOutage>>;
    let ready: Awaited<ReturnType<typeof readiness>>;
    try {
      answers = await duringOutage('Redis killed', [
        {
          name: `${one.name} initializePreOrderPayment (guest, new cart)`,
          run: async () =>
            (await fresh.sdk.InitializePreOrderPayment({ input: fresh.input })).initializePreOrderPayment,
        },
        {
          name: `${one.name} placeOrder (guest)`,
          run: async () => (await open.sdk.PlaceOrder({ input: { preOrderPaymentId: openPayment.id } })).placeOrder,
        },
        {
          name: `${two.name} cancelPreOrderPayment (customer)`,
          run: async () =>
            (await customerOpen.sdk.CancelPreOrderPayment({ input: { preOrderPaymentId: customerPayment.id } }))
              .cancelPreOrderPayment,
        },
        {
          name: `${two.name} placeOrder (guest, already placed)`,
          run: async () =>
            (await placedShopper.sdk.PlaceOrder({ input: { preOrderPaymentId: placedPayment.id } })).placeOrder,
        },
      ]);
      ready = await readiness();
      console.log(
        `Redis killed: /readyz ${ready.map((probe) => `${probe.gateway} ${probe.status} in ${probe.ms} ms`).join('; ')}`,
      );
      expect(await glueWrites()).toEqual(writesBefore);
    } finally {
      await cluster.redis.restart();
    }
    expectTypedRetryable(answers);
    for (const probe of ready) {
      expect(probe.status, probe.gateway).toBe(503);
      expect(probe.ms).toBeLessThanOrEqual(ANSWER_BOUND_MS);
    }

    const recoveredInMs = await allReady(15_000);
    console.log(`Redis restarted from its AOF: every /readyz 200 after ${recoveredInMs} ms`);
    expect(cluster.gateways.every((gateway) => gateway.running())).toBe(true);
    const after = await Promise.all(recorded.map(({ shopper, id }) => read(shopper, id)));
    expect(after).toEqual(before);
    expect(await glueWrites()).toEqual(writesBefore);

    // And the service works on the restored data.
    const placedAfter = (await open.sdk.PlaceOrder({ input: { preOrderPaymentId: openPayment.id } })).placeOrder;
    expect(placedAfter).toMatchObject({ __typename: 'PlaceOrderSuccess', replayed: false });
    const replay = (await placedShopper.sdk.PlaceOrder({ input: { preOrderPaymentId: placedPayment.id } })).placeOrder;
    expect(replay).toMatchObject({
      __typename: 'PlaceOrderSuccess',
      replayed: true,
      order: { orderReference: placed.order.orderReference },
    });
    const initializedAfter = (await fresh.sdk.InitializePreOrderPayment({ input: fresh.input }))
      .initializePreOrderPayment;
    expect(initializedAfter).toMatchObject({ __typename: 'InitializePreOrderPaymentSuccess', replayed: false });
  }, 60_000);
});
