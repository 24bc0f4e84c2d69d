import type { PreOrderPaymentId } from '../../domain/ids.ts';
import type { Claimed, ReleaseQueue } from '../../domain/ports/release-queue.ts';
import { ok } from '../../domain/result.ts';
import { storeKeys } from './keys.ts';
import { CLAIM_SCRIPT, OVERDUE_SCRIPT, SCHEDULE_SCRIPT } from './lua-scripts.ts';
import { type RedisClient, reach, scriptNumber } from './redis-client.ts';
import { defineScript } from './redis-scripts.ts';

/**
 * The release queue in Redis: sorted sets of due times (store clock) sharded by the payment's cart
 * tag (keys.ts), so the queue spreads over a Redis Cluster; claims are one script per shard.
 */
export function createRedisReleaseQueue(
  redis: RedisClient,
  options: { readonly keyPrefix?: string } = {},
): ReleaseQueue {
  const keys = storeKeys(options.keyPrefix);
  const scripts = {
    hpgQueueSchedule: defineScript(redis, 'hpgQueueSchedule', { numberOfKeys: 1, lua: SCHEDULE_SCRIPT }),
    hpgQueueClaim: defineScript(redis, 'hpgQueueClaim', { numberOfKeys: 1, lua: CLAIM_SCRIPT }),
    hpgQueueOverdue: defineScript(redis, 'hpgQueueOverdue', { numberOfKeys: 1, lua: OVERDUE_SCRIPT }),
  };
  // Each claim starts at another shard, so sweepers on several processes spread over the shards.
  let nextShard = Math.floor(Math.random() * keys.releaseQueues().length);

  return {
    async schedule(id, inMs) {
      const reply = await reach(redis, () => scripts.hpgQueueSchedule(keys.releaseQueue(id), id, Math.round(inMs)));
      return reply.ok ? ok(undefined) : reply;
    },

    async reschedule(id, at) {
      const reply = await reach(redis, () => redis.zadd(keys.releaseQueue(id), Math.round(at), id));
      return reply.ok ? ok(undefined) : reply;
    },

    async claimDue({ limit, leaseMs }) {
      const shards = keys.releaseQueues();
      const ids: PreOrderPaymentId[] = [];
      let now = 0;
      let oldest: number | null = null;
      for (let visited = 0; visited < shards.length && ids.length < limit; visited += 1) {
        const shard = shards[(nextShard + visited) % shards.length] ?? '';
        const reply = await reach(redis, () => scripts.hpgQueueClaim(shard, limit - ids.length, Math.round(leaseMs)));
        if (!reply.ok) return reply;
        const [at, oldestDue, ...claimed] = reply.value as [number, string | null, ...string[]];
        now = Math.max(now, scriptNumber(at));
        if (oldestDue !== null) oldest = Math.min(oldest ?? Number.POSITIVE_INFINITY, scriptNumber(oldestDue));
        ids.push(...(claimed as PreOrderPaymentId[]));
      }
      nextShard = (nextShard + 1) % shards.length;
      return ok<Claimed>({ ids, now, oldestUnclaimedDueAt: oldest });
    },

    async remove(id) {
      const reply = await reach(redis, () => redis.zrem(keys.releaseQueue(id), id));
      return reply.ok ? ok(undefined) : reply;
    },

    async overdue({ graceMs, limit }) {
      const entries: { id: PreOrderPaymentId; dueAt: number }[] = [];
      let total = 0;
      for (const shard of keys.releaseQueues()) {
        const reply = await reach(redis, () => scripts.hpgQueueOverdue(shard, Math.round(graceMs), limit));
        if (!reply.ok) return reply;
        const [, count, ...flat] = reply.value as [number, number, ...string[]];
        total += scriptNumber(count);
        for (let index = 0; index + 1 < flat.length; index += 2) {
          entries.push({ id: flat[index] as PreOrderPaymentId, dueAt: scriptNumber(flat[index + 1]) });
        }
      }
      entries.sort((a, b) => a.dueAt - b.dueAt || a.id.localeCompare(b.id));
      return ok({ entries: entries.slice(0, limit), total });
    },
  };
}
