import type { Redis } from 'ioredis';
import type { RateLimiter } from '../../domain/ports/rate-limiter.ts';
import { ok } from '../../domain/result.ts';
import { reach } from './redis-client.ts';
import { defineScript } from './redis-scripts.ts';

/** KEYS[1] window counter; ARGV[1] window seconds → the count after this hit. */
const HIT_SCRIPT = `
local count = redis.call('INCR', KEYS[1])
if count == 1 then redis.call('EXPIRE', KEYS[1], ARGV[1]) end
return count
`;

/** Fixed-window counters in Redis, shared by every gateway instance (docs/rate-limits.md). */
export function createRedisRateLimiter(
  redis: Redis,
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
      const count = await reach(redis, () => scripts.hpgRateHit(`${prefix}hpg:rl:${bucket}:${window}`, windowSeconds));
      if (!count.ok) return count;
      const retryAfterSeconds = Math.ceil(((window + 1) * windowMs - now()) / 1000);
      return ok({ allowed: Number(count.value) <= limit, retryAfterSeconds });
    },
  };
}
