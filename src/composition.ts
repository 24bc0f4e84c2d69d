import type { Logger as PinoLogger } from 'pino';
import { createGlueClient } from './adapters/glue/glue-client.ts';
import { createGlueHttp } from './adapters/glue/http.ts';
import { createRequestGlue } from './adapters/glue/loaders.ts';
import { createPrometheusMetrics, type PrometheusMetrics } from './adapters/metrics/prometheus.ts';
import { createFileOrderOutbox } from './adapters/outbox/file-order-outbox.ts';
import { createMemoryOrderOutbox } from './adapters/outbox/memory-order-outbox.ts';
import { providerDataFor } from './adapters/psp/index.ts';
import { createMemoryAttentionIndex } from './adapters/store/memory-attention-index.ts';
import { createMemoryIdempotencyStore } from './adapters/store/memory-idempotency-store.ts';
import { createMemoryRateLimiter } from './adapters/store/memory-rate-limiter.ts';
import { createMemoryReleaseQueue } from './adapters/store/memory-release-queue.ts';
import { createMemorySessionStore } from './adapters/store/memory-session-store.ts';
import { createMemoryUpdateBus } from './adapters/store/memory-updates.ts';
import { createRedisAttentionIndex } from './adapters/store/redis-attention-index.ts';
import { connectRedis, type RedisTarget } from './adapters/store/redis-client.ts';
import { createRedisIdempotencyStore } from './adapters/store/redis-idempotency-store.ts';
import { createRedisPaymentUpdates } from './adapters/store/redis-payment-updates.ts';
import { createRedisRateLimiter } from './adapters/store/redis-rate-limiter.ts';
import { createRedisReleaseQueue } from './adapters/store/redis-release-queue.ts';
import { createRedisSessionStore } from './adapters/store/redis-session-store.ts';
import type { Config } from './config.ts';
import { type Clock, systemClock } from './domain/clock.ts';
import type { Logger } from './domain/logger.ts';
import type { AttentionIndex } from './domain/ports/attention-index.ts';
import type { GluePort } from './domain/ports/glue-port.ts';
import type { IdempotencyStore } from './domain/ports/idempotency-store.ts';
import type { OrderOutbox } from './domain/ports/order-outbox.ts';
import type { PaymentUpdates } from './domain/ports/payment-updates.ts';
import type { RateLimiter } from './domain/ports/rate-limiter.ts';
import type { ReleaseQueue } from './domain/ports/release-queue.ts';
import type { SessionStore } from './domain/ports/session-store.ts';
import type { PreOrderPaymentRecord } from './domain/pre-order-payment.ts';
import type { ProviderData } from './domain/provider-data.ts';
import { RELAY_PACE, startOutboxRelay } from './resolvers/order-outcome/outbox-relay.ts';
import { startReleaseSweeper } from './resolvers/release/release-sweeper.ts';
import type { UseCaseDeps, UseCaseSettings } from './resolvers/use-case-deps.ts';

export interface Adapters {
  readonly store: SessionStore;
  readonly releases: ReleaseQueue;
  readonly attention: AttentionIndex;
  readonly updates: PaymentUpdates;
  readonly idempotency: IdempotencyStore;
  readonly rateLimiter: RateLimiter;
  readonly outbox: OrderOutbox;
  readonly metrics: PrometheusMetrics;
  readonly glueForRequest: () => GluePort;
  readonly providerData: (record: PreOrderPaymentRecord) => ProviderData;
  /** False while Glue's circuit breaker is open (for /readyz; never calls Glue). */
  readonly glueAvailable: () => boolean;
  close(): Promise<void>;
}

/** The stores of one gateway: Redis when configured, else their in-process twins. */
type Stores = Pick<
  Adapters,
  'store' | 'releases' | 'attention' | 'updates' | 'idempotency' | 'rateLimiter' | 'outbox'
> & {
  close(): Promise<void>;
};

interface RedisStoresOptions {
  readonly logger: PinoLogger;
  readonly outboxDir: string;
  readonly minReplicasAck: number | null;
  readonly keyPrefix: string;
}

function redisStores(target: RedisTarget, options: RedisStoresOptions): Stores {
  const { logger, keyPrefix } = options;
  const onError = (error: Error) => logger.warn({ err: error.message }, 'redis connection problem');
  const redis = connectRedis(target, { onError });
  // Subscribed connections take no other commands: live status gets its own (in a cluster, its
  // own cluster client, which subscribes on one node and moves when that node fails).
  const subscriber = connectRedis(target, { onError });
  const store = createRedisSessionStore(redis, { minReplicasAck: options.minReplicasAck, keyPrefix });
  const updates = createRedisPaymentUpdates(subscriber, { logger, keyPrefix });
  return {
    store,
    releases: createRedisReleaseQueue(redis, { keyPrefix }),
    attention: createRedisAttentionIndex(redis, { keyPrefix }),
    updates,
    idempotency: createRedisIdempotencyStore(redis, { keyPrefix }),
    rateLimiter: createRedisRateLimiter(redis, { keyPrefix }),
    // On this host's disk: what Redis could not take survives this process (README, Decisions).
    outbox: createFileOrderOutbox({ dir: options.outboxDir }),
    async close() {
      await updates.close();
      await store.close();
    },
  };
}

