import type { RateLimiter } from '../../domain/ports/rate-limiter.ts';
import { ok } from '../../domain/result.ts';

/** In-process twin of the Redis rate limiter (single instance only). */
export function createMemoryRateLimiter(options: { now?: () => number } = {}): RateLimiter {
  const now = options.now ?? Date.now;
  const counters = new Map<string, { count: number; endsAt: number }>();
  return {
    async hit(bucket, limit, windowSeconds) {
      const windowMs = windowSeconds * 1000;
      const window = Math.floor(now() / windowMs);
      const key = `${bucket}:${window}`;
      const endsAt = (window + 1) * windowMs;
      const counter = counters.get(key) ?? { count: 0, endsAt };
      counter.count += 1;
      counters.set(key, counter);
      for (const [other, entry] of counters) if (entry.endsAt <= now()) counters.delete(other);
      return ok({ allowed: counter.count <= limit, retryAfterSeconds: Math.ceil((endsAt - now()) / 1000) });
    },
  };
}
