import type { Redis } from 'ioredis';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { createRedisClient, createRedisSessionStore } from '../../src/adapters/store/redis-session-store.ts';
import { cartTag } from '../../src/domain/ids.ts';
import type { SessionStore } from '../../src/domain/ports/session-store.ts';
import { unavailable } from '../../src/domain/ports/store-answer.ts';
import { ok } from '../../src/domain/result.ts';
import { answered } from '../support/answers.ts';
import { CREATE_NEW, makeRecord, nextVersion, withoutStoreTimes } from '../support/records.ts';
import {
  connectTestRedis,
  deleteKeysWithPrefix,
  getTestRedisUrl,
  keysWithPrefix,
  newKeyPrefix,
} from '../support/redis.ts';
import { freePort, type RedisServer, startRedisServer } from '../support/redis-server.ts';
import { describeSessionStoreContract } from './session-store.contract.ts';

// Removes every test's keys even after its store closed its own client.
let admin: Promise<Redis> | undefined;
const adminClient = () => (admin ??= connectTestRedis());
afterAll(async () => {
  if (admin) (await admin).disconnect();
});

async function sharedStore(): Promise<{ store: SessionStore; redis: Redis; prefix: string; cleanup(): Promise<void> }> {
  const redis = await connectTestRedis();
  const prefix = newKeyPrefix();
  const store = createRedisSessionStore(redis, { keyPrefix: prefix });
  return {
    store,
    redis,
    prefix,
    async cleanup() {
      redis.disconnect();
      await deleteKeysWithPrefix(await adminClient(), prefix);
    },
  };
}

describeSessionStoreContract('redis', sharedStore);

describe('redis session store: keys', () => {
  let cleanup: (() => Promise<void>) | undefined;
  afterEach(async () => {
    await cleanup?.();
    cleanup = undefined;
  });

  it('puts a TTL on every key it writes and keeps one cart in one hash tag', async () => {
    const subject = await sharedStore();
    cleanup = subject.cleanup;
    const { store, prefix } = subject;
    const first = makeRecord();
    await store.create(first, CREATE_NEW);
    await store.update(nextVersion(first), { ttlSeconds: 60 });
    const second = makeRecord({ cartId: first.cartId });
    await store.create(second, { ...CREATE_NEW, expectedCurrentId: first.id });
    await store.lockCartAndRead(first.cartId, 30_000);
    await store.cacheCustomerReference('tokenhash_1', 'DE--9', 60);

    const redis = await adminClient();
    const keys = (await keysWithPrefix(redis, prefix)).sort();
    const tag = `{${cartTag(first.cartId)}}`;
    expect(keys).toEqual(
      [
        `${prefix}hpg:${tag}:pop:${first.id}`,
        `${prefix}hpg:${tag}:pop:${second.id}`,
        `${prefix}hpg:${tag}:cart`,
        `${prefix}hpg:${tag}:initlock`,
        `${prefix}hpg:owner:tokenhash_1`,
      ].sort(),
    );
    for (const key of keys) {
      const pttl = await redis.pttl(key);
      expect(pttl, key).toBeGreaterThan(0);
      expect(pttl, key).toBeLessThanOrEqual(60_000);
    }
    expect(await redis.get(`${prefix}hpg:${tag}:cart`)).toBe(second.id);
  });

  it('keeps compare-and-set exclusive across separate connections (two gateway instances)', async () => {
    const one = await sharedStore();
    const two = await connectTestRedis();
    const other = createRedisSessionStore(two, { keyPrefix: one.prefix });
    cleanup = async () => {
      two.disconnect();
      await one.cleanup();
    };
    const first = makeRecord();
    const rivals = Array.from({ length: 20 }, () => makeRecord({ cartId: first.cartId }));
    const created = await Promise.all(
      rivals.map((record, i) => (i % 2 ? one.store : other).create(record, CREATE_NEW)),
    );
    expect(created.filter((outcome) => outcome.ok && outcome.value.kind === 'created')).toHaveLength(1);

    const winner = rivals.find((_, i) => created[i]?.ok && created[i].value.kind === 'created');
    if (!winner) throw new Error('no winner');
    const updates = Array.from({ length: 20 }, (_, i) => nextVersion(winner, { transactionId: `tr_${i}` }));
    const updated = await Promise.all(
      updates.map((next, i) => (i % 2 ? one.store : other).update(next, { ttlSeconds: 60 })),
    );
    expect(updated.filter((outcome) => outcome.ok && outcome.value.kind === 'written')).toHaveLength(1);
  });

  it('serves the first calls made right after the client is created (no offline queue)', async () => {
    const redis = createRedisClient(getTestRedisUrl());
    const prefix = newKeyPrefix();
    cleanup = async () => {
      redis.disconnect();
      await deleteKeysWithPrefix(await adminClient(), prefix);
    };
    const store = createRedisSessionStore(redis, { keyPrefix: prefix });
    const record = makeRecord();
    expect(await store.create(record, CREATE_NEW)).toMatchObject(ok({ kind: 'created' }));
    const read = await answered(store.get(record.id));
    expect(read && withoutStoreTimes(read)).toEqual(withoutStoreTimes(record));
  });

  it('refuses a key prefix with braces (it would become the hash tag)', async () => {
    const redis = await adminClient();
    expect(() => createRedisSessionStore(redis, { keyPrefix: 'a{b}:' })).toThrow(RangeError);
  });
});