function memoryStores(logger: PinoLogger): Stores {
  logger.warn(
    'REDIS_URL and REDIS_CLUSTER_NODES are unset: using the in-process session store (single instance only, nothing survives a restart)',
  );
  const updates = createMemoryUpdateBus();
  const store = createMemorySessionStore({ updates });
  return {
    store,
    releases: createMemoryReleaseQueue(),
    attention: createMemoryAttentionIndex(),
    updates,
    idempotency: createMemoryIdempotencyStore(),
    rateLimiter: createMemoryRateLimiter(),
    // Nothing in the in-process store survives a restart, so nothing kept for it needs to.
    outbox: createMemoryOrderOutbox(),
    async close() {
      await updates.close();
      await store.close();
    },
  };
}

/** The composition root's adapter half: the one place that chooses concrete adapters. */
export function createAdapters(config: Config, glueBaseUrl: string, logger: PinoLogger): Adapters {
  const stores = config.redis
    ? redisStores(config.redis, {
        logger,
        outboxDir: config.outboxDir,
        minReplicasAck: config.redisMinReplicasAck,
        keyPrefix: config.redisKeyPrefix,
      })
    : memoryStores(logger);
  const metrics = createPrometheusMetrics({
    needingAttention: async () => {
      const [listed, overdue] = await Promise.all([
        stores.attention.count(),
        stores.releases.overdue({ graceMs: overdueGraceMs(config), limit: 0 }),
      ]);
      return listed.ok && overdue.ok ? listed.value + overdue.value.total : null;
    },
  });
  // Retries and the circuit breaker use their defaults (resilience.ts); the logger reports breaker changes.
  const http = createGlueHttp({
    baseUrl: glueBaseUrl,
    timeoutMs: config.glueTimeoutMs,
    resilience: { logger },
    observe: (sample) => metrics.glueCall(sample),
  });
  const glue = createGlueClient({ http });
  return {
    ...stores,
    metrics,
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
      await stores.close();
      await http.close();
    },
  };
}

/** A due release not picked up within this is overdue: listed for operators and counted as needing attention. */
export function overdueGraceMs(config: Config): number {
  return 2 * config.sweepIntervalMs + config.placementLeaseMs;
}

/** The use cases' settings, from the configuration. */
export function useCaseSettings(config: Config): UseCaseSettings {
  return {
    ownerKeySecret: config.ownerKeySecret,
    preOrderPaymentTtlSeconds: config.preOrderPaymentTtlSeconds,
    recordTtlSeconds: config.preOrderPaymentTtlSeconds + config.idempotencyTtlSeconds,
    placementLeaseMs: config.placementLeaseMs,
    glueTimeoutMs: config.glueTimeoutMs,
    waitMs: config.idempotencyWaitMs,
    idempotencyTtlSeconds: config.idempotencyTtlSeconds,
    rateLimitInitPerCart: config.rateLimitInitPerCart,
    rateLimitInitPerClient: config.rateLimitInitPerClient,
    rateLimitPlacePerPayment: config.rateLimitPlacePerPayment,
    releaseMaxAttempts: config.releaseMaxAttempts,
    releaseBackoffMs: config.releaseBackoffMs,
    overdueGraceMs: overdueGraceMs(config),
    holdBeforeCheckoutSentMs: config.holdBeforeCheckoutSentMs,
    holdAfterClaimMs: config.holdAfterClaimMs,
  };
}

export interface Wiring {
  readonly config: Config;
  readonly adapters: Adapters;
  readonly logger: Logger;
  readonly clock?: Clock;
}

/** The process's clock; a test may move it (TEST_CLOCK_OFFSET_MS) to show that nothing judges leases by it. */
function clockOf(config: Config): Clock {
  const offset = config.clockOffsetMs;
  return offset === 0 ? systemClock : { now: () => Date.now() + offset };
}

/** Everything one use case run talks to: fresh per-request Glue loaders, the shared stores. */
export function useCaseDeps(wiring: Wiring): UseCaseDeps {
  const { adapters } = wiring;
  return {
    glue: adapters.glueForRequest(),
    store: adapters.store,
    releases: adapters.releases,
    attention: adapters.attention,
    updates: adapters.updates,
    idempotency: adapters.idempotency,
    rateLimiter: adapters.rateLimiter,
    outbox: adapters.outbox,
    metrics: adapters.metrics,
    clock: wiring.clock ?? once(wiring.config).clock,
    logger: wiring.logger,
    settings: once(wiring.config).settings,
  };
}

/** What follows from the configuration alone, made once per configuration rather than per request. */
const derived = new WeakMap<Config, { readonly clock: Clock; readonly settings: UseCaseSettings }>();
function once(config: Config): { readonly clock: Clock; readonly settings: UseCaseSettings } {
  let made = derived.get(config);
  if (!made) {
    made = { clock: clockOf(config), settings: useCaseSettings(config) };
    derived.set(config, made);
  }
  return made;
}

export interface BackgroundWork {
  /** Stops it; resolves once the work under way has finished. What the outbox holds stays there. */
  stop(): Promise<void>;
}

/**
 * The work a gateway process does on its own: the release sweeper (docs/expiry-and-release.md) and
 * the outbox relay, which starts by writing what a stopped process left in the outbox
 * (docs/place-order.md item 10).
 */
export function startBackgroundWork(wiring: Wiring): BackgroundWork {
  const logger = wiring.logger;
  const sweeper = startReleaseSweeper({
    intervalMs: wiring.config.sweepIntervalMs,
    batchSize: 100,
    concurrency: 16,
    logger,
    depsFor: () => useCaseDeps(wiring),
  });
  const relay = startOutboxRelay({ ...RELAY_PACE, logger, depsFor: () => useCaseDeps(wiring) });
  return {
    async stop() {
      await Promise.all([sweeper.stop(), relay.stop()]);
    },
  };
}
