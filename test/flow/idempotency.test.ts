import { describe, expect, it } from 'vitest';
import { anonymousId, CHECKOUT_REFUSED_1101, initializeInput, SKU } from '../support/fixtures.ts';
import { startStack, useStack } from '../support/stack.ts';
import { guestWithCart, guestWithPayment } from './helpers.ts';

const stack = useStack();

const key = () => `key-${anonymousId()}`;

describe('idempotency keys (docs/idempotency.md)', () => {
  it('replays placeOrder with the same key and input: same order, replayed, no second /checkout', async () => {
    const { sdk, payment } = await guestWithPayment(stack);
    const idempotencyKey = key();
    const first = (await sdk.PlaceOrder({ input: { preOrderPaymentId: payment.id, idempotencyKey } })).placeOrder;
    const before = await stack.control.count('POST /checkout');
    const second = (await sdk.PlaceOrder({ input: { preOrderPaymentId: payment.id, idempotencyKey } })).placeOrder;
    if (first.__typename !== 'PlaceOrderSuccess' || second.__typename !== 'PlaceOrderSuccess')
      throw new Error(`${first.__typename} ${second.__typename}`);
    expect(first.replayed).toBe(false);
    expect(second.replayed).toBe(true);
    expect(second.order.orderReference).toBe(first.order.orderReference);
    expect(second.preOrderPayment.id).toBe(first.preOrderPayment.id);
    expect(await stack.control.count('POST /checkout')).toBe(before);
  });

  it('replays initializePreOrderPayment with the same key even after the cart changed: same id, replayed, no POST /payments', async () => {
    const { cartId, sdk } = await guestWithCart(stack);
    const idempotencyKey = key();
    const first = (await sdk.InitializePreOrderPayment({ input: { ...initializeInput(cartId), idempotencyKey } }))
      .initializePreOrderPayment;
    if (first.__typename !== 'InitializePreOrderPaymentSuccess') throw new Error(first.__typename);
    await stack.control.setItems(cartId, [{ sku: SKU, quantity: 4 }]);
    const before = await stack.control.count('POST /payments');
    const second = (await sdk.InitializePreOrderPayment({ input: { ...initializeInput(cartId), idempotencyKey } }))
      .initializePreOrderPayment;
    if (second.__typename !== 'InitializePreOrderPaymentSuccess') throw new Error(second.__typename);
    expect(second.replayed).toBe(true);
    expect(second.preOrderPayment.id).toBe(first.preOrderPayment.id);
    expect(await stack.control.count('POST /payments')).toBe(before);
  });

  it('answers IdempotencyKeyConflictError for the same key with another input, and does nothing', async () => {
    const { sdk, payment, cartId } = await guestWithPayment(stack);
    const idempotencyKey = key();
    const first = (await sdk.CancelPreOrderPayment({ input: { preOrderPaymentId: payment.id, idempotencyKey } }))
      .cancelPreOrderPayment;
    expect(first.__typename).toBe('CancelPreOrderPaymentSuccess');
    const other = await guestWithPayment(stack);
    const conflict = (
      await sdk.CancelPreOrderPayment({ input: { preOrderPaymentId: other.payment.id, idempotencyKey } })
    ).cancelPreOrderPayment;
    expect(conflict).toMatchObject({
      __typename: 'IdempotencyKeyConflictError',
      code: 'IDEMPOTENCY_KEY_CONFLICT',
      retryable: false,
    });
    const initConflict = (
      await sdk.InitializePreOrderPayment({
        input: { ...initializeInput(cartId), idempotencyKey: `init-${idempotencyKey}` },
      })
    ).initializePreOrderPayment;
    expect(initConflict.__typename).toBe('InitializePreOrderPaymentSuccess');
    expect((await other.sdk.PreOrderPayment({ id: other.payment.id })).preOrderPayment?.status).toBe('INITIALIZED');
  });

  it('lets a request with a key already in flight wait for the first result and answer it replayed', async () => {
    const { cartId, sdk, payment } = await guestWithPayment(stack);
    await stack.control.fault({ endpoint: 'POST /checkout', mode: 'delay', delayMs: 400 });
    const idempotencyKey = key();
    const [a, b] = await Promise.all([
      sdk.PlaceOrder({ input: { preOrderPaymentId: payment.id, idempotencyKey } }),
      new Promise((resolve) => setTimeout(resolve, 50)).then(() =>
        sdk.PlaceOrder({ input: { preOrderPaymentId: payment.id, idempotencyKey } }),
      ),
    ]);
    if (a.placeOrder.__typename !== 'PlaceOrderSuccess' || b.placeOrder.__typename !== 'PlaceOrderSuccess') {
      throw new Error(`${a.placeOrder.__typename} ${b.placeOrder.__typename}`);
    }
    expect([a.placeOrder.replayed, b.placeOrder.replayed].sort()).toEqual([false, true]);
    expect(b.placeOrder.order.orderReference).toBe(a.placeOrder.order.orderReference);
    const checkouts = await stack.control.checkoutsFor(cartId);
    expect(checkouts).toHaveLength(1);
  });

  it('answers OperationInProgressError when the first run outlasts the wait', async () => {
    const slow = await startStack({ env: { IDEMPOTENCY_WAIT_MS: '100' } });
    try {
      const { cartId, sdk } = await guestWithCart(slow);
      await slow.control.fault({ endpoint: 'POST /payments', mode: 'delay', delayMs: 800 });
      const idempotencyKey = key();
      const first = sdk.InitializePreOrderPayment({ input: { ...initializeInput(cartId), idempotencyKey } });
      // The first run holds the key once its (delayed) POST /payments has reached the sandbox.
      while ((await slow.control.count('POST /payments')) === 0)
        await new Promise((resolve) => setTimeout(resolve, 20));
      const second = (await sdk.InitializePreOrderPayment({ input: { ...initializeInput(cartId), idempotencyKey } }))
        .initializePreOrderPayment;
      expect(second).toMatchObject({ __typename: 'OperationInProgressError', retryable: true });
      expect((await first).initializePreOrderPayment.__typename).toBe('InitializePreOrderPaymentSuccess');
    } finally {
      await slow.close();
    }
  });

  it('does not remember retryable errors: a retry with the same key runs again and succeeds', async () => {
    const { cartId, sdk } = await guestWithCart(stack);
    const idempotencyKey = key();
    await stack.control.fault({ endpoint: 'POST /payments', mode: 'status', status: 503 });
    const failed = (await sdk.InitializePreOrderPayment({ input: { ...initializeInput(cartId), idempotencyKey } }))
      .initializePreOrderPayment;
    expect(failed).toMatchObject({ __typename: 'UpstreamUnavailableError', retryable: true });
    const retried = (await sdk.InitializePreOrderPayment({ input: { ...initializeInput(cartId), idempotencyKey } }))
      .initializePreOrderPayment;
    expect(retried).toMatchObject({ __typename: 'InitializePreOrderPaymentSuccess', replayed: false });
  });

  it('answers a remembered error again as the same error type, without calling Glue', async () => {
    const { sdk, payment } = await guestWithPayment(stack);
    const idempotencyKey = key();
    await stack.control.fault(CHECKOUT_REFUSED_1101);
    const refused = (await sdk.PlaceOrder({ input: { preOrderPaymentId: payment.id, idempotencyKey } })).placeOrder;
    expect(refused.__typename).toBe('CheckoutRejectedError');
    const before = await stack.control.count('POST /checkout');
    const again = (await sdk.PlaceOrder({ input: { preOrderPaymentId: payment.id, idempotencyKey } })).placeOrder;
    expect(again.__typename).toBe('CheckoutRejectedError');
    expect(await stack.control.count('POST /checkout')).toBe(before);
    const fresh = (await sdk.PlaceOrder({ input: { preOrderPaymentId: payment.id, idempotencyKey: key() } }))
      .placeOrder;
    expect(fresh.__typename).toBe('PlaceOrderSuccess');
  });

  it("scopes keys by owner: two guests using the same key do not see each other's results", async () => {
    const a = await guestWithCart(stack);
    const b = await guestWithCart(stack);
    const idempotencyKey = key();
    const first = (await a.sdk.InitializePreOrderPayment({ input: { ...initializeInput(a.cartId), idempotencyKey } }))
      .initializePreOrderPayment;
    const second = (await b.sdk.InitializePreOrderPayment({ input: { ...initializeInput(b.cartId), idempotencyKey } }))
      .initializePreOrderPayment;
    if (
      first.__typename !== 'InitializePreOrderPaymentSuccess' ||
      second.__typename !== 'InitializePreOrderPaymentSuccess'
    ) {
      throw new Error(`${first.__typename} ${second.__typename}`);
    }
    expect(second.replayed).toBe(false);
    expect(second.preOrderPayment.id).not.toBe(first.preOrderPayment.id);
    expect(second.preOrderPayment.cartId).toBe(b.cartId);
  });

  it('scopes keys by operation: the same key on cancel and placeOrder are two records', async () => {
    const { sdk, payment } = await guestWithPayment(stack);
    const idempotencyKey = key();
    const placed = (await sdk.PlaceOrder({ input: { preOrderPaymentId: payment.id, idempotencyKey } })).placeOrder;
    expect(placed.__typename).toBe('PlaceOrderSuccess');
    const cancel = (await sdk.CancelPreOrderPayment({ input: { preOrderPaymentId: payment.id, idempotencyKey } }))
      .cancelPreOrderPayment;
    expect(cancel.__typename).toBe('OrderAlreadyPlacedError');
  });

  for (const bad of ['', 'has space', 'x'.repeat(256), 'ünïcode', 'tab\there']) {
    it(`refuses the malformed key ${JSON.stringify(bad.slice(0, 12))} with a ValidationError on input.idempotencyKey`, async () => {
      const { cartId, sdk } = await guestWithCart(stack);
      const result = (
        await sdk.InitializePreOrderPayment({ input: { ...initializeInput(cartId), idempotencyKey: bad } })
      ).initializePreOrderPayment;
      if (result.__typename !== 'ValidationError') throw new Error(result.__typename);
      expect(result.violations.map((v) => v.path)).toContain('input.idempotencyKey');
    });
  }
});
