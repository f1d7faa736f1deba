-- wrk script of the load benchmark (bench/load/run). Every request carries a fresh, unique TrustCaptcha token
-- (standard Base64 of {"verificationId":"<uuid>"}), whatever the scenario, so that every scenario sends requests of
-- the same shape and size: a POST carries it in a JSON body, {"verificationToken":"<token>"} (the filter's default
-- JSON Pointer, and how the vendor's samples post it), a GET in the X-TrustCaptcha-Token header. Each uuid is a random per-thread prefix (72 bits from
-- /dev/urandom) plus a per-thread counter: unique within a run by construction, across runs and threads with
-- overwhelming probability. The library refuses a replayed token, so a repeated one would show as an unexpected
-- status, not pass unnoticed.
--
-- Environment: BENCH_METHOD (GET or POST), BENCH_EXPECT (the one expected status, e.g. 200 or 503),
-- BENCH_PACE_MS (optional: each connection waits a random 0..2*N ms before each request: a bounded arrival rate).
-- Every response whose status is not BENCH_EXPECT, or a 200 whose body is not "ok", is counted as unexpected; done()
-- prints one line: RESULT key=value ...

local method = os.getenv("BENCH_METHOD") or "GET"
local expect = tonumber(os.getenv("BENCH_EXPECT") or "200")
local pace = tonumber(os.getenv("BENCH_PACE_MS") or "0")

local threads = {}

function setup(thread)
  table.insert(threads, thread)
end

local alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"
local symbols = {}
for i = 1, 64 do
  symbols[i - 1] = alphabet:sub(i, i)
end

local function base64(text)
  local out = {}
  local n = #text
  local i = 1
  while i <= n do
    local a, b, c = text:byte(i, i + 2)
    local triple = a * 65536 + (b or 0) * 256 + (c or 0)
    out[#out + 1] = symbols[math.floor(triple / 262144) % 64]
    out[#out + 1] = symbols[math.floor(triple / 4096) % 64]
    out[#out + 1] = b and symbols[math.floor(triple / 64) % 64] or "="
    out[#out + 1] = c and symbols[triple % 64] or "="
    i = i + 3
  end
  return table.concat(out)
end

local prefix
local seq = 0
ok = 0
unexpected = 0
codes = {}

function init(args)
  local random = io.open("/dev/urandom", "rb")
  local bytes = random:read(9)
  random:close()
  prefix = (bytes:gsub(".", function(ch) return string.format("%02x", ch:byte()) end))
  math.randomseed(bytes:byte(1) * 16777216 + bytes:byte(2) * 65536 + bytes:byte(3) * 256 + bytes:byte(4))
end

function request()
  seq = seq + 1
  local id = prefix:sub(1, 8) .. "-" .. prefix:sub(9, 12) .. "-4" .. prefix:sub(13, 15) .. "-a" .. prefix:sub(16, 18)
      .. "-" .. string.format("%012d", seq)
  local token = base64('{"verificationId":"' .. id .. '"}')
  if method == "POST" then
    return wrk.format(method, nil, { ["Content-Type"] = "application/json" }, '{"verificationToken":"' .. token .. '"}')
  end
  return wrk.format(method, nil, { ["X-TrustCaptcha-Token"] = token }, nil)
end

if pace > 0 then
  function delay()
    return math.random(0, 2 * pace)
  end
end

function response(status, headers, body)
  if status == expect and (status ~= 200 or body:sub(1, 2) == "ok") then
    ok = ok + 1
  else
    unexpected = unexpected + 1
    local key = tostring(status)
    codes[key] = (codes[key] or 0) + 1
  end
end

function done(summary, latency, requests)
  local good, bad, statuses = 0, 0, {}
  for _, thread in ipairs(threads) do
    good = good + thread:get("ok")
    bad = bad + thread:get("unexpected")
    for status, count in pairs(thread:get("codes")) do
      statuses[status] = (statuses[status] or 0) + count
    end
  end
  local list = {}
  for status, count in pairs(statuses) do
    list[#list + 1] = status .. ":" .. count
  end
  table.sort(list)
  local e = summary.errors
  io.write(string.format("RESULT requests=%d seconds=%.3f rps=%.1f p50_ms=%.3f p90_ms=%.3f p99_ms=%.3f max_ms=%.3f "
      .. "ok=%d unexpected=%d codes=%s connect_errors=%d read_errors=%d write_errors=%d timeouts=%d\n",
      summary.requests, summary.duration / 1e6, summary.requests / (summary.duration / 1e6),
      latency:percentile(50) / 1000, latency:percentile(90) / 1000, latency:percentile(99) / 1000,
      latency.max / 1000, good, bad, #list > 0 and table.concat(list, ",") or "-",
      e.connect, e.read, e.write, e.timeout))
end
