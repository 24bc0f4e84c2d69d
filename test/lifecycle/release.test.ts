import { afterEach, describe, expect, it } from 'vitest';
import { guestWithPayment, placeSuccess, transactionStatus } from '../flow/helpers.ts';
import { initializeInput, SKU } from '../support/fixtures.ts';
import { useStack } from '../support/stack.ts';
import { ATTENTION_QUERY, opsCall, RETRY_RELEASE, sleep, untilStatus } from './helpers.ts';

const TTL_SECONDS = 2;
const SWEEP_INTERVAL_MS = 200;
const OPS_TOKEN = 'release-tests-operator-token-0123456789';

/** Payments that expire in two seconds, a sweep five times a second, three release attempts. */
const stack = useStack({
  env: {
    PRE_ORDER_PAYMENT_TTL_SECONDS: String(TTL_SECONDS),
    SWEEP_INTERVAL_MS: String(SWEEP_INTERVAL_MS),
    RELEASE_MAX_ATTEMPTS: '3',
    RELEASE_BACKOFF_MS: '100',
    OPS_TOKEN,
  },
});
afterEach(async () => {
  await stack.control.clearFaults();
});

const operator = { authorization: `Bearer ${OPS_TOKEN}` };
const isFinal = (status: string | undefined) => status !== 'INITIALIZED' && status !== 'CANCELING';

