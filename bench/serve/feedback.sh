#!/usr/bin/env bash
# POST /feedback throughput (issue 12): a `kiln serve` gateway for the telco gradient-boosting model
# journals BATCHES requests of ROWS rows each (request ids b<i>, rows b<i>#<row>), then wrk (2
# threads, 8 connections) posts bodies of ROWS labels for them for KILN_BENCH_SECONDS (default 10):
# first each label is accepted, then repeated ones count as duplicates — both a journal lookup.
# Prints labels/s (requests/s x ROWS), p99 per body, the receipt totals and the load; then the heap
# per journal entry (bench/serve/FeedbackMemory.java, KILN_BENCH_ENTRIES entries, 1,000,000).
#   bench/serve/feedback.sh [path/to/telco_churn.csv]      (apt: wrk, curl)
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
data="${1:-$root/kiln-model/src/test/resources/datasets/telco_churn.csv}"
out="$root/bench/out/feedback"
secs="${KILN_BENCH_SECONDS:-10}"
batches="${BATCHES:-2000}"
rows="${ROWS:-100}"
name=feedback
. "$here/common.sh"
bench_start wrk curl /usr/bin/python3
telco_split "$data"

/usr/bin/python3 - "$out" "$rows" <<'PY'
import csv, json, sys
out, n = sys.argv[1], int(sys.argv[2])
rows = list(csv.reader(open(out + "/test.csv")))
header, test = rows[0], rows[1:]
cols = [c for c in header if c != "churn"]
def value(v):
    try:
        return float(v) if "." in v else int(v)
    except ValueError:
        return None if v == "" else v
json.dump({"dataframe_split": {"columns": cols, "data": [[value(r[header.index(c)]) for c in cols] for r in test[:n]]}},
          open(out + "/batch.json", "w"))
PY
printf 'kiln: 1\npipeline: feedback-bench\nstages:\n  noop: {run: "true"}\n' > "$out/project/kiln.yaml"
"$kiln" -C "$out/project" train "$out/train.csv" --label churn --algorithm gradient-boosting --out "$out/project/model" >/dev/null
"$kiln" -C "$out/project" models register "$out/project/model" --name telco >/dev/null

port=$(port)
"$kiln" -C "$out/project" serve telco:1 --port "$port" --feedback-journal $((batches * rows)) \
  > "$out/kiln-serve.log" 2>&1 & pids+=($!)
wait_for "http://127.0.0.1:$port/v2/health/ready"
url="http://127.0.0.1:$port"

/usr/bin/python3 - "$url" "$out/batch.json" "$batches" <<'PY'
import http.client, sys, urllib.parse
u = urllib.parse.urlparse(sys.argv[1]); body = open(sys.argv[2], "rb").read()
c = http.client.HTTPConnection(u.hostname, u.port)
for i in range(int(sys.argv[3])):
    c.request("POST", "/invocations", body, {"Content-Type": "application/json", "X-Request-Id": "b%d" % i})
    r = c.getresponse(); r.read()
    assert r.status == 200, r.status
PY
BATCHES="$batches" ROWS="$rows" wrk -t2 -c8 -d"${secs}s" --timeout 10s --latency -s "$here/feedback.lua" "$url" \
  > "$out/wrk.txt"
curl -sf "$url/feedback" > "$out/feedback.json"
cut -d' ' -f1-3 /proc/loadavg > "$out/load.end"

/usr/bin/python3 - "$out" "$rows" <<'PY'
import json, re, sys
out, rows = sys.argv[1], int(sys.argv[2])
w = open(out + "/wrk.txt").read()
rps = float(re.search(r"Requests/sec:\s+([0-9.]+)", w).group(1))
p99 = re.search(r"99%\s+(\S+)", w).group(1)
bad = re.search(r"Non-2xx or 3xx responses: (\d+)", w)
f = json.load(open(out + "/feedback.json"))
print("feedback: %.0f labels/s (%.0f bodies/s of %d labels), p99 per body %s, non-2xx %s"
      % (rps * rows, rps, rows, p99, bad.group(1) if bad else 0))
print("labels: accepted %(accepted)d, unknown %(unknown)d, duplicate %(duplicate)d" % f["labels"])
print("journal: %d entries; load %s -> %s" % (f["journal"]["entries"], open(out + "/load.start").read().strip(),
      open(out + "/load.end").read().strip()))
PY
# Heap per journal entry, in a JVM of its own.
java -XX:+UseSerialGC -Xmx2g -cp "$root/kiln-cli/target/kiln/lib/*" "$here/FeedbackMemory.java" "${KILN_BENCH_ENTRIES:-1000000}"
