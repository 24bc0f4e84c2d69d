import type { Logger as PinoLogger } from 'pino';
import { createGlueClient } from './adapters/glue/glue-client.ts';
import { createGlueHttp } from './adapters/glue/http.ts';
import { createRequestGlue } from './adapters/glue/loaders.ts';
import { providerDataFor } from './adapters/psp/index.ts';
import { createMemorySessionStore } from './adapters/store/memory-session-store.ts';
import { createRedisClient, createRedisSessionStore } from './adapters/store/redis-session-store.ts';
import type { Config } from './config.ts';
import type { GluePort } from './domain/glue-port.ts';
import type { PreOrderPaymentRecord } from './domain/pre-order-payment.ts';
import type { ProviderData } from './domain/provider-data.ts';
import type { SessionStore } from './domain/session-store.ts';

export interface Adapters {
  readonly store: SessionStore;
  readonly glueForRequest: () => GluePort;
  readonly providerData: (record: PreOrderPaymentRecord) => ProviderData;
  close(): Promise<void>;
}

/** The composition root's adapter half: the one place that chooses concrete adapters. */
export function createAdapters(config: Config, glueBaseUrl: string, logger: PinoLogger): Adapters {
  const http = createGlueHttp({ baseUrl: glueBaseUrl, timeoutMs: config.glueTimeoutMs });
  const glue = createGlueClient({ http });
  let store: SessionStore;
  if (config.redisUrl) {
    const redis = createRedisClient(config.redisUrl, { onError: (error) => logger.warn({ err: error.message }, 'redis connection problem') });
    store = createRedisSessionStore(redis);
  } else {
    logger.warn('REDIS_URL is unset: using the in-process session store (single instance only, nothing survives a restart)');
    store = createMemorySessionStore();
  }
  return {
    store,
    glueForRequest: () => createRequestGlue(glue),
    providerData: (record) =>
      providerDataFor(record.paymentProviderName, record.paymentMethodName, record.preOrderPaymentData, (message) =>
        logger.warn({ paymentProviderName: record.paymentProviderName, paymentMethodName: record.paymentMethodName }, message),
      ),
    async close() {
      await store.close();
      await http.close();
    },
  };
}
