#!/usr/bin/env bash
# Kiln's inference gateway against the same data's scikit-learn model behind FastAPI + uvicorn
# (the stack `mlflow models serve` uses) and against nginx answering a constant (the practical
# limit of HTTP here), all with wrk on this machine: 2 threads, 64 connections, single-row
# requests in MLflow's dataframe_split format; then 1,000-row batches (4 connections), the
# gateway's micro-batching on and off, its time from start to ready and its peak RSS.
#   bench/serve/run.sh [path/to/telco_churn.csv]       (apt: wrk nginx-light python3-fastapi
#                                                       python3-uvicorn python3-sklearn python3-pandas)
# Every figure is the median of 3 runs of 10 s after a warm-up. Prints the ratios; raw wrk output
# is kept in bench/out/serve/.
#   KILN_BASELINE_LIB=DIR  also serves the same bundle with another build's jars (e.g. the kiln-cli/
#   target/kiln/lib of a commit that served XGBoost with XGBoost4J), in the same run, for a ratio:
#   both gateways run at once and their measured runs alternate.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
data="${1:-$root/kiln-model/src/test/resources/datasets/telco_churn.csv}"   # a copy of shared/datasets
out="$root/bench/out/serve"
secs="${KILN_BENCH_SECONDS:-10}"
rm -rf "$out" && mkdir -p "$out"
cut -d' ' -f1-3 /proc/loadavg > "$out/load.start"
for tool in wrk nginx /usr/bin/python3; do
  command -v "$tool" >/dev/null || { echo "bench/serve: $tool is missing (see the header of this script)" >&2; exit 2; }
done
kiln="$root/kiln"
"$kiln" --version >/dev/null   # build first, outside the timings
lib="$root/kiln-cli/target/kiln/lib"
pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; }
trap cleanup EXIT

# Same split as bench/model: data row i is a test row when i % 5 == 0; request bodies from test rows.
/usr/bin/python3 - "$data" "$out" <<'PY'
import csv, json, sys
rows = list(csv.reader(open(sys.argv[1])))
header, body = rows[0], rows[1:]
out = sys.argv[2]
with open(out + "/train.csv", "w", newline="") as f:
    w = csv.writer(f); w.writerow(header); w.writerows(r for i, r in enumerate(body) if i % 5)
test = [r for i, r in enumerate(body) if i % 5 == 0]
cols = [c for c in header if c != "churn"]
def value(v):
    try:
        return float(v) if "." in v else int(v)
    except ValueError:
        return None if v == "" else v
def split(rs):
    return {"dataframe_split": {"columns": cols, "data": [[value(r[header.index(c)]) for c in cols] for r in rs]}}
json.dump(split(test[:1]), open(out + "/single.json", "w"))
json.dump(split((test * 2)[:1000]), open(out + "/batch.json", "w"))
PY

mkdir -p "$out/project"
printf 'kiln: 1\npipeline: serve-bench\nstages:\n  noop: {run: "true"}\n' > "$out/project/kiln.yaml"
"$kiln" -C "$out/project" train "$out/train.csv" --label churn --algorithm gradient-boosting --out "$out/project/model" >/dev/null
"$kiln" -C "$out/project" models register "$out/project/model" --name telco >/dev/null

wait_for() {  # URL
  for _ in $(seq 1 600); do curl -sf -o /dev/null "$1" && return 0; sleep 0.1; done
  echo "bench/serve: $1 did not come up" >&2; exit 1
}
load() {  # NAME URL BODY CONNECTIONS: warm up, then 3 measured runs
  local name=$1 url=$2 body=$3 conns=$4
  BODY="$body" wrk -t2 -c"$conns" -d3s --timeout 10s -s "$here/post.lua" "$url" >/dev/null
  for i in 1 2 3; do
    BODY="$body" wrk -t2 -c"$conns" -d"${secs}s" --timeout 10s --latency -s "$here/post.lua" "$url" > "$out/$name.$i.txt"
  done
}
port() { /usr/bin/python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }

# nginx, constant answer
ngx="$out/nginx"; mkdir -p "$ngx"; np=$(port)
sed -e "s|NGINX_DIR|$ngx|g" -e "s|NGINX_PORT|$np|g" "$here/nginx.conf" > "$ngx/nginx.conf"
nginx -c "$ngx/nginx.conf" -p "$ngx" & pids+=($!)
wait_for "http://127.0.0.1:$np/"
load nginx "http://127.0.0.1:$np/invocations" "$out/single.json" 64
kill "${pids[-1]}"; wait "${pids[-1]}" 2>/dev/null || true

