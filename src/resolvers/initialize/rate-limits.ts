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
  for (const { bucket, count, windowSeconds } of buckets) {
    const hit = await deps.rateLimiter.hit(bucket, count, windowSeconds);
    if (!hit.ok) return hit.error;
    if (!hit.value.allowed) return Errors.rateLimited(Math.max(1, hit.value.retryAfterSeconds));
  }
  return null;
}
