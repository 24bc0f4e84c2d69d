import type { StoreAnswer } from './store-answer.ts';

/** Fixed-window counters kept in the session store, so limits hold across gateway instances (docs/rate-limits.md). */
export interface RateLimiter {
  /**
   * Counts one hit against `bucket` within a window of `windowSeconds`; answers whether it is
   * within `limit` and, when not, how many seconds until the window ends.
   */
  hit(
    bucket: string,
    limit: number,
    windowSeconds: number,
  ): Promise<StoreAnswer<{ readonly allowed: boolean; readonly retryAfterSeconds: number }>>;
}
