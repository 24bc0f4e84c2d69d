import type { PlaceOrderMutation } from '@headless-payment-gateway/client';
import { describe, expect, it } from 'vitest';
import { anonymousId, customer, initializeInput, SKU } from '../support/fixtures.ts';
import { type Answer, type GatewayProcess, sleep, timed, useCluster } from '../support/processes.ts';

/**
 * docs/place-order.md items 4 / 7 when the process holding a placement dies (SIGKILL): its lease is the
 * only thing that frees the payment, and what happens then depends on whether "checkout sent" was
 * recorded: not recorded → another process may place it (exactly once); recorded → never resent.
 */

type PlaceResult = PlaceOrderMutation['placeOrder'];

const GLUE_TIMEOUT_MS = 1000;
const LEASE_MS = 6000;
/** The victim pauses this long between taking the placement and recording "checkout sent". */
const HOLD_MS = 5000;

const cluster = useCluster({
  gateways: 2,
  env: { GLUE_TIMEOUT_MS: String(GLUE_TIMEOUT_MS), PLACEMENT_LEASE_MS: String(LEASE_MS), IDEMPOTENCY_WAIT_MS: '300' },
});

function checkoutCalls(cartId: string) {
  return cluster.control.checkoutsFor(cartId);
}

/** Polls until `done` holds; throws after `timeoutMs`. */
async function eventually<T>(what: string, timeoutMs: number, probe: () => Promise<T | null>): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== null) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await sleep(20);
  }
}

/** The time (ms since epoch) the last ORDER_PLACEMENT_STARTED event was recorded. */
function placementStartedAt(events: readonly { type: string; at: string }[]): number {
  const started = events.filter((event) => event.type === 'ORDER_PLACEMENT_STARTED').at(-1);
  if (!started) throw new Error(`no ORDER_PLACEMENT_STARTED event in ${JSON.stringify(events)}`);
  return Date.parse(started.at);
}

interface TimedPlace extends Answer<PlaceResult> {
  readonly sentAt: number;
}

/** The gateways still running, and the shopper's SDK on each of them. */
interface Survivors {
  readonly gateways: readonly GatewayProcess[];
  readonly sdkFor: (gateway: GatewayProcess) => ReturnType<GatewayProcess['sdk']>;
}

/** placeOrder through each survivor in turn, every 250 ms, until an answer is not OperationInProgressError. */
async function placeUntilSettled(survivors: Survivors, id: string, timeoutMs: number) {
  const { gateways, sdkFor } = survivors;
  const answers: TimedPlace[] = [];
  const deadline = Date.now() + timeoutMs;
  for (let index = 0; Date.now() < deadline; index++) {
    const gateway = gateways[index % gateways.length]!;
    const sentAt = Date.now();
    const answer = await timed(
      gateway.name,
      async () => (await sdkFor(gateway).PlaceOrder({ input: { preOrderPaymentId: id } })).placeOrder,
    );
    answers.push({ ...answer, sentAt });
    if (answer.result === null || answer.result.__typename !== 'OperationInProgressError') return answers;
    await sleep(250);
  }
  return answers;
}

