import { request } from 'undici';
import { afterEach, describe, expect, it } from 'vitest';
import { guestWithPayment, placeSuccess, transactionStatus } from '../flow/helpers.ts';
import { CHECKOUT_SAVED_THEN_1106 } from '../support/fixtures.ts';
import { type Stack, useStack } from '../support/stack.ts';
import { ATTENTION_QUERY, opsCall, RESOLVE_OUTCOME } from './helpers.ts';

const OPS_TOKEN = 'operations-tests-operator-token-0123456789';
const operator = { authorization: `Bearer ${OPS_TOKEN}` };

/** Every sample of the Prometheus text as `name{labels}` → value (labels as written, sorted by prom-client). */
async function scrape(stack: Stack): Promise<Map<string, number>> {
  const response = await request(`${stack.baseUrl}/metrics`);
  expect(response.statusCode).toBe(200);
  expect(response.headers['content-type']).toMatch(/^text\/plain/);
  const samples = new Map<string, number>();
  for (const line of (await response.body.text()).split('\n')) {
    const match = /^([a-z_]+(?:\{.*\})?) (\S+)$/.exec(line);
    if (match?.[1] && match[2]) samples.set(match[1], Number(match[2]));
  }
  return samples;
}

const grew = (before: Map<string, number>, after: Map<string, number>, sample: string): number =>
  (after.get(sample) ?? 0) - (before.get(sample) ?? 0);

/** The growth of every sample of one family whose labels contain `having`. */
function growthOf(
  before: Map<string, number>,
  after: Map<string, number>,
  family: { readonly name: string; readonly having?: string },
): Map<string, number> {
  const growth = new Map<string, number>();
  for (const sample of after.keys()) {
    if (!sample.startsWith(`${family.name}{`) || !sample.includes(family.having ?? '')) continue;
    const delta = grew(before, after, sample);
    if (delta !== 0) growth.set(sample, delta);
  }
  return growth;
}

/** One ORDER_OUTCOME_UNKNOWN payment: `withOrder` saves the order before the ambiguous answer. */
async function unknownOutcome(stack: Stack, withOrder: boolean) {
  const shopper = await guestWithPayment(stack);
  await stack.control.fault(
    withOrder ? CHECKOUT_SAVED_THEN_1106 : { ...CHECKOUT_SAVED_THEN_1106, mode: 'status', keepCart: undefined },
  );
  const placed = (await shopper.sdk.PlaceOrder({ input: { preOrderPaymentId: shopper.payment.id } })).placeOrder;
  expect(placed.__typename).toBe('OrderOutcomeUnknownError');
  await stack.control.clearFaults();
  return shopper;
}

