import { describe, expect, it } from 'vitest';
import { placeOrder } from '../../../../src/resolvers/place-order/place-order.ts';
import { SKU } from '../../../support/fixtures.ts';
import { customerCaller, sameCaller } from '../../support/callers.ts';
import { initializedPayment, placementHeldAt, storedPayment } from '../../support/payments.ts';
import { expectError, expectOk } from '../../support/results.ts';
import { type TestDeps, useCaseDeps } from '../../support/use-case-deps.ts';

const REFUSAL = { status: 422, code: '1101', detail: 'Shipment address invalid.' };

/** A customer's payment, initialized; customers' unknown outcomes are reconciled through GET /orders. */
async function customersPayment(deps: TestDeps) {
  return initializedPayment(deps, { caller: customerCaller() });
}

describe('placeOrder outcome 6a: 201', () => {
  it('answers the order even when the store cannot record ORDER_PLACED (the order exists)', async () => {
    const deps = useCaseDeps();
    const { held, pending } = await placementHeldAt(deps, 'checkout');
    await deps.store.close();
    held.release();
    const placed = expectOk(await pending);
    expect(placed.order.orderReference).toBe(deps.glue.orders[0]?.orderReference);
    expect(placed.record).toMatchObject({ status: 'ORDER_PLACED', orderReference: placed.order.orderReference });
  });
});

describe('placeOrder outcome 6b: a definite refusal, no order saved', () => {
  it('answers CheckoutRejectedError with Glue’s detail and violations and hands the payment back to INITIALIZED', async () => {
    const deps = useCaseDeps();
    const { caller, record } = await initializedPayment(deps);
    const violations = [{ path: 'input.shipments.0.shippingAddress.zipCode', message: 'invalid' }];
    deps.glue.next('checkout', { kind: 'rejected', upstream: REFUSAL, violations });
    const error = expectError(
      await placeOrder(deps, sameCaller(caller), { preOrderPaymentId: record.id }),
      'CHECKOUT_REJECTED',
    );
    expect(error).toMatchObject({ upstream: REFUSAL, violations });
    const stored = await storedPayment(deps, record.id);
    expect(stored).toMatchObject({ status: 'INITIALIZED', placement: null, attempts: 1 });
    expect(stored.events.at(-1)).toMatchObject({ type: 'ORDER_PLACEMENT_REJECTED', message: REFUSAL.detail });
  });

  it('lets a corrected retry send a second checkout as attempt 2 after a refusal', async () => {
    const deps = useCaseDeps();
    const { caller, record } = await initializedPayment(deps);
    deps.glue.next('checkout', { kind: 'rejected', upstream: REFUSAL, violations: [] });
    expectError(await placeOrder(deps, sameCaller(caller), { preOrderPaymentId: record.id }), 'CHECKOUT_REJECTED');
    const placed = expectOk(await placeOrder(deps, sameCaller(caller), { preOrderPaymentId: record.id }));
    expect(deps.glue.callsOf('checkout')).toHaveLength(2);
    expect(placed.record).toMatchObject({ status: 'ORDER_PLACED', attempts: 2, placement: { attempt: 2 } });
  });

  it('answers CartNotFoundError for a 1103 and hands the payment back to INITIALIZED', async () => {
    const deps = useCaseDeps();
    const { caller, cartId, record } = await initializedPayment(deps);
    deps.glue.next('checkout', { kind: 'cart-not-found', upstream: { status: 422, code: '1103' } });
    const error = expectError(
      await placeOrder(deps, sameCaller(caller), { preOrderPaymentId: record.id }),
      'CART_NOT_FOUND',
    );
    expect(error.cartId).toBe(cartId);
    expect((await storedPayment(deps, record.id)).status).toBe('INITIALIZED');
  });

  it('answers AuthenticationFailedError when Glue refuses the credentials at checkout, payment back to INITIALIZED', async () => {
    const deps = useCaseDeps();
    const { caller, record } = await initializedPayment(deps);
    deps.glue.next('checkout', { kind: 'authentication-failed', upstream: { status: 401 } });
    expectError(await placeOrder(deps, sameCaller(caller), { preOrderPaymentId: record.id }), 'AUTHENTICATION_FAILED');
    expect((await storedPayment(deps, record.id)).status).toBe('INITIALIZED');
  });

  it('answers a retryable UpstreamUnavailableError when the checkout was not sent, payment back to INITIALIZED', async () => {
    const deps = useCaseDeps();
    const { caller, record } = await initializedPayment(deps);
    deps.glue.next('checkout', { kind: 'not-sent', retryAfterSeconds: 10 });
    const error = expectError(
      await placeOrder(deps, sameCaller(caller), { preOrderPaymentId: record.id }),
      'UPSTREAM_UNAVAILABLE',
    );
    expect(error.retryAfterSeconds).toBe(10);
    expect((await storedPayment(deps, record.id)).status).toBe('INITIALIZED');
    expectOk(await placeOrder(deps, sameCaller(caller), { preOrderPaymentId: record.id }));
    expect(deps.glue.callsOf('checkout')).toHaveLength(2);
  });
});

