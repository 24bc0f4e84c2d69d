import type { GatewayError } from '../../domain/errors.ts';
import { Errors } from '../../domain/errors.ts';
import type { UseCaseDeps } from '../use-case-deps.ts';

/**
 * docs/rate-limits.md: only initializations that would reach `POST /payments` count, per cart and
 * per client address; counted in the session store so the limits hold across instances.
 * Null when within both limits.
 */
export async function initializationRateLimit(
  deps: UseCaseDeps,
  cartId: string,
  clientAddress: string | null | undefined,
): Promise<GatewayError | null> {
  const { rateLimitInitPerCart: perCart, rateLimitInitPerClient: perClient } = deps.settings;
  const buckets = [{ bucket: `init:cart:${cartId}`, ...perCart }];
  if (clientAddress) buckets.push({ bucket: `init:client:${clientAddress}`, ...perClient });
  // Both counted at once, in one round trip: a request one limit refuses still counts against the other.
  const hits = await Promise.all(
    buckets.map(({ bucket, count, windowSeconds }) => deps.rateLimiter.hit(bucket, count, windowSeconds)),
  );
  for (const hit of hits) {
    if (!hit.ok) return hit.error;
    if (!hit.value.allowed) return Errors.rateLimited(Math.max(1, hit.value.retryAfterSeconds));
  }
  return null;
}
