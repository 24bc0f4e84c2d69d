import { describe, expect, it } from 'vitest';
import { newPreOrderPaymentId } from '../../../../src/domain/ids.ts';
import type { CancelPaymentOutcome } from '../../../../src/domain/ports/glue-port.ts';
import type { SessionStore } from '../../../../src/domain/ports/session-store.ts';
import { cancelPreOrderPayment } from '../../../../src/resolvers/cancel/cancel-pre-order-payment.ts';
import { initializePreOrderPayment } from '../../../../src/resolvers/initialize/initialize-pre-order-payment.ts';
import { placeOrder } from '../../../../src/resolvers/place-order/place-order.ts';
import { lookAtDuePayment } from '../../../../src/resolvers/release/look-at-due-payment.ts';
import type { UseCaseDeps } from '../../../../src/resolvers/use-case-deps.ts';
import { initializeInput } from '../../../support/fixtures.ts';
import { newCartId } from '../../../support/records.ts';
import { sameCaller } from '../../support/callers.ts';
import {
  cancellationStarted,
  initializedPayment,
  placementStarted,
  rewrite,
  storedPayment,
} from '../../support/payments.ts';
import { expectError, expectOk } from '../../support/results.ts';
import { type TestDeps, UNIT_SETTINGS, useCaseDeps } from '../../support/use-case-deps.ts';

const TTL_MS = UNIT_SETTINGS.preOrderPaymentTtlSeconds * 1000;
const LEASE_MS = UNIT_SETTINGS.placementLeaseMs;
const BACKOFF_MS = UNIT_SETTINGS.releaseBackoffMs;
const REFUSED: CancelPaymentOutcome = { kind: 'provider-rejected', upstream: { status: 422, detail: 'captured' } };
const NO_ANSWER: CancelPaymentOutcome = { kind: 'no-answer', upstream: { status: 504 } };

/** When the release queue next hands the payment to a sweeper; null when it is not queued. */
async function dueAt(deps: TestDeps, id: string): Promise<number | null> {
  // With an unbounded negative grace, `overdue` lists every entry with its due time.
  const listed = await deps.releases.overdue({ graceMs: Number.NEGATIVE_INFINITY, limit: Number.MAX_SAFE_INTEGER });
  if (!listed.ok) throw new Error('the release queue is unavailable');
  return listed.value.entries.find((entry) => entry.id === id)?.dueAt ?? null;
}

async function attentionIds(deps: TestDeps): Promise<string[]> {
  const listed = await deps.attention.list({ limit: 100, after: null });
  if (!listed.ok) throw new Error('the attention index is unavailable');
  return listed.value.map((entry) => entry.id);
}

/**
 * The sweeper's dependencies, where `race` (another request or process) runs once, right after the
 * sweeper read the record and before it writes: the sweeper decides on a copy that is already old.
 */
function racedAfterRead(deps: TestDeps, race: () => Promise<unknown>): UseCaseDeps {
  let raced = false;
  const store: SessionStore = {
    ...deps.store,
    async get(id) {
      const read = await deps.store.get(id);
      if (!raced) {
        raced = true;
        await race();
      }
      return read;
    },
  };
  return { ...deps, store };
}

/** A payment initialized now whose deadline has just passed. */
async function expiredPayment(deps: TestDeps) {
  const payment = await initializedPayment(deps);
  deps.clock.advance(TTL_MS);
  return payment;
}

