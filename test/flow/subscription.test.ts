import { request } from 'undici';
import { afterEach, describe, expect, it } from 'vitest';
import { anonymousId } from '../support/fixtures.ts';
import { useStack } from '../support/stack.ts';
import {
  DONE,
  paymentOf,
  SUBSCRIPTION,
  type SubscriptionResult,
  subscribe as subscribeTo,
  withDeadline,
} from '../support/subscriptions.ts';
import { cancelSuccess, customerWithPayment, guestWithPayment, placeSuccess, unknownPaymentId } from './helpers.ts';

const stack = useStack();
afterEach(async () => {
  await stack.control.clearFaults();
});

type Result = SubscriptionResult;
const subscribe = (headers: Record<string, string>, id: string) => subscribeTo({ url: stack.url, headers, id });

/** Consecutive duplicates removed: two versions of one status (e.g. PLACING_ORDER, then "checkout sent") count once. */
const distinctRuns = (values: readonly string[]): string[] =>
  values.filter((value, index) => index === 0 || values[index - 1] !== value);

describe('preOrderPaymentUpdated', () => {
  it('emits the payment as it is (INITIALIZED), then each change of placeOrder in order ending with ORDER_PLACED, then completes', async () => {
    const { anon, sdk, payment } = await guestWithPayment(stack);
    const stream = subscribe({ 'X-Anonymous-Customer-Unique-Id': anon }, payment.id);
    try {
      const first = paymentOf(await stream.next());
      expect(first.id).toBe(payment.id);
      expect(first.status).toBe('INITIALIZED');
      expect(first.updatedAt).toBe(payment.updatedAt);

      // A slow /checkout: PLACING_ORDER comes well before ORDER_PLACED.
      await stack.control.fault({ endpoint: 'POST /checkout', mode: 'delay', delayMs: 400 });
      const placed = placeSuccess((await sdk.PlaceOrder({ input: { preOrderPaymentId: payment.id } })).placeOrder);

      const later = (await stream.rest()).map(paymentOf);
      expect(distinctRuns(later.map((update) => update.status))).toEqual(['PLACING_ORDER', 'ORDER_PLACED']);
      const last = later.at(-1);
      expect(last?.orderReference).toBe(placed.order.orderReference);
      expect(last?.events.map((event) => event.type)).toEqual([
        'INITIALIZED',
        'ORDER_PLACEMENT_STARTED',
        'ORDER_PLACED',
      ]);
      // In order: every update is newer than the one before.
      const times = [first, ...later].map((update) => Date.parse(update.updatedAt));
      expect([...times].sort((a, b) => a - b)).toEqual(times);
    } finally {
      stream.dispose();
    }
  });

  it('ends with CANCELED and completes when the payment is canceled', async () => {
    const { anon, sdk, payment } = await guestWithPayment(stack);
    const stream = subscribe({ 'X-Anonymous-Customer-Unique-Id': anon }, payment.id);
    try {
      expect(paymentOf(await stream.next()).status).toBe('INITIALIZED');
      cancelSuccess(
        (await sdk.CancelPreOrderPayment({ input: { preOrderPaymentId: payment.id } })).cancelPreOrderPayment,
      );
      const later = (await stream.rest()).map(paymentOf);
      expect(later.at(-1)?.status).toBe('CANCELED');
      expect(later.every((update) => update.status === 'CANCELING' || update.status === 'CANCELED')).toBe(true);
    } finally {
      stream.dispose();
    }
  });

  it('emits a payment that is already ORDER_PLACED once, and completes at once', async () => {
    const { anon, sdk, payment } = await guestWithPayment(stack);
    const placed = placeSuccess((await sdk.PlaceOrder({ input: { preOrderPaymentId: payment.id } })).placeOrder);
    const stream = subscribe({ 'X-Anonymous-Customer-Unique-Id': anon }, payment.id);
    try {
      const results = await stream.rest();
      expect(results).toHaveLength(1);
      expect(paymentOf(results[0] ?? DONE)).toMatchObject({
        status: 'ORDER_PLACED',
        orderReference: placed.order.orderReference,
      });
    } finally {
      stream.dispose();
    }
  });

  it('does not complete on ORDER_OUTCOME_UNKNOWN, which may still resolve', async () => {
    const { anon, sdk, payment } = await guestWithPayment(stack);
    const stream = subscribe({ 'X-Anonymous-Customer-Unique-Id': anon }, payment.id);
    try {
      expect(paymentOf(await stream.next()).status).toBe('INITIALIZED');
      await stack.control.fault({
        endpoint: 'POST /checkout',
        mode: 'after-effect',
        status: 422,
        code: '1106',
        detail: 'Unable to delete cart.',
        keepCart: true,
      });
      const result = (await sdk.PlaceOrder({ input: { preOrderPaymentId: payment.id } })).placeOrder;
      expect(result.__typename).toBe('OrderOutcomeUnknownError');
      let seen = paymentOf(await stream.next());
      while (seen.status !== 'ORDER_OUTCOME_UNKNOWN') seen = paymentOf(await stream.next());
      // Well after the last change, the stream is still open.
      await expect(stream.next(600)).rejects.toThrow(/nothing within 600 ms/);
    } finally {
      stream.dispose();
    }
  });

  it('lets a customer follow their own payment, identified by the bearer token header', async () => {
    const { account, payment } = await customerWithPayment(stack);
    const stream = subscribe({ Authorization: `Bearer ${account.accessToken}` }, payment.id);
    try {
      expect(paymentOf(await stream.next())).toMatchObject({ id: payment.id, status: 'INITIALIZED' });
    } finally {
      stream.dispose();
    }
  });

  const strangers: { name: string; headers: () => Promise<Record<string, string>> }[] = [
    { name: 'another guest', headers: async () => ({ 'X-Anonymous-Customer-Unique-Id': anonymousId() }) },
    {
      name: 'another customer',
      headers: async () => ({ Authorization: `Bearer ${(await stack.control.createCustomer()).accessToken}` }),
    },
  ];
  for (const stranger of strangers) {
    it(`yields one PRE_ORDER_PAYMENT_NOT_FOUND error without data, then completes, when ${stranger.name} subscribes to someone else's payment`, async () => {
      const { payment } = await guestWithPayment(stack);
      const stream = subscribe(await stranger.headers(), payment.id);
      try {
        const results = await stream.rest();
        expect(results).toHaveLength(1);
        expect(results[0]?.data ?? null).toBeNull();
        expect(results[0]?.errors).toHaveLength(1);
        expect(results[0]?.errors?.[0]?.extensions).toMatchObject({ code: 'PRE_ORDER_PAYMENT_NOT_FOUND' });
        expect(JSON.stringify(results)).not.toContain(payment.cartId);
      } finally {
        stream.dispose();
      }
    });
  }

  it('yields the same single PRE_ORDER_PAYMENT_NOT_FOUND error for an unknown and a malformed id', async () => {
    const headers = { 'X-Anonymous-Customer-Unique-Id': anonymousId() };
    const answers: Result[][] = [];
    for (const id of [unknownPaymentId(), 'not-a-payment-id']) {
      const stream = subscribe(headers, id);
      try {
        answers.push(await stream.rest());
      } finally {
        stream.dispose();
      }
    }
    for (const results of answers) {
      expect(results).toHaveLength(1);
      expect(results[0]?.data ?? null).toBeNull();
      expect(results[0]?.errors?.map((error) => error.extensions)).toEqual([
        expect.objectContaining({ code: 'PRE_ORDER_PAYMENT_NOT_FOUND' }),
      ]);
    }
    expect(answers[0]?.[0]?.errors?.[0]?.message).toBe(answers[1]?.[0]?.errors?.[0]?.message);
  });

  it('yields one UNAUTHENTICATED error and completes for a subscription without an identity header', async () => {
    const { payment } = await guestWithPayment(stack);
    const stream = subscribe({}, payment.id);
    try {
      const results = await stream.rest();
      expect(results).toHaveLength(1);
      expect(results[0]?.errors?.[0]?.extensions).toMatchObject({ code: 'UNAUTHENTICATED' });
    } finally {
      stream.dispose();
    }
  });

  it('speaks GraphQL over SSE on /graphql itself: text/event-stream, a "next" event with the payment, then a "complete" event', async () => {
    const { anon, sdk, payment } = await guestWithPayment(stack);
    cancelSuccess(
      (await sdk.CancelPreOrderPayment({ input: { preOrderPaymentId: payment.id } })).cancelPreOrderPayment,
    );
    const response = await request(stack.url, {
      method: 'POST',
      headers: {
        accept: 'text/event-stream',
        'content-type': 'application/json',
        'X-Anonymous-Customer-Unique-Id': anon,
      },
      body: JSON.stringify({ query: SUBSCRIPTION, variables: { id: payment.id } }),
    });
    const text = await withDeadline(response.body.text(), 5000, 'SSE body');
    expect(response.statusCode).toBe(200);
    expect(String(response.headers['content-type'])).toMatch(/^text\/event-stream/);
    const events = text
      .split(/\n\n+/)
      .map((block) => block.trim())
      .filter((block) => block.startsWith('event:'))
      .map((block) => {
        const event = /^event:\s*(\S+)/m.exec(block)?.[1];
        const data = block
          .split('\n')
          .filter((line) => line.startsWith('data:'))
          .map((line) => line.slice(5).trim())
          .join('\n');
        return { event, data };
      });
    expect(events.map((e) => e.event)).toEqual(['next', 'complete']);
    const next = JSON.parse(events[0]?.data ?? '{}') as Result;
    expect(next.data?.preOrderPaymentUpdated).toMatchObject({ id: payment.id, status: 'CANCELED' });
  });

  it('answers a raw SSE subscription to an unknown id with one "next" event carrying only the error, then "complete"', async () => {
    const response = await request(stack.url, {
      method: 'POST',
      headers: {
        accept: 'text/event-stream',
        'content-type': 'application/json',
        'X-Anonymous-Customer-Unique-Id': anonymousId(),
      },
      body: JSON.stringify({ query: SUBSCRIPTION, variables: { id: unknownPaymentId() } }),
    });
    const text = await withDeadline(response.body.text(), 5000, 'SSE body');
    expect(response.statusCode).toBe(200);
    const events = [...text.matchAll(/^event:\s*(\S+)\s*\ndata:\s*(.*)$/gm)].map((match) => ({
      event: match[1],
      data: match[2] ?? '',
    }));
    expect(events.map((e) => e.event)).toEqual(['next', 'complete']);
    const next = JSON.parse(events[0]?.data ?? '{}') as Result;
    expect(next.data ?? null).toBeNull();
    expect(next.errors?.[0]?.extensions).toMatchObject({ code: 'PRE_ORDER_PAYMENT_NOT_FOUND' });
  });
});
