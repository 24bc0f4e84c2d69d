import { describe, expect, it } from 'vitest';
import { placeOrder } from '../../../../src/resolvers/place-order/place-order.ts';
import { findPreOrderPayment } from '../../../../src/resolvers/queries/find-pre-order-payment.ts';
import { customerCaller, guestCaller, sameCaller } from '../../support/callers.ts';
import { initializedPayment, placementStarted, storedPayment } from '../../support/payments.ts';
import { expectError, expectOk } from '../../support/results.ts';
import { useCaseDeps } from '../../support/use-case-deps.ts';

describe('findPreOrderPayment (preOrderPayment query)', () => {
  it('answers the caller’s own payment as stored', async () => {
    const deps = useCaseDeps();
    const { caller, record } = await initializedPayment(deps);
    expect(expectOk(await findPreOrderPayment(deps, sameCaller(caller), record.id))).toEqual(record);
  });

  it('answers null alike for someone else’s payment, an unknown id and a malformed id', async () => {
    const deps = useCaseDeps();
    const { record } = await initializedPayment(deps);
    const stranger = guestCaller();
    for (const id of [record.id, `${record.id.slice(0, -4)}AAAA`, 'garbage']) {
      expect(expectOk(await findPreOrderPayment(deps, stranger, id))).toBeNull();
    }
  });

  it('settles a placement whose lease ran out before "checkout sent": the payment reads INITIALIZED again', async () => {
    const deps = useCaseDeps();
    const { caller, record } = await initializedPayment(deps);
    await placementStarted(deps, record, { leaseMs: 30_000, checkoutSent: false });
    deps.clock.advance(30_000);
    const found = expectOk(await findPreOrderPayment(deps, sameCaller(caller), record.id));
    expect(found).toMatchObject({ status: 'INITIALIZED', placement: null });
    expect((await storedPayment(deps, record.id)).status).toBe('INITIALIZED');
  });

  it('reconciles a customer’s unknown outcome on read once due, and shows ORDER_PLACED with the order found', async () => {
    const deps = useCaseDeps();
    const caller = customerCaller({ customerReference: 'DE--C-read' });
    const { record } = await initializedPayment(deps, { caller });
    deps.glue.next('checkout', { kind: 'no-answer' });
    expectError(await placeOrder(deps, sameCaller(caller), { preOrderPaymentId: record.id }), 'ORDER_OUTCOME_UNKNOWN');
    const order = deps.glue.addOrder({
      customerReference: 'DE--C-read',
      createdAt: deps.clock.now(),
      total: record.amount,
      cartId: record.cartId,
    });

    const early = expectOk(await findPreOrderPayment(deps, sameCaller(caller), record.id));
    expect(early?.status).toBe('ORDER_OUTCOME_UNKNOWN');
    expect(deps.glue.callsOf('listOrders')).toHaveLength(1);

    deps.clock.advance(4000);
    const due = expectOk(await findPreOrderPayment(deps, sameCaller(caller), record.id));
    expect(due).toMatchObject({ status: 'ORDER_PLACED', orderReference: order.orderReference });
  });

  it('answers UpstreamUnavailableError when the session store is down', async () => {
    const deps = useCaseDeps();
    const { caller, record } = await initializedPayment(deps);
    await deps.store.close();
    expectError(await findPreOrderPayment(deps, sameCaller(caller), record.id), 'UPSTREAM_UNAVAILABLE');
  });
});