describe('lookAtDuePayment releases an INITIALIZED payment past its deadline (docs/expiry-and-release.md item 2)', () => {
  it('goes CANCELING, sends one cancellation without shopper credentials, then records EXPIRED', async () => {
    const deps = useCaseDeps();
    const { record } = await expiredPayment(deps);
    const held = deps.glue.hold('cancelPayment');
    const looking = lookAtDuePayment(deps, record.id);
    await held.reached;
    expect(await storedPayment(deps, record.id)).toMatchObject({
      status: 'CANCELING',
      cancellation: { purpose: 'release', attempts: 1 },
    });
    held.release();
    expect(await looking).toBe('released');

    const stored = await storedPayment(deps, record.id);
    expect(stored).toMatchObject({ status: 'EXPIRED', cancellation: null, release: null, lease: null });
    expect(stored.events.at(-1)).toMatchObject({ type: 'EXPIRED', message: 'released after its deadline' });
    const calls = deps.glue.callsOf('cancelPayment');
    expect(calls).toHaveLength(1);
    expect(calls[0]?.caller).toMatchObject({ identity: { kind: 'gateway' }, acceptLanguage: null });
    expect(calls[0]?.request).toEqual({
      paymentMethodName: 'Stripe',
      paymentProviderName: 'Stripe',
      preOrderPaymentData: record.preOrderPaymentData,
    });
    expect(deps.glue.transaction(record.transactionId ?? '')?.status).toBe('canceled');
    expect(await dueAt(deps, record.id)).toBeNull();
    expect(deps.metrics.releases).toEqual(['released']);
  });

  it('takes "already canceled" from the provider as released, with a note in the event', async () => {
    const deps = useCaseDeps();
    const { record } = await expiredPayment(deps);
    deps.glue.next('cancelPayment', { kind: 'already-canceled', upstream: { status: 422 } });
    expect(await lookAtDuePayment(deps, record.id)).toBe('released');
    const stored = await storedPayment(deps, record.id);
    expect(stored.status).toBe('EXPIRED');
    expect(stored.events.at(-1)?.message).toBe(
      'released after its deadline; the provider reported the payment as already canceled',
    );
    expect(deps.metrics.releases).toEqual(['released']);
  });

  it('reschedules a payment whose deadline has not passed to its deadline, and sends nothing', async () => {
    const deps = useCaseDeps();
    const { record } = await initializedPayment(deps);
    deps.clock.advance(TTL_MS - 1);
    expect(await lookAtDuePayment(deps, record.id)).toBe('rescheduled');
    expect(await dueAt(deps, record.id)).toBe(record.expiresAt);
    expect(await storedPayment(deps, record.id)).toMatchObject({ status: 'INITIALIZED', version: record.version });
    expect(deps.glue.callsOf('cancelPayment')).toEqual([]);
  });

  it('forgets the entry of a payment whose record is gone', async () => {
    const deps = useCaseDeps();
    const id = newPreOrderPaymentId(newCartId());
    await deps.releases.schedule(id, 0);
    expect(await lookAtDuePayment(deps, id)).toBe('forgotten');
    expect(await dueAt(deps, id)).toBeNull();
    expect(deps.glue.calls).toEqual([]);
  });

  it('leaves the entry claimed when the store does not answer, and sends nothing', async () => {
    const deps = useCaseDeps();
    const { record } = await expiredPayment(deps);
    const due = await dueAt(deps, record.id);
    await deps.store.close();
    expect(await lookAtDuePayment(deps, record.id)).toBe('store-unavailable');
    expect(await dueAt(deps, record.id)).toBe(due);
    expect(deps.glue.callsOf('cancelPayment')).toEqual([]);
  });
});

describe('lookAtDuePayment never releases a placed, placing or unknown-outcome payment (item 6)', () => {
  it.each([
    ['ORDER_OUTCOME_UNKNOWN', { status: 'ORDER_OUTCOME_UNKNOWN', orderReference: null }],
    ['CANCELED', { status: 'CANCELED' }],
    ['EXPIRED', { status: 'EXPIRED' }],
  ] as const)('forgets a %s payment past its deadline', async (status, changes) => {
    const deps = useCaseDeps();
    const { record } = await initializedPayment(deps);
    await rewrite(deps, record, changes);
    deps.clock.advance(TTL_MS + LEASE_MS);
    expect(await lookAtDuePayment(deps, record.id)).toBe('forgotten');
    expect(await dueAt(deps, record.id)).toBeNull();
    expect((await storedPayment(deps, record.id)).status).toBe(status);
    expect(deps.glue.callsOf('cancelPayment')).toEqual([]);
    expect(deps.metrics.releases).toEqual([]);
  });

  it('forgets an ORDER_PLACED payment past its deadline and leaves its order alone', async () => {
    const deps = useCaseDeps();
    const { caller, record } = await initializedPayment(deps);
    expectOk(await placeOrder(deps, sameCaller(caller), { preOrderPaymentId: record.id }));
    deps.clock.advance(TTL_MS);
    expect(await lookAtDuePayment(deps, record.id)).toBe('forgotten');
    expect(await dueAt(deps, record.id)).toBeNull();
    expect((await storedPayment(deps, record.id)).status).toBe('ORDER_PLACED');
    expect(deps.glue.callsOf('cancelPayment')).toEqual([]);
  });

  it('reschedules a PLACING_ORDER payment past its deadline to its holder’s lease, and the order is placed', async () => {
    const deps = useCaseDeps();
    const { caller, record } = await initializedPayment(deps);
    // Taken 10 s before the deadline: the holder's lease runs 20 s past it.
    deps.clock.advance(TTL_MS - 10_000);
    const held = deps.glue.hold('checkout');
    const placing = placeOrder(deps, sameCaller(caller), { preOrderPaymentId: record.id });
    await held.reached;
    deps.clock.advance(10_000);
    const lease = (await storedPayment(deps, record.id)).lease;

    expect(await lookAtDuePayment(deps, record.id)).toBe('rescheduled');
    expect(await dueAt(deps, record.id)).toBe(lease);
    expect(deps.glue.callsOf('cancelPayment')).toEqual([]);
    held.release();
    expectOk(await placing);
    expect((await storedPayment(deps, record.id)).status).toBe('ORDER_PLACED');
  });
});