describe('the release of unfinished payments (docs/expiry-and-release.md)', () => {
  it('releases an untouched payment within one sweep interval of its deadline: exactly one cancellation, EXPIRED, and placeOrder then answers PreOrderPaymentExpiredError with no /checkout', async () => {
    const { sdk, cartId, payment } = await guestWithPayment(stack);
    const deadline = Date.parse(payment.expiresAt);
    // The deadline is Redis's clock at the write, a moment after the record was made.
    expect(deadline - Date.parse(payment.createdAt)).toBeGreaterThanOrEqual(TTL_SECONDS * 1000);
    expect(deadline - Date.parse(payment.createdAt)).toBeLessThan(TTL_SECONDS * 1000 + 100);

    const expired = await untilStatus(sdk, payment.id, { is: isFinal });
    expect(expired?.status).toBe('EXPIRED');
    const releasedAt = Date.parse(expired?.events.find((event) => event.type === 'EXPIRED')?.at ?? '');
    const lagMs = releasedAt - deadline;
    console.log(`released ${lagMs} ms after the deadline (sweep interval ${SWEEP_INTERVAL_MS} ms)`);
    expect(lagMs).toBeGreaterThanOrEqual(0);
    // One sweep interval, plus the release's own round trips.
    expect(lagMs).toBeLessThanOrEqual(SWEEP_INTERVAL_MS + 300);
    expect(expired?.events.map((event) => event.type)).toEqual(['INITIALIZED', 'EXPIRED']);

    const calls = await stack.control.cancellationsFor(payment.transactionId);
    expect(calls.map((call) => call.status)).toEqual([201]);
    // Without the shopper's credentials: the gateway releases on its own.
    expect(calls[0]?.headers['x-anonymous-customer-unique-id']).toBeUndefined();
    expect(calls[0]?.headers.authorization).toBeUndefined();
    expect(await transactionStatus(stack, payment.transactionId)).toBe('canceled');

    const placed = (await sdk.PlaceOrder({ input: { preOrderPaymentId: payment.id } })).placeOrder;
    expect(placed).toMatchObject({ __typename: 'PreOrderPaymentExpiredError', preOrderPaymentId: payment.id });
    expect(await stack.control.checkoutsFor(cartId)).toHaveLength(0);
  });

  it('answers PreOrderPaymentExpiredError to a placeOrder right after the deadline, and the release still happens', async () => {
    const { sdk, cartId, payment } = await guestWithPayment(stack);
    await sleep(Math.max(0, Date.parse(payment.expiresAt) - Date.now()) + 1);
    const placed = (await sdk.PlaceOrder({ input: { preOrderPaymentId: payment.id } })).placeOrder;
    expect(placed.__typename).toBe('PreOrderPaymentExpiredError');
    expect((await untilStatus(sdk, payment.id, { is: isFinal }))?.status).toBe('EXPIRED');
    expect(await stack.control.checkoutsFor(cartId)).toHaveLength(0);
    expect(await stack.control.cancellationsFor(payment.transactionId)).toHaveLength(1);
  });

  it('moves the deadline on a re-initialization: not released at the old deadline, released at the new one', async () => {
    const { sdk, cartId, payment } = await guestWithPayment(stack);
    await sleep(1000);
    await stack.control.setItems(cartId, [{ sku: SKU, quantity: 2 }]);
    const again = (await sdk.InitializePreOrderPayment({ input: initializeInput(cartId) })).initializePreOrderPayment;
    if (again.__typename !== 'InitializePreOrderPaymentSuccess') throw new Error(again.__typename);
    const moved = Date.parse(again.preOrderPayment.expiresAt);
    expect(moved).toBeGreaterThan(Date.parse(payment.expiresAt));

    await sleep(Math.max(0, Date.parse(payment.expiresAt) - Date.now()) + 2 * SWEEP_INTERVAL_MS);
    expect((await sdk.PreOrderPayment({ id: payment.id })).preOrderPayment?.status).toBe('INITIALIZED');
    expect(await stack.control.cancellationsFor(payment.transactionId)).toHaveLength(0);

    const expired = await untilStatus(sdk, payment.id, { is: isFinal });
    expect(expired?.status).toBe('EXPIRED');
    expect(Date.parse(expired?.events.at(-1)?.at ?? '')).toBeGreaterThanOrEqual(moved);
  });

  it('never releases a placed payment, one being placed, or one whose order outcome is unknown', async () => {
    const placed = await guestWithPayment(stack);
    placeSuccess((await placed.sdk.PlaceOrder({ input: { preOrderPaymentId: placed.payment.id } })).placeOrder);

    const unknown = await guestWithPayment(stack);
    await stack.control.fault({
      endpoint: 'POST /checkout',
      mode: 'after-effect',
      status: 422,
      code: '1106',
      detail: 'Unable to delete cart.',
      keepCart: true,
    });
    const outcome = (await unknown.sdk.PlaceOrder({ input: { preOrderPaymentId: unknown.payment.id } })).placeOrder;
    expect(outcome.__typename).toBe('OrderOutcomeUnknownError');

    // A checkout that takes longer than the payment has left (but less than GLUE_TIMEOUT_MS):
    // PLACING_ORDER across the deadline.
    const placing = await guestWithPayment(stack);
    await stack.control.fault({ endpoint: 'POST /checkout', mode: 'delay', delayMs: TTL_SECONDS * 1000 + 700 });
    const inFlight = placing.sdk.PlaceOrder({ input: { preOrderPaymentId: placing.payment.id } });
    await sleep(Math.max(0, Date.parse(placing.payment.expiresAt) - Date.now()) + 2 * SWEEP_INTERVAL_MS);
    expect((await placing.sdk.PreOrderPayment({ id: placing.payment.id })).preOrderPayment?.status).toBe(
      'PLACING_ORDER',
    );
    placeSuccess((await inFlight).placeOrder);

    await sleep(4 * SWEEP_INTERVAL_MS);
    expect((await placed.sdk.PreOrderPayment({ id: placed.payment.id })).preOrderPayment?.status).toBe('ORDER_PLACED');
    expect((await unknown.sdk.PreOrderPayment({ id: unknown.payment.id })).preOrderPayment?.status).toBe(
      'ORDER_OUTCOME_UNKNOWN',
    );
    expect((await placing.sdk.PreOrderPayment({ id: placing.payment.id })).preOrderPayment?.status).toBe(
      'ORDER_PLACED',
    );
    for (const { payment } of [placed, unknown, placing]) {
      expect(await stack.control.cancellationsFor(payment.transactionId)).toHaveLength(0);
    }
  });

  it('gives up after RELEASE_MAX_ATTEMPTS refused releases (RELEASE_FAILED, one error line, listed for operators); retryRelease releases it once the provider answers again', async () => {
    const { sdk, payment } = await guestWithPayment(stack);
    await stack.control.fault({
      endpoint: 'POST /payment-cancellations',
      mode: 'status',
      status: 422,
      detail: 'The provider refuses for now.',
      count: 1000,
    });
    const deadline = Date.now() + 20_000;
    let failed = (await sdk.PreOrderPayment({ id: payment.id })).preOrderPayment;
    while (!failed?.events.some((event) => event.type === 'RELEASE_FAILED') && Date.now() < deadline) {
      await sleep(100);
      failed = (await sdk.PreOrderPayment({ id: payment.id })).preOrderPayment;
    }
    expect(failed?.status).toBe('INITIALIZED');
    expect(failed?.events.filter((event) => event.type === 'RELEASE_FAILED')).toHaveLength(1);
    // The sweeper stops: no fourth attempt, however long it waits.
    await sleep(6 * SWEEP_INTERVAL_MS);
    expect(await stack.control.cancellationsFor(payment.transactionId)).toHaveLength(3);
    const errorLines = stack.logLines.filter((line) => line.includes('release FAILED') && line.includes(payment.id));
    expect(errorLines).toHaveLength(1);
    expect(JSON.parse(errorLines[0] ?? '{}')).toMatchObject({ level: 50 });

    const listed = await opsCall(stack.baseUrl, {
      query: ATTENTION_QUERY,
      variables: { first: 100 },
      headers: operator,
    });
    const entry = listed.json.data.preOrderPaymentsNeedingAttention.edges.find(
      (edge: { node: { payment: { id: string } } }) => edge.node.payment.id === payment.id,
    );
    expect(entry?.node).toMatchObject({
      reason: 'RELEASE_FAILED',
      payment: { status: 'INITIALIZED', releaseAttempts: 3 },
    });

    await stack.control.clearFaults();
    const retried = await opsCall(stack.baseUrl, {
      query: RETRY_RELEASE,
      variables: { input: { preOrderPaymentId: payment.id, note: 'provider back; ticket OPS-17' } },
      headers: operator,
    });
    expect(retried.json.data.retryRelease).toMatchObject({
      __typename: 'OperatorActionDone',
      payment: { status: 'EXPIRED' },
    });
    const events = retried.json.data.retryRelease.payment.events as { type: string; message: string }[];
    expect(events.find((event) => event.type === 'OPERATOR_ACTION')?.message).toContain('ticket OPS-17');
    expect((await stack.control.cancellationsFor(payment.transactionId)).map((call) => call.status)).toEqual([
      422, 422, 422, 201,
    ]);
    const after = await opsCall(stack.baseUrl, {
      query: ATTENTION_QUERY,
      variables: { first: 100 },
      headers: operator,
    });
    const ids = after.json.data.preOrderPaymentsNeedingAttention.edges.map(
      (edge: { node: { payment: { id: string } } }) => edge.node.payment.id,
    );
    expect(ids).not.toContain(payment.id);
  });
});

