import { describe, expect, it } from 'vitest';
import { findActivePreOrderPayment } from '../../../../src/resolvers/queries/find-active-pre-order-payment.ts';
import { customerCaller, guestCaller, sameCaller } from '../../support/callers.ts';
import { initializedPayment, placementStarted, rewrite } from '../../support/payments.ts';
import { expectOk } from '../../support/results.ts';
import { useCaseDeps } from '../../support/use-case-deps.ts';

describe('findActivePreOrderPayment (activePreOrderPayment query)', () => {
  it('answers the cart’s live payment when it is the caller’s', async () => {
    const deps = useCaseDeps();
    const { caller, cartId, record } = await initializedPayment(deps);
    expect(expectOk(await findActivePreOrderPayment(deps, sameCaller(caller), cartId))).toEqual(record);
  });

  it('answers null for a cart without a payment and for a malformed cart id', async () => {
    const deps = useCaseDeps();
    const caller = guestCaller();
    expect(expectOk(await findActivePreOrderPayment(deps, caller, deps.glue.addCart()))).toBeNull();
    expect(expectOk(await findActivePreOrderPayment(deps, caller, 'not a cart id!'))).toBeNull();
  });

  it('answers null when the cart’s payment belongs to someone else', async () => {
    const deps = useCaseDeps();
    const { cartId } = await initializedPayment(deps);
    expect(expectOk(await findActivePreOrderPayment(deps, guestCaller(), cartId))).toBeNull();
    expect(expectOk(await findActivePreOrderPayment(deps, customerCaller(), cartId))).toBeNull();
  });

  it.each(['CANCELED', 'EXPIRED'] as const)('answers null when the cart’s payment is %s', async (status) => {
    const deps = useCaseDeps();
    const { caller, cartId, record } = await initializedPayment(deps);
    await rewrite(deps, record, { status });
    expect(expectOk(await findActivePreOrderPayment(deps, sameCaller(caller), cartId))).toBeNull();
  });

  it('answers the payment with stale work settled (a dead placement that sent nothing is INITIALIZED again)', async () => {
    const deps = useCaseDeps();
    const { caller, cartId, record } = await initializedPayment(deps);
    await placementStarted(deps, record, { leaseMs: 1000, checkoutSent: false });
    deps.clock.advance(1000);
    const active = expectOk(await findActivePreOrderPayment(deps, sameCaller(caller), cartId));
    expect(active).toMatchObject({ id: record.id, status: 'INITIALIZED', placement: null });
  });
});