describe('a placement whose process is killed', () => {
  it('is placed exactly once by another process after the lease when its holder was SIGKILLed before recording "checkout sent"; until then the others answer OperationInProgressError', async () => {
    cluster.printLogsOnFailure();
    const [first, second] = cluster.gateways as [GatewayProcess, GatewayProcess];
    const victim = await cluster.addGateway('victim-before-sent', {
      TEST_HOLD_BEFORE_CHECKOUT_SENT_MS: String(HOLD_MS),
    });
    await cluster.control.clearFaults();

    const anon = anonymousId();
    const cartId = await cluster.control.createGuestCart(anon, [{ sku: SKU, quantity: 1 }]);
    const init = (await first.guestSdk(anon).InitializePreOrderPayment({ input: initializeInput(cartId) }))
      .initializePreOrderPayment;
    if (init.__typename !== 'InitializePreOrderPaymentSuccess') throw new Error(JSON.stringify(init));
    const id = init.preOrderPayment.id;

    // The victim takes the placement and holds it (before "checkout sent").
    const victimCall = timed(
      victim.name,
      async () => (await victim.guestSdk(anon).PlaceOrder({ input: { preOrderPaymentId: id } })).placeOrder,
    );
    const held = await eventually('the victim to take the placement', 4000, async () => {
      const payment = (await first.guestSdk(anon).PreOrderPayment({ id })).preOrderPayment;
      return payment?.status === 'PLACING_ORDER' ? payment : null;
    });
    const startedAt = placementStartedAt(held.events);
    const leaseEnds = startedAt + LEASE_MS;
    await victim.kill('SIGKILL');
    const killedAt = Date.now();
    expect(killedAt, 'killed while still holding (before its hold ended)').toBeLessThan(startedAt + HOLD_MS);
    expect((await victimCall).result, 'the victim never answered').toBeNull();

    const answers = await placeUntilSettled(
      { gateways: [first, second], sdkFor: (gateway) => gateway.guestSdk(anon) },
      id,
      LEASE_MS + 8000,
    );
    const last = answers.at(-1)!;
    const waiting = answers.slice(0, -1);
    console.log(
      `killed before "checkout sent": lease ends ${leaseEnds - killedAt} ms after the kill; ${waiting.length} OperationInProgressError answers, then ${last.result?.__typename} ${
        last.sentAt + last.ms - killedAt
      } ms after the kill (answer times ${answers.map((answer) => answer.ms).join(', ')} ms)`,
    );
    expect(waiting.length, 'at least one answer while the lease ran').toBeGreaterThan(0);
    for (const answer of waiting) expect(answer.result?.__typename).toBe('OperationInProgressError');
    expect(last.result?.__typename, JSON.stringify(last)).toBe('PlaceOrderSuccess');
    // Nobody placed it before the dead holder's lease ran out.
    expect(last.sentAt + last.ms).toBeGreaterThanOrEqual(leaseEnds);

    const checkouts = await checkoutCalls(cartId);
    expect(checkouts, 'exactly one POST /checkout, sent after the kill').toHaveLength(1);
    // The sandbox records when each call arrived (not in RecordedCall's type, but in the JSON).
    const arrived = checkouts[0]?.startedAt;
    expect(Date.parse(arrived ?? ''), 'the /checkout arrived after the kill').toBeGreaterThanOrEqual(killedAt);
    const orders = (await cluster.control.orders()).filter((order) => order.cartId === cartId);
    expect(orders).toHaveLength(1);
    if (last.result?.__typename === 'PlaceOrderSuccess')
      expect(last.result.order.orderReference).toBe(orders[0]!.orderReference);

    // Later calls on any process are answered from the record: still one order, one /checkout.
    for (const gateway of [first, second]) {
      const again = (await gateway.guestSdk(anon).PlaceOrder({ input: { preOrderPaymentId: id } })).placeOrder;
      expect(again).toMatchObject({
        __typename: 'PlaceOrderSuccess',
        replayed: true,
        order: { orderReference: orders[0]!.orderReference },
      });
    }
    expect(await checkoutCalls(cartId)).toHaveLength(1);
    const payment = (await second.guestSdk(anon).PreOrderPayment({ id })).preOrderPayment;
    expect({ status: payment?.status, orderReference: payment?.orderReference }).toEqual({
      status: 'ORDER_PLACED',
      orderReference: orders[0]!.orderReference,
    });
  }, 40_000);

  it('never gets a second POST /checkout when its holder was SIGKILLed while the checkout was in flight; it ends ORDER_PLACED (found through GET /orders) or ORDER_OUTCOME_UNKNOWN', async () => {
    cluster.printLogsOnFailure();
    const [first, second] = cluster.gateways as [GatewayProcess, GatewayProcess];
    // Its own Glue deadline is long enough to be killed while it still waits for /checkout.
    const victimLeaseMs = 9000;
    const victim = await cluster.addGateway('victim-in-flight', {
      GLUE_TIMEOUT_MS: '4000',
      PLACEMENT_LEASE_MS: String(victimLeaseMs),
    });
    await cluster.control.clearFaults();

    const account = await cluster.control.createCustomer();
    const cartId = await cluster.control.createCustomerCart(account.customerReference, [{ sku: SKU, quantity: 1 }]);
    const input = initializeInput(cartId, {
      customer: customer({ email: account.email, firstName: 'Test', lastName: 'Customer', salutation: 'Mr' }),
    });
    const init = (await first.customerSdk(account.accessToken).InitializePreOrderPayment({ input }))
      .initializePreOrderPayment;
    if (init.__typename !== 'InitializePreOrderPaymentSuccess') throw new Error(JSON.stringify(init));
    const id = init.preOrderPayment.id;

    // Glue saves the order, then never answers.
    await cluster.control.fault({ endpoint: 'POST /checkout', mode: 'hang', afterEffect: true, count: 1 });
    const victimCall = timed(
      victim.name,
      async () =>
        (await victim.customerSdk(account.accessToken).PlaceOrder({ input: { preOrderPaymentId: id } })).placeOrder,
    );
    const inFlight = await eventually(
      "the victim's POST /checkout",
      4000,
      async () => (await checkoutCalls(cartId))[0] ?? null,
    );
    await victim.kill('SIGKILL');
    const killedAt = Date.now();
    expect(inFlight.status, 'the sandbox still held the request when the victim died').toBeNull();
    expect((await victimCall).result, 'the victim never answered').toBeNull();
    const orders = (await cluster.control.orders()).filter((order) => order.cartId === cartId);
    expect(orders, 'the held checkout saved the order').toHaveLength(1);

    const held = (await first.customerSdk(account.accessToken).PreOrderPayment({ id })).preOrderPayment;
    expect(held?.status).toBe('PLACING_ORDER');
    const leaseEnds = placementStartedAt(held!.events) + victimLeaseMs;

    const answers = await placeUntilSettled(
      { gateways: [first, second], sdkFor: (gateway) => gateway.customerSdk(account.accessToken) },
      id,
      victimLeaseMs + 8000,
    );
    const last = answers.at(-1)!;
    const waiting = answers.slice(0, -1);
    console.log(
      `killed with /checkout in flight: lease ends ${leaseEnds - killedAt} ms after the kill; ${waiting.length} OperationInProgressError answers, then ${last.result?.__typename} ${
        last.sentAt + last.ms - killedAt
      } ms after the kill`,
    );
    for (const answer of waiting) expect(answer.result?.__typename).toBe('OperationInProgressError');
    expect(['PlaceOrderSuccess', 'OrderOutcomeUnknownError'], JSON.stringify(last)).toContain(last.result?.__typename);
    expect(last.sentAt + last.ms).toBeGreaterThanOrEqual(leaseEnds);

    // More attempts on every survivor (placeOrder and cancel) never resend.
    for (const gateway of [first, second]) {
      const sdk = gateway.customerSdk(account.accessToken);
      const again = (await sdk.PlaceOrder({ input: { preOrderPaymentId: id } })).placeOrder;
      expect(['PlaceOrderSuccess', 'OrderOutcomeUnknownError']).toContain(again.__typename);
      const cancel = (await sdk.CancelPreOrderPayment({ input: { preOrderPaymentId: id } })).cancelPreOrderPayment;
      expect(['OrderAlreadyPlacedError', 'OrderOutcomeUnknownError']).toContain(cancel.__typename);
    }
    expect(await checkoutCalls(cartId), 'no second POST /checkout for the payment').toHaveLength(1);
    expect(await cluster.control.count('POST /payment-cancellations')).toBe(0);

    const payment = (await second.customerSdk(account.accessToken).PreOrderPayment({ id })).preOrderPayment;
    expect(['ORDER_PLACED', 'ORDER_OUTCOME_UNKNOWN']).toContain(payment?.status);
    if (payment?.status === 'ORDER_PLACED') {
      expect(payment.orderReference).toBe(orders[0]!.orderReference);
      const lookups = (await cluster.control.calls('GET /orders')).filter(
        (call) => call.headers.authorization === `Bearer ${account.accessToken}`,
      );
      expect(lookups.length, 'found through GET /orders').toBeGreaterThan(0);
    }
    console.log(
      `killed with /checkout in flight: the payment ends ${payment?.status} ${payment?.orderReference ?? ''}`,
    );
  }, 45_000);
});
