import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { newPreOrderPaymentId, type PreOrderPaymentId } from '../../src/domain/ids.ts';
import type { CreateOptions, SessionStore, UpdateOptions } from '../../src/domain/ports/session-store.ts';
import type { PreOrderPaymentEvent, PreOrderPaymentRecord } from '../../src/domain/pre-order-payment.ts';
import { type Answering, answering } from '../support/answers.ts';
import { makeRecord, newCartId, nextVersion, withoutStoreTimes } from '../support/records.ts';

export interface StoreUnderTest {
  readonly store: SessionStore;
  cleanup(): Promise<void>;
  /** Lets `ms` pass for TTLs and leases: a fake clock advances; without it the test really waits. */
  passTime?(ms: number): Promise<void>;
}

const DEADLINE_MS = 1_800_000;

/** The behaviour every SessionStore must show (src/domain/ports/session-store.ts), run against each store. */
export function describeSessionStoreContract(name: string, makeStore: () => Promise<StoreUnderTest>): void {
  describe(`SessionStore contract: ${name}`, () => {
    let subject: StoreUnderTest;
    let store: Answering<SessionStore>;
    const passTime = (ms: number) =>
      subject.passTime ? subject.passTime(ms) : new Promise<void>((resolve) => setTimeout(resolve, ms));
    const fresh = (expectedCurrentId: PreOrderPaymentId | null = null, ttlSeconds = 60): CreateOptions => ({
      expectedCurrentId,
      ttlSeconds,
      expiresInMs: DEADLINE_MS,
    });
    const plain: UpdateOptions = { ttlSeconds: 60 };

    beforeEach(async () => {
      subject = await makeStore();
      store = answering(subject.store);
    });
    afterEach(async () => {
      await subject.cleanup();
    });

    /** A record created in the store, as the store answered it (with the times it stamped). */
    async function created(overrides: Partial<PreOrderPaymentRecord> = {}, ttlSeconds = 60) {
      const outcome = await store.create(makeRecord(overrides), fresh(null, ttlSeconds));
      if (outcome.kind !== 'created') throw new Error(`not created: ${JSON.stringify(outcome)}`);
      return outcome.record;
    }

    /** A record as read back, compared without the times only the store sets. */
    const readBack = async (id: PreOrderPaymentId) => {
      const record = await store.get(id);
      return record && withoutStoreTimes(record);
    };

    it('answers null for an unknown id and a cart without payments', async () => {
      const cartId = newCartId();
      expect(await store.get(newPreOrderPaymentId(cartId))).toBeNull();
      expect(await store.getCurrentForCart(cartId)).toBeNull();
    });

    it('creates a record, stamps its deadline by its own clock and points the cart index at it', async () => {
      const record = makeRecord();
      const outcome = await store.create(record, fresh());
      if (outcome.kind !== 'created') throw new Error(outcome.kind);
      expect(outcome.record.expiresAt).toBe(outcome.record.observedAt + DEADLINE_MS);
      expect(outcome.record.lease).toBeNull();
      expect(withoutStoreTimes(outcome.record)).toEqual(withoutStoreTimes(record));
      expect(await store.get(record.id)).toEqual({ ...outcome.record, observedAt: expect.any(Number) });
      expect(await store.getCurrentForCart(record.cartId)).toEqual({
        ...outcome.record,
        observedAt: expect.any(Number),
      });
    });

    it('tells its clock with every record it answers, and the clock does not go back', async () => {
      const record = await created();
      const first = await store.get(record.id);
      await passTime(20);
      const second = await store.get(record.id);
      expect(first?.observedAt).toBeGreaterThanOrEqual(record.observedAt);
      expect(second?.observedAt).toBeGreaterThan(first?.observedAt ?? Number.POSITIVE_INFINITY);
    });

    it('refuses a create when the cart index moved, writing nothing and naming the current id', async () => {
      const first = await created();
      const second = makeRecord({ cartId: first.cartId });
      expect(await store.create(second, fresh())).toEqual({ kind: 'cart-index-moved', currentId: first.id });
      const stale = newPreOrderPaymentId(first.cartId);
      expect(await store.create(second, fresh(stale))).toEqual({ kind: 'cart-index-moved', currentId: first.id });
      expect(await store.get(second.id)).toBeNull();
      expect((await store.getCurrentForCart(first.cartId))?.id).toBe(first.id);
    });

    it('refuses a create expecting a payment on a cart that has none (currentId null)', async () => {
      const record = makeRecord();
      const outcome = await store.create(record, fresh(newPreOrderPaymentId(record.cartId)));
      expect(outcome).toEqual({ kind: 'cart-index-moved', currentId: null });
      expect(await store.get(record.id)).toBeNull();
    });

    it('supersedes the current payment when the expected id matches, keeping the old record readable', async () => {
      const first = await created();
      const second = makeRecord({ cartId: first.cartId });
      expect((await store.create(second, fresh(first.id))).kind).toBe('created');
      expect((await store.getCurrentForCart(first.cartId))?.id).toBe(second.id);
      expect(await readBack(first.id)).toEqual(withoutStoreTimes(first));
    });

    it('updates when the stored version is next.version - 1, keeping the stamped times', async () => {
      const record = await created();
      const next = nextVersion(record, { status: 'PLACING_ORDER' });
      const outcome = await store.update(next, plain);
      expect(outcome).toEqual({ kind: 'written', record: { ...next, observedAt: expect.any(Number) } });
      expect(await readBack(record.id)).toEqual(withoutStoreTimes(next));
      expect((await store.getCurrentForCart(record.cartId))?.expiresAt).toBe(record.expiresAt);
    });

    it('takes a durable update like any other (on a replicated Redis: once a replica has it), and a stale one not', async () => {
      const record = await created();
      const next = nextVersion(record, { status: 'PLACING_ORDER' });
      const outcome = await store.update(next, { ...plain, durable: true });
      expect(outcome).toEqual({ kind: 'written', record: { ...next, observedAt: expect.any(Number) } });
      expect(await readBack(record.id)).toEqual(withoutStoreTimes(next));
      const stale = await store.update(nextVersion(record, { status: 'CANCELING' }), { ...plain, durable: true });
      expect(stale.kind === 'version-mismatch' && stale.current && withoutStoreTimes(stale.current)).toEqual(
        withoutStoreTimes(next),
      );
    });

    it('refuses a stale update and returns the current record', async () => {
      const record = await created();
      const winner = nextVersion(record, { status: 'CANCELING' });
      expect((await store.update(winner, plain)).kind).toBe('written');
      const loser = nextVersion(record, { status: 'PLACING_ORDER' });
      const lost = await store.update(loser, plain);
      expect(lost.kind === 'version-mismatch' && lost.current && withoutStoreTimes(lost.current)).toEqual(
        withoutStoreTimes(winner),
      );
      const skipping = { ...nextVersion(winner), version: winner.version + 2 };
      expect((await store.update(skipping, plain)).kind).toBe('version-mismatch');
      expect(await readBack(record.id)).toEqual(withoutStoreTimes(winner));
    });

    it('refuses an update of a record that does not exist (current null)', async () => {
      const next = nextVersion(makeRecord());
      expect(await store.update(next, plain)).toEqual({ kind: 'version-mismatch', current: null });
      expect(await store.get(next.id)).toBeNull();
    });

    it('lets exactly one of 50 concurrent updates from the same version win', async () => {
      const record = await created();
      const candidates = Array.from({ length: 50 }, (_, i) => nextVersion(record, { transactionId: `tr_${i}` }));
      const outcomes = await Promise.all(candidates.map((next) => store.update(next, plain)));
      const winners = outcomes.flatMap((outcome, i) => (outcome.kind === 'written' ? [candidates[i]] : []));
      expect(winners).toHaveLength(1);
      const stored = await readBack(record.id);
      expect(stored).toEqual(withoutStoreTimes(winners[0] as PreOrderPaymentRecord));
      for (const outcome of outcomes) {
        if (outcome.kind === 'written') continue;
        expect(outcome.kind === 'version-mismatch' && outcome.current && withoutStoreTimes(outcome.current)).toEqual(
          stored,
        );
      }
    });

    it('lets exactly one of 20 concurrent creates for one cart win', async () => {
      const cartId = newCartId();
      const records = Array.from({ length: 20 }, () => makeRecord({ cartId }));
      const outcomes = await Promise.all(records.map((record) => store.create(record, fresh())));
      const winners = records.filter((_, i) => outcomes[i]?.kind === 'created');
      expect(winners).toHaveLength(1);
      const winner = winners[0] as PreOrderPaymentRecord;
      expect((await store.getCurrentForCart(cartId))?.id).toBe(winner.id);
      for (const [i, outcome] of outcomes.entries()) {
        if (outcome.kind === 'created') continue;
        expect(outcome).toEqual({ kind: 'cart-index-moved', currentId: winner.id });
        expect(await store.get((records[i] as PreOrderPaymentRecord).id)).toBeNull();
      }
    });

    it('round-trips a full record unchanged and keeps stored state away from callers', async () => {
      const record = makeRecord({
        status: 'ORDER_OUTCOME_UNKNOWN',
        orderReference: 'DE--42',
        reconciliation: { attempts: 2, nextAt: 1_750_000_000_000 },
        events: [
          { type: 'INITIALIZED', at: 1, message: null },
          { type: 'REINITIALIZED', at: 2, message: 'Größe geändert — ✓' },
          { type: 'ORDER_PLACEMENT_STARTED', at: 3 },
          { type: 'ORDER_OUTCOME_UNKNOWN', at: 4, message: '\u0000 control \u2028 separators \ud83d\ude00' },
        ],
      });
      const snapshot = withoutStoreTimes(structuredClone(record));
      const given = structuredClone(record);
      expect((await store.create(given, fresh())).kind).toBe('created');
      // Casts drop `readonly` on purpose: the test plays a caller that mutates what it handed over.
      (given.events as PreOrderPaymentEvent[]).push({ type: 'EXPIRED', at: 5 });
      (given.amount as { amount: number }).amount = 1;

      const read = await store.get(record.id);
      expect(read && withoutStoreTimes(read)).toEqual(snapshot);
      (read?.events as PreOrderPaymentEvent[] | undefined)?.pop();
      expect(await readBack(record.id)).toEqual(snapshot);
      const current = await store.getCurrentForCart(record.cartId);
      expect(current && withoutStoreTimes(current)).toEqual(snapshot);
    });

    it('rejects a record whose id does not carry its cart hash tag (a caller bug, not an outage)', async () => {
      const record = makeRecord();
      const foreign = { ...record, id: newPreOrderPaymentId(newCartId()) as PreOrderPaymentId };
      await expect(store.create(foreign, fresh())).rejects.toThrow(RangeError);
    });

    it('expires a record and the cart index after their TTL', async () => {
      const record = await created({}, 1);
      await passTime(1100);
      expect(await store.get(record.id)).toBeNull();
      expect(await store.getCurrentForCart(record.cartId)).toBeNull();
      // With the index gone the cart is free again.
      expect((await store.create(makeRecord({ cartId: record.cartId }), fresh())).kind).toBe('created');
    });

    it('extends the record and its cart index on update', async () => {
      const record = await created({}, 1);
      await passTime(600);
      const next = nextVersion(record);
      expect((await store.update(next, { ttlSeconds: 2 })).kind).toBe('written');
      await passTime(700);
      expect(await readBack(record.id)).toEqual(withoutStoreTimes(next));
      expect((await store.getCurrentForCart(record.cartId))?.id).toBe(record.id);
    });

    describe('its clock: leases and deadlines', () => {
      it('stamps a lease and a new deadline from its own clock, keeps them unless told, and clears a lease', async () => {
        const record = await created();
        const leased = await store.update(nextVersion(record), { ttlSeconds: 60, stamp: { leaseForMs: 5000 } });
        if (leased.kind !== 'written') throw new Error(leased.kind);
        expect(leased.record.lease).toBe(leased.record.observedAt + 5000);
        const kept = await store.update(nextVersion(leased.record), plain);
        if (kept.kind !== 'written') throw new Error(kept.kind);
        expect(kept.record.lease).toBe(leased.record.lease);
        const moved = await store.update(nextVersion(kept.record), {
          ttlSeconds: 60,
          stamp: { expiresInMs: 60_000, leaseForMs: null },
        });
        if (moved.kind !== 'written') throw new Error(moved.kind);
        expect(moved.record.lease).toBeNull();
        expect(moved.record.expiresAt).toBe(moved.record.observedAt + 60_000);
        expect((await store.get(record.id))?.expiresAt).toBe(moved.record.expiresAt);
      });

      it('refuses a takeover while the lease holds, by its own clock, and allows it once the lease ran out', async () => {
        const record = await created();
        const held = await store.update(nextVersion(record), { ttlSeconds: 60, stamp: { leaseForMs: 300 } });
        if (held.kind !== 'written') throw new Error(held.kind);
        const early = await store.update(nextVersion(held.record), { ttlSeconds: 60, require: 'lease-expired' });
        expect(early.kind).toBe('requirement-failed');
        expect(early.kind === 'requirement-failed' && early.current.version).toBe(held.record.version);
        await passTime(400);
        expect((await store.update(nextVersion(held.record), { ttlSeconds: 60, require: 'lease-expired' })).kind).toBe(
          'written',
        );
      });

      it('judges the deadline by its own clock: not-expired before it, expired after it', async () => {
        const record = makeRecord();
        const outcome = await store.create(record, { ...fresh(), expiresInMs: 300 });
        if (outcome.kind !== 'created') throw new Error(outcome.kind);
        const stored = outcome.record;
        expect((await store.update(nextVersion(stored), { ttlSeconds: 60, require: 'expired' })).kind).toBe(
          'requirement-failed',
        );
        await passTime(400);
        expect((await store.update(nextVersion(stored), { ttlSeconds: 60, require: 'not-expired' })).kind).toBe(
          'requirement-failed',
        );
        expect((await store.update(nextVersion(stored), { ttlSeconds: 60, require: 'expired' })).kind).toBe('written');
      });
    });

    /** The token of a cart lock attempt (null when held). */
    const lockToken = async (cartId: Parameters<SessionStore['lockCartAndRead']>[0], ttlMs: number) =>
      (await store.lockCartAndRead(cartId, ttlMs)).token;

    it('holds a cart lock exclusively until released by its holder', async () => {
      const cartId = newCartId();
      const token = await lockToken(cartId, 10_000);
      expect(token).toEqual(expect.any(String));
      expect(await lockToken(cartId, 10_000)).toBeNull();
      expect(await lockToken(newCartId(), 10_000)).toEqual(expect.any(String));

      await store.releaseCartLock(cartId, 'not-the-token');
      expect(await lockToken(cartId, 10_000)).toBeNull();

      await store.releaseCartLock(cartId, token as string);
      const again = await lockToken(cartId, 10_000);
      expect(again).toEqual(expect.any(String));
      expect(again).not.toBe(token);
      // The old holder's late release must not free the new holder's lock.
      await store.releaseCartLock(cartId, token as string);
      expect(await lockToken(cartId, 10_000)).toBeNull();
    });

    it('gives a cart lock to exactly one of 20 concurrent callers', async () => {
      const cartId = newCartId();
      const tokens = await Promise.all(Array.from({ length: 20 }, () => lockToken(cartId, 10_000)));
      expect(tokens.filter((token) => token !== null)).toHaveLength(1);
    });

    it('frees a cart lock after its TTL', async () => {
      const cartId = newCartId();
      const token = await lockToken(cartId, 200);
      expect(token).not.toBeNull();
      await passTime(300);
      expect(await lockToken(cartId, 10_000)).toEqual(expect.any(String));
    });

    it("answers the cart's current payment with every lock attempt, taken or not", async () => {
      const cartId = newCartId();
      expect(await store.lockCartAndRead(cartId, 10_000)).toEqual({ token: expect.any(String), current: null });
      const record = await created({ cartId });
      const held = await store.lockCartAndRead(cartId, 10_000);
      expect(held.token).toBeNull();
      expect(held.current && withoutStoreTimes(held.current)).toEqual(withoutStoreTimes(record));
      expect(held.current?.expiresAt).toBe(record.expiresAt);

      const other = await created();
      const taken = await store.lockCartAndRead(other.cartId, 10_000);
      expect(taken.token).toEqual(expect.any(String));
      expect(taken.current?.id).toBe(other.id);
      expect(taken.current?.version).toBe(other.version);
    });

    it('caches a customerReference per token hash for its TTL', async () => {
      const hash = `h_${newCartId()}`;
      expect(await store.getCachedCustomerReference(hash)).toBeNull();
      await store.cacheCustomerReference(hash, 'DE--7', 1);
      expect(await store.getCachedCustomerReference(hash)).toBe('DE--7');
      expect(await store.getCachedCustomerReference(`${hash}x`)).toBeNull();
      await passTime(1100);
      expect(await store.getCachedCustomerReference(hash)).toBeNull();
    });

    it('does not cache a customerReference for a token with under a second left', async () => {
      const hash = `h_${newCartId()}`;
      await store.cacheCustomerReference(hash, 'DE--8', 0);
      expect(await store.getCachedCustomerReference(hash)).toBeNull();
    });

    it('answers ping while open', async () => {
      expect(await store.ping()).toBe(true);
    });

    it('answers ping false after close', async () => {
      await store.close();
      expect(await store.ping()).toBe(false);
    });
  });
}
