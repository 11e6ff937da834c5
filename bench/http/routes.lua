-- wrk (Debian's 4.1, LuaJIT) against `xueji serve`: one route per run, so
-- each route gets its own requests/s, p50 and p99 (issue 17's load
-- generator). scripts/bench.sh's `http` section drives it; bench/http/setup.py
-- signs in and registers the students the openings need first, so no
-- request here pays for Argon2 or for a student it did not make.
--
--   wrk -t T -c C -d S --timeout 10s -s bench/http/routes.lua URL -- ROUTE WORK T SALT [IN] [OUT]
--
-- ROUTE: register | open | decide | case | pending | paced (pending, each
-- connection pausing between its requests: XUEJI_BENCH_PACE_MS, below).
-- WORK: the directory
-- setup.py wrote (tokens). IN: a file of student numbers (open) or case ids
-- (decide, case). OUT: where `open` writes the ids of the cases it opened.
-- SALT (1, 2, ...) keeps each registration run's resident IDs unique.

local SCHOOL, TO_SCHOOL = "4501020001", "4501030002"
-- The transfer's three steps (Art. 15) and who decides each.
local STEPS = { { "sending_school", "4501020001" }, { "sending_county", "450102" },
                { "receiving_county", "450103" } }
local WEIGHTS = { 7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2 }

-- The u-th valid resident ID (GB 11643, engine/student/resident_id.h): a
-- Guangxi division code 45xxxx, a day of 2014 (a fifth-grader in 2025),
-- a sequence number and the MOD 11-2 check character. Distinct u, distinct
-- IDs for u below 3.36e9; setup.py's pool is u < 1e8, run SALT takes
-- SALT * 1e8 + thread * 1e6 + n. Must match setup.py's resident_id.
function resident_id(u)
  local r = u % 336000
  local d = math.floor(r / 1000)
  local first17 = string.format("45%04d2014%02d%02d%03d", math.floor(u / 336000) % 10000,
                                1 + math.floor(d / 28), 1 + d % 28, r % 1000)
  local sum = 0
  for i = 1, 17 do sum = sum + (first17:byte(i) - 48) * WEIGHTS[i] end
  local check = ("10X98765432"):sub(sum % 11 + 1, sum % 11 + 1)
  return first17 .. check
end

-- XUEJI_BENCH_PACE_MS: each connection waits a random 0.5-1.5 times this
-- many milliseconds before each request, so that C connections offer
-- about C * 1000 / (PACE + latency) requests a second, not as many as the
-- server can answer: the latency at a given rate rather than at the most
-- the machine allows. wrk asks for delay() only if it is defined when the
-- script loads, so the other runs pay nothing for it.
local pace = tonumber(os.getenv("XUEJI_BENCH_PACE_MS") or "")
if pace then
  function delay()
    return math.random(math.floor(pace / 2), math.floor(pace * 3 / 2))
  end
end

local function lines(path)
  local out = {}
  for l in io.lines(path) do if l ~= "" then out[#out + 1] = l end end
  return out
end

-- Runs in the main state: numbers the threads and keeps them for done().
local threads, next_tid = {}, 0
function setup(thread)
  thread:set("tid", next_tid)
  next_tid = next_tid + 1
  threads[#threads + 1] = thread
end

local route, headers, queue, head, tail, steps_done, counter, cursor, base
-- Globals: done() runs in the main state and reads them from each thread.
opened, failed, exhausted, out_path = {}, 0, 0, nil

function init(args)
  route, counter, head, steps_done = args[1], 0, 1, {}
  if route == "paced" then route = "pending" end
  local nthreads, salt = tonumber(args[3]), tonumber(args[4])
  base = salt * 1e8 + tid * 1e6
  local tokens = {}
  for _, l in ipairs(lines(args[2] .. "/tokens")) do
    local name, token = l:match("^(%S+) (%S+)$")
    tokens[name] = token
  end
  local function auth(account)
    return { ["Content-Type"] = "application/json", ["Authorization"] = "Bearer " .. tokens[account] }
  end
  headers = { school = auth("reg." .. SCHOOL), to_school = auth("reg." .. TO_SCHOOL) }
  for i, s in ipairs(STEPS) do headers[i] = auth("reg." .. s[2]) end
  -- This thread's share of the students or cases: every nthreads-th line.
  queue = {}
  if args[5] then
    for i, l in ipairs(lines(args[5])) do
      if (i - 1) % nthreads == tid then queue[#queue + 1] = l end
    end
  end
  tail = #queue  -- kept apart: take() leaves holes that confuse #queue
  out_path = args[6]
end

-- The next item of this thread's queue, or nil (and the thread stops: a
-- run that runs dry says so in its line, its rate is then void).
local function take()
  local item = queue[head]
  if item == nil then
    exhausted = exhausted + 1
    wrk.thread:stop()
    return nil
  end
  queue[head] = nil
  head = head + 1
  return item
end

function request()
  if route == "register" then
    counter = counter + 1
    local body = string.format('{"id":"%s","name":"测试","school":"%s","grade":5}',
                               resident_id(base + counter), SCHOOL)
    return wrk.format("POST", "/v1/students", headers.school, body)
  elseif route == "open" then
    local student = take() or "none"
    local body = string.format('{"kind":"transfer","student":"%s","to_school":"%s"}', student,
                               TO_SCHOOL)
    return wrk.format("POST", "/v1/cases", headers.to_school, body)
  elseif route == "decide" then
    -- Each case takes its steps in order, one decision in flight per case:
    -- response() puts it back in the queue for the next step.
    local case = take() or "none"
    local step = (steps_done[case] or 0) + 1
    local body = string.format('{"step":"%s","decision":"approve","by":"%s"}', STEPS[step][1],
                               STEPS[step][2])
    return wrk.format("POST", "/v1/cases/" .. case .. "/decisions", headers[step], body)
  elseif route == "case" then
    counter = counter % #queue + 1
    return wrk.format("GET", "/v1/cases/" .. queue[counter], headers.school)
  else -- pending: walk the school's list page by page, from the top again at its end
    local path = "/v1/orgs/" .. SCHOOL .. "/pending?limit=100"
    if cursor then path = path .. "&cursor=" .. cursor end
    return wrk.format("GET", path, headers.school)
  end
end

function response(status, _, body)
  if status >= 300 then
    failed = failed + 1
    return
  end
  if route == "open" then
    opened[#opened + 1] = body:match('"id":"([^"]+)"')
  elseif route == "decide" then
    local case = body:match('"id":"([^"]+)"')
    steps_done[case] = (steps_done[case] or 0) + 1
    if steps_done[case] < #STEPS then
      tail = tail + 1
      queue[tail] = case
    end
  elseif route == "pending" then
    cursor = body:match('"next_cursor":"([^"]+)"')
  end
end

-- One line for scripts/bench.sh: the rate over the run, the latency
-- percentiles of every request, the refusals (any status >= 300: all
-- count as failures, none is expected) and socket errors.
function done(summary, latency, _)
  local failures, dry = 0, 0
  local path = threads[1]:get("out_path")
  local out = path and io.open(path, "w")
  for _, t in ipairs(threads) do
    failures = failures + t:get("failed")
    dry = dry + t:get("exhausted")
    if out then
      for _, id in ipairs(t:get("opened")) do out:write(id, "\n") end
    end
  end
  if out then out:close() end
  local e = summary.errors
  io.write(string.format("requests=%d rate=%.0f p50_ms=%.1f p99_ms=%.1f failures=%d "
                         .. "socket_errors=%d ran_dry=%d\n",
                         summary.requests, summary.requests / (summary.duration / 1e6),
                         latency:percentile(50) / 1000, latency:percentile(99) / 1000, failures,
                         e.connect + e.read + e.write + e.timeout, dry))
end
