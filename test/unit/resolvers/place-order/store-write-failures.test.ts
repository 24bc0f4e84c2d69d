import { describe, expect, it } from 'vitest';
import type { PreOrderPaymentRecord } from '../../../../src/domain/pre-order-payment.ts';
import { relayOutbox } from '../../../../src/resolvers/order-outcome/outbox-relay.ts';
import { placeOrder } from '../../../../src/resolvers/place-order/place-order.ts';
import { lookAtDuePayment } from '../../../../src/resolvers/release/look-at-due-payment.ts';
import { sameCaller } from '../../support/callers.ts';
import { withFaultyStore } from '../../support/faulty-store.ts';
import { initializedPayment, storedPayment } from '../../support/payments.ts';
import { expectError, expectOk } from '../../support/results.ts';
import { type TestDeps, useCaseDeps } from '../../support/use-case-deps.ts';

const LEASE_MS = 30_000;
const REFUSAL = { status: 422, code: '1101', detail: 'Shipment address invalid.' };

const checkoutSentMark = (next: PreOrderPaymentRecord) =>
  next.status === 'PLACING_ORDER' && next.placement?.checkoutSent === true;
const handBack = (next: PreOrderPaymentRecord) => next.status === 'INITIALIZED' && next.placement === null;

/** The placement's lease runs out and the release sweeper looks at the payment, as it would in production. */
async function afterTheLease(deps: TestDeps, record: PreOrderPaymentRecord): Promise<PreOrderPaymentRecord> {
  deps.clock.advance(LEASE_MS);
  await lookAtDuePayment(deps, record.id);
  return storedPayment(deps, record.id);
}

describe('placeOrder: the "checkout sent" write fails (docs/place-order.md item 4)', () => {
  it('hands the payment back when the "checkout sent" write timed out but landed: INITIALIZED, never unknown, and placing again sends one checkout', async () => {
    const deps = withFaultyStore(useCaseDeps());
    const { caller, record } = await initializedPayment(deps);
    deps.store.failUpdate({ match: checkoutSentMark, landed: true });
    expectError(await placeOrder(deps, sameCaller(caller), { preOrderPaymentId: record.id }), 'UPSTREAM_UNAVAILABLE');
    expect(deps.glue.callsOf('checkout')).toEqual([]);

    expect(await afterTheLease(deps, record)).toMatchObject({ status: 'INITIALIZED', placement: null, lease: null });
    const placed = expectOk(await placeOrder(deps, sameCaller(caller), { preOrderPaymentId: record.id }));
    expect(placed.record).toMatchObject({ status: 'ORDER_PLACED', attempts: 2 });
    expect(deps.glue.callsOf('checkout')).toHaveLength(1);
  });

  it('hands the payment back when the "checkout sent" write failed without landing', async () => {
    const deps = withFaultyStore(useCaseDeps());
    const { caller, record } = await initializedPayment(deps);
    deps.store.failUpdate({ match: checkoutSentMark, landed: false });
    expectError(await placeOrder(deps, sameCaller(caller), { preOrderPaymentId: record.id }), 'UPSTREAM_UNAVAILABLE');
    expect(deps.glue.callsOf('checkout')).toEqual([]);
    expect(await afterTheLease(deps, record)).toMatchObject({ status: 'INITIALIZED', placement: null });
  });
});

describe('placeOrder outcome 6b: a refusal whose hand-back write fails', () => {
  it('re-reads and hands the payment back when the hand-back write failed without landing: INITIALIZED, never unknown', async () => {
    const deps = withFaultyStore(useCaseDeps());
    const { caller, record } = await initializedPayment(deps);
    deps.glue.next('checkout', { kind: 'rejected', upstream: REFUSAL, violations: [] });
    deps.store.failUpdate({ match: handBack, landed: false });
    expectError(await placeOrder(deps, sameCaller(caller), { preOrderPaymentId: record.id }), 'CHECKOUT_REJECTED');

    const after = await afterTheLease(deps, record);
    expect(after).toMatchObject({ status: 'INITIALIZED', placement: null, attempts: 1 });
    expect(after.events.at(-1)).toMatchObject({ type: 'ORDER_PLACEMENT_REJECTED', message: REFUSAL.detail });
    // The corrected retry may send the second (and only other) checkout.
    const placed = expectOk(await placeOrder(deps, sameCaller(caller), { preOrderPaymentId: record.id }));
    expect(placed.record).toMatchObject({ status: 'ORDER_PLACED', attempts: 2 });
    expect(deps.glue.callsOf('checkout')).toHaveLength(2);
  });

  it('keeps a hand-back that timed out but landed: INITIALIZED, one rejection event', async () => {
    const deps = withFaultyStore(useCaseDeps());
    const { caller, record } = await initializedPayment(deps);
    deps.glue.next('checkout', { kind: 'rejected', upstream: REFUSAL, violations: [] });
    deps.store.failUpdate({ match: handBack, landed: true });
    expectError(await placeOrder(deps, sameCaller(caller), { preOrderPaymentId: record.id }), 'CHECKOUT_REJECTED');
    const after = await afterTheLease(deps, record);
    expect(after).toMatchObject({ status: 'INITIALIZED', placement: null });
    expect(after.events.filter((event) => event.type === 'ORDER_PLACEMENT_REJECTED')).toHaveLength(1);
  });
});