describe('placeOrder outcome 6c: evidence that an order was saved', () => {
  it('records ORDER_OUTCOME_UNKNOWN with the reference Glue named (1106) and answers it in OrderOutcomeUnknownError', async () => {
    const deps = useCaseDeps();
    const { caller, record } = await initializedPayment(deps);
    deps.glue.next('checkout', {
      kind: 'order-may-exist',
      orderReference: 'DE--1106',
      upstream: { status: 422, code: '1106', detail: 'Cart not deleted.' },
    });
    const error = expectError(
      await placeOrder(deps, sameCaller(caller), { preOrderPaymentId: record.id }),
      'ORDER_OUTCOME_UNKNOWN',
    );
    expect(error).toMatchObject({ preOrderPaymentId: record.id, orderReference: 'DE--1106' });
    expect(await storedPayment(deps, record.id)).toMatchObject({
      status: 'ORDER_OUTCOME_UNKNOWN',
      orderReference: 'DE--1106',
    });
  });

  it('looks for a customer’s order right away after a 1106', async () => {
    const deps = useCaseDeps();
    const { caller, record } = await customersPayment(deps);
    deps.glue.next('checkout', {
      kind: 'order-may-exist',
      orderReference: null,
      upstream: { status: 422, code: '1106' },
    });
    expectError(await placeOrder(deps, sameCaller(caller), { preOrderPaymentId: record.id }), 'ORDER_OUTCOME_UNKNOWN');
    expect(deps.glue.callsOf('listOrders')).toHaveLength(1);
  });

  it('leaves a 1102 naming an order to an operator: no reconciliation, the reference is kept', async () => {
    const deps = useCaseDeps();
    const { caller, record } = await customersPayment(deps);
    deps.glue.next(
      'checkout',
      { kind: 'order-may-exist', orderReference: 'DE--1102', upstream: { status: 422, code: '1102' } },
      { effect: true },
    );
    const error = expectError(
      await placeOrder(deps, sameCaller(caller), { preOrderPaymentId: record.id }),
      'ORDER_OUTCOME_UNKNOWN',
    );
    expect(error.orderReference).toBe('DE--1102');
    expect(deps.glue.callsOf('listOrders')).toEqual([]);
    expect((await storedPayment(deps, record.id)).status).toBe('ORDER_OUTCOME_UNKNOWN');

    // Nor later: the matching order GET /orders would list must not replace the one Glue named (review finding).
    deps.clock.advance(60_000);
    expectError(await placeOrder(deps, sameCaller(caller), { preOrderPaymentId: record.id }), 'ORDER_OUTCOME_UNKNOWN');
    expect(deps.glue.callsOf('listOrders')).toEqual([]);
    expect(await storedPayment(deps, record.id)).toMatchObject({
      status: 'ORDER_OUTCOME_UNKNOWN',
      orderReference: 'DE--1102',
    });
  });
});