# the scikit-learn peer
pp=$(port)
OMP_NUM_THREADS=1 /usr/bin/python3 "$here/peer_fastapi.py" "$out/train.csv" "$pp" > "$out/peer.log" 2>&1 & pids+=($!)
wait_for "http://127.0.0.1:$pp/ping"
curl -sf -H 'Content-Type: application/json' --data @"$out/single.json" "http://127.0.0.1:$pp/invocations" > "$out/peer.answer"
load peer "http://127.0.0.1:$pp/invocations" "$out/single.json" 64
load peer-batch "http://127.0.0.1:$pp/invocations" "$out/batch.json" 4
kill "${pids[-1]}"; wait "${pids[-1]}" 2>/dev/null || true

# Kiln's gateway, as an image runs it: GatewayMain over the bundle kiln serve writes
kp=$(port)
"$kiln" -C "$out/project" serve telco:1 --port "$kp" > "$out/kiln-serve.log" 2>&1 & pids+=($!)
wait_for "http://127.0.0.1:$kp/v2/health/ready"
kill "${pids[-1]}"; wait "${pids[-1]}" 2>/dev/null || true
bundle="$out/project/.kiln/bundles/telco/1"
gateway() {  # LIB PORT LOG [OPTIONS...]: start GatewayMain, wait for its ready line, print ms from start to ready
  local jars=$1 p=$2 log=$3; shift 3
  local t0; t0=$(date +%s%N)
  java ${KILN_GATEWAY_JAVA_OPTS:-} -cp "$jars/*" dev.kiln.serve.GatewayMain --bundle "$bundle" --port "$p" \
    --host 127.0.0.1 "$@" > "$log" 2>&1 & pids+=($!)
  for _ in $(seq 1 1200); do grep -qs "ready on" "$log" && break; sleep 0.01; done
  echo $(( ($(date +%s%N) - t0) / 1000000 ))
}
for i in 1 2 3; do
  gateway "$lib" "$kp" "$out/ready.$i.log" >> "$out/ready_ms.txt"
  kill "${pids[-1]}"; wait "${pids[-1]}" 2>/dev/null || true
