import { randomBytes } from 'node:crypto';
import { type CartId, type PreOrderPaymentId, parsePreOrderPaymentId } from '../../domain/ids.ts';
import type {
  CartLock,
  CreateOutcome,
  SessionStore,
  UpdateOptions,
  UpdateOutcome,
} from '../../domain/ports/session-store.ts';
import type { StoreAnswer } from '../../domain/ports/store-answer.ts';
import type { PreOrderPaymentRecord } from '../../domain/pre-order-payment.ts';
import { ok } from '../../domain/result.ts';
import { storeKeys } from './keys.ts';
import {
  CREATE_SCRIPT,
  CURRENT_FOR_CART_SCRIPT,
  READ_SCRIPT,
  RELEASE_LOCK_SCRIPT,
  UPDATE_SCRIPT,
} from './lua-scripts.ts';
import { assertWritable, decodeRecord, encodeRecord, positiveInteger } from './record-codec.ts';
import { type RedisClient, reach, scriptNumber, scriptText } from './redis-client.ts';
import { createDurability, type DurabilityOptions } from './redis-durability.ts';
import { defineScript } from './redis-scripts.ts';

export { connectionSettled, createRedisClient, type RedisClientOptions } from './redis-client.ts';

export interface RedisSessionStoreOptions extends DurabilityOptions {
  /** Prepended to every key (e.g. to share one Redis between environments or test files). */
  readonly keyPrefix?: string;
}

/**
 * The session store in Redis (docs/redis-keys.md; key layout and record hash in keys.ts and
 * lua-scripts.ts). Every state change is one Lua script on keys of a single hash tag; every key has
 * a TTL; leases and deadlines are stamped and judged by Redis TIME inside the scripts. Any failure to
 * get an answer from Redis is answered "unavailable" (`reach`).
 */
