import { describe, expect, it } from 'vitest';
import { cancelPreOrderPayment } from '../../../../src/resolvers/cancel/cancel-pre-order-payment.ts';
import { watchPreOrderPayment } from '../../../../src/resolvers/queries/watch-pre-order-payment.ts';
import { withoutStoreTimes } from '../../../support/records.ts';
import { guestCaller, sameCaller } from '../../support/callers.ts';
import { initializedPayment, rewrite } from '../../support/payments.ts';
import { expectError, expectOk } from '../../support/results.ts';
import { useCaseDeps } from '../../support/use-case-deps.ts';

describe('watchPreOrderPayment (preOrderPaymentUpdated subscription)', () => {
  it('yields the payment as it is, then each change (CANCELING, CANCELED), and ends after a final status', async () => {
    const deps = useCaseDeps();
    const { caller, record } = await initializedPayment(deps);
    const stream = expectOk(await watchPreOrderPayment(deps, sameCaller(caller), record.id));

    const first = (await stream.next()).value;
    expect(first && withoutStoreTimes(first)).toEqual(withoutStoreTimes(record));
    expectOk(await cancelPreOrderPayment(deps, sameCaller(caller), { preOrderPaymentId: record.id }));
    expect((await stream.next()).value).toMatchObject({ id: record.id, status: 'CANCELING' });
    expect((await stream.next()).value).toMatchObject({ id: record.id, status: 'CANCELED' });
    expect(await stream.next()).toEqual({ done: true, value: undefined });
  });

  it('yields each change another writer makes, in order, and ends after CANCELED', async () => {
    const deps = useCaseDeps();
    const { caller, record } = await initializedPayment(deps);
    const stream = expectOk(await watchPreOrderPayment(deps, sameCaller(caller), record.id));
    await stream.next();
    const canceling = await rewrite(deps, record, { status: 'CANCELING' });
    expect((await stream.next()).value).toMatchObject({ version: canceling.version, status: 'CANCELING' });
    const canceled = await rewrite(deps, canceling, { status: 'CANCELED' });
    expect((await stream.next()).value).toMatchObject({ version: canceled.version, status: 'CANCELED' });
    expect((await stream.next()).done).toBe(true);
  });

  it('stops listening when the client goes away, even while waiting for news', async () => {
    const deps = useCaseDeps();
    const { caller, record } = await initializedPayment(deps);
    const stream = expectOk(await watchPreOrderPayment(deps, sameCaller(caller), record.id));
    await stream.next();
    const waiting = stream.next();
    await stream.return?.();
    expect(await waiting).toEqual({ done: true, value: undefined });
  });

  it('answers PreOrderPaymentNotFoundError for someone else’s payment', async () => {
    const deps = useCaseDeps();
    const { record } = await initializedPayment(deps);
    expectError(await watchPreOrderPayment(deps, guestCaller(), record.id), 'PRE_ORDER_PAYMENT_NOT_FOUND');
  });
});
