-- wrk script for pages whose requests never repeat: each thread cycles through its own share
-- of the paths listed (one a line) in the file given after `--`, then prints the same
-- BENCH_RESULT line as wrk_report.lua.
local threads = {}
local counter = 0

setup = function(thread)
  thread:set("id", counter)
  counter = counter + 1
  table.insert(threads, thread)
end

init = function(args)
  paths = {}
  for line in io.lines(args[1]) do
    paths[#paths + 1] = line
  end
  count = tonumber(args[2]) or 1
  position = id + 1 -- Lua tables start at 1; thread i takes paths i, i + n, i + 2n...
end

request = function()
  local path = paths[position]
  position = position + count
  if position > #paths then
    position = id + 1
  end
  return wrk.format("GET", path)
end

done = function(summary, latency, requests)
  local errors = summary.errors
  io.write(string.format(
    "BENCH_RESULT requests=%d duration_us=%d p50_us=%.0f p95_us=%.0f p99_us=%.0f " ..
    "non2xx=%d socket_errors=%d\n",
    summary.requests, summary.duration,
    latency:percentile(50), latency:percentile(95), latency:percentile(99),
    errors.status, errors.connect + errors.read + errors.write + errors.timeout))
end
