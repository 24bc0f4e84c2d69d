import { describe, expect, it, vi } from 'vitest';
import { newPreOrderPaymentId, parseCartId } from '../../../../src/domain/ids.ts';
import { type OutboxEntry, outboxEntryId } from '../../../../src/domain/ports/order-outbox.ts';
import type { PreOrderPaymentRecord } from '../../../../src/domain/pre-order-payment.ts';
import {
  RELAY_PACE,
  relayDelayMs,
  relayOutbox,
  startOutboxRelay,
} from '../../../../src/resolvers/order-outcome/outbox-relay.ts';
import { withFaultyStore } from '../../support/faulty-store.ts';
import { initializedPayment, placementStarted, rewrite, storedPayment } from '../../support/payments.ts';
import { silentLogger, type TestDeps, useCaseDeps } from '../../support/use-case-deps.ts';

/** Glue confirmed this order for the payment's first attempt; the store did not take it. */
async function placedEntry(deps: TestDeps, record: Pick<PreOrderPaymentRecord, 'id'>, orderReference = 'DE--42') {
  const entry: OutboxEntry = {
    id: outboxEntryId({ preOrderPaymentId: record.id, attempt: 1 }),
    preOrderPaymentId: record.id,
    attempt: 1,
    outcome: { kind: 'placed', orderReference, orderTotal: null, mismatch: false },
    putAt: deps.clock.now(),
  };
  expect(await deps.outbox.put(entry)).toBe(true);
  return entry;
}

/** A payment whose first attempt sent its checkout and still holds the payment. */
async function sentPayment(deps: TestDeps): Promise<PreOrderPaymentRecord> {
  const { record } = await initializedPayment(deps);
  return placementStarted(deps, record, { leaseMs: 30_000, checkoutSent: true });
}

describe('the outbox relay’s pace (docs/place-order.md item 10)', () => {
  it('looks every interval while the store answers, backs off doubling while it does not, capped, and never gives up', () => {
    const delays = Array.from({ length: 12 }, (_, failed) => relayDelayMs(failed, RELAY_PACE));
    expect(delays).toEqual([1000, 500, 1000, 2000, 4000, 8000, 16000, 30000, 30000, 30000, 30000, 30000]);
    expect(relayDelayMs(10_000, RELAY_PACE)).toBe(30_000);
  });
});

describe('relaying ORDER_PLACED from the outbox', () => {
  it('writes ORDER_PLACED over a placement in flight and removes the entry', async () => {
    const deps = useCaseDeps();
    const record = await sentPayment(deps);
    await placedEntry(deps, record);
    expect(await relayOutbox(deps)).toEqual({ done: 1, waiting: 0, storeAnswered: true });
    expect(await storedPayment(deps, record.id)).toMatchObject({ status: 'ORDER_PLACED', orderReference: 'DE--42' });
    expect(await deps.outbox.pending()).toEqual([]);
  });

  it('writes ORDER_PLACED over the unknown outcome the lease expiry wrote meanwhile: the confirmed order wins', async () => {
    const deps = useCaseDeps();
    const record = await sentPayment(deps);
    await rewrite(deps, record, { status: 'ORDER_OUTCOME_UNKNOWN', lease: null });
    await placedEntry(deps, record);
    await relayOutbox(deps);
    expect(await storedPayment(deps, record.id)).toMatchObject({ status: 'ORDER_PLACED', orderReference: 'DE--42' });
  });

  it('counts a record already ORDER_PLACED with the same order as landed: removed, nothing written (a replay is idempotent)', async () => {
    const deps = useCaseDeps();
    const record = await sentPayment(deps);
    const placed = await rewrite(deps, record, { status: 'ORDER_PLACED', orderReference: 'DE--42', lease: null });
    await placedEntry(deps, record);
    expect(await relayOutbox(deps)).toEqual({ done: 1, waiting: 0, storeAnswered: true });
    expect((await storedPayment(deps, record.id)).version).toBe(placed.version);
    expect(deps.logger.entries.filter((entry) => entry.level === 'error')).toEqual([]);
  });

  it('never changes another order or a canceled payment: logged for an operator, removed, record untouched', async () => {
    const deps = useCaseDeps();
    const other = await rewrite(deps, await sentPayment(deps), { status: 'ORDER_PLACED', orderReference: 'DE--1' });
    const canceled = await rewrite(deps, await sentPayment(deps), { status: 'CANCELED', lease: null });
    await placedEntry(deps, other);
    await placedEntry(deps, canceled);
    expect(await relayOutbox(deps)).toEqual({ done: 2, waiting: 0, storeAnswered: true });
    expect(await storedPayment(deps, other.id)).toMatchObject({ version: other.version, orderReference: 'DE--1' });
    expect(await storedPayment(deps, canceled.id)).toMatchObject({ version: canceled.version, status: 'CANCELED' });
    const errors = deps.logger.entries.filter((entry) => entry.level === 'error');
    expect(errors.map((entry) => entry.message)).toEqual([
      'ORDER_PLACED cannot be written; an operator decides',
      'ORDER_PLACED cannot be written; an operator decides',
    ]);
  });

  it('keeps an entry whose record is not found while the record could still exist, then drops it with an error', async () => {
    const deps = useCaseDeps();
    const cartId = parseCartId('gone-cart');
    if (!cartId) throw new Error('bad cart id');
    await placedEntry(deps, { id: newPreOrderPaymentId(cartId) });
    expect(await relayOutbox(deps)).toEqual({ done: 0, waiting: 1, storeAnswered: true });
    deps.clock.advance(deps.settings.recordTtlSeconds * 1000);
    expect(await relayOutbox(deps)).toEqual({ done: 1, waiting: 0, storeAnswered: true });
    expect(deps.logger.entries.at(-1)).toMatchObject({
      level: 'error',
      message: 'ORDER_PLACED dropped: the pre-order payment record is gone',
    });
  });

  it('leaves what it could not write in the outbox when stopped; the next process’s relay writes it', async () => {
    const deps = withFaultyStore(useCaseDeps());
    const record = await sentPayment(deps);
    await placedEntry(deps, record);
    deps.store.down();
    const first = startOutboxRelay({ ...RELAY_PACE, logger: deps.logger, depsFor: () => deps });
    await vi.waitFor(() => expect(deps.store.refusedWhileDown).toBeGreaterThan(0));
    await first.stop();
    expect(await deps.outbox.pending()).toHaveLength(1);
    expect(deps.logger.entries.at(-1)).toMatchObject({
      level: 'warn',
      message: 'outbox: the store does not answer; retrying with backoff',
    });

    // The next process: the same store and outbox (the same disk), everything else its own.
    deps.store.up();
    const next = { ...deps, logger: silentLogger() };
    const second = startOutboxRelay({ ...RELAY_PACE, logger: next.logger, depsFor: () => next });
    await vi.waitFor(async () => expect(await deps.outbox.pending()).toEqual([]));
    await second.stop();
    expect(await storedPayment(deps, record.id)).toMatchObject({ status: 'ORDER_PLACED', orderReference: 'DE--42' });
    expect(next.logger.entries).toContainEqual(
      expect.objectContaining({ level: 'info', message: 'ORDER_PLACED written after a store outage' }),
    );
  });
});
