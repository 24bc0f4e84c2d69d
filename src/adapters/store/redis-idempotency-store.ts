import type { IdempotencyRecord, IdempotencyStore } from '../../domain/ports/idempotency-store.ts';
import { ok } from '../../domain/result.ts';
import { decodeIdempotencyRecord, idempotencyKeyName } from './idempotency-codec.ts';
import { type RedisClient, reach } from './redis-client.ts';
import { defineScript } from './redis-scripts.ts';

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

/** Idempotency records in Redis; outside any cart's hash tag (docs/redis-keys.md: nothing atomic spans them). */
export function createRedisIdempotencyStore(
  redis: RedisClient,
  options: { keyPrefix?: string } = {},
): IdempotencyStore {
  const prefix = options.keyPrefix ?? '';
  const scripts = {
    hpgIdemBegin: defineScript(redis, 'hpgIdemBegin', { numberOfKeys: 1, lua: BEGIN_SCRIPT }),
    hpgIdemAbandon: defineScript(redis, 'hpgIdemAbandon', { numberOfKeys: 1, lua: ABANDON_SCRIPT }),
  };

  const begin: IdempotencyStore['begin'] = async (scope, claim) => {
    const { fingerprint, startedAt, claimId } = claim;
    const inFlight: IdempotencyRecord = { state: 'in-flight', fingerprint, startedAt, claimId };
    const reply = await reach(redis, () =>
      scripts.hpgIdemBegin(
        idempotencyKeyName(prefix, scope),
        JSON.stringify(inFlight),
        Math.max(1, Math.ceil(claim.inFlightTtlMs)),
      ),
    );
    if (!reply.ok) return reply;
    const [started, existing] = reply.value as [number, string | null | undefined];
    if (started === 1) return ok({ kind: 'started' });
    // The claim vanished between SET and GET (abandoned or expired): try to claim it again.
    if (!existing) return begin(scope, claim);
    return ok({ kind: 'exists', record: decodeIdempotencyRecord(existing) });
  };

  return {
    begin,
    async complete(scope, { fingerprint, outcome, ttlSeconds }) {
      const record: IdempotencyRecord = { state: 'done', fingerprint, outcome };
      const reply = await reach(redis, () =>
        redis.set(idempotencyKeyName(prefix, scope), JSON.stringify(record), 'EX', Math.max(1, Math.ceil(ttlSeconds))),
      );
      return reply.ok ? ok(undefined) : reply;
    },
    async abandon(scope, claimId) {
      const reply = await reach(redis, () => scripts.hpgIdemAbandon(idempotencyKeyName(prefix, scope), claimId));
      return reply.ok ? ok(undefined) : reply;
    },
    async get(scope) {
      const text = await reach(redis, () => redis.get(idempotencyKeyName(prefix, scope)));
      return text.ok ? ok(text.value === null ? null : decodeIdempotencyRecord(text.value)) : text;
    },
  };
}
