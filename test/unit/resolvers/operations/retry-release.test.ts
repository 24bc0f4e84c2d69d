import { describe, expect, it } from 'vitest';
import type { OperatorError } from '../../../../src/domain/operator-errors.ts';
import type { CancelPaymentOutcome } from '../../../../src/domain/ports/glue-port.ts';
import type { PreOrderPaymentRecord } from '../../../../src/domain/pre-order-payment.ts';
import type { Result } from '../../../../src/domain/result.ts';
import { retryRelease } from '../../../../src/resolvers/operations/retry-release.ts';
import { placeOrder } from '../../../../src/resolvers/place-order/place-order.ts';
import { lookAtDuePayment } from '../../../../src/resolvers/release/look-at-due-payment.ts';
import { sameCaller } from '../../support/callers.ts';
import {
  cancellationStarted,
  initializedPayment,
  placementStarted,
  rewrite,
  storedPayment,
} from '../../support/payments.ts';
import { expectRefused } from '../../support/results.ts';
import { type TestDeps, UNIT_SETTINGS, useCaseDeps } from '../../support/use-case-deps.ts';

const TTL_MS = UNIT_SETTINGS.preOrderPaymentTtlSeconds * 1000;
const LEASE_MS = UNIT_SETTINGS.placementLeaseMs;
const NOTE = 'the provider fixed its outage';
const REQUEST_ID = 'ops-request-2';
const REFUSED: CancelPaymentOutcome = { kind: 'provider-rejected', upstream: { status: 422, detail: 'captured' } };

/** The success of an operator's action; fails the test with the error's code otherwise. */
function expectDone(result: Result<PreOrderPaymentRecord, OperatorError>): PreOrderPaymentRecord {
  if (!result.ok) expect.fail(`expected a success, got ${result.error.code}: ${JSON.stringify(result.error)}`);
  return result.value;
}

function retry(deps: TestDeps, record: PreOrderPaymentRecord) {
  return retryRelease(deps, { preOrderPaymentId: record.id, note: NOTE, requestId: REQUEST_ID });
}

async function listedIds(deps: TestDeps): Promise<string[]> {
  const listed = await deps.attention.list({ limit: 100, after: null });
  if (!listed.ok) throw new Error('the attention index is unavailable');
  return listed.value.map((entry) => entry.id);
}

/** A payment past its deadline whose release the sweeper gave up on after `answer` (releaseMaxAttempts 1). */
async function releaseFailed(deps: TestDeps, answer: CancelPaymentOutcome = REFUSED) {
  const { record } = await initializedPayment(deps);
  deps.clock.advance(TTL_MS);
  deps.glue.next('cancelPayment', answer);
  expect(await lookAtDuePayment(deps, record.id)).toBe('release-failed');
  return storedPayment(deps, record.id);
}

describe('retryRelease: one release attempt now (docs/operations.md item 14)', () => {
  it('releases a payment whose release failed for good: EXPIRED, one more cancellation as the gateway, unlisted', async () => {
    const deps = useCaseDeps({ settings: { releaseMaxAttempts: 1 } });
    const record = await releaseFailed(deps);
    expect(await listedIds(deps)).toEqual([record.id]);

    const released = expectDone(await retry(deps, record));
    expect(released).toMatchObject({ status: 'EXPIRED', release: null, cancellation: null, lease: null });
    expect(released.events.slice(-2)).toEqual([
      expect.objectContaining({ type: 'OPERATOR_ACTION', message: `retried the release: ${NOTE}` }),
      expect.objectContaining({ type: 'EXPIRED', message: 'released by an operator after its deadline' }),
    ]);
    const calls = deps.glue.callsOf('cancelPayment');
    expect(calls).toHaveLength(2);
    expect(calls[1]?.caller).toEqual({ identity: { kind: 'gateway' }, acceptLanguage: null, requestId: REQUEST_ID });
    expect(deps.glue.transaction(record.transactionId ?? '')?.status).toBe('canceled');
    expect(deps.metrics.releases).toEqual(['failed', 'released']);
    expect(await listedIds(deps)).toEqual([]);
  });

  it('releases an overdue payment the sweeper has not reached', async () => {
    const deps = useCaseDeps();
    const { record } = await initializedPayment(deps);
    deps.clock.advance(TTL_MS);
    expect(expectDone(await retry(deps, record)).status).toBe('EXPIRED');
    expect(deps.glue.callsOf('cancelPayment')).toHaveLength(1);
    expect(deps.metrics.releases).toEqual(['released']);
  });

  it('repeats a release left without a clear answer once its lease ran out', async () => {
    const deps = useCaseDeps();
    const { record } = await initializedPayment(deps);
    deps.clock.advance(TTL_MS);
    deps.glue.next('cancelPayment', { kind: 'no-answer', upstream: null });
    expect(await lookAtDuePayment(deps, record.id)).toBe('retry-later');
    deps.clock.advance(LEASE_MS);
    expect(expectDone(await retry(deps, record)).status).toBe('EXPIRED');
    expect(deps.glue.callsOf('cancelPayment')).toHaveLength(2);
  });

  it('answers OPERATION_IN_PROGRESS for a given-up release without a clear answer while its lease runs, then releases it', async () => {
    const deps = useCaseDeps({ settings: { releaseMaxAttempts: 1 } });
    const record = await releaseFailed(deps, { kind: 'no-answer', upstream: null });
    expect(record).toMatchObject({ status: 'CANCELING', release: { failed: true } });
    expectRefused(await retry(deps, record), 'OPERATION_IN_PROGRESS');
    expect(deps.glue.callsOf('cancelPayment')).toHaveLength(1);
    deps.clock.advance(LEASE_MS);
    expect(expectDone(await retry(deps, record)).status).toBe('EXPIRED');
  });

  it('counts a failed retry like the sweeper’s and keeps the payment listed as RELEASE_FAILED', async () => {
    const deps = useCaseDeps({ settings: { releaseMaxAttempts: 1 } });
    const record = await releaseFailed(deps);
    deps.glue.next('cancelPayment', REFUSED);
    const error = expectRefused(await retry(deps, record), 'PAYMENT_PROVIDER_REJECTED');
    expect(error).toMatchObject({ upstream: { detail: 'captured' } });
    const stored = await storedPayment(deps, record.id);
    expect(stored).toMatchObject({ status: 'INITIALIZED', release: { attempts: 2, failed: true } });
    expect(stored.events.at(-1)).toMatchObject({ type: 'RELEASE_FAILED' });
    expect(await listedIds(deps)).toEqual([record.id]);
    expect(deps.metrics.releases).toEqual(['failed']);
  });

  it('counts no release when the cancellation it repeats was the shopper’s and ends CANCELED', async () => {
    // Found in review: every success was counted as a release, a repeated shopper's cancellation too.
    const deps = useCaseDeps();
    const { record } = await initializedPayment(deps);
    await cancellationStarted(deps, record, LEASE_MS);
    deps.clock.advance(LEASE_MS);
    expect(expectDone(await retry(deps, record)).status).toBe('CANCELED');
    expect(deps.metrics.releases).toEqual([]);
  });
});