describe('placeOrder outcome 6d: a 5xx', () => {
  const serverError = { kind: 'server-error', upstream: { status: 500 } } as const;

  it('hands the payment back and answers a retryable UpstreamUnavailableError when the cart is intact (guest)', async () => {
    const deps = useCaseDeps();
    const { caller, record } = await initializedPayment(deps);
    deps.glue.next('checkout', serverError);
    const error = expectError(
      await placeOrder(deps, sameCaller(caller), { preOrderPaymentId: record.id }),
      'UPSTREAM_UNAVAILABLE',
    );
    expect(error.upstream).toMatchObject({ status: 500 });
    expect(await storedPayment(deps, record.id)).toMatchObject({ status: 'INITIALIZED', placement: null });
    expect(deps.glue.callsOf('cart').at(-1)?.request).toMatchObject({ fresh: true });
  });

  it('hands a customer’s payment back only after GET /orders found no matching order', async () => {
    const deps = useCaseDeps();
    const { caller, record } = await customersPayment(deps);
    deps.glue.next('checkout', serverError);
    expectError(await placeOrder(deps, sameCaller(caller), { preOrderPaymentId: record.id }), 'UPSTREAM_UNAVAILABLE');
    expect(deps.glue.callsOf('listOrders')).toHaveLength(1);
    expect((await storedPayment(deps, record.id)).status).toBe('INITIALIZED');
  });

  // Review finding: an order list that could not be read is no proof that no order exists.
  it('marks a customer’s payment ORDER_OUTCOME_UNKNOWN when GET /orders could not be read after the 5xx', async () => {
    const deps = useCaseDeps();
    const { caller, record } = await customersPayment(deps);
    deps.glue.next('checkout', serverError);
    deps.glue.next('listOrders', {
      ok: false,
      error: { kind: 'unavailable', upstream: null, retryAfterSeconds: null },
    });
    expectError(await placeOrder(deps, sameCaller(caller), { preOrderPaymentId: record.id }), 'ORDER_OUTCOME_UNKNOWN');
    expect((await storedPayment(deps, record.id)).status).toBe('ORDER_OUTCOME_UNKNOWN');
    expect(deps.glue.callsOf('checkout')).toHaveLength(1);
  });

  it('marks ORDER_OUTCOME_UNKNOWN when the cart changed during the checkout, and never resends', async () => {
    const deps = useCaseDeps();
    deps.glue.next('checkout', serverError);
    const { caller, cartId, record, held, pending } = await placementHeldAt(deps, 'checkout');
    deps.glue.setQuantity(cartId, SKU, 5);
    held.release();
    expectError(await pending, 'ORDER_OUTCOME_UNKNOWN');
    expect((await storedPayment(deps, record.id)).status).toBe('ORDER_OUTCOME_UNKNOWN');
    expectError(await placeOrder(deps, sameCaller(caller), { preOrderPaymentId: record.id }), 'ORDER_OUTCOME_UNKNOWN');
    expect(deps.glue.callsOf('checkout')).toHaveLength(1);
  });

  it('marks a guest’s payment ORDER_OUTCOME_UNKNOWN when Glue saved the order (cart gone) despite the 5xx', async () => {
    const deps = useCaseDeps();
    const { caller, record } = await initializedPayment(deps);
    deps.glue.next('checkout', serverError, { effect: true });
    expectError(await placeOrder(deps, sameCaller(caller), { preOrderPaymentId: record.id }), 'ORDER_OUTCOME_UNKNOWN');
    expect(await storedPayment(deps, record.id)).toMatchObject({
      status: 'ORDER_OUTCOME_UNKNOWN',
      orderReference: null,
    });
    expect(deps.glue.callsOf('listOrders')).toEqual([]);
  });

  it('finds a customer’s saved order after a 5xx: ORDER_PLACED, answered as unknown now and as the order next time', async () => {
    const deps = useCaseDeps();
    const { caller, record } = await customersPayment(deps);
    deps.glue.next('checkout', serverError, { effect: true });
    const error = expectError(
      await placeOrder(deps, sameCaller(caller), { preOrderPaymentId: record.id }),
      'ORDER_OUTCOME_UNKNOWN',
    );
    const [order] = deps.glue.orders;
    expect(error.orderReference).toBe(order?.orderReference);
    expect(await storedPayment(deps, record.id)).toMatchObject({
      status: 'ORDER_PLACED',
      orderReference: order?.orderReference,
    });
    const again = expectOk(await placeOrder(deps, sameCaller(caller), { preOrderPaymentId: record.id }));
    expect(again).toMatchObject({ replayed: true, order: { orderReference: order?.orderReference } });
    expect(deps.glue.callsOf('checkout')).toHaveLength(1);
  });
});

