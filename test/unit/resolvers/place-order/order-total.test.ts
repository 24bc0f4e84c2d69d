import { describe, expect, it } from 'vitest';
import { paymentMatchesOrder, shopperVisibleEvents } from '../../../../src/domain/pre-order-payment.ts';
import { listPaymentsNeedingAttention } from '../../../../src/resolvers/operations/list-payments-needing-attention.ts';
import { placeOrder } from '../../../../src/resolvers/place-order/place-order.ts';
import { SKU } from '../../../support/fixtures.ts';
import { customerCaller, sameCaller } from '../../support/callers.ts';
import { type InitializedPayment, initializedPayment, storedPayment } from '../../support/payments.ts';
import { expectOk } from '../../support/results.ts';
import { type TestDeps, useCaseDeps } from '../../support/use-case-deps.ts';

/** The default cart (two of SKU at 15.00, standard shipment 4.90) costs 34.90; a third item makes it 49.90. */
const WITH_A_THIRD_ITEM = { amount: 4990, currency: 'EUR' };

/**
 * Places the payment while the shopper adds an item through Glue directly: after the use case's
 * last cart read, before Glue saves the order (the memory Glue prices the order from the cart then).
 */
async function placeWhileAnItemIsAdded(deps: TestDeps, payment: InitializedPayment, idempotencyKey?: string) {
  const held = deps.glue.hold('checkout');
  const pending = placeOrder(deps, sameCaller(payment.caller), {
    preOrderPaymentId: payment.record.id,
    idempotencyKey,
  });
  await held.reached;
  deps.glue.setQuantity(payment.cartId, SKU, 3);
  held.release();
  return pending;
}

async function attentionReasons(deps: TestDeps) {
  const page = expectOk(await listPaymentsNeedingAttention(deps, { first: 20, after: null }));
  return page.items.map((item) => ({ id: item.record.id, reason: item.reason }));
}

const errorLines = (deps: TestDeps) => deps.logger.entries.filter((entry) => entry.level === 'error');

