import type { RateLimiter } from '../../domain/ports/rate-limiter.ts';
import { ok } from '../../domain/result.ts';
import { type RedisClient, reach } from './redis-client.ts';
import { defineScript } from './redis-scripts.ts';

/** KEYS[1] window counter; ARGV[1] window seconds → the count after this hit. */
const HIT_SCRIPT = `
local count = redis.call('INCR', KEYS[1])
if count == 1 then redis.call('EXPIRE', KEYS[1], ARGV[1]) end
return count
`;

/**
 * One window's counter. The bucket is the hash tag, so all windows of one bucket share a slot of a
 * Redis Cluster while buckets spread over the nodes (docs/redis-keys.md). A brace in the bucket
 * would end the tag early: it still names one key, which is all the one-key script needs.
 */
export function rateLimitKey(prefix: string, bucket: string, window: number): string {
  return `${prefix}hpg:{rl:${bucket}}:${window}`;
}

/** Fixed-window counters in Redis, shared by every gateway instance (docs/rate-limits.md). */
export function createRedisRateLimiter(
  redis: RedisClient,
  options: { keyPrefix?: string; now?: () => number } = {},
): RateLimiter {
  const prefix = options.keyPrefix ?? '';
  const now = options.now ?? Date.now;
  const scripts = {
    hpgRateHit: defineScript(redis, 'hpgRateHit', { numberOfKeys: 1, lua: HIT_SCRIPT }),
  };
  return {
    async hit(bucket, limit, windowSeconds) {
      const windowMs = windowSeconds * 1000;
      const window = Math.floor(now() / windowMs);
      const count = await reach(redis, () => scripts.hpgRateHit(rateLimitKey(prefix, bucket, window), windowSeconds));
      if (!count.ok) return count;
      const retryAfterSeconds = Math.ceil(((window + 1) * windowMs - now()) / 1000);
      return ok({ allowed: Number(count.value) <= limit, retryAfterSeconds });
    },
  };
}
