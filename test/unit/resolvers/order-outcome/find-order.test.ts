import { describe, expect, it } from 'vitest';
import { findOrder } from '../../../../src/resolvers/order-outcome/reconcile.ts';
import { customerCaller, sameCaller } from '../../support/callers.ts';
import { initializedPayment } from '../../support/payments.ts';
import { useCaseDeps } from '../../support/use-case-deps.ts';

/** A customer's payment, and orders of that customer to arrange around it. */
async function customerPayment(reference: string) {
  const deps = useCaseDeps();
  const caller = customerCaller({ customerReference: reference });
  const { record } = await initializedPayment(deps, { caller });
  const addOrders = (count: number, order: { readonly createdAt: number; readonly amount: number }) => {
    for (let index = 0; index < count; index += 1) {
      deps.glue.addOrder({
        customerReference: reference,
        createdAt: order.createdAt,
        total: { amount: order.amount, currency: record.amount.currency },
        cartId: `other-${index}`,
      });
    }
  };
  return { deps, caller, record, addOrders };
}

const offsetsRead = (deps: ReturnType<typeof useCaseDeps>) =>
  deps.glue.callsOf('listOrders').map((call) => (call.request as { offset: number }).offset);

describe('findOrder: GET /orders page by page, newest first (docs/place-order.md item 6)', () => {
  it('finds the order on page 3 behind 45 newer orders of another total', async () => {
    const { deps, caller, record, addOrders } = await customerPayment('DE--C-pages');
    const mine = deps.glue.addOrder({
      customerReference: 'DE--C-pages',
      createdAt: deps.clock.now(),
      total: record.amount,
      cartId: record.cartId,
    });
    addOrders(45, { createdAt: deps.clock.now() + 1000, amount: record.amount.amount + 1 });
    expect(await findOrder(deps, sameCaller(caller), record)).toEqual({
      kind: 'found',
      orderReference: mine.orderReference,
    });
    expect(offsetsRead(deps)).toEqual([0, 20, 40]);
  });

  it('stops at the first page that reaches orders older than the attempt (30 s of clock skew allowed)', async () => {
    const { deps, caller, record, addOrders } = await customerPayment('DE--C-old');
    addOrders(100, { createdAt: deps.clock.now() - 31_000, amount: record.amount.amount });
    addOrders(25, { createdAt: deps.clock.now(), amount: record.amount.amount + 1 });
    expect(await findOrder(deps, sameCaller(caller), record)).toEqual({ kind: 'none' });
    // Page 2 holds the newest five old orders: nothing older can match, so no page 3.
    expect(offsetsRead(deps)).toEqual([0, 20]);
    expect(deps.glue.callsOf('order')).toEqual([]);
  });

  it('reads at most 25 pages however many recent orders there are, and then claims nothing', async () => {
    const { deps, caller, record, addOrders } = await customerPayment('DE--C-busy');
    addOrders(600, { createdAt: deps.clock.now(), amount: record.amount.amount + 1 });
    expect(await findOrder(deps, sameCaller(caller), record)).toEqual({ kind: 'unknown' });
    expect(offsetsRead(deps)).toHaveLength(25);
  });

  it('answers unknown, never none, when two orders match or a page cannot be read', async () => {
    const twice = await customerPayment('DE--C-twice');
    twice.addOrders(2, { createdAt: twice.deps.clock.now(), amount: twice.record.amount.amount });
    expect(await findOrder(twice.deps, sameCaller(twice.caller), twice.record)).toEqual({ kind: 'unknown' });
    expect(twice.deps.glue.callsOf('order')).toHaveLength(2);

    const unread = await customerPayment('DE--C-unread');
    unread.addOrders(21, { createdAt: unread.deps.clock.now(), amount: unread.record.amount.amount + 1 });
    unread.addOrders(1, { createdAt: unread.deps.clock.now() - 1, amount: unread.record.amount.amount });
    unread.deps.glue.next('listOrders', { ok: true, value: { orders: [], hasMore: true } });
    unread.deps.glue.next('listOrders', {
      ok: false,
      error: { kind: 'unavailable', upstream: null, retryAfterSeconds: null },
    });
    expect(await findOrder(unread.deps, sameCaller(unread.caller), unread.record)).toEqual({ kind: 'unknown' });
    expect(offsetsRead(unread.deps)).toEqual([0, 20]);
  });
});
