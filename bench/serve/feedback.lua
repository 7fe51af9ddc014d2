-- wrk: POST /feedback bodies of LABELS labels each, for the predictions bench/serve/feedback.sh
-- journaled as b<i>#<row> (i below BATCHES, row below ROWS); each thread walks its own share of i.
local batches = tonumber(os.getenv("BATCHES"))
local rows = tonumber(os.getenv("ROWS"))
local counter = 1
local threads = {}

function setup(thread)
  thread:set("offset", #threads)
  table.insert(threads, thread)
end

function init(args)
  step = 0
end

function request()
  local i = (offset + step * 2) % batches
  step = step + 1
  local items = {}
  for r = 0, rows - 1 do
    items[#items + 1] = '{"id":"b' .. i .. '#' .. r .. '","label":"' .. ((i + r) % 3 == 0 and "Yes" or "No") .. '"}'
  end
  return wrk.format("POST", "/feedback", {["Content-Type"] = "application/json"},
    '{"labels":[' .. table.concat(items, ",") .. ']}')
end