describe('lookAtDuePayment settles a dead placement past its lease first', () => {
  /** A payment whose placement, started 10 s before its deadline, died before its lease ran out. */
  async function deadPlacement(deps: TestDeps, checkoutSent: boolean) {
    const { record } = await initializedPayment(deps);
    deps.clock.advance(TTL_MS - 10_000);
    await placementStarted(deps, record, { leaseMs: LEASE_MS, checkoutSent });
    deps.clock.advance(LEASE_MS);
    return record;
  }

  it('hands back a placement that sent no checkout, then releases the payment past its deadline', async () => {
    const deps = useCaseDeps();
    const record = await deadPlacement(deps, false);
    expect(await lookAtDuePayment(deps, record.id)).toBe('released');
    const stored = await storedPayment(deps, record.id);
    expect(stored).toMatchObject({ status: 'EXPIRED', placement: null });
    expect(deps.glue.callsOf('cancelPayment')).toHaveLength(1);
    expect(deps.metrics.releases).toEqual(['released']);
  });

  it('hands back a placement that sent no checkout before the deadline, and reschedules it to the deadline', async () => {
    const deps = useCaseDeps();
    const { record } = await initializedPayment(deps);
    await placementStarted(deps, record, { leaseMs: LEASE_MS, checkoutSent: false });
    deps.clock.advance(LEASE_MS);
    expect(await lookAtDuePayment(deps, record.id)).toBe('rescheduled');
    expect(await storedPayment(deps, record.id)).toMatchObject({ status: 'INITIALIZED', placement: null });
    expect(await dueAt(deps, record.id)).toBe(record.expiresAt);
    expect(deps.glue.callsOf('cancelPayment')).toEqual([]);
  });

  it('marks a placement that sent its checkout ORDER_OUTCOME_UNKNOWN, lists it for operators and never releases it', async () => {
    const deps = useCaseDeps();
    const record = await deadPlacement(deps, true);
    expect(await lookAtDuePayment(deps, record.id)).toBe('forgotten');
    expect((await storedPayment(deps, record.id)).status).toBe('ORDER_OUTCOME_UNKNOWN');
    expect(await dueAt(deps, record.id)).toBeNull();
    expect(await attentionIds(deps)).toEqual([record.id]);
    expect(deps.glue.callsOf('cancelPayment')).toEqual([]);
  });
});

