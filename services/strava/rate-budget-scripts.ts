/**
 * Lua scripts of the shared Strava budget (services/strava/rate-budget.ts). Each runs atomically in Redis,
 * so concurrent reservations from any number of processes never overspend. Keys expire with relative TTLs
 * (the clock may be an emulator's, far from Redis's own time).
 */

/**
 * KEYS: window hash, day hash, limits hash, blocked-until. ARGV: now, windowEnd, dayEnd, share, then the
 * default limits read15, readDay, overall15, overallDay. Returns 0 when a unit was taken, else the epoch
 * ms at which to try again.
 */
export const RESERVE_SCRIPT = `
local now = tonumber(ARGV[1])
local blocked = tonumber(redis.call('GET', KEYS[4]) or '0')
if blocked > now then return blocked end
local share = tonumber(ARGV[4])
local lim = redis.call('HMGET', KEYS[3], 'read15', 'readDay', 'overall15', 'overallDay')
-- Live work may always probe with one call per window, so a limit learned as 0 cannot lock us out forever.
local function cap(i)
  local c = math.floor((tonumber(lim[i]) or tonumber(ARGV[4 + i])) * share)
  if share >= 1 and c < 1 then return 1 end
  return c
end
local w = redis.call('HMGET', KEYS[1], 'read', 'overall')
local d = redis.call('HMGET', KEYS[2], 'read', 'overall')
if (tonumber(d[1]) or 0) >= cap(2) or (tonumber(d[2]) or 0) >= cap(4) then return tonumber(ARGV[3]) end
if (tonumber(w[1]) or 0) >= cap(1) or (tonumber(w[2]) or 0) >= cap(3) then return tonumber(ARGV[2]) end
redis.call('HINCRBY', KEYS[1], 'read', 1)
redis.call('HINCRBY', KEYS[1], 'overall', 1)
redis.call('HINCRBY', KEYS[2], 'read', 1)
redis.call('HINCRBY', KEYS[2], 'overall', 1)
redis.call('PEXPIRE', KEYS[1], tonumber(ARGV[2]) - now + 60000)
redis.call('PEXPIRE', KEYS[2], tonumber(ARGV[3]) - now + 60000)
return 0
`;

/**
 * KEYS: window hash, day hash, limits hash. ARGV: now, windowEnd, dayEnd, then Strava's limits read15,
 * readDay, overall15, overallDay and usage read15, readDay, overall15, overallDay. Limits are replaced;
 * usage only ever goes up (our own count includes calls Strava has not answered yet).
 */
export const OBSERVE_SCRIPT = `
local now = tonumber(ARGV[1])
redis.call('HSET', KEYS[3], 'read15', ARGV[4], 'readDay', ARGV[5], 'overall15', ARGV[6], 'overallDay', ARGV[7])
local function raise(key, field, value)
  local current = tonumber(redis.call('HGET', key, field) or '0')
  if tonumber(value) > current then redis.call('HSET', key, field, value) end
end
raise(KEYS[1], 'read', ARGV[8])
raise(KEYS[2], 'read', ARGV[9])
raise(KEYS[1], 'overall', ARGV[10])
raise(KEYS[2], 'overall', ARGV[11])
redis.call('PEXPIRE', KEYS[1], tonumber(ARGV[2]) - now + 60000)
redis.call('PEXPIRE', KEYS[2], tonumber(ARGV[3]) - now + 60000)
return 0
`;

/** KEYS: blocked-until. ARGV: now, until. Keeps the later of the existing and the new block. */
export const BLOCK_SCRIPT = `
local now = tonumber(ARGV[1])
local untilMs = tonumber(ARGV[2])
local current = tonumber(redis.call('GET', KEYS[1]) or '0')
if current > untilMs then untilMs = current end
redis.call('SET', KEYS[1], tostring(untilMs), 'PX', math.max(1000, untilMs - now + 60000))
return untilMs
`;