describe('GET /metrics and /ops/graphql with OPS_TOKEN set (docs/operations.md)', () => {
  const stack = useStack({ env: { OPS_TOKEN } });
  afterEach(async () => {
    await stack.control.clearFaults();
  });

  it('counts a full flow: each operation with its result, each Glue exchange the sandbox saw, the durations', async () => {
    const before = await scrape(stack);
    const callsBefore = (await stack.control.calls()).length;

    const { sdk, payment } = await guestWithPayment(stack);
    await sdk.PreOrderPayment({ id: payment.id });
    placeSuccess((await sdk.PlaceOrder({ input: { preOrderPaymentId: payment.id } })).placeOrder);
    const late = (await sdk.CancelPreOrderPayment({ input: { preOrderPaymentId: payment.id } })).cancelPreOrderPayment;
    expect(late.__typename).toBe('OrderAlreadyPlacedError');

    const after = await scrape(stack);
    expect(growthOf(before, after, { name: 'gateway_operations_total' })).toEqual(
      new Map([
        [
          'gateway_operations_total{operation="initializePreOrderPayment",result="InitializePreOrderPaymentSuccess"}',
          1,
        ],
        ['gateway_operations_total{operation="preOrderPayment",result="PreOrderPayment"}', 1],
        ['gateway_operations_total{operation="placeOrder",result="PlaceOrderSuccess"}', 1],
        ['gateway_operations_total{operation="cancelPreOrderPayment",result="ORDER_ALREADY_PLACED"}', 1],
      ]),
    );
    for (const operation of ['initializePreOrderPayment', 'preOrderPayment', 'placeOrder', 'cancelPreOrderPayment']) {
      const count = `gateway_operation_duration_seconds_count{operation="${operation}"}`;
      expect(grew(before, after, count), count).toBe(1);
      expect(grew(before, after, `gateway_operation_duration_seconds_bucket{le="+Inf",operation="${operation}"}`)).toBe(
        1,
      );
    }

    // What the gateway counted is exactly what Glue (the sandbox) answered, endpoint by endpoint.
    const seen = new Map<string, number>();
    for (const call of (await stack.control.calls()).slice(callsBefore)) {
      const endpoint = call.endpoint.replace('{ref}', '{id}');
      const sample = `glue_requests_total{endpoint="${endpoint}",outcome="${call.status}"}`;
      seen.set(sample, (seen.get(sample) ?? 0) + 1);
    }
    expect(seen.get('glue_requests_total{endpoint="POST /payments",outcome="201"}')).toBe(1);
    expect(seen.get('glue_requests_total{endpoint="POST /checkout",outcome="201"}')).toBe(1);
    expect(growthOf(before, after, { name: 'glue_requests_total' })).toEqual(seen);
    const exchanges = [...seen.values()].reduce((sum, count) => sum + count, 0);
    const timed = growthOf(before, after, { name: 'glue_request_duration_seconds_count' });
    expect([...timed.values()].reduce((sum, count) => sum + count, 0)).toBe(exchanges);

    // The families operators alert on exist from the first scrape, and Node's own.
    expect(after.get('pre_order_payment_releases_total{outcome="released"}')).toBe(0);
    expect(after.get('pre_order_payment_releases_total{outcome="failed"}')).toBe(0);
    expect(after.get('release_sweeper_lag_seconds')).toBe(0);
    expect(after.has('pre_order_payments_needing_attention')).toBe(true);
    expect(after.has('process_cpu_user_seconds_total')).toBe(true);
    expect(after.has('nodejs_eventloop_lag_seconds')).toBe(true);
  });

  it('refuses a missing token, a wrong one and a shopper’s Glue bearer token with 401, before GraphQL runs', async () => {
    const { payment } = await guestWithPayment(stack);
    const customer = await stack.control.createCustomer();
    const refused: Record<string, string>[] = [
      {},
      { authorization: 'Bearer wrong-token' },
      { authorization: `Bearer ${OPS_TOKEN}x` },
      { authorization: OPS_TOKEN },
      { authorization: `Bearer ${customer.accessToken}` },
      { 'x-anonymous-customer-unique-id': 'anon-someone' },
    ];
    for (const headers of refused) {
      const answer = await opsCall(stack.baseUrl, { query: ATTENTION_QUERY, variables: { first: 1 }, headers });
      expect(answer.status, JSON.stringify(headers)).toBe(401);
      expect(answer.json.errors[0].extensions.code).toBe('UNAUTHENTICATED');
      expect(answer.json.data).toBeUndefined();
    }
    // Nor is the operators' schema reachable from the shoppers' endpoint.
    const shopper = await request(`${stack.url}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...operator },
      body: JSON.stringify({ query: '{ preOrderPaymentsNeedingAttention(first: 1) { pageInfo { hasNextPage } } }' }),
    });
    expect(((await shopper.body.json()) as { errors: { message: string }[] }).errors[0]?.message).toMatch(
      /Cannot query field "preOrderPaymentsNeedingAttention"/,
    );
    const accepted = await opsCall(stack.baseUrl, {
      query: ATTENTION_QUERY,
      variables: { first: 1 },
      headers: operator,
    });
    expect(accepted.status).toBe(200);
    expect(accepted.json.errors).toBeUndefined();
    expect(payment.status).toBe('INITIALIZED');
  });

  it('lists an unknown outcome for operators; resolveOrderOutcome with the order makes it ORDER_PLACED, with the note on the payment', async () => {
    const { sdk, cartId, payment } = await unknownOutcome(stack, true);
    const listed = await opsCall(stack.baseUrl, {
      query: ATTENTION_QUERY,
      variables: { first: 100 },
      headers: operator,
    });
    const entry = listed.json.data.preOrderPaymentsNeedingAttention.edges.find(
      (edge: { node: { payment: { id: string } } }) => edge.node.payment.id === payment.id,
    );
    expect(entry?.node).toMatchObject({
      reason: 'ORDER_OUTCOME_UNKNOWN',
      payment: { status: 'ORDER_OUTCOME_UNKNOWN' },
    });

    const order = (await stack.control.orders()).find((candidate) => candidate.cartId === cartId);
    if (!order) throw new Error('the sandbox saved no order');
    const resolved = await opsCall(stack.baseUrl, {
      query: RESOLVE_OUTCOME,
      variables: {
        input: {
          preOrderPaymentId: payment.id,
          orderReference: order.orderReference,
          note: 'seen in back office, OPS-21',
        },
      },
      headers: operator,
    });
    expect(resolved.json.data.resolveOrderOutcome).toMatchObject({
      __typename: 'OperatorActionDone',
      payment: { status: 'ORDER_PLACED', orderReference: order.orderReference },
    });
    const shopperView = (await sdk.PreOrderPayment({ id: payment.id })).preOrderPayment;
    expect(shopperView).toMatchObject({ status: 'ORDER_PLACED', orderReference: order.orderReference });
    // The operator's note is for operators; the shopper sees the order, confirmed.
    const operatorsView = resolved.json.data.resolveOrderOutcome.payment.events as { type: string; message: string }[];
    expect(operatorsView.find((event) => event.type === 'OPERATOR_ACTION')?.message).toContain('OPS-21');
    expect(shopperView?.events.map((event) => event.type)).not.toContain('OPERATOR_ACTION');
    expect(shopperView?.events.at(-1)).toMatchObject({
      type: 'ORDER_PLACED',
      message: `${order.orderReference}, confirmed by an operator`,
    });
    expect(await stack.control.cancellationsFor(payment.transactionId)).toHaveLength(0);

    // Settled: listed no more, and a second resolution is refused as not applicable.
    const after = await opsCall(stack.baseUrl, {
      query: ATTENTION_QUERY,
      variables: { first: 100 },
      headers: operator,
    });
    const ids = after.json.data.preOrderPaymentsNeedingAttention.edges.map(
      (edge: { node: { payment: { id: string } } }) => edge.node.payment.id,
    );
    expect(ids).not.toContain(payment.id);
    const again = await opsCall(stack.baseUrl, {
      query: RESOLVE_OUTCOME,
      variables: { input: { preOrderPaymentId: payment.id, notPlaced: true, note: 'mistake' } },
      headers: operator,
    });
    expect(again.json.data.resolveOrderOutcome).toMatchObject({
      __typename: 'OperatorActionRefused',
      code: 'NOT_APPLICABLE',
    });
    expect(await stack.control.cancellationsFor(payment.transactionId)).toHaveLength(0);
  });

  it('resolveOrderOutcome with notPlaced releases the payment at the provider once (CANCELED)', async () => {
    const { sdk, cartId, payment } = await unknownOutcome(stack, false);
    expect((await stack.control.orders()).some((order) => order.cartId === cartId)).toBe(false);
    const resolved = await opsCall(stack.baseUrl, {
      query: RESOLVE_OUTCOME,
      variables: { input: { preOrderPaymentId: payment.id, notPlaced: true, note: 'no order in back office' } },
      headers: operator,
    });
    expect(resolved.json.data.resolveOrderOutcome).toMatchObject({
      __typename: 'OperatorActionDone',
      payment: { status: 'CANCELED', orderReference: null },
    });
    expect((await stack.control.cancellationsFor(payment.transactionId)).map((call) => call.status)).toEqual([201]);
    expect(await transactionStatus(stack, payment.transactionId)).toBe('canceled');
    expect((await sdk.PreOrderPayment({ id: payment.id })).preOrderPayment?.status).toBe('CANCELED');
  });

  it('refuses a resolution that names both an order and notPlaced, or neither, and changes nothing', async () => {
    const { sdk, payment } = await unknownOutcome(stack, false);
    for (const input of [
      { preOrderPaymentId: payment.id, orderReference: 'DE--1', notPlaced: true, note: 'both' },
      { preOrderPaymentId: payment.id, note: 'neither' },
    ]) {
      const answer = await opsCall(stack.baseUrl, { query: RESOLVE_OUTCOME, variables: { input }, headers: operator });
      expect(answer.json.data.resolveOrderOutcome).toMatchObject({
        __typename: 'OperatorActionRefused',
        code: 'VALIDATION_FAILED',
      });
    }
    expect((await sdk.PreOrderPayment({ id: payment.id })).preOrderPayment?.status).toBe('ORDER_OUTCOME_UNKNOWN');
  });
});

describe('without OPS_TOKEN', () => {
  const stack = useStack();

  it('has no operators’ endpoint at all: /ops/graphql is 404 whatever the headers', async () => {
    for (const headers of [{}, operator]) {
      const answer = await opsCall(stack.baseUrl, { query: ATTENTION_QUERY, headers });
      expect(answer.status).toBe(404);
    }
    // /metrics stays: it carries counts, never a payment's data.
    expect((await request(`${stack.baseUrl}/metrics`)).statusCode).toBe(200);
  });
});