describe('placeOrder compares the order’s total with the payment (docs/place-order.md item 8)', () => {
  it('a match: records the order’s total, claims nothing more, lists nothing', async () => {
    const deps = useCaseDeps();
    const { caller, record } = await initializedPayment(deps);
    const placed = expectOk(await placeOrder(deps, sameCaller(caller), { preOrderPaymentId: record.id }));
    expect(placed.record).toMatchObject({ status: 'ORDER_PLACED', orderTotal: record.amount, orderMismatch: null });
    expect(paymentMatchesOrder(placed.record)).toBe(true);
    expect(placed.record.events.map((event) => event.type)).not.toContain('ORDER_TOTAL_MISMATCH');
    expect(deps.metrics.orderPaymentMismatches).toBe(0);
    expect(errorLines(deps)).toEqual([]);
    expect(await attentionReasons(deps)).toEqual([]);
  });

  it('a mismatch: the order counts as placed; one write records it with an operators-only event; one error line, one count, listed for operators', async () => {
    const deps = useCaseDeps();
    const payment = await initializedPayment(deps);
    const placed = expectOk(await placeWhileAnItemIsAdded(deps, payment));
    const [order] = deps.glue.orders;
    expect(order?.total).toEqual(WITH_A_THIRD_ITEM);
    expect(placed.order.orderReference).toBe(order?.orderReference);
    expect(placed.replayed).toBe(false);

    const stored = await storedPayment(deps, payment.record.id);
    expect(placed.record).toEqual(stored);
    expect(stored).toMatchObject({
      status: 'ORDER_PLACED',
      orderReference: order?.orderReference,
      amount: payment.record.amount,
      orderTotal: WITH_A_THIRD_ITEM,
      orderMismatch: { acknowledged: false },
    });
    expect(paymentMatchesOrder(stored)).toBe(false);
    const events = stored.events.slice(-2);
    expect(events.map((event) => event.type)).toEqual(['ORDER_PLACED', 'ORDER_TOTAL_MISMATCH']);
    expect(events[1]?.message).toBe(
      `order ${order?.orderReference} costs 4990 EUR, the payment 3490 EUR (minor units)`,
    );
    expect(shopperVisibleEvents(stored.events).map((event) => event.type)).not.toContain('ORDER_TOTAL_MISMATCH');

    expect(deps.metrics.orderPaymentMismatches).toBe(1);
    expect(errorLines(deps)).toEqual([
      expect.objectContaining({
        fields: expect.objectContaining({
          preOrderPaymentId: payment.record.id,
          orderTotal: WITH_A_THIRD_ITEM,
          paymentAmount: payment.record.amount,
        }),
        message: expect.stringMatching(/^order total differs from the pre-order payment/),
      }),
    ]);
    expect(await attentionReasons(deps)).toEqual([{ id: payment.record.id, reason: 'ORDER_TOTAL_MISMATCH' }]);
  });

  it('a mismatch is answered the same on every replay (keyless and under the idempotency key), without counting it again', async () => {
    const deps = useCaseDeps();
    const payment = await initializedPayment(deps, { caller: customerCaller() });
    expectOk(await placeWhileAnItemIsAdded(deps, payment, 'key-1'));
    const input = { preOrderPaymentId: payment.record.id };
    for (const replay of [
      expectOk(await placeOrder(deps, sameCaller(payment.caller), { ...input, idempotencyKey: 'key-1' })),
      expectOk(await placeOrder(deps, sameCaller(payment.caller), input)),
    ]) {
      expect(replay.replayed).toBe(true);
      expect(paymentMatchesOrder(replay.record)).toBe(false);
      expect(replay.record.orderTotal).toEqual(WITH_A_THIRD_ITEM);
    }
    expect(deps.glue.callsOf('checkout')).toHaveLength(1);
    expect(deps.metrics.orderPaymentMismatches).toBe(1);
  });

  it('a total in another currency is a mismatch too (Glue’s answer scripted, the order saved)', async () => {
    const deps = useCaseDeps();
    const { caller, record } = await initializedPayment(deps);
    deps.glue.next(
      'checkout',
      {
        kind: 'placed',
        orderReference: 'DE--77',
        redirectUrl: null,
        isExternalRedirect: null,
        orderTotal: { amount: record.amount.amount, currency: 'CHF' },
      },
      { effect: true },
    );
    const placed = expectOk(await placeOrder(deps, sameCaller(caller), { preOrderPaymentId: record.id }));
    expect(placed.record).toMatchObject({ orderReference: 'DE--77', orderMismatch: { acknowledged: false } });
    expect(deps.metrics.orderPaymentMismatches).toBe(1);
  });

  it('no total from Glue: no claim either way, even though the order cost more', async () => {
    const deps = useCaseDeps();
    deps.glue.includeOrderInCheckout(false);
    const payment = await initializedPayment(deps);
    const placed = expectOk(await placeWhileAnItemIsAdded(deps, payment));
    expect(deps.glue.orders[0]?.total).toEqual(WITH_A_THIRD_ITEM);
    expect(placed.record).toMatchObject({ status: 'ORDER_PLACED', orderTotal: null, orderMismatch: null });
    expect(paymentMatchesOrder(placed.record)).toBe(true);
    expect(deps.metrics.orderPaymentMismatches).toBe(0);
    expect(errorLines(deps)).toEqual([]);
    expect(await attentionReasons(deps)).toEqual([]);
  });

  it('a mismatch while the store cannot record the order: still answered, logged and counted (the order exists)', async () => {
    const deps = useCaseDeps();
    const payment = await initializedPayment(deps);
    const held = deps.glue.hold('checkout');
    const pending = placeOrder(deps, sameCaller(payment.caller), { preOrderPaymentId: payment.record.id });
    await held.reached;
    deps.glue.setQuantity(payment.cartId, SKU, 3);
    await deps.store.close();
    held.release();
    const placed = expectOk(await pending);
    expect(placed.record).toMatchObject({ status: 'ORDER_PLACED', orderTotal: WITH_A_THIRD_ITEM });
    expect(paymentMatchesOrder(placed.record)).toBe(false);
    expect(deps.metrics.orderPaymentMismatches).toBe(1);
    expect(errorLines(deps).map((entry) => entry.message)).toContainEqual(
      expect.stringMatching(/^order total differs/),
    );
  });
});
