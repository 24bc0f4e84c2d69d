/**
 * The session store's atomic state changes, one Lua script each. Every script receives all keys it
 * touches in KEYS, and the keys of one script share one hash tag, so each runs in one Redis Cluster
 * slot. Times are the store's: `TIME` inside the script, never a gateway process's clock.
 *
 * A payment record is a hash: `doc` (the record as JSON, written by the gateway), `v` (its version,
 * the compare-and-set token), `exp` (release deadline) and `lease` (until when the work holding it
 * may run; 0 = none), both in store-clock epoch ms and both set only here. Every committed change is
 * published on the payment's channel as `{"v","exp","lease","at","doc"}`, so watchers on any gateway
 * process hear each change once, in commit order.
 *
 * Replies are arrays (Lua nil would end them early, so "nothing" is `false`, which arrives as null).
 */

/** The store's clock in epoch ms, and a number as an integer string (tostring would switch to e-notation). */
const PRELUDE = `
local function now_ms()
  local t = redis.call('TIME')
  return tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
end
local function int(n) return string.format('%.0f', n) end
local function announce(channel, v, exp, lease, now, doc)
  if channel == '' then return end
  redis.call('PUBLISH', channel,
    '{"v":' .. v .. ',"exp":' .. int(exp) .. ',"lease":' .. int(lease) .. ',"at":' .. int(now) .. ',"doc":' .. doc .. '}')
end
`;

/** KEYS[1] record → {now, doc|false, exp|false, lease|false}. */
export const READ_SCRIPT = `${PRELUDE}
local h = redis.call('HMGET', KEYS[1], 'doc', 'exp', 'lease')
return {now_ms(), h[1] or false, h[2] or false, h[3] or false}
`;

/**
 * KEYS[1] cart index, KEYS[2] cart lock; ARGV[1] record key prefix (the cart's, up to the id),
 * ARGV[2] lock token ('' = read only), ARGV[3] lock TTL ms.
 * → {now, id|false, doc|false, exp|false, lease|false, locked 0|1}. The cart's current payment
 * read in one round trip, and with a token the lock taken in the same step, so what is read holds
 * for as long as the lock does. The record's key is known only once the index is read; it carries
 * the cart's hash tag, so it lies in this script's slot.
 */
export const CURRENT_FOR_CART_SCRIPT = `${PRELUDE}
local locked = 0
if ARGV[2] ~= '' and redis.call('SET', KEYS[2], ARGV[2], 'PX', ARGV[3], 'NX') then locked = 1 end
local id = redis.call('GET', KEYS[1])
if not id then return {now_ms(), false, false, false, false, locked} end
local h = redis.call('HMGET', ARGV[1] .. id, 'doc', 'exp', 'lease')
return {now_ms(), id, h[1] or false, h[2] or false, h[3] or false, locked}
`;

/**
 * KEYS[1] cart index, KEYS[2] new record.
 * ARGV[1] expected current id ('' = no index entry), ARGV[2] doc, ARGV[3] TTL seconds, ARGV[4] the
 * new record's id, ARGV[5] ms until its deadline, ARGV[6] its version, ARGV[7] channel ('' = none).
 * → {1, now, exp} | {0, currentId} (currentId '' when the index is empty).
 */
export const CREATE_SCRIPT = `${PRELUDE}
local current = redis.call('GET', KEYS[1])
if not current then current = '' end
if current ~= ARGV[1] then return {0, current} end
local now = now_ms()
local exp = now + tonumber(ARGV[5])
redis.call('DEL', KEYS[2])
redis.call('HSET', KEYS[2], 'doc', ARGV[2], 'v', ARGV[6], 'exp', int(exp), 'lease', 0)
redis.call('EXPIRE', KEYS[2], ARGV[3])
redis.call('SET', KEYS[1], ARGV[4], 'EX', ARGV[3])
announce(ARGV[7], ARGV[6], exp, 0, now, ARGV[2])
return {1, now, exp}
`;

