import { describe, expect, it } from 'vitest';
import { cancelPreOrderPayment } from '../../../../src/resolvers/cancel/cancel-pre-order-payment.ts';
import { watchPreOrderPayment } from '../../../../src/resolvers/queries/watch-pre-order-payment.ts';
import { guestCaller, sameCaller } from '../../support/callers.ts';
import { initializedPayment, rewrite } from '../../support/payments.ts';
import { expectError, expectOk } from '../../support/results.ts';
import { useCaseDeps } from '../../support/use-case-deps.ts';

describe('watchPreOrderPayment (preOrderPaymentUpdated subscription)', () => {
  it('yields the payment as it is, then each change, and ends after a final status', async () => {
    const deps = useCaseDeps();
    const { caller, record } = await initializedPayment(deps);
    const stream = expectOk(await watchPreOrderPayment(deps, sameCaller(caller), { id: record.id, pollMs: 5 }));

    expect((await stream.next()).value).toEqual(record);
    expectOk(await cancelPreOrderPayment(deps, sameCaller(caller), { preOrderPaymentId: record.id }));
    const changed = await stream.next();
    expect(changed.done).toBe(false);
    expect(changed.value).toMatchObject({ id: record.id, status: 'CANCELED' });
    expect(await stream.next()).toEqual({ done: true, value: undefined });
  });

  it('yields each change another writer makes, in order, and ends after CANCELED', async () => {
    const deps = useCaseDeps();
    const { caller, record } = await initializedPayment(deps);
    const stream = expectOk(await watchPreOrderPayment(deps, sameCaller(caller), { id: record.id, pollMs: 5 }));
    await stream.next();
    const canceling = await rewrite(deps, record, { status: 'CANCELING' });
    expect((await stream.next()).value).toEqual(canceling);
    const canceled = await rewrite(deps, canceling, { status: 'CANCELED' });
    expect((await stream.next()).value).toEqual(canceled);
    expect((await stream.next()).done).toBe(true);
  });

  it('answers PreOrderPaymentNotFoundError for someone else’s payment', async () => {
    const deps = useCaseDeps();
    const { record } = await initializedPayment(deps);
    expectError(
      await watchPreOrderPayment(deps, guestCaller(), { id: record.id, pollMs: 5 }),
      'PRE_ORDER_PAYMENT_NOT_FOUND',
    );
  });
});
