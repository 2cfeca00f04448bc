-- A batch of rate-limit checks for one subject, atomically, on the Redis server's clock.
-- KEYS[1]: "<prefix>ratelimit:{<subject>}:"; the window start (Unix seconds) is appended,
--          so every window of a subject shares the hash tag, hence the cluster slot.
-- ARGV:    window seconds, 1 for the sliding algorithm (0: fixed), then a limit and a
--          cost per check, in the order the checks arrived.
-- Returns: {now ms, previous window's count, then per check: the count before it, 1|0
--          allowed}. Each check sees the checks before it; denied ones count nothing.
-- The rule matches window.rs: integers in request-milliseconds, exact in Lua's doubles.

-- Redis < 5 only allows writes after TIME in effects-replicated scripts.
if redis.replicate_commands then redis.replicate_commands() end

local time = redis.call('TIME')
local now_s = tonumber(time[1])
local now_ms = now_s * 1000 + math.floor(tonumber(time[2]) / 1000)
local window_s = tonumber(ARGV[1])
local window_ms = window_s * 1000
local sliding = ARGV[2] == '1'
local start_s = now_s - now_s % window_s
local key = KEYS[1] .. string.format('%d', start_s)

local current = tonumber(redis.call('GET', key) or '0')
local previous, weighted = 0, 0
if sliding then
  previous = tonumber(redis.call('GET', KEYS[1] .. string.format('%d', start_s - window_s)) or '0')
  weighted = previous * (window_ms - (now_ms - start_s * 1000))
end

local reply = {now_ms, previous}
local count = current
for i = 3, #ARGV - 1, 2 do
  local limit, cost = tonumber(ARGV[i]), tonumber(ARGV[i + 1])
  local allowed = weighted + (count + cost) * window_ms <= limit * window_ms
  reply[#reply + 1] = count
  reply[#reply + 1] = allowed and 1 or 0
  if allowed then count = count + cost end
end

if count > current then
  redis.call('INCRBY', key, count - current)
  if current == 0 then
    -- A new counter. The sliding algorithm reads it again during the next window.
    redis.call('EXPIRE', key, sliding and 2 * window_s or window_s)
  end
end
return reply
