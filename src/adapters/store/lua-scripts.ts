/**
 * The session store's atomic state changes, one Lua script each. Every script receives all keys it
 * touches in KEYS and they share one cart's hash tag, so each runs in one Redis Cluster slot.
 * Scripts answer arrays whose first element is 1 (done) or 0 (refused); Lua nil would end the
 * array early, so "nothing" is encoded as a missing second element.
 */

/**
 * KEYS[1] cart index, KEYS[2] new record.
 * ARGV[1] expected current id ('' = no index entry), ARGV[2] record JSON, ARGV[3] TTL seconds,
 * ARGV[4] the new record's id.
 * → {1} | {0, currentId} (currentId '' when the index is empty).
 */
export const CREATE_SCRIPT = `
local current = redis.call('GET', KEYS[1])
if not current then current = '' end
if current ~= ARGV[1] then return {0, current} end
redis.call('SET', KEYS[2], ARGV[2], 'EX', ARGV[3])
redis.call('SET', KEYS[1], ARGV[4], 'EX', ARGV[3])
return {1}
`;

/**
 * KEYS[1] record, KEYS[2] cart index.
 * ARGV[1] expected stored version, ARGV[2] next record JSON, ARGV[3] TTL seconds, ARGV[4] record id.
 * → {1} | {0} (record gone) | {0, storedJson} (version differs).
 * The cart index gets the same TTL when it still points at this record: an index that expired
 * before its live record would let a second payment be created for the cart.
 */
export const UPDATE_SCRIPT = `
local stored = redis.call('GET', KEYS[1])
if not stored then return {0} end
local ok, decoded = pcall(cjson.decode, stored)
if not ok or type(decoded) ~= 'table' or tonumber(decoded['version']) ~= tonumber(ARGV[1]) then
  return {0, stored}
end
redis.call('SET', KEYS[1], ARGV[2], 'EX', ARGV[3])
if redis.call('GET', KEYS[2]) == ARGV[4] then redis.call('EXPIRE', KEYS[2], ARGV[3]) end
return {1}
`;

/** KEYS[1] lock, ARGV[1] token. Deletes only the holder's own lock → 1 | 0. */
export const RELEASE_LOCK_SCRIPT = `
if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
return 0
`;