describe('retryRelease refusals', () => {
  it('answers NOT_APPLICABLE for a payment before its deadline, and writes and sends nothing', async () => {
    const deps = useCaseDeps();
    const { record } = await initializedPayment(deps);
    deps.clock.advance(TTL_MS - 1);
    const error = expectRefused(await retry(deps, record), 'NOT_APPLICABLE');
    expect(error).toMatchObject({ status: 'INITIALIZED' });
    expect(await storedPayment(deps, record.id)).toEqual({ ...record, observedAt: deps.clock.now() });
    expect(deps.glue.callsOf('cancelPayment')).toEqual([]);
  });

  it.each([
    ['ORDER_OUTCOME_UNKNOWN', { status: 'ORDER_OUTCOME_UNKNOWN' }],
    ['CANCELED', { status: 'CANCELED' }],
    ['EXPIRED', { status: 'EXPIRED' }],
  ] as const)('answers NOT_APPLICABLE for a %s payment past its deadline', async (status, changes) => {
    const deps = useCaseDeps();
    const { record } = await initializedPayment(deps);
    await rewrite(deps, record, changes);
    deps.clock.advance(TTL_MS);
    expect(expectRefused(await retry(deps, record), 'NOT_APPLICABLE')).toMatchObject({ status });
    expect((await storedPayment(deps, record.id)).status).toBe(status);
    expect(deps.glue.callsOf('cancelPayment')).toEqual([]);
  });

  it('answers NOT_APPLICABLE for a placed order past its deadline, and cancels nothing', async () => {
    const deps = useCaseDeps();
    const { caller, record } = await initializedPayment(deps);
    const placed = await placeOrder(deps, sameCaller(caller), { preOrderPaymentId: record.id });
    expect(placed.ok).toBe(true);
    deps.clock.advance(TTL_MS);
    expect(expectRefused(await retry(deps, record), 'NOT_APPLICABLE')).toMatchObject({ status: 'ORDER_PLACED' });
    expect(deps.glue.callsOf('cancelPayment')).toEqual([]);
  });

  it('answers NOT_APPLICABLE for a stale placement past its deadline: it is settled, never released', async () => {
    const deps = useCaseDeps();
    const { record } = await initializedPayment(deps);
    deps.clock.advance(TTL_MS - 10_000);
    await placementStarted(deps, record, { leaseMs: LEASE_MS, checkoutSent: true });
    deps.clock.advance(LEASE_MS);
    expect(expectRefused(await retry(deps, record), 'NOT_APPLICABLE')).toMatchObject({ status: 'PLACING_ORDER' });
    expect(deps.glue.callsOf('cancelPayment')).toEqual([]);
  });

  it('answers PRE_ORDER_PAYMENT_NOT_FOUND for an unknown id', async () => {
    const deps = useCaseDeps();
    const { record } = await initializedPayment(deps);
    deps.clock.advance(TTL_MS);
    const unknown = { ...record, id: `${record.id.slice(0, -4)}AAAA` } as PreOrderPaymentRecord;
    expectRefused(await retry(deps, unknown), 'PRE_ORDER_PAYMENT_NOT_FOUND');
    expect((await storedPayment(deps, record.id)).status).toBe('INITIALIZED');
    expect(deps.glue.callsOf('cancelPayment')).toEqual([]);
  });
});
