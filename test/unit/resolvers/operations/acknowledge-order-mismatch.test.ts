import { describe, expect, it } from 'vitest';
import { paymentMatchesOrder } from '../../../../src/domain/pre-order-payment.ts';
import { acknowledgeOrderMismatch } from '../../../../src/resolvers/operations/acknowledge-order-mismatch.ts';
import { listPaymentsNeedingAttention } from '../../../../src/resolvers/operations/list-payments-needing-attention.ts';
import { placeOrder } from '../../../../src/resolvers/place-order/place-order.ts';
import { SKU } from '../../../support/fixtures.ts';
import { sameCaller } from '../../support/callers.ts';
import { initializedPayment, storedPayment } from '../../support/payments.ts';
import { expectOk } from '../../support/results.ts';
import { type TestDeps, useCaseDeps } from '../../support/use-case-deps.ts';

/** A placed payment whose order got a third item after the last cart read (docs/place-order.md item 8). */
async function mismatchedPayment(deps: TestDeps) {
  const payment = await initializedPayment(deps);
  const held = deps.glue.hold('checkout');
  const pending = placeOrder(deps, sameCaller(payment.caller), { preOrderPaymentId: payment.record.id });
  await held.reached;
  deps.glue.setQuantity(payment.cartId, SKU, 3);
  held.release();
  return expectOk(await pending).record;
}

async function listed(deps: TestDeps) {
  return expectOk(await listPaymentsNeedingAttention(deps, { first: 20, after: null })).items.map(
    (item) => item.record.id,
  );
}

describe('acknowledgeOrderMismatch (docs/operations.md)', () => {
  it('records the operator’s note, ends the listing, and keeps the mismatch on the record', async () => {
    const deps = useCaseDeps();
    const record = await mismatchedPayment(deps);
    expect(await listed(deps)).toEqual([record.id]);

    const done = await acknowledgeOrderMismatch(deps, { preOrderPaymentId: record.id, note: 'refunded 15.00' });
    if (!done.ok) throw new Error(done.error.message);
    expect(done.value).toMatchObject({ status: 'ORDER_PLACED', orderMismatch: { acknowledged: true } });
    expect(paymentMatchesOrder(done.value)).toBe(false);
    expect(done.value.events.at(-1)).toMatchObject({
      type: 'OPERATOR_ACTION',
      message: 'acknowledged the order total mismatch: refunded 15.00',
    });
    expect(await storedPayment(deps, record.id)).toEqual(done.value);
    expect(await listed(deps)).toEqual([]);
  });

  it('answers NOT_APPLICABLE a second time, and for a placed order whose total matched', async () => {
    const deps = useCaseDeps();
    const record = await mismatchedPayment(deps);
    expect((await acknowledgeOrderMismatch(deps, { preOrderPaymentId: record.id, note: 'first' })).ok).toBe(true);
    const again = await acknowledgeOrderMismatch(deps, { preOrderPaymentId: record.id, note: 'second' });
    expect(again).toMatchObject({ ok: false, error: { code: 'NOT_APPLICABLE', status: 'ORDER_PLACED' } });

    const matching = await initializedPayment(deps);
    expectOk(await placeOrder(deps, sameCaller(matching.caller), { preOrderPaymentId: matching.record.id }));
    const refused = await acknowledgeOrderMismatch(deps, { preOrderPaymentId: matching.record.id, note: 'x' });
    expect(refused).toMatchObject({ ok: false, error: { code: 'NOT_APPLICABLE' } });
  });

  it('answers PRE_ORDER_PAYMENT_NOT_FOUND for an unknown id', async () => {
    const deps = useCaseDeps();
    const refused = await acknowledgeOrderMismatch(deps, { preOrderPaymentId: 'pop_nope', note: 'x' });
    expect(refused).toMatchObject({ ok: false, error: { code: 'PRE_ORDER_PAYMENT_NOT_FOUND' } });
  });
});
