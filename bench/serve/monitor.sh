#!/usr/bin/env bash
# What monitoring costs the gateway (issue 12): throughput and p99 of `kiln serve` with live drift
# and a 1% request log on, against the same gateway with --no-monitor, both running at once and
# measured in alternation (same load on both), with wrk on this machine: 2 threads, 64
# connections, single-row MLflow dataframe_split requests drawn from 500 telco test rows, the
# telco gradient-boosting model (its bundle carries the training data's reference profile).
# Drift windows close every 10,000 rows (the default), so a run closes and tests many of them.
#   bench/serve/monitor.sh [path/to/telco_churn.csv]      (apt: wrk, curl)
# Median of KILN_BENCH_ROUNDS (5) interleaved runs of KILN_BENCH_SECONDS (10) each, the order
# alternating, after a KILN_BENCH_WARMUP (30 s) warm-up of each; prints the ratio and every run.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
data="${1:-$root/kiln-model/src/test/resources/datasets/telco_churn.csv}"
out="$root/bench/out/monitor"
secs="${KILN_BENCH_SECONDS:-10}"
warmup="${KILN_BENCH_WARMUP:-30}"
rounds="${KILN_BENCH_ROUNDS:-5}"
name=monitor
. "$here/common.sh"
bench_start wrk curl /usr/bin/python3
k() { "$kiln" -C "$out/project" "$@"; }
telco_split "$data"

/usr/bin/python3 - "$out" <<'PY'
import csv, json, sys
out = sys.argv[1]
rows = list(csv.reader(open(out + "/test.csv")))
header, test = rows[0], rows[1:]
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
printf 'kiln: 1\npipeline: monitor-bench\nstages:\n  noop: {run: "true"}\n' > "$out/project/kiln.yaml"
k train "$out/train.csv" --label churn --algorithm gradient-boosting --out "$out/project/model" >/dev/null
k models register "$out/project/model" --name telco >/dev/null

names=(off on); ports=("$(port)" "$(port)")
"$kiln" -C "$out/project" serve telco:1 --port "${ports[0]}" --no-monitor > "$out/off.log" 2>&1 & pids+=($!)
"$kiln" -C "$out/project" serve telco:1 --port "${ports[1]}" --log-requests "$out/requests" --log-sample 0.01 > "$out/on.log" 2>&1 & pids+=($!)
for p in "${ports[@]}"; do wait_for "http://127.0.0.1:$p/ping"; done
cpu() {  # PID: user + system CPU time of the process so far, in clock ticks
  awk '{print $14 + $15}' "/proc/$1/stat"
}
run() {  # NAME SECONDS FILE; FILE.cpu gets the gateway's CPU ticks spent during the run
  local p=${ports[0]} pid=${pids[0]}; [[ $1 == on ]] && p=${ports[1]} pid=${pids[1]}
  local before; before=$(cpu "$pid")
  BODIES="$out/bodies.txt" wrk -t2 -c64 -d"$2s" --timeout 10s --latency -s "$out/bodies.lua" "http://127.0.0.1:$p" > "$3"
  echo $(( $(cpu "$pid") - before )) > "$3.cpu"
}
for n in "${names[@]}"; do run "$n" "$warmup" /dev/null; done    # JIT warm-up
for i in $(seq 1 "$rounds"); do   # the order alternates, so neither side always goes first
  if (( i % 2 )); then order=(off on); else order=(on off); fi
  for n in "${order[@]}"; do run "$n" "$secs" "$out/$n.$i.txt"; done
done
curl -sf "http://127.0.0.1:${ports[1]}/monitor" > "$out/monitor.json"
curl -sf "http://127.0.0.1:${ports[1]}/metrics" | grep -E '^kiln_feature_drifted' > "$out/drift.metrics" || true
cut -d' ' -f1-3 /proc/loadavg > "$out/load.end"

/usr/bin/python3 - "$out" "$(getconf CLK_TCK)" <<'PY'
import glob, json, re, statistics, sys
out = sys.argv[1]
def parse(path):
    t = open(path).read()
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", t).group(1))
    m = re.search(r"99%\s+([\d.]+)(us|ms|s)", t)
    p99 = float(m.group(1)) * {"us": 1e-3, "ms": 1, "s": 1e3}[m.group(2)] if m else float("nan")
    non2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", t)
    return rps, p99, int(non2xx.group(1)) if non2xx else 0
def med(name):
    runs = [parse(f) for f in sorted(glob.glob(f"{out}/{name}.*.txt"))]
    return statistics.median(r[0] for r in runs), statistics.median(r[1] for r in runs), sum(r[2] for r in runs)
off, on = med("off"), med("on")
tick = int(sys.argv[2])
def cpu_per_request(name):
    """Median over the runs of the gateway's CPU time per answered request, in microseconds."""
    per = []
    for f in sorted(glob.glob(f"{out}/{name}.*.txt")):
        n = int(re.search(r"(\d+) requests in", open(f).read()).group(1))
        per.append(int(open(f + ".cpu").read()) / tick / n * 1e6)
    return statistics.median(per), per
print(f"wrk -t2 -c64, single rows, median of {len(glob.glob(out + '/off.*.txt'))} interleaved runs:")
print(f"  monitoring off  {off[0]:9.0f} req/s   p99 {off[1]:7.2f} ms   non-2xx {off[2]}")
print(f"  monitoring on   {on[0]:9.0f} req/s   p99 {on[1]:7.2f} ms   non-2xx {on[2]}   (drift + 1% request log)")
print(f"throughput on/off {on[0] / off[0]:.3f}: monitoring costs {100 * (1 - on[0] / off[0]):.1f}% (target <= 5%), "
      f"p99 {on[1]:.2f} vs {off[1]:.2f} ms")
m = json.load(open(out + "/monitor.json"))
for v in m["versions"]:
    last = v["last"] or {}
    print(f"  {v['model']}:{v['version']}: window {v['sketch_bytes']} bytes of counts; last closed window "
          f"{last.get('rows', 0)} rows, drifted: {[f['feature'] for f in last.get('features', []) if f['drifted']]}")
log = m.get("request_log", {})
print(f"  request log: {log.get('logged', 0)} requests logged, {log.get('dropped', 0)} dropped")
(coff, poff), (con, pon) = cpu_per_request("off"), cpu_per_request("on")
print(f"gateway CPU per request (user + system, the steadier figure on a shared machine): "
      f"off {coff:.1f} us, on {con:.1f} us: monitoring costs {100 * (con / coff - 1):.1f}% of CPU per request")
print("  off:", ", ".join(f"{x:.1f}" for x in poff), "us;  on:", ", ".join(f"{x:.1f}" for x in pon), "us")
for name in ("off", "on"):
    print(f"  {name:3s} runs:", ", ".join(f"{parse(f)[0]:.0f} req/s p99 {parse(f)[1]:.1f} ms"
                                        for f in sorted(glob.glob(f"{out}/{name}.*.txt"))))
print("load average at start / end:", open(out + "/load.start").read().strip(), "/", open(out + "/load.end").read().strip())
PY
