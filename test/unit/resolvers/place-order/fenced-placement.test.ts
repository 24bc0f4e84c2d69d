import { describe, expect, it } from 'vitest';
import { placeOrder } from '../../../../src/resolvers/place-order/place-order.ts';
import { sameCaller } from '../../support/callers.ts';
import {
  initializedPayment,
  placementHeldAt,
  placementStarted,
  rewrite,
  storedPayment,
} from '../../support/payments.ts';
import { expectError, expectOk } from '../../support/results.ts';
import { useCaseDeps } from '../../support/use-case-deps.ts';

const LEASE_MS = 30_000;

describe('placeOrder: taking the payment (docs/place-order.md item 4)', () => {
  it('holds the payment PLACING_ORDER with attempt, a lease on the store’s clock and the "checkout sent" mark before sending', async () => {
    const deps = useCaseDeps();
    const { record, held, pending } = await placementHeldAt(deps, 'checkout');
    const now = deps.clock.now();
    expect(await storedPayment(deps, record.id)).toMatchObject({
      status: 'PLACING_ORDER',
      attempts: 1,
      placement: { attempt: 1, startedAt: now, checkoutSent: true },
      lease: now + LEASE_MS,
    });
    held.release();
    expectOk(await pending);
  });

  it('has a release look queued for the end of the lease before the take (queued while the cart was read)', async () => {
    const deps = useCaseDeps();
    const { record, held, pending } = await placementHeldAt(deps, 'checkout');
    deps.clock.advance(LEASE_MS - 1);
    const early = await deps.releases.claimDue({ limit: 100, leaseMs: 1000 });
    expect(early.ok && early.value.ids).not.toContain(record.id);
    deps.clock.advance(1);
    const due = await deps.releases.claimDue({ limit: 100, leaseMs: 1000 });
    expect(due.ok && due.value.ids).toContain(record.id);
    held.release();
    expectOk(await pending);
  });

  it('sends no checkout and answers UpstreamUnavailableError when the store cannot take the payment', async () => {
    const deps = useCaseDeps();
    const { held, pending } = await placementHeldAt(deps, 'checkoutData');
    await deps.store.close();
    held.release();
    expectError(await pending, 'UPSTREAM_UNAVAILABLE');
    expect(deps.glue.callsOf('checkout')).toEqual([]);
  });

  it('sends no checkout when the payment was canceled while the cart was being re-read', async () => {
    const deps = useCaseDeps();
    const { record, held, pending } = await placementHeldAt(deps, 'checkoutData');
    await rewrite(deps, record, { status: 'CANCELED' });
    held.release();
    expectError(await pending, 'PRE_ORDER_PAYMENT_CANCELED');
    expect(deps.glue.callsOf('checkout')).toEqual([]);
  });
});

describe('placeOrder: exactly one order per pre-order payment (item 7)', () => {
  it('sends exactly one checkout for five concurrent placeOrder calls, and all answer the same order', async () => {
    const deps = useCaseDeps({ settings: { waitMs: 2000 } });
    const { caller, record } = await initializedPayment(deps);
    const held = deps.glue.hold('checkout');
    const runs = Array.from({ length: 5 }, () =>
      placeOrder(deps, sameCaller(caller), { preOrderPaymentId: record.id }),
    );
    await held.reached;
    held.release();
    const results = (await Promise.all(runs)).map(expectOk);
    expect(deps.glue.callsOf('checkout')).toHaveLength(1);
    expect(deps.glue.orders).toHaveLength(1);
    const references = new Set(results.map((result) => result.order.orderReference));
    expect([...references]).toEqual([deps.glue.orders[0]?.orderReference]);
    expect(results.filter((result) => !result.replayed)).toHaveLength(1);
  });

  it('answers OperationInProgressError to a concurrent call when the placement outlasts the wait budget', async () => {
    const deps = useCaseDeps({ settings: { waitMs: 50 } });
    const { caller, record, held, pending: first } = await placementHeldAt(deps, 'checkout');
    const second = await placeOrder(deps, sameCaller(caller), { preOrderPaymentId: record.id });
    held.release();
    expectError(second, 'OPERATION_IN_PROGRESS');
    expectOk(await first);
    expect(deps.glue.callsOf('checkout')).toHaveLength(1);
  });

  it('ends a placement whose lease ran out after "checkout sent" in ORDER_OUTCOME_UNKNOWN, never a resend', async () => {
    const deps = useCaseDeps();
    const { caller, record } = await initializedPayment(deps);
    await placementStarted(deps, record, { leaseMs: LEASE_MS, checkoutSent: true });
    deps.clock.advance(LEASE_MS);
    const error = expectError(
      await placeOrder(deps, sameCaller(caller), { preOrderPaymentId: record.id }),
      'ORDER_OUTCOME_UNKNOWN',
    );
    expect(error.preOrderPaymentId).toBe(record.id);
    expect(deps.glue.callsOf('checkout')).toEqual([]);
    const stored = await storedPayment(deps, record.id);
    expect(stored.status).toBe('ORDER_OUTCOME_UNKNOWN');
    expect(stored.events.at(-1)).toMatchObject({
      type: 'ORDER_OUTCOME_UNKNOWN',
      message: 'placement attempt 1 ended without an answer',
    });
  });

  it('makes a payment whose lease ran out before "checkout sent" usable again: the next call places it', async () => {
    const deps = useCaseDeps();
    const { caller, record } = await initializedPayment(deps);
    await placementStarted(deps, record, { leaseMs: LEASE_MS, checkoutSent: false });
    deps.clock.advance(LEASE_MS);
    const placed = expectOk(await placeOrder(deps, sameCaller(caller), { preOrderPaymentId: record.id }));
    expect(placed.replayed).toBe(false);
    expect(placed.record).toMatchObject({ status: 'ORDER_PLACED', attempts: 2, placement: { attempt: 2 } });
    expect(deps.glue.callsOf('checkout')).toHaveLength(1);
  });

  it('answers OperationInProgressError while another placement’s lease still runs, and sends nothing', async () => {
    const deps = useCaseDeps({ settings: { waitMs: 50 } });
    const { caller, record } = await initializedPayment(deps);
    await placementStarted(deps, record, { leaseMs: LEASE_MS, checkoutSent: true });
    deps.clock.advance(LEASE_MS - 1);
    expectError(await placeOrder(deps, sameCaller(caller), { preOrderPaymentId: record.id }), 'OPERATION_IN_PROGRESS');
    expect(deps.glue.callsOf('checkout')).toEqual([]);
    expect((await storedPayment(deps, record.id)).status).toBe('PLACING_ORDER');
  });
});
