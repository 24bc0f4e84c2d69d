import type { Redis } from 'ioredis';
import type { RateLimiter } from '../../domain/ports/rate-limiter.ts';
import { StoreUnavailableError } from '../../domain/ports/session-store.ts';

/** KEYS[1] window counter; ARGV[1] window seconds → the count after this hit. */
const HIT_SCRIPT = `
local count = redis.call('INCR', KEYS[1])
if count == 1 then redis.call('EXPIRE', KEYS[1], ARGV[1]) end
return count
`;

interface RateCommands {
  hpgRateHit(key: string, windowSeconds: number): Promise<unknown>;
}

/** Fixed-window counters in Redis, shared by every gateway instance (CONTRACT.md §8b). */
export function createRedisRateLimiter(
  redis: Redis,
  options: { keyPrefix?: string; now?: () => number } = {},
): RateLimiter {
  const prefix = options.keyPrefix ?? '';
  const now = options.now ?? Date.now;
  redis.defineCommand('hpgRateHit', { numberOfKeys: 1, lua: HIT_SCRIPT });
  // defineCommand adds the method at runtime; ioredis cannot type it.
  const scripts = redis as Redis & RateCommands;
  return {
    async hit(bucket, limit, windowSeconds) {
      const windowMs = windowSeconds * 1000;
      const window = Math.floor(now() / windowMs);
      let count: number;
      try {
        count = Number(await scripts.hpgRateHit(`${prefix}hpg:rl:${bucket}:${window}`, windowSeconds));
      } catch (error) {
        throw new StoreUnavailableError(`rate limiter: ${error instanceof Error ? error.message : String(error)}`);
      }
      const retryAfterSeconds = Math.ceil(((window + 1) * windowMs - now()) / 1000);
      return { allowed: count <= limit, retryAfterSeconds };
    },
  };
}
