import { randomBytes } from 'node:crypto';
import type { Redis } from 'ioredis';
import { type PreOrderPaymentId, parsePreOrderPaymentId } from '../../domain/ids.ts';
import {
  type CreateOutcome,
  type SessionStore,
  StoreUnavailableError,
  type UpdateOutcome,
} from '../../domain/ports/session-store.ts';
import type { PreOrderPaymentRecord } from '../../domain/pre-order-payment.ts';
import { storeKeys } from './keys.ts';
import { CREATE_SCRIPT, RELEASE_LOCK_SCRIPT, UPDATE_SCRIPT } from './lua-scripts.ts';
import { assertWritable, decodeRecord, encodeRecord, positiveInteger } from './record-codec.ts';

import { connectionSettled } from './redis-client.ts';

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
 * The session store in Redis (CONTRACT.md §11; key layout in keys.ts). Every state change is one
 * command or one Lua script on keys of a single hash tag; every key has a TTL. Any failure to get
 * an answer from Redis becomes StoreUnavailableError, so callers answer "upstream unavailable".
 */
export function createRedisSessionStore(redis: Redis, options: RedisSessionStoreOptions = {}): SessionStore {
  const keys = storeKeys(options.keyPrefix);
  // Registering again on a shared client replaces the same script with itself: harmless.
  redis.defineCommand('hpgSessionCreate', { numberOfKeys: 2, lua: CREATE_SCRIPT });
  redis.defineCommand('hpgSessionUpdate', { numberOfKeys: 2, lua: UPDATE_SCRIPT });
  redis.defineCommand('hpgSessionReleaseLock', { numberOfKeys: 1, lua: RELEASE_LOCK_SCRIPT });
  // defineCommand adds these methods at runtime; ioredis cannot type them.
  const scripts = redis as Redis & StoreCommands;

  async function readRecord(key: string): Promise<PreOrderPaymentRecord | null> {
    const text = await reach(redis, 'GET', () => redis.get(key));
    return text === null ? null : decodeRecord(text, key);
  }

  return {
    get: (id) => readRecord(keys.record(id)),

    async getCurrentForCart(cartId) {
      // Two reads, not atomic: a concurrent create may move the index in between, and then the
      // caller sees the previous payment, which is what it would have seen a moment earlier.
      const indexKey = keys.cartIndex(cartId);
      const raw = await reach(redis, 'GET', () => redis.get(indexKey));
      if (raw === null) return null;
      const id = parsePreOrderPaymentId(raw);
      if (id === null) throw new Error(`session store: ${indexKey} does not hold a pre-order payment id`);
      return readRecord(keys.record(id));
    },

    async create(record, expectedCurrentId, ttlSeconds): Promise<CreateOutcome> {
      assertWritable(record);
      const ttl = positiveInteger(ttlSeconds, 'ttlSeconds');
      const reply = await reach(redis, 'create', () =>
        scripts.hpgSessionCreate(
          keys.cartIndex(record.cartId),
          keys.record(record.id),
          expectedCurrentId ?? '',
          encodeRecord(record),
          ttl,
          record.id,
        ),
      );
      const [done, current] = scriptReply(reply);
      if (done) return { ok: true };
      return { ok: false, reason: 'cart-index-moved', currentId: current ? (current as PreOrderPaymentId) : null };
    },

    async update(next, ttlSeconds): Promise<UpdateOutcome> {
      assertWritable(next);
      const ttl = positiveInteger(ttlSeconds, 'ttlSeconds');
      const recordKey = keys.record(next.id);
      const reply = await reach(redis, 'update', () =>
        scripts.hpgSessionUpdate(
          recordKey,
          keys.cartIndex(next.cartId),
          next.version - 1,
          encodeRecord(next),
          ttl,
          next.id,
        ),
      );
      const [done, stored] = scriptReply(reply);
      if (done) return { ok: true };
      return {
        ok: false,
        reason: 'version-mismatch',
        current: stored === null ? null : decodeRecord(stored, recordKey),
      };
    },

    async acquireCartLock(cartId, ttlMs) {
      const ttl = positiveInteger(ttlMs, 'ttlMs');
      const token = randomBytes(16).toString('base64url');
      // One SET NX PX is atomic on its own; no script needed.
      const reply = await reach(redis, 'lock', () => redis.set(keys.cartLock(cartId), token, 'PX', ttl, 'NX'));
      return reply === 'OK' ? token : null;
    },

    async releaseCartLock(cartId, token) {
      await reach(redis, 'unlock', () => scripts.hpgSessionReleaseLock(keys.cartLock(cartId), token));
    },

    getCachedCustomerReference: (tokenHash) => reach(redis, 'GET', () => redis.get(keys.owner(tokenHash))),

    async cacheCustomerReference(tokenHash, customerReference, ttlSeconds) {
      // A token about to expire (lifetime < 1 s) is not worth caching; EX 0 would be an error.
      if (!(ttlSeconds >= 1)) return;
      await reach(redis, 'SET', () =>
        redis.set(keys.owner(tokenHash), customerReference, 'EX', Math.floor(ttlSeconds)),
      );
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

/**
 * Runs one Redis call, after letting a connection attempt in progress settle. Whatever ioredis
 * throws (refused, closed, timed out, a server-side error such as OOM or READONLY) becomes
 * StoreUnavailableError with the original as its cause.
 */
async function reach<T>(redis: Redis, what: string, call: () => Promise<T>): Promise<T> {
  try {
    await connectionSettled(redis);
    return await call();
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    throw new StoreUnavailableError(`session store ${what} failed: ${detail}`, { cause: error });
  }
}

/** A script's `{1}` / `{0}` / `{0, text}` reply as [done, text or null]. */
function scriptReply(reply: unknown): [boolean, string | null] {
  if (!Array.isArray(reply) || (reply[0] !== 0 && reply[0] !== 1)) {
    throw new Error(`session store: unexpected script reply ${JSON.stringify(reply)}`);
  }
  const text: unknown = reply[1];
  return [reply[0] === 1, typeof text === 'string' ? text : null];
}
