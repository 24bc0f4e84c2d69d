import type { IdempotencyRecord, IdempotencyStore } from '../../domain/ports/idempotency-store.ts';
import type { StoreAnswer } from '../../domain/ports/store-answer.ts';
import { ok } from '../../domain/result.ts';
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
  // Never unavailable: this store lives in the process that asks it.
  const answer = async <T>(operation: () => T): Promise<StoreAnswer<T>> => ok(operation());

  return {
    begin: (scope, claim) =>
      answer(() => {
        const key = idempotencyKeyName('', scope);
        const existing = read(key);
        if (existing) return { kind: 'exists', record: existing } as const;
        const { fingerprint, startedAt, claimId } = claim;
        write(key, { state: 'in-flight', fingerprint, startedAt, claimId }, claim.inFlightTtlMs);
        return { kind: 'started' } as const;
      }),
    complete: (scope, { fingerprint, outcome, ttlSeconds }) =>
      answer(() => {
        write(idempotencyKeyName('', scope), { state: 'done', fingerprint, outcome }, ttlSeconds * 1000);
      }),
    abandon: (scope, claimId) =>
      answer(() => {
        const key = idempotencyKeyName('', scope);
        const existing = read(key);
        if (existing?.state === 'in-flight' && existing.claimId === claimId) entries.delete(key);
      }),
    get: (scope) => answer(() => read(idempotencyKeyName('', scope))),
  };
}
