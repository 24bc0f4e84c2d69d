import { randomBytes } from 'node:crypto';
import { type CartId, parsePreOrderPaymentId } from '../../domain/ids.ts';
import type { CreateOutcome, SessionStore, UpdateOutcome } from '../../domain/ports/session-store.ts';
import { type StoreAnswer, unavailable } from '../../domain/ports/store-answer.ts';
import type { PreOrderPaymentRecord, StoreClockRequirement } from '../../domain/pre-order-payment.ts';
import { ok } from '../../domain/result.ts';
import { storeKeys } from './keys.ts';
import type { MemoryUpdateBus } from './memory-updates.ts';
import { assertWritable, decodeRecord, encodeRecord, positiveInteger } from './record-codec.ts';

export interface MemorySessionStoreOptions {
  /** The store's clock, epoch ms; injectable so tests can let TTLs and leases run out without waiting. */
  readonly now?: () => number;
  /** Where committed changes are announced (the in-process twin of Redis pub/sub). */
  readonly updates?: MemoryUpdateBus;
}

interface Entry {
  readonly value: string;
  /** Epoch ms at which the key stops existing. */
  readonly expiresAt: number;
}

/** A stored payment: its text and the times only the store sets, like the Redis hash. */
interface StoredPayment {
  readonly doc: string;
  readonly version: number;
  readonly exp: number;
  readonly lease: number;
}

/** Writes between two full sweeps of expired keys, so keys nobody reads again do not pile up. */
const SWEEP_EVERY_WRITES = 256;

/**
 * The session store in process memory, for a single gateway instance without Redis
 * (docs/transport-and-configuration.md). Same semantics as the Redis store: the same keys and
 * stored JSON text (so records are copied in and out and no caller can mutate stored state), a TTL
 * on every key checked lazily on read, compare-and-set writes (atomic here because each runs
 * without an await), leases and deadlines stamped and judged by this store's clock, and every
 * committed change announced.
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

  function readStored(key: string): StoredPayment | null {
    const text = read(key);
    return text === null ? null : (JSON.parse(text) as StoredPayment);
  }

  function toRecord(stored: StoredPayment, key: string, at: number): PreOrderPaymentRecord {
    return decodeRecord(stored.doc, key, { now: at, expiresAt: stored.exp, lease: stored.lease });
  }

  function store(record: PreOrderPaymentRecord, stored: StoredPayment, ttlMs: number): PreOrderPaymentRecord {
    const key = keys.record(record.id);
    write(key, JSON.stringify(stored), ttlMs);
    const written = toRecord(stored, key, now());
    options.updates?.announce(written);
    return written;
  }

  function currentId(cartId: PreOrderPaymentRecord['cartId']): string | null {
    return read(keys.cartIndex(cartId));
  }

  function fails(requirement: StoreClockRequirement | undefined, stored: StoredPayment, at: number): boolean {
    if (requirement === 'lease-expired') return stored.lease === 0 || stored.lease > at;
    if (requirement === 'not-expired') return stored.exp <= at;
    if (requirement === 'expired') return stored.exp > at;
    return false;
  }

  function currentRecord(cartId: CartId): PreOrderPaymentRecord | null {
    const id = parsePreOrderPaymentId(currentId(cartId) ?? '');
    if (id === null) return null;
    const stored = readStored(keys.record(id));
    return stored === null ? null : toRecord(stored, keys.record(id), now());
  }

  return {
    get: (id) =>
      answer(() => {
        const key = keys.record(id);
        const stored = readStored(key);
        return stored === null ? null : toRecord(stored, key, now());
      }),

    getCurrentForCart: (cartId) => answer(() => currentRecord(cartId)),

    create: (record, { expectedCurrentId, ttlSeconds, expiresInMs }) =>
      answer((): CreateOutcome => {
        assertWritable(record);
        const ttlMs = positiveInteger(ttlSeconds, 'ttlSeconds') * 1000;
        const current = currentId(record.cartId);
        if (current !== expectedCurrentId) {
          return { kind: 'cart-index-moved', currentId: current === null ? null : parsePreOrderPaymentId(current) };
        }
        const stored = { doc: encodeRecord(record), version: record.version, exp: now() + expiresInMs, lease: 0 };
        const written = store(record, stored, ttlMs);
        write(keys.cartIndex(record.cartId), record.id, ttlMs);
        return { kind: 'created', record: written };
      }),

    update: (next, { ttlSeconds, stamp, require }) =>
      answer((): UpdateOutcome => {
        assertWritable(next);
        const ttlMs = positiveInteger(ttlSeconds, 'ttlSeconds') * 1000;
        const key = keys.record(next.id);
        const stored = readStored(key);
        const at = now();
        if (stored === null) return { kind: 'version-mismatch', current: null };
        if (stored.version !== next.version - 1) {
          return { kind: 'version-mismatch', current: toRecord(stored, key, at) };
        }
        if (fails(require, stored, at)) return { kind: 'requirement-failed', current: toRecord(stored, key, at) };
        const lease =
          stamp?.leaseForMs === undefined ? stored.lease : stamp.leaseForMs === null ? 0 : at + stamp.leaseForMs;
        const exp = stamp?.expiresInMs === undefined ? stored.exp : at + stamp.expiresInMs;
        const written = store(next, { doc: encodeRecord(next), version: next.version, exp, lease }, ttlMs);
        // As in Redis: the index lives as long as the record it points at.
        if (currentId(next.cartId) === next.id) write(keys.cartIndex(next.cartId), next.id, ttlMs);
        return { kind: 'written', record: written };
      }),

    lockCartAndRead: (cartId, ttlMs) =>
      answer(() => {
        const key = keys.cartLock(cartId);
        const ttl = positiveInteger(ttlMs, 'ttlMs');
        if (read(key) !== null) return { token: null, current: currentRecord(cartId) };
        const token = randomBytes(16).toString('base64url');
        write(key, token, ttl);
        return { token, current: currentRecord(cartId) };
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
