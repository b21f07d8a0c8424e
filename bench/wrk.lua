-- wrk script: GET a random path from a file, count non-2xx answers, print a JSON summary.
--   wrk -t1 -c100 -d20s -s bench/wrk.lua http://127.0.0.1:8800 -- paths.txt [cookie]
-- The optional cookie (e.g. "sessionid=...") is sent with every request: a signed-in visitor.
-- (wrk's own "Non-2xx or 3xx" count lets redirects through; a benchmark page must answer 200.)

local paths = {}
local cookie = nil
local threads = {}
non2xx = 0
hits = 0

function setup(thread)
  table.insert(threads, thread)
end

function init(args)
  local file = assert(io.open(args[1], "r"), "cannot open paths file")
  for line in file:lines() do
    if #line > 0 then paths[#paths + 1] = line end
  end
  file:close()
  assert(#paths > 0, "no paths")
  if args[2] and #args[2] > 0 then cookie = args[2] end
  math.randomseed(os.time() + #threads)
end

function request()
  local headers = { ["User-Agent"] = "groundswell-bench/1", ["Accept"] = "text/html" }
  if cookie then headers["Cookie"] = cookie end
  return wrk.format("GET", paths[math.random(#paths)], headers)
end

function response(status, headers, body)
  if status < 200 or status > 299 then
    non2xx = non2xx + 1
  end
  local page_cache = headers["X-Page-Cache"]
  if page_cache == "hit" or page_cache == "member-hit" then
    hits = hits + 1
  end
end

function done(summary, latency, requests)
  local bad = 0
  local cached = 0
  for _, thread in ipairs(threads) do
    bad = bad + (thread:get("non2xx") or 0)
    cached = cached + (thread:get("hits") or 0)
  end
  local e = summary.errors
  io.write("WRK_JSON ")
  io.write(string.format(
    '{"duration_us": %d, "requests": %d, "bytes": %d, "non_2xx": %d, "cache_hits": %d, '
      .. '"errors": {"connect": %d, "read": %d, "write": %d, "status": %d, "timeout": %d}, '
      .. '"latency_us": {"p50": %d, "p90": %d, "p99": %d, "max": %d, "mean": %.1f, "stdev": %.1f}}\n',
    summary.duration, summary.requests, summary.bytes, bad, cached,
    e.connect, e.read, e.write, e.status, e.timeout,
    latency:percentile(50), latency:percentile(90), latency:percentile(99), latency.max, latency.mean, latency.stdev
  ))
end
