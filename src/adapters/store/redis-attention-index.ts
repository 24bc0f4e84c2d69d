import type { PreOrderPaymentId } from '../../domain/ids.ts';
import type { AttentionEntry, AttentionIndex } from '../../domain/ports/attention-index.ts';
import { ok } from '../../domain/result.ts';
import { storeKeys } from './keys.ts';
import { ATTENTION_ADD_SCRIPT } from './lua-scripts.ts';
import { type RedisClient, reach, scriptNumber } from './redis-client.ts';
import { defineScript } from './redis-scripts.ts';

/** The operators' list in Redis: one sorted set of ids by the store time they were listed. */
export function createRedisAttentionIndex(
  redis: RedisClient,
  options: { readonly keyPrefix?: string } = {},
): AttentionIndex {
  const key = storeKeys(options.keyPrefix).attention();
  const scripts = {
    hpgAttentionAdd: defineScript(redis, 'hpgAttentionAdd', { numberOfKeys: 1, lua: ATTENTION_ADD_SCRIPT }),
  };
  return {
    async add(id) {
      const reply = await reach(redis, () => scripts.hpgAttentionAdd(key, id));
      return reply.ok ? ok(undefined) : reply;
    },
    async remove(id) {
      const reply = await reach(redis, () => redis.zrem(key, id));
      return reply.ok ? ok(undefined) : reply;
    },
    async list({ limit, after }) {
      // Entries listed at the cursor's time after its id, then later ones.
      const from = after ? String(after.since) : '-inf';
      const reply = await reach(redis, () =>
        redis.zrangebyscore(key, from, '+inf', 'WITHSCORES', 'LIMIT', 0, limit + 1000),
      );
      if (!reply.ok) return reply;
      const entries: AttentionEntry[] = [];
      for (let index = 0; index + 1 < reply.value.length && entries.length < limit; index += 2) {
        const id = reply.value[index] as PreOrderPaymentId;
        const since = scriptNumber(reply.value[index + 1]);
        if (after && since === after.since && id <= after.id) continue;
        entries.push({ id, since });
      }
      return ok(entries);
    },
    async count() {
      return reach(redis, () => redis.zcard(key));
    },
  };
}
