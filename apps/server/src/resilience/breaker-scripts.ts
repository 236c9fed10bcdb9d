/**
 * The Lua scripts of {@link RedisBreakerStore}: each reads a breaker's hash, applies one transition and
 * writes it back in a single atomic round trip, so two instances can never both open a breaker's probe or
 * lose each other's failure counts. They mirror MemoryBreakerStore transition for transition; the
 * conformance suite holds both to the same behaviour.
 *
 * The hash holds: st (0 closed, 1 open, 2 half-open), cf (consecutive failures), oa (opened at),
 * np (next probe at), pu (probe lease until), cd (cool-down in force), cu and cs (a rate-limit cool-down's
 * end and start, 0 for none), and per window slot i: e<i> (the bucket number the slot holds),
 * r<i> (requests), f<i> (failures).
 * Times come from the caller (ARGV[1]), not Redis TIME, so clocks stay injectable; instances are
 * expected to run NTP-synced clocks, and a skew only shifts a cool-down by that much.
 * @see https://redis.io/docs/latest/develop/interact/programmability/eval-intro/
 */

/** Shared by every script. ARGV: now, windowMs, buckets, base cool-down, ttlMs. */
const PRELUDE = `
local key = KEYS[1]
local now = tonumber(ARGV[1])
local buckets = tonumber(ARGV[3])
local baseCoolDown = tonumber(ARGV[4])
local ttl = tonumber(ARGV[5])
local epoch = math.floor(now / (tonumber(ARGV[2]) / buckets))

local h = redis.call('HMGET', key, 'st', 'cf', 'oa', 'np', 'pu', 'cd', 'cu', 'cs')
local st = tonumber(h[1]) or 0
local cf = tonumber(h[2]) or 0
local oa = tonumber(h[3]) or 0
local np = tonumber(h[4]) or 0
local pu = tonumber(h[5]) or 0
local cd = tonumber(h[6]) or baseCoolDown
local cu = tonumber(h[7]) or 0
local cs = tonumber(h[8]) or 0
-- A rate-limit cool-down that ran out is forgotten (written back by the next save), so that a later
-- block does not count as begun back then.
if now >= cu then cu, cs = 0, 0 end

-- Lua would write large numbers as 1.7e+12; integers must stay exact.
local function int(x) return string.format('%d', x) end

local function save()
  redis.call('HSET', key, 'st', st, 'cf', int(cf), 'oa', int(oa), 'np', int(np), 'pu', int(pu), 'cd', int(cd),
    'cu', int(cu), 'cs', int(cs))
  redis.call('PEXPIRE', key, ttl)
end

local function windowTotals()
  local fields = {}
  for i = 0, buckets - 1 do
    fields[#fields + 1] = 'e' .. i
    fields[#fields + 1] = 'r' .. i
    fields[#fields + 1] = 'f' .. i
  end
  local v = redis.call('HMGET', key, unpack(fields))
  local r, f = 0, 0
  for i = 0, buckets - 1 do
    local e = tonumber(v[i * 3 + 1])
    if e and e > epoch - buckets and e <= epoch then
      r = r + (tonumber(v[i * 3 + 2]) or 0)
      f = f + (tonumber(v[i * 3 + 3]) or 0)
    end
  end
  return r, f
end

local function record()
  local r, f = windowTotals()
  return { st, cf, oa, np, pu, cd, f, r, cu, cs }
end
`;

/**
 * Records one outcome. ARGV after the prelude's: failed (1/0), consecutive limit, failure rate,
 * min requests, cool-down multiplier, max cool-down, panic (1/0: a call sent to a blocked deployment).
 * Returns the record (see `record()`).
 */
export const RECORD_OUTCOME_LUA = `${PRELUDE}
local failed = ARGV[6] == '1'
local consecutiveLimit = tonumber(ARGV[7])
local failureRate = tonumber(ARGV[8])
local minRequests = tonumber(ARGV[9])
local multiplier = tonumber(ARGV[10])
local maxCoolDown = tonumber(ARGV[11])
local panic = ARGV[12] == '1'

local function open(coolDown)
  st = 1
  oa = now
  cd = coolDown
  np = now + coolDown
  pu = 0
end

-- A good probe: forget everything, the breaker starts over closed. A rate-limit cool-down is not the
-- breaker's: it outlives the reset.
local function reset()
  redis.call('DEL', key)
  st, cf, oa, np, pu, cd = 0, 0, 0, 0, 0, baseCoolDown
  if cu ~= 0 then save() end
end

-- A panic call that succeeded is evidence of health, as good as a probe and better than a Retry-After.
if panic and not failed then cu, cs = 0, 0 end
if st == 2 or (st == 1 and panic and not failed) then
  if failed then
    cf = cf + 1
    open(math.min(maxCoolDown, math.floor(cd * multiplier + 0.5)))
    save()
  else
    reset()
  end
elseif st == 0 then
  local slot = epoch % buckets
  if tonumber(redis.call('HGET', key, 'e' .. slot)) ~= epoch then
    redis.call('HSET', key, 'e' .. slot, int(epoch), 'r' .. slot, 0, 'f' .. slot, 0)
  end
  redis.call('HINCRBY', key, 'r' .. slot, 1)
  if failed then
    redis.call('HINCRBY', key, 'f' .. slot, 1)
    cf = cf + 1
    local r, f = windowTotals()
    if cf >= consecutiveLimit or (r >= minRequests and f >= failureRate * r) then open(baseCoolDown) end
  else
    cf = 0
  end
  save()
end
-- st == 1: late answers of calls let through before the breaker opened change nothing.
return record()
`;

/**
 * Takes the probe if due (never during a rate-limit cool-down). ARGV after the prelude's: lease ms.
 * Returns { granted, st, np, pu, oa, cu, cs }: the gate, for the caller's local view.
 */
export const ACQUIRE_PROBE_LUA = `${PRELUDE}
local lease = tonumber(ARGV[6])
if now < cu then return { 0, st, np, pu, oa, cu, cs } end
if st == 0 then return { 1, st, np, pu, oa, cu, cs } end
if (st == 1 and now >= np) or (st == 2 and now >= pu) then
  st = 2
  pu = now + lease
  save()
  return { 1, st, np, pu, oa, cu, cs }
end
return { 0, st, np, pu, oa, cu, cs }
`;

/**
 * Starts a rate-limit cool-down unless a longer one is in force; touches nothing else. ARGV after the
 * prelude's: length ms (already clamped by the policy). Returns the record.
 */
export const COOL_DOWN_LUA = `${PRELUDE}
local ms = tonumber(ARGV[6])
if ms > 0 and now + ms > cu then
  cu = now + ms
  cs = now
  save()
end
return record()
`;

/** Reads the record without changing anything. */
export const READ_RECORD_LUA = `${PRELUDE}
return record()
`;
