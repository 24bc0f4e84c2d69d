import type { Logger as PinoLogger } from 'pino';
import { createGlueClient } from './adapters/glue/glue-client.ts';
import { createGlueHttp } from './adapters/glue/http.ts';
import { createRequestGlue } from './adapters/glue/loaders.ts';
import { providerDataFor } from './adapters/psp/index.ts';
import { createMemoryIdempotencyStore } from './adapters/store/memory-idempotency-store.ts';
import { createMemoryRateLimiter } from './adapters/store/memory-rate-limiter.ts';
import { createMemorySessionStore } from './adapters/store/memory-session-store.ts';
import { createRedisIdempotencyStore } from './adapters/store/redis-idempotency-store.ts';
import { createRedisRateLimiter } from './adapters/store/redis-rate-limiter.ts';
import { createRedisClient, createRedisSessionStore } from './adapters/store/redis-session-store.ts';
import type { Config } from './config.ts';
import type { GluePort } from './domain/ports/glue-port.ts';
import type { IdempotencyStore } from './domain/ports/idempotency-store.ts';
import type { RateLimiter } from './domain/ports/rate-limiter.ts';
import type { SessionStore } from './domain/ports/session-store.ts';
import type { PreOrderPaymentRecord } from './domain/pre-order-payment.ts';
import type { ProviderData } from './domain/provider-data.ts';

export interface Adapters {
  readonly store: SessionStore;
  readonly idempotency: IdempotencyStore;
  readonly rateLimiter: RateLimiter;
  readonly glueForRequest: () => GluePort;
  readonly providerData: (record: PreOrderPaymentRecord) => ProviderData;
  /** False while Glue's circuit breaker is open (for /readyz; never calls Glue). */
  readonly glueAvailable: () => boolean;
  close(): Promise<void>;
}

/** The composition root's adapter half: the one place that chooses concrete adapters. */
export function createAdapters(config: Config, glueBaseUrl: string, logger: PinoLogger): Adapters {
  // Retries and the circuit breaker use their defaults (resilience.ts); the logger reports breaker changes.
  const http = createGlueHttp({ baseUrl: glueBaseUrl, timeoutMs: config.glueTimeoutMs, resilience: { logger } });
  const glue = createGlueClient({ http });
  let store: SessionStore;
  let idempotency: IdempotencyStore;
  let rateLimiter: RateLimiter;
  if (config.redisUrl) {
    const redis = createRedisClient(config.redisUrl, {
      onError: (error) => logger.warn({ err: error.message }, 'redis connection problem'),
    });
    store = createRedisSessionStore(redis);
    idempotency = createRedisIdempotencyStore(redis);
    rateLimiter = createRedisRateLimiter(redis);
  } else {
    logger.warn(
      'REDIS_URL is unset: using the in-process session store (single instance only, nothing survives a restart)',
    );
    store = createMemorySessionStore();
    idempotency = createMemoryIdempotencyStore();
    rateLimiter = createMemoryRateLimiter();
  }
  return {
    store,
    idempotency,
    rateLimiter,
    glueForRequest: () => createRequestGlue(glue),
    glueAvailable: () => http.available(),
    providerData: (record) =>
      providerDataFor(record, (message) =>
        logger.warn(
          { paymentProviderName: record.paymentProviderName, paymentMethodName: record.paymentMethodName },
          message,
        ),
      ),
    async close() {
      await store.close();
      await http.close();
    },
  };
}