/** Every method of a store whose Redis cannot answer: each must answer "unavailable" fast. */
async function expectUnavailable(store: SessionStore, withinMs: number): Promise<void> {
  const record = makeRecord();
  const calls: Array<[string, () => Promise<unknown>]> = [
    ['get', () => store.get(record.id)],
    ['getCurrentForCart', () => store.getCurrentForCart(record.cartId)],
    ['create', () => store.create(record, CREATE_NEW)],
    ['update', () => store.update(nextVersion(record), { ttlSeconds: 60 })],
    ['lockCartAndRead', () => store.lockCartAndRead(record.cartId, 1000)],
    ['releaseCartLock', () => store.releaseCartLock(record.cartId, 'token')],
    ['getCachedCustomerReference', () => store.getCachedCustomerReference('hash')],
    ['cacheCustomerReference', () => store.cacheCustomerReference('hash', 'DE--1', 60)],
  ];
  await Promise.all(
    calls.map(async ([name, call]) => {
      const started = Date.now();
      const answer = await call();
      expect(answer, name).toEqual(unavailable());
      expect(Date.now() - started, name).toBeLessThan(withinMs);
    }),
  );
  const started = Date.now();
  expect(await store.ping()).toBe(false);
  expect(Date.now() - started).toBeLessThan(withinMs);
}

/** Polls until the store answers again: the client reconnects on its own (capped backoff). */
async function untilAnswering(store: SessionStore, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await store.ping())) {
    if (Date.now() > deadline) throw new Error(`store did not recover within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe('redis session store: outages', () => {
  let server: RedisServer | undefined;
  let client: Redis | undefined;
  afterEach(async () => {
    client?.disconnect();
    await server?.stop();
    client = undefined;
    server = undefined;
  });

  it('fails fast with an unavailable answer when nothing listens', async () => {
    client = createRedisClient(`redis://127.0.0.1:${await freePort()}`);
    const store = createRedisSessionStore(client);
    await expectUnavailable(store, 1000);
    await store.close();
  });

  it('fails fast while Redis is down and works again when it is back, without being recreated', async () => {
    server = await startRedisServer();
    client = await connectTestRedis(server.url);
    const store = createRedisSessionStore(client);
    expect(await store.create(makeRecord(), CREATE_NEW)).toMatchObject(ok({ kind: 'created' }));

    await server.kill();
    await expectUnavailable(store, 1000);

    await server.restart();
    await untilAnswering(store);
    // The restarted server has no scripts loaded and no data (no persistence): both must cope.
    const record = makeRecord();
    expect(await store.create(record, CREATE_NEW)).toMatchObject(ok({ kind: 'created' }));
    expect(await store.update(nextVersion(record), { ttlSeconds: 60 })).toMatchObject(ok({ kind: 'written' }));
    expect((await answered(store.get(record.id)))?.version).toBe(2);
  });

  it('times out within a second while Redis hangs, and recovers when it resumes', async () => {
    server = await startRedisServer();
    client = await connectTestRedis(server.url);
    const store = createRedisSessionStore(client);

    server.pause();
    try {
      await expectUnavailable(store, 1200);
    } finally {
      server.resume();
    }
    await untilAnswering(store);
    const record = makeRecord();
    expect(await store.create(record, CREATE_NEW)).toMatchObject(ok({ kind: 'created' }));
    const read = await answered(store.get(record.id));
    expect(read && withoutStoreTimes(read)).toEqual(withoutStoreTimes(record));
  });

  it('keeps acknowledged writes across a crash with appendOnly (test server support)', async () => {
    server = await startRedisServer({ appendOnly: true });
    client = await connectTestRedis(server.url);
    const store = createRedisSessionStore(client);
    const record = makeRecord();
    expect(await store.create(record, CREATE_NEW)).toMatchObject(ok({ kind: 'created' }));
    const pid = server.pid;

    await server.kill();
    await server.restart();
    expect(server.pid).not.toBe(pid);
    await untilAnswering(store);
    const read = await answered(store.get(record.id));
    expect(read && withoutStoreTimes(read)).toEqual(withoutStoreTimes(record));
  });

  it('closes without throwing while Redis is down', async () => {
    server = await startRedisServer();
    client = await connectTestRedis(server.url);
    const store = createRedisSessionStore(client);
    await server.kill();
    await expect(store.close()).resolves.toBeUndefined();
  });
});
