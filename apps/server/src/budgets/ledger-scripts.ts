/**
 * The Lua scripts of {@link RedisBudgetLedger}. A counter is a hash `{s: spent, r: reserved, k: 1}` (k
 * says it was seeded from the database's durable spend); a reservation is a string holding its lines as
 * JSON, indexed by expiry in one sorted set. Each script is one atomic round trip: every budget a request
 * touches is checked and held at once, all or nothing. Amounts are integer strings (HINCRBY is 64-bit);
 * the comparison uses Lua doubles, exact below 2^53 (9 million USD in nano-USD).
 * Reservation lines name their counter keys inside the JSON, so the scripts suit one Redis (or one
 * hash slot), not a cluster spreading keys over shards.
 * @see https://redis.io/docs/latest/develop/interact/programmability/eval-intro/
 */

/**
 * KEYS: counter 1..n, the reservation, the expiry set. ARGV: id, expiresAt, JSON of the lines to store,
 * then per line amount, limit. Returns {1} held, {0, i} line i refused, {-1, i...} counters i not seeded,
 * {-2} the id is already reserved.
 */
export const RESERVE_LUA = `
local n = #KEYS - 2
local missing = {}
for i = 1, n do
  if redis.call('HEXISTS', KEYS[i], 'k') == 0 then missing[#missing + 1] = i end
end
if #missing > 0 then return {-1, unpack(missing)} end
if redis.call('EXISTS', KEYS[n + 1]) == 1 then return {-2} end
for i = 1, n do
  local h = redis.call('HMGET', KEYS[i], 's', 'r')
  local amount = tonumber(ARGV[2 + 2 * i])
  if (tonumber(h[1]) or 0) + (tonumber(h[2]) or 0) + amount > tonumber(ARGV[3 + 2 * i]) then
    return {0, i}
  end
end
for i = 1, n do redis.call('HINCRBY', KEYS[i], 'r', ARGV[2 + 2 * i]) end
redis.call('SET', KEYS[n + 1], ARGV[3])
redis.call('ZADD', KEYS[n + 2], ARGV[2], ARGV[1])
return {1}
`;

/**
 * KEYS: the reservation, the expiry set. ARGV: id, then the actual amount per line. Moves each line's
 * actual amount from reserved to spent, releases the rest, deletes the reservation. Returns the
 * reservation's JSON (so the caller can persist the spend) followed by each line's spent and reserved
 * after it, or false when it was already closed.
 */
export const SETTLE_LUA = `
local v = redis.call('GET', KEYS[1])
if not v then return false end
redis.call('DEL', KEYS[1])
redis.call('ZREM', KEYS[2], ARGV[1])
local lines = cjson.decode(v)
local out = {v}
for i, l in ipairs(lines) do
  -- Redis refuses '-0' as an integer.
  if l.amount ~= '0' then redis.call('HINCRBY', l.key, 'r', '-' .. l.amount) end
  local actual = ARGV[i + 1] or '0'
  if actual ~= '0' then redis.call('HINCRBY', l.key, 's', actual) end
  local h = redis.call('HMGET', l.key, 's', 'r')
  out[#out + 1] = h[1] or '0'
  out[#out + 1] = h[2] or '0'
end
return out
`;

/**
 * KEYS: counters to seed. ARGV per key: durable spent, time to live ms (0: forever). A counter already seeded
 * (by another instance meanwhile) is left as it is.
 */
export const SEED_LUA = `
for i = 1, #KEYS do
  if redis.call('HSETNX', KEYS[i], 'k', '1') == 1 then
    redis.call('HSET', KEYS[i], 's', ARGV[2 * i - 1])
    redis.call('HSETNX', KEYS[i], 'r', '0')
    if tonumber(ARGV[2 * i]) > 0 then redis.call('PEXPIRE', KEYS[i], ARGV[2 * i]) end
  end
end
return 1
`;