done
# With KILN_BASELINE_LIB both gateways run at once (on two ports) and their measured runs alternate,
# so both see the same load.
names=(kiln); jars=("$lib"); ports=("$kp")
if [[ -n ${KILN_BASELINE_LIB:-} ]]; then names+=(baseline); jars+=("$KILN_BASELINE_LIB"); ports+=("$(port)"); fi
for mode in off on; do
  first=${#pids[@]}
  for v in "${!names[@]}"; do
    gateway "${jars[$v]}" "${ports[$v]}" "$out/${names[$v]}-$mode.log" --batching "$mode" > /dev/null
    url="http://127.0.0.1:${ports[$v]}/invocations"
    curl -sf -H 'Content-Type: application/json' --data @"$out/single.json" "$url" > "$out/${names[$v]}.answer"
    BODY="$out/single.json" wrk -t2 -c64 -d10s --timeout 10s -s "$here/post.lua" "$url" >/dev/null  # JIT warm-up
    [[ $mode == off ]] && BODY="$out/batch.json" wrk -t2 -c4 -d3s --timeout 10s -s "$here/post.lua" "$url" >/dev/null
  done
  for i in 1 2 3; do
    for v in "${!names[@]}"; do
      BODY="$out/single.json" wrk -t2 -c64 -d"${secs}s" --timeout 10s --latency -s "$here/post.lua" \
        "http://127.0.0.1:${ports[$v]}/invocations" > "$out/${names[$v]}-$mode.$i.txt"
    done
  done
  if [[ $mode == off ]]; then
    for i in 1 2 3; do
      for v in "${!names[@]}"; do
        BODY="$out/batch.json" wrk -t2 -c4 -d"${secs}s" --timeout 10s --latency -s "$here/post.lua" \
          "http://127.0.0.1:${ports[$v]}/invocations" > "$out/${names[$v]}-batch.$i.txt"
      done
    done
  fi
  for v in "${!names[@]}"; do
    pid=${pids[$((first + v))]}
    grep VmHWM "/proc/$pid/status" | awk '{print $2}' > "$out/${names[$v]}-$mode.rss_kb"
    kill "$pid"; wait "$pid" 2>/dev/null || true
  done
done

cut -d' ' -f1-3 /proc/loadavg > "$out/load.end"
/usr/bin/python3 - "$out" <<'PY'
import glob, re, statistics, sys
out = sys.argv[1]
def parse(path):
    t = open(path).read()
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", t).group(1))
    v, unit = re.search(r"99%\s+([\d.]+)(us|ms|s)", t).groups()
    p99 = float(v) * {"us": 1e-3, "ms": 1, "s": 1e3}[unit]
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", t)
    timeouts = re.search(r"timeout (\d+)", t)
    return rps, p99, (int(errors.group(1)) if errors else 0) + (int(timeouts.group(1)) if timeouts else 0)
def ratio(a, b):
    return a / b if b else float("inf")
def med(name):
    runs = [parse(f) for f in sorted(glob.glob(f"{out}/{name}.[123].txt"))]
    return statistics.median(r[0] for r in runs), statistics.median(r[1] for r in runs), sum(r[2] for r in runs)
ngx, peer, off, on = med("nginx"), med("peer"), med("kiln-off"), med("kiln-on")
pb, kb = med("peer-batch"), med("kiln-batch")
ready = statistics.median(int(l) for l in open(out + "/ready_ms.txt"))
rss = {m: int(open(f"{out}/kiln-{m}.rss_kb").read()) / 1024 for m in ("off", "on")}
print("single-row dataframe_split, wrk -t2 -c64, median of 3 x 10 s (requests/s, p99 ms, non-2xx or timed out):")
for label, r in [("nginx (constant)", ngx), ("FastAPI+uvicorn sklearn", peer), ("kiln, batching off", off),
                 ("kiln, batching on", on)]:
    print(f"  {label:26s} {r[0]:10.0f} req/s   p99 {r[1]:8.2f} ms   failed {r[2]}")
print(f"kiln (default: batching off) / peer: {ratio(off[0], peer[0]):.1f}x (target >= 100x); batching on {ratio(on[0], peer[0]):.1f}x")
print(f"kiln (default: batching off) / nginx: {100 * off[0] / ngx[0]:.1f}% (target >= 15%); batching on "
      f"{100 * on[0] / ngx[0]:.1f}%")
print(f"kiln p99 (default: batching off): {off[1]:.2f} ms (target <= 10 ms); batching on {on[1]:.2f} ms")
print(f"micro-batching on / off: {ratio(on[0], off[0]):.2f}x requests/s, p99 {on[1]:.2f} vs {off[1]:.2f} ms")
print(f"1,000-row batches, wrk -t2 -c4: kiln {kb[0] * 1000:.0f} rows/s (p99 {kb[1]:.1f} ms), "
      f"peer {pb[0] * 1000:.0f} rows/s (p99 {pb[1]:.1f} ms): {ratio(kb[0], pb[0]):.1f}x")
print(f"load average (1, 5, 15 min) at start {open(out + '/load.start').read().strip()}, "
      f"at end {open(out + '/load.end').read().strip()}; {__import__('os').cpu_count()} cores")
print(f"gateway start to ready (GatewayMain, median of 3): {ready} ms; peak RSS {rss['off']:.0f} MiB "
      f"(batching off), {rss['on']:.0f} MiB (on)")
if glob.glob(f"{out}/baseline-on.[123].txt"):
    boff, bon, bb = med("baseline-off"), med("baseline-on"), med("baseline-batch")
    print("the same bundle served by the baseline build (KILN_BASELINE_LIB), runs alternating with kiln's:")
    for label, r in [("baseline, batching off", boff), ("baseline, batching on", bon)]:
        print(f"  {label:26s} {r[0]:10.0f} req/s   p99 {r[1]:8.2f} ms   failed {r[2]}")
    print(f"kiln / baseline, requests/s: batching off {ratio(off[0], boff[0]):.2f}x (p99 {off[1]:.2f} vs {boff[1]:.2f} ms), "
          f"on {ratio(on[0], bon[0]):.2f}x (p99 {on[1]:.2f} vs {bon[1]:.2f} ms); best of each {ratio(max(off[0], on[0]), max(boff[0], bon[0])):.2f}x")
    print(f"1,000-row batches: kiln {kb[0] * 1000:.0f} rows/s, baseline {bb[0] * 1000:.0f} rows/s: {ratio(kb[0], bb[0]):.2f}x")
    same = open(f"{out}/kiln.answer").read() == open(f"{out}/baseline.answer").read()
    print(f"answers to the single-row request: {'identical' if same else 'DIFFERENT'}: {open(out + '/kiln.answer').read().strip()}")
PY