describe('gateways of two environments on one Redis (REDIS_KEY_PREFIX)', () => {
  // Its own prefix, its own Glue (sandbox): its sweeper must never see this file's stack's payments.
  const neighbour = useStack({
    env: { PRE_ORDER_PAYMENT_TTL_SECONDS: String(TTL_SECONDS), SWEEP_INTERVAL_MS: String(SWEEP_INTERVAL_MS) },
  });

  it("releases each environment's payments through its own Glue only: the neighbour neither cancels nor sees them", async () => {
    const ours = await guestWithPayment(stack);
    const theirs = await guestWithPayment(neighbour);
    expect((await untilStatus(ours.sdk, ours.payment.id, { is: isFinal }))?.status).toBe('EXPIRED');
    expect((await untilStatus(theirs.sdk, theirs.payment.id, { is: isFinal }))?.status).toBe('EXPIRED');
    // A few more sweeps of both, so a stray claim would have happened.
    await sleep(SWEEP_INTERVAL_MS * 3);

    expect((await stack.control.cancellationsFor(ours.payment.transactionId)).map((call) => call.status)).toEqual([
      201,
    ]);
    expect(await neighbour.control.cancellationsFor(ours.payment.transactionId)).toEqual([]);
    expect((await neighbour.control.cancellationsFor(theirs.payment.transactionId)).map((call) => call.status)).toEqual(
      [201],
    );
    expect(await stack.control.cancellationsFor(theirs.payment.transactionId)).toEqual([]);
    // The payment ids carry no environment: a gateway answers only its own prefix's records.
    expect((await neighbour.guestSdk(ours.anon).PreOrderPayment({ id: ours.payment.id })).preOrderPayment).toBeNull();
  });
});
