import { randomUUID } from 'node:crypto';
import type { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMemoryIdempotencyStore } from '../../src/adapters/store/memory-idempotency-store.ts';
import { createMemoryRateLimiter } from '../../src/adapters/store/memory-rate-limiter.ts';
import { createRedisIdempotencyStore } from '../../src/adapters/store/redis-idempotency-store.ts';
import { createRedisRateLimiter } from '../../src/adapters/store/redis-rate-limiter.ts';
import type { IdempotencyScope, IdempotencyStore } from '../../src/domain/ports/idempotency-store.ts';
import type { RateLimiter } from '../../src/domain/ports/rate-limiter.ts';
import { answered } from '../support/answers.ts';
import { connectTestRedis, deleteKeysWithPrefix, keysWithPrefix, newKeyPrefix } from '../support/redis.ts';

let redis: Redis;
const prefix = newKeyPrefix();
beforeAll(async () => {
  redis = await connectTestRedis();
});
afterAll(async () => {
  await deleteKeysWithPrefix(redis, prefix);
  redis.disconnect();
});

const scope = (): IdempotencyScope => ({
  operation: 'placeOrder',
  ownerKey: `g_${randomUUID()}`,
  key: `k-${randomUUID()}`,
});

/** A claim on a key with fingerprint 'fp', as request `claimId` makes it. */
const claim = (claimId: string) => ({ fingerprint: 'fp', claimId, startedAt: Date.now(), inFlightTtlMs: 5000 });

const stores: [string, () => IdempotencyStore][] = [
  ['redis', () => createRedisIdempotencyStore(redis, { keyPrefix: prefix })],
  ['memory', () => createMemoryIdempotencyStore()],
];

describe.each(stores)('%s idempotency store', (_name, make) => {
  it('lets exactly one of 20 concurrent begins claim a key; the others see the in-flight record', async () => {
    const store = make();
    const s = scope();
    const outcomes = await Promise.all(Array.from({ length: 20 }, () => answered(store.begin(s, claim('c1')))));
    expect(outcomes.filter((o) => o.kind === 'started')).toHaveLength(1);
    for (const o of outcomes)
      if (o.kind === 'exists') expect(o.record).toMatchObject({ state: 'in-flight', fingerprint: 'fp' });
  });

  it('remembers a completed outcome and answers it to later begins', async () => {
    const store = make();
    const s = scope();
    await answered(store.begin(s, claim('c1')));
    await answered(
      store.complete(s, {
        fingerprint: 'fp',
        outcome: { kind: 'success', preOrderPaymentId: 'pop_x', order: null },
        ttlSeconds: 60,
      }),
    );
    const again = await answered(store.begin(s, claim('c1')));
    expect(again).toEqual({
      kind: 'exists',
      record: {
        state: 'done',
        fingerprint: 'fp',
        outcome: { kind: 'success', preOrderPaymentId: 'pop_x', order: null },
      },
    });
  });

  it("forgets an abandoned in-flight claim but never a completed one, nor another request's claim", async () => {
    const store = make();
    const s = scope();
    await answered(store.begin(s, claim('c1')));
    await answered(store.abandon(s, 'another-claim'));
    expect(await answered(store.get(s))).not.toBeNull();
    await answered(store.abandon(s, 'c1'));
    expect(await answered(store.get(s))).toBeNull();
    await answered(store.begin(s, claim('c1')));
    await answered(
      store.complete(s, {
        fingerprint: 'fp',
        outcome: { kind: 'error', error: { code: 'IDEMPOTENCY_KEY_CONFLICT', message: 'x' } },
        ttlSeconds: 60,
      }),
    );
    await answered(store.abandon(s, 'c1'));
    expect((await answered(store.get(s)))?.state).toBe('done');
  });

  it('scopes records by operation and owner', async () => {
    const store = make();
    const s = scope();
    await answered(store.begin(s, claim('c1')));
    expect((await answered(store.begin({ ...s, operation: 'cancelPreOrderPayment' }, claim('c2')))).kind).toBe(
      'started',
    );
    expect((await answered(store.begin({ ...s, ownerKey: `g_other${randomUUID()}` }, claim('c3')))).kind).toBe(
      'started',
    );
  });
});

describe('redis idempotency store', () => {
  it('puts a TTL on every record: the in-flight claim and the retained outcome', async () => {
    const store = createRedisIdempotencyStore(redis, { keyPrefix: prefix });
    const s = scope();
    await answered(store.begin(s, claim('c1')));
    const [key] = (await keysWithPrefix(redis, prefix)).filter((k) => k.includes(s.ownerKey));
    if (!key) throw new Error('no key written');
    expect(await redis.pttl(key)).toBeGreaterThan(0);
    await answered(
      store.complete(s, {
        fingerprint: 'fp',
        outcome: { kind: 'success', preOrderPaymentId: 'pop_x' },
        ttlSeconds: 120,
      }),
    );
    expect(await redis.ttl(key)).toBeGreaterThan(60);
  });
});

const limiters: [string, () => RateLimiter][] = [
  ['redis', () => createRedisRateLimiter(redis, { keyPrefix: prefix })],
  ['memory', () => createMemoryRateLimiter()],
];

describe.each(limiters)('%s rate limiter', (_name, make) => {
  it('allows exactly `limit` hits per window, also under 30 concurrent hits, and tells when the window ends', async () => {
    const limiter = make();
    const bucket = `b-${randomUUID()}`;
    const results = await Promise.all(Array.from({ length: 30 }, () => answered(limiter.hit(bucket, 10, 60))));
    expect(results.filter((r) => r.allowed)).toHaveLength(10);
    for (const r of results) {
      expect(r.retryAfterSeconds).toBeGreaterThan(0);
      expect(r.retryAfterSeconds).toBeLessThanOrEqual(60);
    }
  });

  it('counts buckets separately', async () => {
    const limiter = make();
    expect((await answered(limiter.hit(`a-${randomUUID()}`, 1, 60))).allowed).toBe(true);
    expect((await answered(limiter.hit(`b-${randomUUID()}`, 1, 60))).allowed).toBe(true);
  });
});