export function createRedisSessionStore(redis: RedisClient, options: RedisSessionStoreOptions = {}): SessionStore {
  const keys = storeKeys(options.keyPrefix);
  const durability = createDurability(redis, options);
  const scripts = {
    hpgSessionRead: defineScript(redis, 'hpgSessionRead', { numberOfKeys: 1, lua: READ_SCRIPT }),
    hpgSessionCreate: defineScript(redis, 'hpgSessionCreate', { numberOfKeys: 2, lua: CREATE_SCRIPT }),
    hpgSessionUpdate: defineScript(redis, 'hpgSessionUpdate', { numberOfKeys: 2, lua: UPDATE_SCRIPT }),
    hpgSessionCurrentForCart: defineScript(redis, 'hpgSessionCurrentForCart', {
      numberOfKeys: 2,
      lua: CURRENT_FOR_CART_SCRIPT,
    }),
    hpgSessionReleaseLock: defineScript(redis, 'hpgSessionReleaseLock', { numberOfKeys: 1, lua: RELEASE_LOCK_SCRIPT }),
  };

  async function readRecord(key: string): Promise<StoreAnswer<PreOrderPaymentRecord | null>> {
    const reply = await reach(redis, () => scripts.hpgSessionRead(key));
    if (!reply.ok) return reply;
    const [now, doc, exp, lease] = reply.value as [number, string | null, string | null, string | null];
    if (doc === null) return ok(null);
    return ok(decodeRecord(doc, key, { now, expiresAt: Number(exp), lease: Number(lease) }));
  }

  /** The cart's current payment in one script; with `lock`, the cart lock taken in the same step. */
  async function readCart(
    cartId: CartId,
    lock: { readonly token: string; readonly ttlMs: number } | null,
  ): Promise<StoreAnswer<CartLock>> {
    const indexKey = keys.cartIndex(cartId);
    const reply = await reach(redis, () =>
      scripts.hpgSessionCurrentForCart(
        indexKey,
        keys.cartLock(cartId),
        keys.recordPrefix(cartId),
        lock?.token ?? '',
        lock?.ttlMs ?? 0,
      ),
    );
    if (!reply.ok) return reply;
    const [now, rawId, doc, exp, lease, locked] = reply.value as [
      number,
      string | null,
      string | null,
      string | null,
      string | null,
      number,
    ];
    const token = lock && locked === 1 ? lock.token : null;
    if (rawId === null || doc === null) return ok({ token, current: null });
    const id = parsePreOrderPaymentId(rawId);
    if (id === null) throw new Error(`session store: ${indexKey} does not hold a pre-order payment id`);
    const key = keys.record(id);
    if (key !== keys.recordPrefix(cartId) + id)
      throw new Error(`session store: ${indexKey} names another cart's payment`);
    return ok({ token, current: decodeRecord(doc, key, { now, expiresAt: Number(exp), lease: Number(lease) }) });
  }

  /** The record a refused update found, with the store's times it answered. */
  function currentOf(reply: readonly unknown[], key: string): PreOrderPaymentRecord {
    return decodeRecord(scriptText(reply[3]), key, {
      now: scriptNumber(reply[2]),
      expiresAt: scriptNumber(reply[4]),
      lease: scriptNumber(reply[5]),
    });
  }

  return {
    get: (id) => readRecord(keys.record(id)),

    async getCurrentForCart(cartId) {
      const read = await readCart(cartId, null);
      return read.ok ? ok(read.value.current) : read;
    },

    async create(record, { expectedCurrentId, ttlSeconds, expiresInMs }) {
      assertWritable(record);
      const ttl = positiveInteger(ttlSeconds, 'ttlSeconds');
      const doc = encodeRecord(record);
      const reply = await reach(redis, () =>
        scripts.hpgSessionCreate(
          keys.cartIndex(record.cartId),
          keys.record(record.id),
          expectedCurrentId ?? '',
          doc,
          ttl,
          record.id,
          Math.max(0, Math.round(expiresInMs)),
          record.version,
          keys.updates(record.id),
        ),
      );
      if (!reply.ok) return reply;
      const values = reply.value as unknown[];
      if (values[0] !== 1) {
        const current = scriptText(values[1]);
        return ok<CreateOutcome>({
          kind: 'cart-index-moved',
          currentId: current ? (current as PreOrderPaymentId) : null,
        });
      }
      const now = scriptNumber(values[1]);
      const written = { ...record, expiresAt: scriptNumber(values[2]), lease: null, observedAt: now };
      return ok<CreateOutcome>({ kind: 'created', record: written });
    },

    async update(next, options) {
      assertWritable(next);
      const recordKey = keys.record(next.id);
      const args = [recordKey, keys.cartIndex(next.cartId), ...updateArguments(next, options, keys)];
      const reply = await reach(redis, () =>
        options.durable
          ? durability.run({
              script: scripts.hpgSessionUpdate,
              key: recordKey,
              args,
              wrote: (values) => (values as unknown[])[0] === 1,
            })
          : scripts.hpgSessionUpdate(...args),
      );
      if (!reply.ok) return reply;
      const values = reply.value as unknown[];
      if (values[0] === 1) {
        const lease = scriptNumber(values[3]);
        const written = {
          ...next,
          expiresAt: scriptNumber(values[2]),
          lease: lease || null,
          observedAt: scriptNumber(values[1]),
        };
        return ok<UpdateOutcome>({ kind: 'written', record: written });
      }
      switch (values[1]) {
        case 'missing':
          return ok<UpdateOutcome>({ kind: 'version-mismatch', current: null });
        case 'version':
          return ok<UpdateOutcome>({ kind: 'version-mismatch', current: currentOf(values, recordKey) });
        default:
          return ok<UpdateOutcome>({ kind: 'requirement-failed', current: currentOf(values, recordKey) });
      }
    },

    lockCartAndRead: (cartId, ttlMs) =>
      readCart(cartId, { token: randomBytes(16).toString('base64url'), ttlMs: positiveInteger(ttlMs, 'ttlMs') }),

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

/** UPDATE_SCRIPT's ARGV (lua-scripts.ts) for one write. */
function updateArguments(
  next: PreOrderPaymentRecord,
  options: UpdateOptions,
  keys: ReturnType<typeof storeKeys>,
): (string | number)[] {
  const { stamp, require } = options;
  const lease =
    stamp?.leaseForMs === undefined
      ? ''
      : stamp.leaseForMs === null
        ? 'clear'
        : Math.max(1, Math.round(stamp.leaseForMs));
  return [
    next.version - 1,
    encodeRecord(next),
    positiveInteger(options.ttlSeconds, 'ttlSeconds'),
    next.id,
    next.version,
    stamp?.expiresInMs === undefined ? '' : Math.max(0, Math.round(stamp.expiresInMs)),
    lease,
    require ?? '',
    keys.updates(next.id),
  ];
}
