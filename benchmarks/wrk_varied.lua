-- wrk script for pages whose requests never repeat: each thread cycles through its own share
-- of the paths listed (one a line) in the file given after `--`; wrk_report.lua, beside this
-- file, prints the BENCH_RESULT line.
dofile((debug.getinfo(1, "S").source:match("^@(.*/)") or "./") .. "wrk_report.lua")

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