describe('lookAtDuePayment after a failed release attempt (item 4, docs/operations.md item 10)', () => {
  it.each([
    ['a refusal', REFUSED],
    ['nothing sent', { kind: 'unavailable', upstream: null, retryAfterSeconds: 5 }],
    ['refused credentials', { kind: 'authentication-failed', upstream: { status: 401 } }],
  ] as const)('puts the payment back to INITIALIZED after %s and retries it later', async (_what, answer) => {
    const deps = useCaseDeps();
    const { record } = await expiredPayment(deps);
    deps.glue.next('cancelPayment', answer);
    expect(await lookAtDuePayment(deps, record.id)).toBe('retry-later');
    expect(await storedPayment(deps, record.id)).toMatchObject({
      status: 'INITIALIZED',
      lease: null,
      cancellation: null,
      release: { attempts: 1, failed: false },
    });
    expect(await dueAt(deps, record.id)).toBeGreaterThan(deps.clock.now());
    expect(deps.logger.entries.filter((entry) => entry.level === 'warn')).toHaveLength(1);
    expect(deps.metrics.releases).toEqual([]);
  });

  it('waits about twice as long after each further failure: base × 2^(n−1), jittered between half and all of it', async () => {
    const deps = useCaseDeps({ settings: { releaseMaxAttempts: 10 } });
    const { record } = await expiredPayment(deps);
    for (const attempts of [1, 2, 3, 4, 5, 6]) {
      deps.glue.next('cancelPayment', REFUSED);
      expect(await lookAtDuePayment(deps, record.id)).toBe('retry-later');
      expect((await storedPayment(deps, record.id)).release).toEqual({ attempts, failed: false });
      const full = BACKOFF_MS * 2 ** (attempts - 1);
      const wait = ((await dueAt(deps, record.id)) ?? Number.NaN) - deps.clock.now();
      expect(wait, `wait after attempt ${attempts}`).toBeGreaterThanOrEqual(full / 2);
      expect(wait, `wait after attempt ${attempts}`).toBeLessThanOrEqual(full);
      deps.clock.advance(wait);
    }
    expect(deps.glue.callsOf('cancelPayment')).toHaveLength(6);
  });

  it('gives up after releaseMaxAttempts refusals: RELEASE_FAILED, one error line, counted, listed, still INITIALIZED', async () => {
    const maxAttempts = 3;
    const deps = useCaseDeps({ settings: { releaseMaxAttempts: maxAttempts } });
    const { record } = await expiredPayment(deps);
    const outcomes = [];
    for (let attempt = 1; attempt <= maxAttempts; attempt += 1) {
      deps.glue.next('cancelPayment', REFUSED);
      outcomes.push(await lookAtDuePayment(deps, record.id));
      deps.clock.advance(BACKOFF_MS * 2 ** (attempt - 1));
    }
    expect(outcomes).toEqual(['retry-later', 'retry-later', 'release-failed']);

    const stored = await storedPayment(deps, record.id);
    expect(stored).toMatchObject({ status: 'INITIALIZED', release: { attempts: maxAttempts, failed: true } });
    expect(stored.events.filter((event) => event.type === 'RELEASE_FAILED')).toEqual([
      expect.objectContaining({ message: 'release failed 3 times; an operator decides' }),
    ]);
    const errors = deps.logger.entries.filter((entry) => entry.level === 'error');
    expect(errors).toHaveLength(1);
    expect(errors[0]?.message).toMatch(/^release FAILED/);
    expect(errors[0]?.fields).toMatchObject({ preOrderPaymentId: record.id, attempts: maxAttempts });
    expect(deps.metrics.releases).toEqual(['failed']);
    expect(await dueAt(deps, record.id)).toBeNull();
    expect(await attentionIds(deps)).toEqual([record.id]);
    expect(deps.glue.callsOf('cancelPayment')).toHaveLength(maxAttempts);
  });

  it('forgets a payment whose release failed for good when its entry comes due again', async () => {
    const deps = useCaseDeps({ settings: { releaseMaxAttempts: 1 } });
    const { record } = await expiredPayment(deps);
    deps.glue.next('cancelPayment', REFUSED);
    expect(await lookAtDuePayment(deps, record.id)).toBe('release-failed');
    await deps.releases.schedule(record.id, 0);
    expect(await lookAtDuePayment(deps, record.id)).toBe('forgotten');
    expect(deps.glue.callsOf('cancelPayment')).toHaveLength(1);
    expect(deps.metrics.releases).toEqual(['failed']);
  });
});

describe('lookAtDuePayment after a cancellation without a clear answer (item 7, docs/cancel.md item 8)', () => {
  it('keeps the payment CANCELING and looks again no earlier than its lease, then repeats it and records EXPIRED', async () => {
    const deps = useCaseDeps();
    const { record } = await expiredPayment(deps);
    deps.glue.next('cancelPayment', NO_ANSWER);
    expect(await lookAtDuePayment(deps, record.id)).toBe('retry-later');
    const unclear = await storedPayment(deps, record.id);
    expect(unclear).toMatchObject({ status: 'CANCELING', release: { attempts: 1, failed: false } });
    expect(unclear.events.at(-1)?.type).toBe('CANCELLATION_UNCLEAR');
    expect(unclear.lease).toBe(deps.clock.now() + LEASE_MS);
    // The backoff after one attempt (at most 2 s) is shorter than the lease: the lease wins.
    expect(await dueAt(deps, record.id)).toBe(unclear.lease);

    deps.clock.advance(LEASE_MS - 1);
    expect(await lookAtDuePayment(deps, record.id)).toBe('rescheduled');
    expect(deps.glue.callsOf('cancelPayment')).toHaveLength(1);

    deps.clock.advance(1);
    expect(await lookAtDuePayment(deps, record.id)).toBe('released');
    expect(await storedPayment(deps, record.id)).toMatchObject({ status: 'EXPIRED', release: null });
    expect(deps.glue.callsOf('cancelPayment')).toHaveLength(2);
    expect(deps.metrics.releases).toEqual(['released']);
    expect(await dueAt(deps, record.id)).toBeNull();
  });

  it('gives up on a release whose last attempt got no clear answer: it stays CANCELING, RELEASE_FAILED', async () => {
    const deps = useCaseDeps({ settings: { releaseMaxAttempts: 1 } });
    const { record } = await expiredPayment(deps);
    deps.glue.next('cancelPayment', NO_ANSWER);
    expect(await lookAtDuePayment(deps, record.id)).toBe('release-failed');
    const stored = await storedPayment(deps, record.id);
    expect(stored).toMatchObject({ status: 'CANCELING', release: { attempts: 1, failed: true } });
    expect(stored.events.at(-1)?.type).toBe('RELEASE_FAILED');
    expect(deps.metrics.releases).toEqual(['failed']);
    expect(await dueAt(deps, record.id)).toBeNull();
    expect(await attentionIds(deps)).toEqual([record.id]);
  });

  it('finishes a shopper’s cancellation nobody finished as CANCELED, and counts no release', async () => {
    const deps = useCaseDeps();
    const { record } = await initializedPayment(deps);
    await cancellationStarted(deps, record, LEASE_MS);
    deps.clock.advance(LEASE_MS);
    expect(await lookAtDuePayment(deps, record.id)).toBe('released');
    const stored = await storedPayment(deps, record.id);
    expect(stored.status).toBe('CANCELED');
    expect(stored.events.at(-1)).toMatchObject({ type: 'CANCELED', message: 'canceled by the shopper' });
    expect(deps.glue.callsOf('cancelPayment')).toHaveLength(1);
    expect(deps.metrics.releases).toEqual([]);
  });
});