describe('placeOrder: a hand-back the store cannot take for a while waits in the outbox (docs/place-order.md items 9-10)', () => {
  it('hands the payment back once the store answers when it stayed away after the "checkout sent" mark landed', async () => {
    const deps = withFaultyStore(useCaseDeps());
    const { caller, record } = await initializedPayment(deps);
    deps.store.failUpdate({ match: checkoutSentMark, landed: true, thenDown: true });
    expectError(await placeOrder(deps, sameCaller(caller), { preOrderPaymentId: record.id }), 'UPSTREAM_UNAVAILABLE');
    expect(await deps.outbox.pending()).toMatchObject([
      { preOrderPaymentId: record.id, attempt: 1, outcome: { kind: 'not-placed', refusal: null } },
    ]);
    expect(await relayOutbox(deps)).toEqual({ done: 0, waiting: 1, storeAnswered: false });

    deps.store.up();
    expect(await relayOutbox(deps)).toEqual({ done: 1, waiting: 0, storeAnswered: true });
    expect(await storedPayment(deps, record.id)).toMatchObject({ status: 'INITIALIZED', placement: null });
    expect(await afterTheLease(deps, record)).toMatchObject({ status: 'INITIALIZED' });
    expect(await deps.outbox.pending()).toEqual([]);
    expect(deps.glue.callsOf('checkout')).toEqual([]);
  });

  it('corrects the unknown outcome the lease expiry wrote while the store was away after a refusal: INITIALIZED, off the operators’ list, released at its deadline', async () => {
    const deps = withFaultyStore(useCaseDeps());
    const { caller, record } = await initializedPayment(deps);
    deps.glue.next('checkout', { kind: 'rejected', upstream: REFUSAL, violations: [] });
    deps.store.failUpdate({ match: handBack, landed: false, thenDown: true });
    expectError(await placeOrder(deps, sameCaller(caller), { preOrderPaymentId: record.id }), 'CHECKOUT_REJECTED');

    // The store is back only after the lease ran out, and the release sweeper gets there first.
    deps.store.up();
    expect(await afterTheLease(deps, record)).toMatchObject({ status: 'ORDER_OUTCOME_UNKNOWN' });
    expect(await deps.attention.count()).toEqual({ ok: true, value: 1 });

    expect(await relayOutbox(deps)).toMatchObject({ done: 1, storeAnswered: true });
    const after = await storedPayment(deps, record.id);
    expect(after).toMatchObject({ status: 'INITIALIZED', placement: null, orderReference: null, reconciliation: null });
    expect(after.events.at(-1)).toMatchObject({ type: 'ORDER_PLACEMENT_REJECTED', message: REFUSAL.detail });
    expect(await deps.attention.count()).toEqual({ ok: true, value: 0 });
    // The unknown outcome took it off the release queue; handing it back booked its deadline again.
    deps.clock.advance(after.expiresAt - deps.clock.now());
    const due = await deps.releases.claimDue({ limit: 10, leaseMs: 1000 });
    expect(due.ok && due.value.ids).toContain(record.id);
  });

  it('leaves a later attempt alone: a hand-back the payment moved past is dropped, nothing written', async () => {
    const deps = withFaultyStore(useCaseDeps());
    const { caller, record } = await initializedPayment(deps);
    deps.glue.next('checkout', { kind: 'rejected', upstream: REFUSAL, violations: [] });
    deps.store.failUpdate({ match: handBack, landed: true, thenDown: true });
    expectError(await placeOrder(deps, sameCaller(caller), { preOrderPaymentId: record.id }), 'CHECKOUT_REJECTED');
    deps.store.up();
    // The hand-back had landed: the shopper corrected the data and placed the order as attempt 2.
    expectOk(await placeOrder(deps, sameCaller(caller), { preOrderPaymentId: record.id }));
    const placed = await storedPayment(deps, record.id);

    expect(await relayOutbox(deps)).toMatchObject({ done: 1, storeAnswered: true });
    expect(await storedPayment(deps, record.id)).toMatchObject({ status: 'ORDER_PLACED', version: placed.version });
    expect(await deps.outbox.pending()).toEqual([]);
  });
});
