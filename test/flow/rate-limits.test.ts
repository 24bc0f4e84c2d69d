import { randomInt } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { anonymousId, CHECKOUT_REFUSED_1101, initializeInput, SKU } from '../support/fixtures.ts';
import { newKeyPrefix } from '../support/redis.ts';
import { useStack } from '../support/stack.ts';

// Two gateway instances sharing one Redis: limits must hold across them (docs/rate-limits.md).
const env = {
  RATE_LIMIT_INIT_PER_CART: '2/600',
  RATE_LIMIT_INIT_PER_CLIENT: '3/60',
  RATE_LIMIT_PLACE_PER_PAYMENT: '2/600',
  TRUST_PROXY: '127.0.0.1',
  // One environment: both instances share its keys.
  REDIS_KEY_PREFIX: newKeyPrefix(),
};
const first = useStack({ env });
const second = useStack({ env });

/** A client address no other test run uses within the window (the limits live in a shared Redis). */
const randomAddress = () => `10.${randomInt(256)}.${randomInt(256)}.${randomInt(1, 255)}`;

describe('initialization rate limits', () => {
  it('limits initializations of one cart that reach POST /payments; replays of an unchanged cart do not count', async () => {
    const anon = anonymousId();
    const client = randomAddress();
    const cartId = await first.control.createGuestCart(anon, [{ sku: SKU, quantity: 1 }]);
    const viaFirst = first.sdk({ 'X-Anonymous-Customer-Unique-Id': anon, 'X-Forwarded-For': client });
    const created = (await viaFirst.InitializePreOrderPayment({ input: initializeInput(cartId) }))
      .initializePreOrderPayment;
    expect(created.__typename).toBe('InitializePreOrderPaymentSuccess');
    const replay = (await viaFirst.InitializePreOrderPayment({ input: initializeInput(cartId) }))
      .initializePreOrderPayment;
    expect(replay).toMatchObject({ __typename: 'InitializePreOrderPaymentSuccess', replayed: true });
    await first.control.setItems(cartId, [{ sku: SKU, quantity: 2 }]);
    const reinit = (await viaFirst.InitializePreOrderPayment({ input: initializeInput(cartId) }))
      .initializePreOrderPayment;
    expect(reinit).toMatchObject({ __typename: 'InitializePreOrderPaymentSuccess', replayed: false });
    await first.control.setItems(cartId, [{ sku: SKU, quantity: 3 }]);
    const before = await first.control.count('POST /payments');
    const limited = (await viaFirst.InitializePreOrderPayment({ input: initializeInput(cartId) }))
      .initializePreOrderPayment;
    if (limited.__typename !== 'RateLimitedError') throw new Error(limited.__typename);
    expect(limited.retryable).toBe(true);
    expect(limited.retryAfterSeconds).toBeGreaterThan(0);
    expect(await first.control.count('POST /payments')).toBe(before);
  });

  it('limits initializations per client address (X-Forwarded-For from a trusted proxy), counted in Redis across instances', async () => {
    const client = randomAddress();
    const results: string[] = [];
    for (const stack of [first, second, first, second]) {
      const anon = anonymousId();
      const cartId = await stack.control.createGuestCart(anon, [{ sku: SKU, quantity: 1 }]);
      const sdk = stack.sdk({ 'X-Anonymous-Customer-Unique-Id': anon, 'X-Forwarded-For': client });
      results.push(
        (await sdk.InitializePreOrderPayment({ input: initializeInput(cartId) })).initializePreOrderPayment.__typename,
      );
    }
    expect(results).toEqual([
      'InitializePreOrderPaymentSuccess',
      'InitializePreOrderPaymentSuccess',
      'InitializePreOrderPaymentSuccess',
      'RateLimitedError',
    ]);
  });
});

describe('placement rate limit per payment (issue 8 finding 5)', () => {
  it('answers RateLimitedError once a payment’s placements reached /checkout the allowed number of times; nothing more is sent', async () => {
    const anon = anonymousId();
    const cartId = await first.control.createGuestCart(anon, [{ sku: SKU, quantity: 1 }]);
    const sdk = first.sdk({ 'X-Anonymous-Customer-Unique-Id': anon, 'X-Forwarded-For': randomAddress() });
    const init = (await sdk.InitializePreOrderPayment({ input: initializeInput(cartId) })).initializePreOrderPayment;
    if (init.__typename !== 'InitializePreOrderPaymentSuccess') throw new Error(init.__typename);
    await first.control.fault({ ...CHECKOUT_REFUSED_1101, count: 10 });
    const answers: string[] = [];
    for (let attempt = 0; attempt < 3; attempt += 1) {
      const placed = (await sdk.PlaceOrder({ input: { preOrderPaymentId: init.preOrderPayment.id } })).placeOrder;
      answers.push(placed.__typename);
    }
    await first.control.clearFaults();
    expect(answers).toEqual(['CheckoutRejectedError', 'CheckoutRejectedError', 'RateLimitedError']);
    expect(await first.control.checkoutsFor(cartId)).toHaveLength(2);
    const after = (await sdk.PreOrderPayment({ id: init.preOrderPayment.id })).preOrderPayment;
    expect(after?.status).toBe('INITIALIZED');
  });
});
