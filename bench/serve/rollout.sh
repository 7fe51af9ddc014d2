#!/usr/bin/env bash
# Rollouts under load (issue 11), all in one run with wrk on this machine (2 threads, 64
# connections, single-row MLflow dataframe_split requests to a `kiln serve --env production`
# gateway, telco gradient-boosting models):
#   1. throughput and p99 routing to one version, of a 50/50 canary, and of shadowing 100%
#      (median of 3 interleaved rounds of 10 s each; the ratios are the cost of each);
#   2. failed requests (non-2xx, socket errors) during a blue-green switch, a canary abort and a
#      rollback under that load;
#   3. time from an injected fault (a canary of a model trained on label-shuffled data, analysis
#      every 2 s) to the abort in the store, and to every answer coming from stable again.
#   bench/serve/rollout.sh [path/to/telco_churn.csv]      (apt: wrk, curl)
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
data="${1:-$root/kiln-model/src/test/resources/datasets/telco_churn.csv}"
out="$root/bench/out/rollout"
secs="${KILN_BENCH_SECONDS:-10}"
rm -rf "$out" && mkdir -p "$out/project"
cut -d' ' -f1-3 /proc/loadavg > "$out/load.start"
for tool in wrk curl /usr/bin/python3; do
  command -v "$tool" >/dev/null || { echo "bench/rollout: $tool is missing" >&2; exit 2; }
done
kiln="$root/kiln"
"$kiln" --version >/dev/null
k() { "$kiln" -C "$out/project" "$@"; }
pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; }
trap cleanup EXIT

/usr/bin/python3 - "$data" "$out" <<'PY'
import csv, json, random, sys
rows = list(csv.reader(open(sys.argv[1])))
header, body = rows[0], rows[1:]
out = sys.argv[2]
train = [r for i, r in enumerate(body) if i % 5]
label = header.index("churn")
with open(out + "/train.csv", "w", newline="") as f:
    w = csv.writer(f); w.writerow(header); w.writerows(train)
labels = [r[label] for r in train]
random.Random(11).shuffle(labels)
with open(out + "/shuffled.csv", "w", newline="") as f:
    w = csv.writer(f); w.writerow(header)
    w.writerows(r[:label] + [l] + r[label + 1:] for r, l in zip(train, labels))
test = [r for i, r in enumerate(body) if i % 5 == 0]
cols = [c for c in header if c != "churn"]
def value(v):
    try:
        return float(v) if "." in v else int(v)
    except ValueError:
        return None if v == "" else v
with open(out + "/bodies.txt", "w") as f:
    for r in test[:500]:
        f.write(json.dumps({"dataframe_split": {"columns": cols, "data": [[value(r[header.index(c)]) for c in cols]]}}) + "\n")
