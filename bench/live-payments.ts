import { createRedisClient } from '../src/adapters/store/redis-client.ts';
import { createRedisReleaseQueue } from '../src/adapters/store/redis-release-queue.ts';
import { createRedisSessionStore } from '../src/adapters/store/redis-session-store.ts';
import { makeRecord } from '../test/support/records.ts';
import { whenReady } from '../test/support/redis.ts';
import { inParallel } from './gateway-client.ts';

const TTL_MS = 30 * 60 * 1000;

/**
 * Adds live pre-order payments to the gateway's Redis until it holds `total` of them: each a
 * record as initialization writes it (the tests' record, untouched since), a cart index and a
 * release-queue entry, written with the gateway's own store adapters.
 */
export async function fillLivePayments(redisUrl: string, already: number, total: number): Promise<void> {
  const redis = createRedisClient(redisUrl);
  await whenReady(redis, 5000);
  const store = createRedisSessionStore(redis);
  const releases = createRedisReleaseQueue(redis);
  const now = Date.now();
  await inParallel(total - already, 256, async () => {
    const record = makeRecord({
      createdAt: now,
      updatedAt: now,
      observedAt: now,
      placement: null,
      attempts: 0,
      events: [{ type: 'INITIALIZED', at: now, message: null }],
    });
    const scheduled = await releases.schedule(record.id, TTL_MS);
    const created = await store.create(record, { expectedCurrentId: null, ttlSeconds: 3600, expiresInMs: TTL_MS });
    if (!scheduled.ok || !created.ok || created.value.kind !== 'created') throw new Error('live payment not written');
  });
  redis.disconnect();
}
