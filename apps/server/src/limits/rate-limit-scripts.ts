/**
 * The Redis rate limiter's Lua scripts (see RedisRateLimiter). A window counter is two keys: a sorted
 * set of leases scored by admission time, and a hash of each lease's weight plus `__sum`, their total.
 * A concurrency counter is one sorted set of leases scored by expiry. Scripts take the caller's clock
 * (ARGV[1]) so every instance and every test agrees on time.
 */

/**
 * ACQUIRE. KEYS: per counter, its sorted set and its hash (the hash unused for concurrency).
 * ARGV: now, lease, windowMs, leaseTtlMs, then per counter: kind (r|t|c), limit, cost.
 * Returns {allowed, retryAfterMs, then per counter: used-after, resetAt}. Nothing is written when any
 * counter refuses, except dropping what already expired.
 */
export const ACQUIRE_LUA = `
local now = tonumber(ARGV[1])
local lease = ARGV[2]
local win = tonumber(ARGV[3])
local ttl = tonumber(ARGV[4])
local n = (#ARGV - 4) / 3
local used = {}
local allowed = 1
local retry = 0
for i = 1, n do
  local kind = ARGV[2 + 3 * i]
  local limit = tonumber(ARGV[3 + 3 * i])
  local cost = tonumber(ARGV[4 + 3 * i])
  local z = KEYS[2 * i - 1]
  local h = KEYS[2 * i]
  local u
  if kind == 'c' then
    redis.call('ZREMRANGEBYSCORE', z, '-inf', now)
    u = redis.call('ZCARD', z)
  else
    local old = redis.call('ZRANGEBYSCORE', z, '-inf', now - win)
    if #old > 0 then
      local freed = 0
      for j = 1, #old do
        freed = freed + (tonumber(redis.call('HGET', h, old[j])) or 0)
        redis.call('HDEL', h, old[j])
      end
      -- (0 - freed, never -freed: Lua renders -0 as "-0", which HINCRBY refuses)
      if freed ~= 0 then redis.call('HINCRBY', h, '__sum', 0 - freed) end
      redis.call('ZREMRANGEBYSCORE', z, '-inf', now - win)
    end
    u = tonumber(redis.call('HGET', h, '__sum')) or 0
  end
  used[i] = u
  if u + cost > limit then
    allowed = 0
    local wait = 1000
    if kind ~= 'c' then
      local needed = u + cost - limit
      local freed = 0
      wait = win
      local entries = redis.call('ZRANGE', z, 0, -1, 'WITHSCORES')
      for j = 1, #entries, 2 do
        freed = freed + (tonumber(redis.call('HGET', h, entries[j])) or 0)
        if freed >= needed then
          wait = math.max(1, tonumber(entries[j + 1]) + win - now)
          break
        end
      end
    end
    if wait > retry then retry = wait end
  end
end
local out = {allowed, retry}
for i = 1, n do
  local kind = ARGV[2 + 3 * i]
  local cost = tonumber(ARGV[4 + 3 * i])
  local z = KEYS[2 * i - 1]
  local h = KEYS[2 * i]
  local u = used[i]
  local reset = now
  if allowed == 1 then
    u = u + cost
    if kind == 'c' then
      redis.call('ZADD', z, now + ttl, lease)
      redis.call('PEXPIRE', z, ttl)
    else
      redis.call('ZADD', z, now, lease)
      redis.call('HSET', h, lease, cost)
      redis.call('HINCRBY', h, '__sum', cost)
      redis.call('PEXPIRE', z, win * 2)
      redis.call('PEXPIRE', h, win * 2)
    end
  end
  if kind ~= 'c' then
    local last = redis.call('ZRANGE', z, -1, -1, 'WITHSCORES')
    if #last > 0 then reset = tonumber(last[2]) + win end
  end
  out[#out + 1] = u
  out[#out + 1] = reset
end
return out
`;

/**
 * SETTLE. KEYS: per token counter its sorted set and hash, then the concurrency sets.
 * ARGV: lease, m (token counters), then m actual token counts.
 * A lease still in a window takes its actual weight; its slots are released.
 */
export const SETTLE_LUA = `
local lease = ARGV[1]
local m = tonumber(ARGV[2])
for i = 1, m do
  local h = KEYS[2 * i]
  local w = tonumber(redis.call('HGET', h, lease))
  if w then
    local actual = tonumber(ARGV[2 + i])
    redis.call('HSET', h, lease, actual)
    redis.call('HINCRBY', h, '__sum', actual - w)
  end
end
for i = 2 * m + 1, #KEYS do
  redis.call('ZREM', KEYS[i], lease)
end
return 1
`;

/**
 * PEEK (read-only). KEYS: per counter its sorted set and hash. ARGV: now, windowMs, then per counter its
 * kind (r|t|c). Returns per counter: used, resetAt. Entries that left the window but were not trimmed yet
 * are subtracted, not removed.
 */
export const PEEK_LUA = `
local now = tonumber(ARGV[1])
local win = tonumber(ARGV[2])
local out = {}
for i = 1, #ARGV - 2 do
  local kind = ARGV[2 + i]
  local z = KEYS[2 * i - 1]
  local h = KEYS[2 * i]
  local u
  local reset = now
  if kind == 'c' then
    u = redis.call('ZCOUNT', z, '(' .. now, '+inf')
  else
    u = tonumber(redis.call('HGET', h, '__sum')) or 0
    local old = redis.call('ZRANGEBYSCORE', z, '-inf', now - win)
    for j = 1, #old do u = u - (tonumber(redis.call('HGET', h, old[j])) or 0) end
    local last = redis.call('ZRANGE', z, -1, -1, 'WITHSCORES')
    if #last > 0 and tonumber(last[2]) > now - win then reset = tonumber(last[2]) + win end
  end
  out[#out + 1] = u
  out[#out + 1] = reset
end
return out
`;
