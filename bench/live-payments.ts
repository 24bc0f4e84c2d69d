import { randomUUID } from 'node:crypto';
import { DEMO_SHOPPER } from '../sandbox/domain/seed.ts';
import { createRedisClient } from '../src/adapters/store/redis-client.ts';
import { createRedisReleaseQueue } from '../src/adapters/store/redis-release-queue.ts';
import { createRedisSessionStore } from '../src/adapters/store/redis-session-store.ts';
import { type CartId, newPreOrderPaymentId, type OwnerKey } from '../src/domain/ids.ts';
import type { PreOrderPaymentRecord } from '../src/domain/pre-order-payment.ts';
import { inParallel } from './gateway-client.ts';

const TTL_MS = 30 * 60 * 1000;

/** A payment as initialize records it (values shaped like the sandbox's), for a cart nobody will touch. */
function livePayment(now: number): PreOrderPaymentRecord {
  const cartId = randomUUID() as CartId;
  const transactionId = `pi_bench${randomUUID().replaceAll('-', '')}`;
  return {
    id: newPreOrderPaymentId(cartId),
    cartId,
    ownerKey: `g_${randomUUID()}` as OwnerKey,
    ownerKind: 'guest',
    status: 'INITIALIZED',
    version: 1,
    amount: { amount: 39843, currency: 'EUR' },
    fingerprint: randomUUID(),
    shipmentsKey: randomUUID(),
    paymentMethodName: 'Stripe',
    paymentProviderName: 'Stripe',
    transactionId,
    preOrderPaymentData: {
      transactionId,
      clientSecret: `${transactionId}_secret_bench`,
      publishableKey: 'pk_test_bench',
    },
    inputs: {
      customer: DEMO_SHOPPER.customer,
      billingAddress: DEMO_SHOPPER.address,
      shipments: [{ shipmentMethodId: 1, shippingAddress: DEMO_SHOPPER.address }],
    },
    createdAt: now,
    updatedAt: now,
    expiresAt: 0,
    lease: null,
    orderReference: null,
    placement: null,
    cancellation: null,
    release: null,
    attempts: 0,
    events: [{ type: 'INITIALIZED', at: now, message: null }],
    reconciliation: null,
    observedAt: now,
  };
}

/**
 * Adds live pre-order payments to the gateway's Redis until it holds `total` of them: each a
 * record, a cart index and a release-queue entry, written with the gateway's own store adapters.
 */
export async function fillLivePayments(redisUrl: string, already: number, total: number): Promise<void> {
  const redis = createRedisClient(redisUrl);
  while (redis.status !== 'ready') await new Promise((resolve) => setTimeout(resolve, 10));
  const store = createRedisSessionStore(redis);
  const releases = createRedisReleaseQueue(redis);
  const now = Date.now();
  await inParallel(total - already, 256, async () => {
    const record = livePayment(now);
    const scheduled = await releases.schedule(record.id, TTL_MS);
    const created = await store.create(record, { expectedCurrentId: null, ttlSeconds: 3600, expiresInMs: TTL_MS });
    if (!scheduled.ok || !created.ok || created.value.kind !== 'created') throw new Error('live payment not written');
  });
  redis.disconnect();
}