describe('lookAtDuePayment when another request moved the payment after the sweeper read it', () => {
  it('reschedules to the new deadline when the shopper re-initialized it, and cancels nothing', async () => {
    const deps = useCaseDeps();
    const { caller, cartId, record } = await expiredPayment(deps);
    const sweeper = racedAfterRead(deps, async () =>
      expectOk(await initializePreOrderPayment(deps, sameCaller(caller), initializeInput(cartId))),
    );
    expect(await lookAtDuePayment(sweeper, record.id)).toBe('rescheduled');
    const stored = await storedPayment(deps, record.id);
    expect(stored).toMatchObject({ status: 'INITIALIZED', expiresAt: deps.clock.now() + TTL_MS });
    expect(stored.events.at(-1)?.type).toBe('REINITIALIZED');
    expect(await dueAt(deps, record.id)).toBe(stored.expiresAt);
    expect(deps.glue.callsOf('cancelPayment')).toEqual([]);
    expect(deps.metrics.releases).toEqual([]);
  });

  it('forgets the entry when the shopper canceled it meanwhile: one cancellation, the shopper’s', async () => {
    const deps = useCaseDeps();
    const { caller, record } = await expiredPayment(deps);
    const sweeper = racedAfterRead(deps, async () =>
      expectOk(await cancelPreOrderPayment(deps, sameCaller(caller), { preOrderPaymentId: record.id })),
    );
    await lookAtDuePayment(sweeper, record.id);
    expect((await storedPayment(deps, record.id)).status).toBe('CANCELED');
    expect(await dueAt(deps, record.id)).toBeNull();
    expect(deps.glue.callsOf('cancelPayment').map((call) => call.caller.identity.kind)).toEqual(['guest']);
    expect(deps.metrics.releases).toEqual([]);
  });

  it('looks again at the lease of a shopper’s repeat that took the cancellation over meanwhile', async () => {
    const deps = useCaseDeps();
    const { caller, record } = await initializedPayment(deps);
    deps.glue.next('cancelPayment', NO_ANSWER);
    expectError(
      await cancelPreOrderPayment(deps, sameCaller(caller), { preOrderPaymentId: record.id }),
      'UPSTREAM_UNAVAILABLE',
    );
    deps.clock.advance(LEASE_MS);
    const held = deps.glue.hold('cancelPayment');
    let repeating: ReturnType<typeof cancelPreOrderPayment> | undefined;
    const sweeper = racedAfterRead(deps, async () => {
      repeating = cancelPreOrderPayment(deps, sameCaller(caller), { preOrderPaymentId: record.id });
      await held.reached;
    });

    expect(await lookAtDuePayment(sweeper, record.id)).toBe('rescheduled');
    const taken = await storedPayment(deps, record.id);
    expect(taken.status).toBe('CANCELING');
    expect(await dueAt(deps, record.id)).toBe(taken.lease);
    held.release();
    expect(expectOk(await (repeating ?? Promise.reject(new Error('the race did not run')))).record.status).toBe(
      'CANCELED',
    );
    expect(deps.glue.callsOf('cancelPayment').map((call) => call.caller.identity.kind)).toEqual(['guest', 'guest']);
  });
});
