import { randomBytes } from 'node:crypto';
import type { Redis } from 'ioredis';
import { type PreOrderPaymentId, parsePreOrderPaymentId } from '../../domain/ids.ts';
import type { CreateOutcome, SessionStore, UpdateOutcome } from '../../domain/ports/session-store.ts';
import type { StoreAnswer } from '../../domain/ports/store-answer.ts';
import type { PreOrderPaymentRecord } from '../../domain/pre-order-payment.ts';
import { ok } from '../../domain/result.ts';
import { storeKeys } from './keys.ts';
import { CREATE_SCRIPT, RELEASE_LOCK_SCRIPT, UPDATE_SCRIPT } from './lua-scripts.ts';
import { assertWritable, decodeRecord, encodeRecord, positiveInteger } from './record-codec.ts';

import { reach } from './redis-client.ts';

export { connectionSettled, createRedisClient, type RedisClientOptions } from './redis-client.ts';

export interface RedisSessionStoreOptions {
  /** Prepended to every key (e.g. to share one Redis between environments or test files). */
  readonly keyPrefix?: string;
}

/** The scripts as ioredis commands; names are prefixed so they cannot clash on a shared client. */
interface StoreCommands {
  hpgSessionCreate(
    cartIndexKey: string,
    recordKey: string,
    expectedId: string,
    json: string,
    ttlSeconds: number,
    id: string,
  ): Promise<unknown>;
  hpgSessionUpdate(
    recordKey: string,
    cartIndexKey: string,
    expectedVersion: number,
    json: string,
    ttlSeconds: number,
    id: string,
  ): Promise<unknown>;
  hpgSessionReleaseLock(lockKey: string, token: string): Promise<unknown>;
}

/**
 * The session store in Redis (docs/redis-keys.md; key layout in keys.ts). Every state change is one
 * command or one Lua script on keys of a single hash tag; every key has a TTL. Any failure to get
 * an answer from Redis is answered "unavailable" (`reach`).
 */
export function createRedisSessionStore(redis: Redis, options: RedisSessionStoreOptions = {}): SessionStore {
  const keys = storeKeys(options.keyPrefix);
  // Registering again on a shared client replaces the same script with itself: harmless.
  redis.defineCommand('hpgSessionCreate', { numberOfKeys: 2, lua: CREATE_SCRIPT });
  redis.defineCommand('hpgSessionUpdate', { numberOfKeys: 2, lua: UPDATE_SCRIPT });
  redis.defineCommand('hpgSessionReleaseLock', { numberOfKeys: 1, lua: RELEASE_LOCK_SCRIPT });
  // defineCommand adds these methods at runtime; ioredis cannot type them.
  const scripts = redis as Redis & StoreCommands;

  async function readRecord(key: string): Promise<StoreAnswer<PreOrderPaymentRecord | null>> {
    const text = await reach(redis, () => redis.get(key));
    return text.ok ? ok(text.value === null ? null : decodeRecord(text.value, key)) : text;
  }

  return {
    get: (id) => readRecord(keys.record(id)),

    async getCurrentForCart(cartId) {
      // Two reads, not atomic: a concurrent create may move the index in between, and then the
      // caller sees the previous payment, which is what it would have seen a moment earlier.
      const indexKey = keys.cartIndex(cartId);
      const raw = await reach(redis, () => redis.get(indexKey));
      if (!raw.ok) return raw;
      if (raw.value === null) return ok(null);
      const id = parsePreOrderPaymentId(raw.value);
      if (id === null) throw new Error(`session store: ${indexKey} does not hold a pre-order payment id`);
      return readRecord(keys.record(id));
    },

    async create(record, expectedCurrentId, ttlSeconds) {
      assertWritable(record);
      const ttl = positiveInteger(ttlSeconds, 'ttlSeconds');
      const reply = await reach(redis, () =>
        scripts.hpgSessionCreate(
          keys.cartIndex(record.cartId),
          keys.record(record.id),
          expectedCurrentId ?? '',
          encodeRecord(record),
          ttl,
          record.id,
        ),
      );
      if (!reply.ok) return reply;
      const [done, current] = scriptReply(reply.value);
      return ok<CreateOutcome>(
        done
          ? { kind: 'created' }
          : { kind: 'cart-index-moved', currentId: current ? (current as PreOrderPaymentId) : null },
      );
    },

    async update(next, ttlSeconds) {
      assertWritable(next);
      const ttl = positiveInteger(ttlSeconds, 'ttlSeconds');
      const recordKey = keys.record(next.id);
      const reply = await reach(redis, () =>
        scripts.hpgSessionUpdate(
          recordKey,
          keys.cartIndex(next.cartId),
          next.version - 1,
          encodeRecord(next),
          ttl,
          next.id,
        ),
      );
      if (!reply.ok) return reply;
      const [done, stored] = scriptReply(reply.value);
      return ok<UpdateOutcome>(
        done
          ? { kind: 'written' }
          : { kind: 'version-mismatch', current: stored === null ? null : decodeRecord(stored, recordKey) },
      );
    },

    async acquireCartLock(cartId, ttlMs) {
      const ttl = positiveInteger(ttlMs, 'ttlMs');
      const token = randomBytes(16).toString('base64url');
      // One SET NX PX is atomic on its own; no script needed.
      const reply = await reach(redis, () => redis.set(keys.cartLock(cartId), token, 'PX', ttl, 'NX'));
      return reply.ok ? ok(reply.value === 'OK' ? token : null) : reply;
    },

    async releaseCartLock(cartId, token) {
      const reply = await reach(redis, () => scripts.hpgSessionReleaseLock(keys.cartLock(cartId), token));
      return reply.ok ? ok(undefined) : reply;
    },

    getCachedCustomerReference: (tokenHash) => reach(redis, () => redis.get(keys.owner(tokenHash))),

    async cacheCustomerReference(tokenHash, customerReference, ttlSeconds) {
      // A token about to expire (lifetime < 1 s) is not worth caching; EX 0 would be an error.
      if (!(ttlSeconds >= 1)) return ok(undefined);
      const reply = await reach(redis, () =>
        redis.set(keys.owner(tokenHash), customerReference, 'EX', Math.floor(ttlSeconds)),
      );
      return reply.ok ? ok(undefined) : reply;
    },

    async ping() {
      try {
        return (await redis.ping()) === 'PONG';
      } catch {
        return false;
      }
    },

    async close() {
      try {
        await redis.quit();
      } catch {
        // Already disconnected (or Redis is down): drop the socket and stop reconnecting.
        redis.disconnect();
      }
    },
  };
}

/** A script's `{1}` / `{0}` / `{0, text}` reply as [done, text or null]. */
function scriptReply(reply: unknown): [boolean, string | null] {
  if (!Array.isArray(reply) || (reply[0] !== 0 && reply[0] !== 1)) {
    throw new Error(`session store: unexpected script reply ${JSON.stringify(reply)}`);
  }
  const text: unknown = reply[1];
  return [reply[0] === 1, typeof text === 'string' ? text : null];
}