describe('placeOrder outcome 6e: no answer after sending', () => {
  it('marks a guest’s payment ORDER_OUTCOME_UNKNOWN at once and never resends; guests stay unknown', async () => {
    const deps = useCaseDeps();
    const { caller, record } = await initializedPayment(deps);
    deps.glue.next('checkout', { kind: 'no-answer' }, { effect: true });
    const error = expectError(
      await placeOrder(deps, sameCaller(caller), { preOrderPaymentId: record.id }),
      'ORDER_OUTCOME_UNKNOWN',
    );
    expect(error.orderReference).toBeNull();
    const stored = await storedPayment(deps, record.id);
    expect(stored).toMatchObject({ status: 'ORDER_OUTCOME_UNKNOWN', reconciliation: { attempts: 0 } });
    expect(stored.events.at(-1)).toMatchObject({ type: 'ORDER_OUTCOME_UNKNOWN' });
    deps.clock.advance(60_000);
    expectError(await placeOrder(deps, sameCaller(caller), { preOrderPaymentId: record.id }), 'ORDER_OUTCOME_UNKNOWN');
    expect(deps.glue.callsOf('checkout')).toHaveLength(1);
    expect(deps.glue.callsOf('listOrders')).toEqual([]);
  });

  it('reconciles a customer’s unknown outcome right away: exactly one matching order makes it ORDER_PLACED', async () => {
    const deps = useCaseDeps();
    const { caller, record } = await customersPayment(deps);
    deps.glue.next('checkout', { kind: 'no-answer' }, { effect: true });
    const error = expectError(
      await placeOrder(deps, sameCaller(caller), { preOrderPaymentId: record.id }),
      'ORDER_OUTCOME_UNKNOWN',
    );
    const [order] = deps.glue.orders;
    expect(error.orderReference).toBe(order?.orderReference);
    const stored = await storedPayment(deps, record.id);
    expect(stored).toMatchObject({ status: 'ORDER_PLACED', orderReference: order?.orderReference });
    expect(stored.events.at(-1)?.message).toBe(`order ${order?.orderReference} found by reconciliation`);
    expect(deps.glue.callsOf('order').map((call) => call.request)).toEqual([{ orderReference: order?.orderReference }]);
  });
});

describe('placeOrder 6f: reconciliation for customers', () => {
  it('stays unknown when two orders match, and schedules the next look with backoff', async () => {
    const deps = useCaseDeps();
    const caller = customerCaller({ customerReference: 'DE--C-twice' });
    const { record } = await initializedPayment(deps, { caller });
    deps.glue.addOrder({
      customerReference: 'DE--C-twice',
      createdAt: deps.clock.now(),
      total: record.amount,
      cartId: 'another-cart',
    });
    deps.glue.next('checkout', { kind: 'no-answer' }, { effect: true });
    const error = expectError(
      await placeOrder(deps, sameCaller(caller), { preOrderPaymentId: record.id }),
      'ORDER_OUTCOME_UNKNOWN',
    );
    expect(error.orderReference).toBeNull();
    expect(deps.glue.orders).toHaveLength(2);
    expect(deps.glue.callsOf('order')).toHaveLength(2);
    expect(await storedPayment(deps, record.id)).toMatchObject({
      status: 'ORDER_OUTCOME_UNKNOWN',
      reconciliation: { attempts: 1, nextAt: deps.clock.now() + 4000 },
    });
  });

  it('ignores orders of another total and orders created more than 30 s before the attempt started', async () => {
    const deps = useCaseDeps();
    const caller = customerCaller({ customerReference: 'DE--C-recon' });
    const { record } = await initializedPayment(deps, { caller });
    const base = { customerReference: 'DE--C-recon', cartId: 'old-cart' };
    deps.glue.addOrder({ ...base, createdAt: deps.clock.now() - 31_000, total: record.amount });
    deps.glue.addOrder({ ...base, createdAt: deps.clock.now(), total: { amount: 1, currency: 'EUR' } });
    deps.glue.next('checkout', { kind: 'no-answer' });
    expectError(await placeOrder(deps, sameCaller(caller), { preOrderPaymentId: record.id }), 'ORDER_OUTCOME_UNKNOWN');
    expect(deps.glue.callsOf('order')).toEqual([]);
    expect((await storedPayment(deps, record.id)).status).toBe('ORDER_OUTCOME_UNKNOWN');
  });

  it('looks again on a later placeOrder once the backoff has passed, and answers the order it finds', async () => {
    const deps = useCaseDeps();
    const caller = customerCaller({ customerReference: 'DE--C-later' });
    const { record } = await initializedPayment(deps, { caller });
    deps.glue.next('checkout', { kind: 'no-answer' });
    expectError(await placeOrder(deps, sameCaller(caller), { preOrderPaymentId: record.id }), 'ORDER_OUTCOME_UNKNOWN');
    const order = deps.glue.addOrder({
      customerReference: 'DE--C-later',
      createdAt: deps.clock.now(),
      total: record.amount,
      cartId: record.cartId,
    });

    expectError(await placeOrder(deps, sameCaller(caller), { preOrderPaymentId: record.id }), 'ORDER_OUTCOME_UNKNOWN');
    expect(deps.glue.callsOf('listOrders')).toHaveLength(1);

    deps.clock.advance(4000);
    const placed = expectOk(await placeOrder(deps, sameCaller(caller), { preOrderPaymentId: record.id }));
    expect(placed).toMatchObject({ replayed: true, order: { orderReference: order.orderReference } });
    expect(deps.glue.callsOf('listOrders')).toHaveLength(2);
    expect(deps.glue.callsOf('checkout')).toHaveLength(1);
  });
});
