import { randomUUID } from 'node:crypto';
import type { Cluster, Redis } from 'ioredis';
import { inject } from 'vitest';
import {
  createRedisClient,
  createRedisClusterClient,
  isCluster,
  type RedisClient,
} from '../../src/adapters/store/redis-client.ts';
import type { RedisCluster } from './redis-cluster.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    /** URL of the run's shared Redis ('' when none could be started). */
    redisUrl: string;
    /** Why there is no Redis for this run ('' when there is one). */
    redisUnavailable: string;
  }
}

/**
 * The Redis the tests use: REDIS_URL when set, else the redis-server the global setup started for
 * the whole run. Tests share it, so each one isolates its keys with `newKeyPrefix()` and never
 * flushes anything.
 */
export function getTestRedisUrl(): string {
  const fromEnv = process.env.REDIS_URL;
  if (fromEnv) return fromEnv;
  const url = inject('redisUrl');
  if (!url) throw new Error(inject('redisUnavailable') || 'no Redis for this test run');
  return url;
}

/** A unique key prefix (no braces: they would become the hash tag). */
export function newKeyPrefix(): string {
  return `test:${randomUUID()}:`;
}

/** A fail-fast client as production builds it, resolved once connected. */
export async function connectTestRedis(url = getTestRedisUrl(), timeoutMs = 5000): Promise<Redis> {
  const redis = createRedisClient(url);
  await whenReady(redis, timeoutMs);
  return redis;
}

/** A fail-fast cluster client as production builds it (REDIS_CLUSTER_NODES), resolved once connected. */
export async function connectTestCluster(cluster: RedisCluster, timeoutMs = 10_000): Promise<Cluster> {
  const client = createRedisClusterClient(cluster.addresses);
  await whenReady(client, timeoutMs);
  return client;
}

/** Resolves when the client can take commands (it rejects them while connecting: no offline queue). */
export async function whenReady(redis: RedisClient, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (redis.status !== 'ready') {
    if (Date.now() > deadline) throw new Error(`Redis not ready after ${timeoutMs} ms (status ${redis.status})`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/** Every key under a prefix, found with SCAN so a shared Redis is never blocked by KEYS (in a cluster: on every master). */
export async function keysWithPrefix(redis: RedisClient, prefix: string): Promise<string[]> {
  if (!isCluster(redis)) return scanned(redis, prefix);
  const perMaster = await Promise.all(redis.nodes('master').map((node) => scanned(node, prefix)));
  return perMaster.flat();
}

async function scanned(redis: Redis, prefix: string): Promise<string[]> {
  const found: string[] = [];
  let cursor = '0';
  do {
    const [next, batch] = await redis.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 1000);
    cursor = next;
    found.push(...batch);
  } while (cursor !== '0');
  return found;
}

/** Removes a test's keys (never FLUSHDB: the Redis may be shared). */
export async function deleteKeysWithPrefix(redis: RedisClient, prefix: string): Promise<void> {
  const keys = await keysWithPrefix(redis, prefix);
  // One DEL naming keys of several slots is refused by a cluster (CROSSSLOT).
  if (isCluster(redis)) await Promise.all(keys.map((key) => redis.del(key)));
  else if (keys.length > 0) await redis.del(...keys);
}
