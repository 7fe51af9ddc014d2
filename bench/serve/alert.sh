#!/usr/bin/env bash
# Time from the start of drifted traffic to the monitor's alert and to the automatic rollback
# (issue 12): a `kiln serve --env production` gateway judges the project's monitor: rule
# input-drift (>= 30% of features drifted for 2 windows in a row; windows of 500 rows or 2 s)
# whose actions are a signed webhook and a rollback. Per repetition: production runs v2 of the
# telco gradient-boosting model (v1 before it) under held-out telco rows for 3 s, then under the
# same rows drifted (longer tenure, higher charges, one contract, one payment method, seniors);
# the driver records when the webhook arrives at its receiver and when v1 first answers
# (X-Kiln-Model-Version). Prints each repetition and the medians.
#   bench/serve/alert.sh [path/to/telco_churn.csv]      (apt: curl)
# KILN_BENCH_REPS (default 5) sets the repetitions.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
data="${1:-$root/kiln-model/src/test/resources/datasets/telco_churn.csv}"
out="$root/bench/out/alert"
reps="${KILN_BENCH_REPS:-5}"
name=alert
. "$here/common.sh"
bench_start curl /usr/bin/python3
k() { "$kiln" -C "$out/project" "$@"; }
telco_split "$data"
printf 'kiln: 1\npipeline: alert-bench\nstages:\n  noop: {run: "true"}\n' > "$out/project/kiln.yaml"
for v in 1 2; do
  k train "$out/train.csv" --label churn --algorithm gradient-boosting --out "$out/project/v$v" -P "trees=$((20 + v))" >/dev/null
  k models register "$out/project/v$v" --name churn >/dev/null
done
gw=$(port); hook=$(port)
cat > "$out/project/kiln.yaml" <<YAML
kiln: 1
pipeline: alert-bench
monitor:
  environment: production
  window: 2s
  window-rows: 500
  rules:
    - name: input-drift
      drift: {share-of-features: ">= 0.3"}
      for: 2
      cool-down: 0s
      actions:
        - webhook: {url: "http://127.0.0.1:$hook/hook", secret-env: KILN_WEBHOOK_SECRET}
        - rollback
stages:
  noop: {run: "true"}
YAML
k deploy churn:1 --env production >/dev/null
k deploy churn:2 --env production --timeout 1s >/dev/null 2>&1 || true   # the gateway carries it out
KILN_WEBHOOK_SECRET=bench-secret "$kiln" -C "$out/project" serve --env production --port "$gw" --poll 200ms \
  > "$out/gateway.log" 2>&1 & pids+=($!)   # the kiln script execs java: this pid is the gateway
wait_for "http://127.0.0.1:$gw/v2/health/ready"

/usr/bin/python3 - "$data" "$out" "$gw" "$hook" "$reps" "$kiln" <<'PY'
import csv, hashlib, hmac, http.client, http.server, json, random, statistics, subprocess, sys, threading, time
data, out, gw, hook, reps, kiln = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4]), int(sys.argv[5]), sys.argv[6]
rows = list(csv.reader(open(data)))
header, held = rows[0], [r for i, r in enumerate(rows[1:]) if i % 5 == 0 and "" not in r]
def value(c, v):
    try:
        return float(v) if "." in v else int(v)
    except ValueError:
        return v
DRIFT = {"tenure": lambda v: v + 36, "monthly_charges": lambda v: v + 45, "total_charges": lambda v: v * 3 + 2000,
         "senior_citizen": lambda v: 1, "contract": lambda v: "Two year", "payment_method": lambda v: "Credit card (automatic)",
         "paperless_billing": lambda v: 0, "internet_service": lambda v: "Fiber optic"}
def body(r, drifted):
    rec = {c: value(c, v) for c, v in zip(header, r) if c != "churn"}
    if drifted:
        rec = {c: DRIFT.get(c, lambda x: x)(v) for c, v in rec.items()}
    return json.dumps({"dataframe_records": [rec]})
rnd = random.Random(42)
clean = [body(rnd.choice(held), False) for _ in range(2000)]
drifted = [body(rnd.choice(held), True) for _ in range(2000)]
hooks = []
class Receiver(http.server.BaseHTTPRequestHandler):
    def do_POST(self):
        b = self.rfile.read(int(self.headers["Content-Length"]))
        sig = "sha256=" + hmac.new(b"bench-secret", b, hashlib.sha256).hexdigest()
        hooks.append((time.monotonic(), hmac.compare_digest(sig, self.headers.get("X-Kiln-Signature", ""))))
        self.send_response(204); self.end_headers()
    def log_message(self, *a):
        pass
srv = http.server.ThreadingHTTPServer(("127.0.0.1", hook), Receiver)
threading.Thread(target=srv.serve_forever, daemon=True).start()
conn = http.client.HTTPConnection("127.0.0.1", gw)
failed = 0
def send(b):
    global failed
    conn.request("POST", "/invocations", b, {"Content-Type": "application/json"})
    r = conn.getresponse(); r.read()
    if r.status != 200:
        failed += 1
    return r.getheader("X-Kiln-Model-Version")
results = []
for rep in range(reps):
    if rep > 0:
        subprocess.run([kiln, "-C", out + "/project", "deploy", "churn:2", "--env", "production", "-r", "bench"],
                       check=True, stdout=subprocess.DEVNULL)
    i = 0
    while send(clean[i % len(clean)]) != "2":
        i += 1
    end = time.monotonic() + 3
    while time.monotonic() < end:
        send(clean[i % len(clean)]); i += 1
    seen = len(hooks)
    t0 = time.monotonic(); rollback = None; n = 0
    while time.monotonic() - t0 < 60 and (rollback is None or len(hooks) == seen):
        v = send(drifted[n % len(drifted)]); n += 1
        if v == "1" and rollback is None:
            rollback = time.monotonic() - t0
    alert = hooks[seen][0] - t0 if len(hooks) > seen else float("nan")
    ok = hooks[seen][1] if len(hooks) > seen else False
    results.append((alert, rollback if rollback is not None else float("nan")))
    print(f"  repetition {rep + 1}: webhook {alert:.2f} s (signature {'valid' if ok else 'INVALID'}), "
          f"v1 answering {results[-1][1]:.2f} s, {n} drifted requests")
print(f"time from the first drifted request, median of {reps}: alert (webhook received) "
      f"{statistics.median(r[0] for r in results):.2f} s, rollback (v1 answers) {statistics.median(r[1] for r in results):.2f} s; "
      f"failed requests: {failed}")
PY
cut -d' ' -f1-3 /proc/loadavg > "$out/load.end"
echo "load average at start / end: $(cat "$out/load.start") / $(cat "$out/load.end")"