PY
cat > "$out/bodies.lua" <<'LUA'
local bodies = {}
for line in io.lines(os.getenv("BODIES")) do bodies[#bodies + 1] = line end
local i = 0
request = function()
  i = i + 1
  return wrk.format("POST", "/invocations", {["Content-Type"] = "application/json"}, bodies[(i % #bodies) + 1])
end
LUA
printf 'kiln: 1\npipeline: rollout-bench\nstages:\n  noop: {run: "true"}\n' > "$out/project/kiln.yaml"
for v in "train.csv 60" "train.csv 61" "shuffled.csv 60"; do
  set -- $v
  k train "$out/$1" --label churn --algorithm gradient-boosting --out "$out/project/m" -P "trees=$2" >/dev/null
  k models register "$out/project/m" --name telco >/dev/null
done
k deploy telco:1 --env production >/dev/null

port=$(/usr/bin/python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
url="http://127.0.0.1:$port"
k serve --env production --port "$port" --poll 200ms > "$out/gateway.log" 2>&1 & pids+=($!)
for _ in $(seq 1 600); do curl -sf -o /dev/null "$url/ping" && break; sleep 0.1; done

warm() { BODIES="$out/bodies.txt" wrk -t2 -c64 -d3s --timeout 10s -s "$out/bodies.lua" "$url" >/dev/null; }
measure() {  # NAME.ROUND
  BODIES="$out/bodies.txt" wrk -t2 -c64 -d"${secs}s" --timeout 10s --latency -s "$out/bodies.lua" "$url" > "$out/$1.txt"
}
routing() {  # wait until the gateway's log shows this routing
  for _ in $(seq 1 200); do grep -q "routing $1" "$out/gateway.log" && return 0; sleep 0.1; done
  echo "bench/rollout: the gateway never routed '$1'" >&2; tail "$out/gateway.log" >&2; exit 1
}

# Three rounds, each one version, then a 50/50 canary, then a 100% shadow: interleaved, so a
# change of the machine's load falls on all three alike.
warm
for i in 1 2 3; do
  measure "one.$i"
  k deploy telco:2 --env production --strategy canary --steps 50,pause,100 --interval 1h --no-wait >/dev/null
  routing "telco:1 50%, telco:2 50%"
  warm
  measure "canary.$i"
  k rollout abort production >/dev/null
  k deploy telco:2 --env production --strategy shadow --mirror 100% --interval 1h --no-wait >/dev/null
  routing "telco:1 100%, mirror telco:2 100%"
  warm
  measure "shadow.$i"
  curl -s "$url/metrics" | grep -E '^kiln_shadow_dropped_total|^kiln_shadow_rows_total' > "$out/shadow.metrics" || true
  k rollout abort production >/dev/null
  sleep 1
done

# Transitions under load: one 30 s wrk run while the environment moves four times.
BODIES="$out/bodies.txt" wrk -t2 -c64 -d30s --timeout 10s -s "$out/bodies.lua" "$url" > "$out/transitions.txt" &
w=$!
sleep 3
k deploy telco:2 --env production --strategy blue-green --no-wait >/dev/null          # switch
sleep 5
k rollback production -r bench >/dev/null                                              # rollback
sleep 5
k deploy telco:2 --env production --strategy canary --steps 50,100 --interval 1h --no-wait >/dev/null
sleep 5
k rollout abort production -r bench >/dev/null                                         # canary abort
wait $w

# An injected fault: a canary of the label-shuffled model under load, analysis every 2 s.
BODIES="$out/bodies.txt" wrk -t2 -c64 -d25s --timeout 10s -s "$out/bodies.lua" "$url" > "$out/fault.wrk.txt" &
w=$!
sleep 2
t0=$(date +%s%N)
k deploy telco:3 --env production --strategy canary --steps 50,100 --interval 2s --failure-limit 0 \
  --analysis error_rate='> 0.01' --analysis prediction_psi='> 0.25' --timeout 60s > "$out/fault.deploy.txt" 2>&1 || true
t1=$(date +%s%N)
row=$(head -1 "$out/bodies.txt")
streak=0
while (( streak < 50 )); do
  v=$(curl -s -D - -o /dev/null -H 'Content-Type: application/json' --data "$row" "$url/invocations" | tr -d '\r' \
    | awk -F': ' 'tolower($1)=="x-kiln-model-version"{print $2}')
  if [[ $v == 1 ]]; then streak=$((streak + 1)); else streak=0; fi
done
t2=$(date +%s%N)
wait $w
echo $(( (t1 - t0) / 1000000 )) $(( (t2 - t0) / 1000000 )) > "$out/fault.ms"
cut -d' ' -f1-3 /proc/loadavg > "$out/load.end"

/usr/bin/python3 - "$out" <<'PY'
import glob, re, statistics, sys
out = sys.argv[1]
def parse(path):
    t = open(path).read()
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", t).group(1))
    m = re.search(r"99%\s+([\d.]+)(us|ms|s)", t)
    p99 = float(m.group(1)) * {"us": 1e-3, "ms": 1, "s": 1e3}[m.group(2)] if m else float("nan")
    non2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", t)
    sock = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", t)
    failed = (int(non2xx.group(1)) if non2xx else 0) + (sum(int(x) for x in sock.groups()) if sock else 0)
    total = int(re.search(r"(\d+) requests in", t).group(1))
    return rps, p99, failed, total
def med(name):
    runs = [parse(f) for f in sorted(glob.glob(f"{out}/{name}.[123].txt"))]
    return statistics.median(r[0] for r in runs), statistics.median(r[1] for r in runs), sum(r[2] for r in runs)
one, canary, shadow = med("one"), med("canary"), med("shadow")
print("wrk -t2 -c64, single rows, median of 3 x 10 s:")
for label, r in (("one version", one), ("50/50 canary", canary), ("shadow 100%", shadow)):
    print(f"  {label:14s} {r[0]:9.0f} req/s   p99 {r[1]:7.2f} ms   failed {r[2]}")
print(f"canary costs {100 * (1 - canary[0] / one[0]):.1f}% of throughput (target <= 10%), p99 {canary[1]:.2f} vs {one[1]:.2f} ms")
print(f"shadow costs {100 * (1 - shadow[0] / one[0]):.1f}% of throughput (target <= 15%), p99 {shadow[1]:.2f} vs {one[1]:.2f} ms")
print("shadow counters:", " ".join(l.strip() for l in open(out + "/shadow.metrics")) or "(none)")
rps, p99, failed, total = parse(out + "/transitions.txt")
print(f"blue-green switch, rollback, canary start and abort under load (30 s): {failed} failed of {total} requests (target 0)")
store_ms, stable_ms = open(out + "/fault.ms").read().split()
print(f"bad canary (label-shuffled model, analysis every 2 s): aborted in the store {int(store_ms) / 1000:.1f} s after "
      f"kiln deploy, every answer from stable {int(stable_ms) / 1000:.1f} s after")
f = parse(out + "/fault.wrk.txt")
print(f"  requests failed meanwhile: {f[2]} of {f[3]}")
print("load average at start / end:", open(out + "/load.start").read().strip(), "/", open(out + "/load.end").read().strip())
PY