/**
 * KEYS[1] record, KEYS[2] cart index.
 * ARGV[1] expected stored version, ARGV[2] next doc, ARGV[3] TTL seconds, ARGV[4] record id,
 * ARGV[5] next version, ARGV[6] ms until the new deadline ('' = keep), ARGV[7] lease: ms from now,
 * 'clear', or '' (keep), ARGV[8] requirement ('' | 'lease-expired' | 'not-expired' | 'expired'),
 * ARGV[9] channel ('' = none).
 * → {1, now, exp, lease} | {0, 'missing', now} | {0, 'version' | 'requirement', now, doc, exp, lease}.
 * The cart index gets the same TTL when it still points at this record: an index that expired
 * before its live record would let a second payment be created for the cart.
 */
export const UPDATE_SCRIPT = `${PRELUDE}
local now = now_ms()
local h = redis.call('HMGET', KEYS[1], 'doc', 'v', 'exp', 'lease')
if not h[1] then return {0, 'missing', now} end
local exp, lease = tonumber(h[3]), tonumber(h[4])
if tonumber(h[2]) ~= tonumber(ARGV[1]) then return {0, 'version', now, h[1], exp, lease} end
local req = ARGV[8]
if (req == 'lease-expired' and (lease == 0 or lease > now))
  or (req == 'not-expired' and exp <= now)
  or (req == 'expired' and exp > now) then
  return {0, 'requirement', now, h[1], exp, lease}
end
if ARGV[6] ~= '' then exp = now + tonumber(ARGV[6]) end
if ARGV[7] == 'clear' then lease = 0 elseif ARGV[7] ~= '' then lease = now + tonumber(ARGV[7]) end
redis.call('HSET', KEYS[1], 'doc', ARGV[2], 'v', ARGV[5], 'exp', int(exp), 'lease', int(lease))
redis.call('EXPIRE', KEYS[1], ARGV[3])
if redis.call('GET', KEYS[2]) == ARGV[4] then redis.call('EXPIRE', KEYS[2], ARGV[3]) end
announce(ARGV[9], ARGV[5], exp, lease, now, ARGV[2])
return {1, now, exp, lease}
`;

/** KEYS[1] lock, ARGV[1] token. Deletes only the holder's own lock → 1 | 0. */
export const RELEASE_LOCK_SCRIPT = `
if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
return 0
`;

/** KEYS[1] queue shard; ARGV[1] id, ARGV[2] ms from now. Due then, unless already due earlier. */
export const SCHEDULE_SCRIPT = `${PRELUDE}
redis.call('ZADD', KEYS[1], 'LT', int(now_ms() + tonumber(ARGV[2])), ARGV[1])
return 1
`;

/**
 * KEYS[1] queue shard; ARGV[1] limit, ARGV[2] claim lease ms.
 * Claims up to `limit` due entries by moving them to now + lease (a sweeper that dies leaves them
 * due again then) → {now, oldest unclaimed due time or false, id...}.
 */
export const CLAIM_SCRIPT = `${PRELUDE}
local now = now_ms()
local due = redis.call('ZRANGEBYSCORE', KEYS[1], '-inf', now, 'LIMIT', 0, tonumber(ARGV[1]))
local until_ms = int(now + tonumber(ARGV[2]))
for _, id in ipairs(due) do redis.call('ZADD', KEYS[1], 'XX', until_ms, id) end
local oldest = redis.call('ZRANGEBYSCORE', KEYS[1], '-inf', now, 'WITHSCORES', 'LIMIT', 0, 1)
local reply = {now, oldest[2] or false}
for _, id in ipairs(due) do reply[#reply + 1] = id end
return reply
`;

/** KEYS[1] queue shard; ARGV[1] grace ms, ARGV[2] limit → {now, total, id, dueAt, id, dueAt...}. */
export const OVERDUE_SCRIPT = `${PRELUDE}
local now = now_ms()
local cutoff = now - tonumber(ARGV[1])
local entries = redis.call('ZRANGEBYSCORE', KEYS[1], '-inf', cutoff, 'WITHSCORES', 'LIMIT', 0, tonumber(ARGV[2]))
local reply = {now, redis.call('ZCOUNT', KEYS[1], '-inf', cutoff)}
for _, value in ipairs(entries) do reply[#reply + 1] = value end
return reply
`;

/** KEYS[1] attention index; ARGV[1] id. Listed since now, unless listed already. */
export const ATTENTION_ADD_SCRIPT = `${PRELUDE}
redis.call('ZADD', KEYS[1], 'NX', int(now_ms()), ARGV[1])
return 1
`;
