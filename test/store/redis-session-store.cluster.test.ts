import type { Cluster } from 'ioredis';
import { afterAll, describe, expect, it } from 'vitest';
import { createRedisClient } from '../../src/adapters/store/redis-client.ts';
import { createRedisSessionStore } from '../../src/adapters/store/redis-session-store.ts';
import { cartTag } from '../../src/domain/ids.ts';
import { unavailable } from '../../src/domain/ports/store-answer.ts';
import { CREATE_NEW, makeRecord, nextVersion } from '../support/records.ts';
import { connectTestCluster, deleteKeysWithPrefix, keysWithPrefix, newKeyPrefix, whenReady } from '../support/redis.ts';
import { describeOnRedisCluster, useRedisCluster } from '../support/redis-cluster.ts';
import { describeSessionStoreContract } from './session-store.contract.ts';

/** The same SessionStore contract as redis-session-store.test.ts, on a Redis Cluster of 3 masters with a replica each. */
describeOnRedisCluster('redis session store on a Redis Cluster', () => {
  const cluster = useRedisCluster();
  // Removes every test's keys even after its store closed its own client.
  let admin: Promise<Cluster> | undefined;
  const adminClient = () => (admin ??= connectTestCluster(cluster));
  afterAll(async () => {
    if (admin) (await admin).disconnect();
  });

  async function clusterStore(options: { readonly minReplicasAck?: number } = {}) {
    const redis = await connectTestCluster(cluster);
    const prefix = newKeyPrefix();
    const store = createRedisSessionStore(redis, { keyPrefix: prefix, ...options });
    return {
      store,
      prefix,
      async cleanup() {
        redis.disconnect();
        await deleteKeysWithPrefix(await adminClient(), prefix);
      },
    };
  }

  describeSessionStoreContract('redis cluster', () => clusterStore());

  describe('slots and replicas', () => {
    it('keeps every key of one cart on one slot, spreads carts over the masters, and a durable update is on the replica when it answers', async () => {
      const subject = await clusterStore();
      try {
        const records = Array.from({ length: 12 }, () => makeRecord());
        for (const record of records) {
          expect((await subject.store.create(record, CREATE_NEW)).ok).toBe(true);
          await subject.store.lockCartAndRead(record.cartId, 30_000);
        }
        const keys = await keysWithPrefix(await adminClient(), subject.prefix);
        expect(keys).toHaveLength(3 * records.length);
        const masters = new Set<number>();
        for (const record of records) {
          const own = keys.filter((key) => key.includes(`{${cartTag(record.cartId)}}`));
          expect(own).toHaveLength(3);
          const slots = new Set(await Promise.all(own.map((key) => cluster.slotOf(key))));
          expect(slots.size).toBe(1);
          masters.add((await cluster.masterOf([...slots][0] ?? -1)).port);
        }
        expect(masters.size).toBeGreaterThan(1);

        const [record] = records;
        if (!record) throw new Error('no record');
        const next = nextVersion(record, { status: 'PLACING_ORDER' });
        expect((await subject.store.update(next, { ttlSeconds: 60, durable: true })).ok).toBe(true);
        const key = keys.find((candidate) => candidate.includes(`:pop:${record.id}`)) ?? '';
        const [replica] = await cluster.replicasOf(await cluster.masterOf(await cluster.slotOf(key)));
        if (!replica) throw new Error('no replica');
        const reader = createRedisClient(replica.url);
        try {
          await whenReady(reader, 5000);
          await reader.call('READONLY');
          // Read at once: WAIT answered only after the replica had the write.
          expect(await reader.hget(key, 'v')).toBe(String(next.version));
        } finally {
          reader.disconnect();
        }
      } finally {
        await subject.cleanup();
      }
    });

    it('answers a durable update its replica did not acknowledge "unavailable" (though the master took it); REDIS_MIN_REPLICAS_ACK=0 does not wait', async () => {
      const waiting = await clusterStore();
      const notWaiting = await clusterStore({ minReplicasAck: 0 });
      const record = makeRecord();
      const other = makeRecord({ cartId: record.cartId });
      const replicas = [];
      try {
        expect((await waiting.store.create(record, CREATE_NEW)).ok).toBe(true);
        expect((await notWaiting.store.create(other, CREATE_NEW)).ok).toBe(true);
        const slot = await cluster.slotOf(`{${cartTag(record.cartId)}}`);
        replicas.push(...(await cluster.replicasOf(await cluster.masterOf(slot))));
        // A plain update first: the replica count is looked up before the replica stops answering.
        expect((await waiting.store.update(nextVersion(record), { ttlSeconds: 60, durable: true })).ok).toBe(true);
        const stored = await waiting.store.get(record.id);
        if (!stored.ok || !stored.value) throw new Error('not stored');
        for (const replica of replicas) replica.pause();
        const started = Date.now();
        expect(await waiting.store.update(nextVersion(stored.value), { ttlSeconds: 60, durable: true })).toEqual(
          unavailable(),
        );
        expect(Date.now() - started).toBeLessThan(1000);
        expect((await notWaiting.store.update(nextVersion(other), { ttlSeconds: 60, durable: true })).ok).toBe(true);
      } finally {
        for (const replica of replicas) replica.resume();
        await waiting.cleanup();
        await notWaiting.cleanup();
      }
    });

    it('keeps waiting for a replica whose link to its master is down (the one that would be elected without the write): every durable update answers "unavailable", none is left on the master alone', async () => {
      const subject = await clusterStore();
      const record = makeRecord();
      const slot = await cluster.slotOf(`{${cartTag(record.cartId)}}`);
      const master = await cluster.masterOf(slot);
      try {
        expect((await subject.store.create(record, CREATE_NEW)).ok).toBe(true);
        expect((await subject.store.update(nextVersion(record), { ttlSeconds: 60, durable: true })).ok).toBe(true);
        // The master refuses the commands a replica resyncs with, then drops its link: the replica
        // stays behind, out of the master's connected_slaves, but still listed by the cluster.
        await cluster.command(master, 'ACL', 'SETUSER', 'default', '-psync', '-sync', '-replconf');
        await cluster.command(master, 'CLIENT', 'KILL', 'TYPE', 'replica');
        while (!/connected_slaves:0\b/.test(String(await cluster.command(master, 'INFO', 'replication'))))
          await new Promise((resolve) => setTimeout(resolve, 20));
        // Several in a row: each refused one makes the store look at the master's replicas again.
        for (let attempt = 1; attempt <= 4; attempt++) {
          const stored = await subject.store.get(record.id);
          if (!stored.ok || !stored.value) throw new Error('not stored');
          expect(
            await subject.store.update(nextVersion(stored.value), { ttlSeconds: 60, durable: true }),
            `durable update ${attempt} with the replica's link down`,
          ).toEqual(unavailable());
          await new Promise((resolve) => setTimeout(resolve, 100));
        }
      } finally {
        await cluster.command(master, 'ACL', 'SETUSER', 'default', '+psync', '+sync', '+replconf');
        await cluster.untilHealthy();
        await subject.cleanup();
      }
    });
  });
});
