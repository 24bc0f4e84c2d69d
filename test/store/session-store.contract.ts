import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { newPreOrderPaymentId, type PreOrderPaymentId } from '../../src/domain/ids.ts';
import type { SessionStore } from '../../src/domain/ports/session-store.ts';
import type { PreOrderPaymentEvent, PreOrderPaymentRecord } from '../../src/domain/pre-order-payment.ts';
import { type Answering, answering } from '../support/answers.ts';
import { makeRecord, newCartId, nextVersion } from '../support/records.ts';

export interface StoreUnderTest {
  readonly store: SessionStore;
  cleanup(): Promise<void>;
  /** Lets `ms` pass for TTLs: a fake clock advances; without it the test really waits. */
  passTime?(ms: number): Promise<void>;
}

/** The behaviour every SessionStore must show (src/domain/ports/session-store.ts), run against each store. */
export function describeSessionStoreContract(name: string, makeStore: () => Promise<StoreUnderTest>): void {
  describe(`SessionStore contract: ${name}`, () => {
    let subject: StoreUnderTest;
    let store: Answering<SessionStore>;
    const passTime = (ms: number) =>
      subject.passTime ? subject.passTime(ms) : new Promise<void>((resolve) => setTimeout(resolve, ms));

    beforeEach(async () => {
      subject = await makeStore();
      store = answering(subject.store);
    });
    afterEach(async () => {
      await subject.cleanup();
    });

    async function created(
      overrides: Partial<PreOrderPaymentRecord> = {},
      ttlSeconds = 60,
    ): Promise<PreOrderPaymentRecord> {
      const record = makeRecord(overrides);
      expect(await store.create(record, null, ttlSeconds)).toEqual({ kind: 'created' });
      return record;
    }

    it('answers null for an unknown id and a cart without payments', async () => {
      const cartId = newCartId();
      expect(await store.get(newPreOrderPaymentId(cartId))).toBeNull();
      expect(await store.getCurrentForCart(cartId)).toBeNull();
    });

    it('creates a record and points the cart index at it', async () => {
      const record = await created();
      expect(await store.get(record.id)).toEqual(record);
      expect(await store.getCurrentForCart(record.cartId)).toEqual(record);
    });

    it('refuses a create when the cart index moved, writing nothing and naming the current id', async () => {
      const first = await created();
      const second = makeRecord({ cartId: first.cartId });
      expect(await store.create(second, null, 60)).toEqual({
        kind: 'cart-index-moved',
        currentId: first.id,
      });
      const stale = newPreOrderPaymentId(first.cartId);
      expect(await store.create(second, stale, 60)).toEqual({
        kind: 'cart-index-moved',
        currentId: first.id,
      });
      expect(await store.get(second.id)).toBeNull();
      expect((await store.getCurrentForCart(first.cartId))?.id).toBe(first.id);
    });

    it('refuses a create expecting a payment on a cart that has none (currentId null)', async () => {
      const record = makeRecord();
      const outcome = await store.create(record, newPreOrderPaymentId(record.cartId), 60);
      expect(outcome).toEqual({ kind: 'cart-index-moved', currentId: null });
      expect(await store.get(record.id)).toBeNull();
    });

    it('supersedes the current payment when the expected id matches, keeping the old record readable', async () => {
      const first = await created();
      const second = makeRecord({ cartId: first.cartId });
      expect(await store.create(second, first.id, 60)).toEqual({ kind: 'created' });
      expect((await store.getCurrentForCart(first.cartId))?.id).toBe(second.id);
      expect(await store.get(first.id)).toEqual(first);
    });

    it('updates when the stored version is next.version - 1', async () => {
      const record = await created();
      const next = nextVersion(record, { status: 'PLACING_ORDER' });
      expect(await store.update(next, 60)).toEqual({ kind: 'written' });
      expect(await store.get(record.id)).toEqual(next);
      expect(await store.getCurrentForCart(record.cartId)).toEqual(next);
    });

    it('refuses a stale update and returns the current record', async () => {
      const record = await created();
      const winner = nextVersion(record, { status: 'CANCELING' });
      expect(await store.update(winner, 60)).toEqual({ kind: 'written' });
      const loser = nextVersion(record, { status: 'PLACING_ORDER' });
      expect(await store.update(loser, 60)).toEqual({ kind: 'version-mismatch', current: winner });
      const skipping = { ...nextVersion(winner), version: winner.version + 2 };
      expect(await store.update(skipping, 60)).toEqual({ kind: 'version-mismatch', current: winner });
      expect(await store.get(record.id)).toEqual(winner);
    });

    it('refuses an update of a record that does not exist (current null)', async () => {
      const next = nextVersion(makeRecord());
      expect(await store.update(next, 60)).toEqual({ kind: 'version-mismatch', current: null });
      expect(await store.get(next.id)).toBeNull();
    });

    it('lets exactly one of 50 concurrent updates from the same version win', async () => {
      const record = await created();
      const candidates = Array.from({ length: 50 }, (_, i) => nextVersion(record, { transactionId: `tr_${i}` }));
      const outcomes = await Promise.all(candidates.map((next) => store.update(next, 60)));
      const winners = outcomes.flatMap((outcome, i) => (outcome.kind === 'written' ? [candidates[i]] : []));
      expect(winners).toHaveLength(1);
      const stored = await store.get(record.id);
      expect(stored).toEqual(winners[0]);
      for (const outcome of outcomes) {
        if (outcome.kind !== 'written') expect(outcome).toEqual({ kind: 'version-mismatch', current: stored });
      }
    });

    it('lets exactly one of 20 concurrent creates for one cart win', async () => {
      const cartId = newCartId();
      const records = Array.from({ length: 20 }, () => makeRecord({ cartId }));
      const outcomes = await Promise.all(records.map((record) => store.create(record, null, 60)));
      const winners = records.filter((_, i) => outcomes[i]?.kind === 'created');
      expect(winners).toHaveLength(1);
      const winner = winners[0] as PreOrderPaymentRecord;
      expect(await store.getCurrentForCart(cartId)).toEqual(winner);
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
      const snapshot = structuredClone(record);
      const given = structuredClone(record);
      expect(await store.create(given, null, 60)).toEqual({ kind: 'created' });
      // Casts drop `readonly` on purpose: the test plays a caller that mutates what it handed over.
      (given.events as PreOrderPaymentEvent[]).push({ type: 'EXPIRED', at: 5 });
      (given.amount as { amount: number }).amount = 1;

      const read = await store.get(record.id);
      expect(read).toEqual(snapshot);
      (read?.events as PreOrderPaymentEvent[] | undefined)?.pop();
      expect(await store.get(record.id)).toEqual(snapshot);
      expect(await store.getCurrentForCart(record.cartId)).toEqual(snapshot);
    });

    it('rejects a record whose id does not carry its cart hash tag (a caller bug, not an outage)', async () => {
      const record = makeRecord();
      const foreign = { ...record, id: newPreOrderPaymentId(newCartId()) as PreOrderPaymentId };
      await expect(store.create(foreign, null, 60)).rejects.toThrow(RangeError);
    });

    it('expires a record and the cart index after their TTL', async () => {
      const record = await created({}, 1);
      await passTime(1100);
      expect(await store.get(record.id)).toBeNull();
      expect(await store.getCurrentForCart(record.cartId)).toBeNull();
      // With the index gone the cart is free again.
      expect(await store.create(makeRecord({ cartId: record.cartId }), null, 60)).toEqual({ kind: 'created' });
    });

    it('extends the record and its cart index on update', async () => {
      const record = await created({}, 1);
      await passTime(600);
      const next = nextVersion(record);
      expect(await store.update(next, 2)).toEqual({ kind: 'written' });
      await passTime(700);
      expect(await store.get(record.id)).toEqual(next);
      expect(await store.getCurrentForCart(record.cartId)).toEqual(next);
    });

    it('holds a cart lock exclusively until released by its holder', async () => {
      const cartId = newCartId();
      const token = await store.acquireCartLock(cartId, 10_000);
      expect(token).toEqual(expect.any(String));
      expect(await store.acquireCartLock(cartId, 10_000)).toBeNull();
      expect(await store.acquireCartLock(newCartId(), 10_000)).toEqual(expect.any(String));

      await store.releaseCartLock(cartId, 'not-the-token');
      expect(await store.acquireCartLock(cartId, 10_000)).toBeNull();

      await store.releaseCartLock(cartId, token as string);
      const again = await store.acquireCartLock(cartId, 10_000);
      expect(again).toEqual(expect.any(String));
      expect(again).not.toBe(token);
      // The old holder's late release must not free the new holder's lock.
      await store.releaseCartLock(cartId, token as string);
      expect(await store.acquireCartLock(cartId, 10_000)).toBeNull();
    });

    it('gives a cart lock to exactly one of 20 concurrent callers', async () => {
      const cartId = newCartId();
      const tokens = await Promise.all(Array.from({ length: 20 }, () => store.acquireCartLock(cartId, 10_000)));
      expect(tokens.filter((token) => token !== null)).toHaveLength(1);
    });

    it('frees a cart lock after its TTL', async () => {
      const cartId = newCartId();
      const token = await store.acquireCartLock(cartId, 200);
      expect(token).not.toBeNull();
      await passTime(300);
      expect(await store.acquireCartLock(cartId, 10_000)).toEqual(expect.any(String));
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
