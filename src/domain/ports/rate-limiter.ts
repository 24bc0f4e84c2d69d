/**
 * Fixed-window counters kept in the session store, so limits hold across gateway instances
 * (CONTRACT.md §8b). Throws StoreUnavailableError when the store cannot answer.
 */
export interface RateLimiter {
  /**
   * Counts one hit against `bucket` within a window of `windowSeconds`; answers whether it is
   * within `limit` and, when not, how many seconds until the window ends.
   */
  hit(
    bucket: string,
    limit: number,
    windowSeconds: number,
  ): Promise<{ readonly allowed: boolean; readonly retryAfterSeconds: number }>;
}
