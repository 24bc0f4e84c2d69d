import { randomBytes } from 'node:crypto';
import { parsePreOrderPaymentId } from '../../domain/ids.ts';
import type { CreateOutcome, SessionStore, UpdateOutcome } from '../../domain/ports/session-store.ts';
import { type StoreAnswer, unavailable } from '../../domain/ports/store-answer.ts';
import type { PreOrderPaymentRecord } from '../../domain/pre-order-payment.ts';
import { ok } from '../../domain/result.ts';
import { storeKeys } from './keys.ts';
import { assertWritable, decodeRecord, encodeRecord, positiveInteger } from './record-codec.ts';

export interface MemorySessionStoreOptions {
  /** Epoch ms; injectable so tests can let TTLs run out without waiting. */
  readonly now?: () => number;
}

interface Entry {
  readonly value: string;
  /** Epoch ms at which the key stops existing. */
  readonly expiresAt: number;
}

/** Writes between two full sweeps of expired keys, so keys nobody reads again do not pile up. */
const SWEEP_EVERY_WRITES = 256;

/**
 * The session store in process memory, for a single gateway instance without Redis
 * (docs/transport-and-configuration.md). Same semantics as the Redis store: the same keys and stored JSON text (so records are
 * copied in and out and no caller can mutate stored state), a TTL on every key checked lazily on
 * read, and compare-and-set writes, which are atomic here because each runs without an await.
 */
export function createMemorySessionStore(options: MemorySessionStoreOptions = {}): SessionStore {
  const now = options.now ?? Date.now;
  const keys = storeKeys();
  const data = new Map<string, Entry>();
  let writes = 0;
  let closed = false;

  /** Runs one operation on an open store; a closed one answers "unavailable", as Redis would when gone. */
  async function answer<T>(operation: () => T): Promise<StoreAnswer<T>> {
    return closed ? unavailable() : ok(operation());
  }

  function read(key: string): string | null {
    const entry = data.get(key);
    if (entry === undefined) return null;
    if (entry.expiresAt <= now()) {
      data.delete(key);
      return null;
    }
    return entry.value;
  }

  function write(key: string, value: string, ttlMs: number): void {
    data.set(key, { value, expiresAt: now() + ttlMs });
    if (++writes % SWEEP_EVERY_WRITES === 0) {
      for (const k of [...data.keys()]) read(k);
    }
  }

  function readRecord(key: string): PreOrderPaymentRecord | null {
    const text = read(key);
    return text === null ? null : decodeRecord(text, key);
  }

  function currentId(cartId: PreOrderPaymentRecord['cartId']): string | null {
    return read(keys.cartIndex(cartId));
  }

  return {
    get: (id) => answer(() => readRecord(keys.record(id))),

    getCurrentForCart: (cartId) =>
      answer(() => {
        const id = parsePreOrderPaymentId(currentId(cartId) ?? '');
        return id === null ? null : readRecord(keys.record(id));
      }),

    create: (record, expectedCurrentId, ttlSeconds) =>
      answer((): CreateOutcome => {
        assertWritable(record);
        const ttlMs = positiveInteger(ttlSeconds, 'ttlSeconds') * 1000;
        const current = currentId(record.cartId);
        if (current !== expectedCurrentId) {
          return { kind: 'cart-index-moved', currentId: current === null ? null : parsePreOrderPaymentId(current) };
        }
        write(keys.record(record.id), encodeRecord(record), ttlMs);
        write(keys.cartIndex(record.cartId), record.id, ttlMs);
        return { kind: 'created' };
      }),

    update: (next, ttlSeconds) =>
      answer((): UpdateOutcome => {
        assertWritable(next);
        const ttlMs = positiveInteger(ttlSeconds, 'ttlSeconds') * 1000;
        const key = keys.record(next.id);
        const stored = readRecord(key);
        if (stored === null || stored.version !== next.version - 1)
          return { kind: 'version-mismatch', current: stored };
        write(key, encodeRecord(next), ttlMs);
        // As in Redis: the index lives as long as the record it points at.
        if (currentId(next.cartId) === next.id) write(keys.cartIndex(next.cartId), next.id, ttlMs);
        return { kind: 'written' };
      }),

    acquireCartLock: (cartId, ttlMs) =>
      answer(() => {
        const key = keys.cartLock(cartId);
        if (read(key) !== null) return null;
        const token = randomBytes(16).toString('base64url');
        write(key, token, positiveInteger(ttlMs, 'ttlMs'));
        return token;
      }),

    releaseCartLock: (cartId, token) =>
      answer(() => {
        const key = keys.cartLock(cartId);
        if (read(key) === token) data.delete(key);
      }),

    getCachedCustomerReference: (tokenHash) => answer(() => read(keys.owner(tokenHash))),

    cacheCustomerReference: (tokenHash, customerReference, ttlSeconds) =>
      answer(() => {
        // Same rule as Redis: a lifetime under one second is not cached.
        if (ttlSeconds >= 1) write(keys.owner(tokenHash), customerReference, Math.floor(ttlSeconds) * 1000);
      }),

    async ping() {
      return !closed;
    },

    async close() {
      closed = true;
      data.clear();
    },
  };
}
