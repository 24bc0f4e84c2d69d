import type { IdempotencyRecord, IdempotencyStore } from '../../domain/ports/idempotency-store.ts';
import { decodeIdempotencyRecord, idempotencyKeyName } from './idempotency-codec.ts';

/** In-process twin of the Redis idempotency store (single instance only). */
export function createMemoryIdempotencyStore(options: { now?: () => number } = {}): IdempotencyStore {
  const now = options.now ?? Date.now;
  const entries = new Map<string, { text: string; expiresAt: number }>();
  const read = (key: string): IdempotencyRecord | null => {
    const entry = entries.get(key);
    if (!entry) return null;
    if (entry.expiresAt <= now()) {
      entries.delete(key);
      return null;
    }
    return decodeIdempotencyRecord(entry.text);
  };
  const write = (key: string, record: IdempotencyRecord, ttlMs: number) =>
    entries.set(key, { text: JSON.stringify(record), expiresAt: now() + ttlMs });

  return {
    async begin(scope, fingerprint, inFlightTtlMs, startedAt, claimId) {
      const key = idempotencyKeyName('', scope);
      const existing = read(key);
      if (existing) return { kind: 'exists', record: existing };
      write(key, { state: 'in-flight', fingerprint, startedAt, claimId }, inFlightTtlMs);
      return { kind: 'started' };
    },
    async complete(scope, fingerprint, outcome, ttlSeconds) {
      write(idempotencyKeyName('', scope), { state: 'done', fingerprint, outcome }, ttlSeconds * 1000);
    },
    async abandon(scope, claimId) {
      const key = idempotencyKeyName('', scope);
      const existing = read(key);
      if (existing?.state === 'in-flight' && existing.claimId === claimId) entries.delete(key);
    },
    async get(scope) {
      return read(idempotencyKeyName('', scope));
    },
  };
}
