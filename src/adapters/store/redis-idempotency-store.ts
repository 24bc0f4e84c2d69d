import type { Redis } from 'ioredis';
import type { IdempotencyRecord, IdempotencyStore } from '../../domain/ports/idempotency-store.ts';
import { StoreUnavailableError } from '../../domain/ports/session-store.ts';
import { decodeIdempotencyRecord, idempotencyKeyName } from './idempotency-codec.ts';

/** KEYS[1] record; ARGV[1] in-flight JSON, ARGV[2] TTL ms → {1} | {0, existingJson}. */
const BEGIN_SCRIPT = `
if redis.call('SET', KEYS[1], ARGV[1], 'NX', 'PX', ARGV[2]) then return {1} end
return {0, redis.call('GET', KEYS[1])}
`;

/** KEYS[1] record; ARGV[1] claim id. Forgets only this in-flight claim, never an outcome or another claim. */
const ABANDON_SCRIPT = `
local stored = redis.call('GET', KEYS[1])
if not stored then return 0 end
local ok, decoded = pcall(cjson.decode, stored)
if ok and decoded['state'] == 'in-flight' and decoded['claimId'] == ARGV[1] then return redis.call('DEL', KEYS[1]) end
return 0
`;

interface IdempotencyCommands {
  hpgIdemBegin(key: string, json: string, ttlMs: number): Promise<unknown>;
  hpgIdemAbandon(key: string, claimId: string): Promise<unknown>;
}

async function reach<T>(what: string, operation: () => Promise<T>): Promise<T> {
  try {
    return await operation();
  } catch (error) {
    throw new StoreUnavailableError(
      `idempotency store ${what}: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
}

/** Idempotency records in Redis; outside any cart's hash tag (CONTRACT.md §11: nothing atomic spans them). */
export function createRedisIdempotencyStore(redis: Redis, options: { keyPrefix?: string } = {}): IdempotencyStore {
  const prefix = options.keyPrefix ?? '';
  redis.defineCommand('hpgIdemBegin', { numberOfKeys: 1, lua: BEGIN_SCRIPT });
  redis.defineCommand('hpgIdemAbandon', { numberOfKeys: 1, lua: ABANDON_SCRIPT });
  // defineCommand adds these methods at runtime; ioredis cannot type them.
  const scripts = redis as Redis & IdempotencyCommands;

  return {
    async begin(scope, fingerprint, inFlightTtlMs, now, claimId) {
      const inFlight: IdempotencyRecord = { state: 'in-flight', fingerprint, startedAt: now, claimId };
      const reply = await reach('begin', () =>
        scripts.hpgIdemBegin(
          idempotencyKeyName(prefix, scope),
          JSON.stringify(inFlight),
          Math.max(1, Math.ceil(inFlightTtlMs)),
        ),
      );
      const [started, existing] = reply as [number, string | null | undefined];
      if (started === 1) return { kind: 'started' };
      // The claim vanished between SET and GET (abandoned or expired): report it as just started by nobody.
      if (!existing) return this.begin(scope, fingerprint, inFlightTtlMs, now, claimId);
      return { kind: 'exists', record: decodeIdempotencyRecord(existing) };
    },
    async complete(scope, fingerprint, outcome, ttlSeconds) {
      const record: IdempotencyRecord = { state: 'done', fingerprint, outcome };
      await reach('complete', () =>
        redis.set(idempotencyKeyName(prefix, scope), JSON.stringify(record), 'EX', Math.max(1, Math.ceil(ttlSeconds))),
      );
    },
    async abandon(scope, claimId) {
      await reach('abandon', () => scripts.hpgIdemAbandon(idempotencyKeyName(prefix, scope), claimId));
    },
    async get(scope) {
      const text = await reach('get', () => redis.get(idempotencyKeyName(prefix, scope)));
      return text === null ? null : decodeIdempotencyRecord(text);
    },
  };
}
