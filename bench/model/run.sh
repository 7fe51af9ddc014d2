#!/usr/bin/env bash
# Kiln's model benchmark against scikit-learn / Python XGBoost on telco churn (docs/benchmarks.md).
#   bench/model/run.sh [path/to/telco_churn.csv]
# Same split in both (data row i is a test row when i % 5 == 0). Kiln is timed through its CLI
# (kiln train, kiln evaluate) in one JVM per command, so JVM start-up is included in its training
# time; in-process single-row latency and batch throughput come from 'kiln evaluate'.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
data="${1:-$root/kiln-model/src/test/resources/datasets/telco_churn.csv}"   # a copy of shared/datasets
out="$root/bench/out/model"
rm -rf "$out" && mkdir -p "$out"
python3 - "$data" "$out" <<'PY'
import sys
lines = open(sys.argv[1]).read().splitlines()
train = [lines[0]] + [l for i, l in enumerate(lines[1:]) if i % 5]
test = [lines[0]] + [l for i, l in enumerate(lines[1:]) if i % 5 == 0]
open(sys.argv[2] + "/train.csv", "w").write("\n".join(train) + "\n")
open(sys.argv[2] + "/test.csv", "w").write("\n".join(test) + "\n")
PY
kiln="$root/kiln"
"$kiln" --version >/dev/null  # build first, outside the timings
cd "$out"
for algo in gradient-boosting logistic-regression; do
  for i in 1 2 3; do
    s=$(date +%s.%N)
    "$kiln" train train.csv --label churn --algorithm "$algo" --out "$algo" --json > "$algo.train.json" 2>/dev/null
    e=$(date +%s.%N)
    echo "$algo $(echo "$e - $s" | bc)" >> train_times.txt
  done
  "$kiln" evaluate "$algo" test.csv --label churn --out "eval-$algo" --json > "$algo.eval.json"
done
/usr/bin/python3 "$here/peer_sklearn.py" "$data" > peer.json
python3 - <<'PY'
import json, statistics
times = {}
for line in open("train_times.txt"):
    a, t = line.split()
    times.setdefault(a, []).append(float(t))
peer = json.load(open("peer.json"))
gb = json.load(open("gradient-boosting.eval.json"))["metrics"]
lr = json.load(open("logistic-regression.eval.json"))["metrics"]
print(f"telco test AUC: kiln gradient-boosting {gb['auc']:.4f}  sklearn HGB {peer['hgb_auc']:.4f}  "
      f"python xgboost (kiln defaults) {peer['xgb_auc']:.4f}  kiln logistic-regression {lr['auc']:.4f}  sklearn LR {peer['lr_auc']:.4f}")
gbt = statistics.median(times["gradient-boosting"]); lrt = statistics.median(times["logistic-regression"])
for a in ["gradient-boosting", "logistic-regression"]:
    t = json.load(open(a + ".train.json"))
    print(f"kiln {a}: training_seconds (in-process: read, profile, fit, save) {t['training_seconds']:.2f}, trees {t.get('trees', '-')}")
print(f"train (median of 3, s): kiln GB {gbt:.2f} (CLI, incl. JVM start, profile, evaluation)  python xgboost {peer['xgb_fit_s']:.2f}  "
      f"sklearn HGB {peer['hgb_fit_s']:.2f}  ratio kiln/xgb {gbt / peer['xgb_fit_s']:.2f}")
print(f"train (median of 3, s): kiln LR {lrt:.2f}  sklearn LR {peer['lr_fit_s']:.2f}  ratio {lrt / peer['lr_fit_s']:.2f}")
print(f"batch predict rows/s: kiln GB {gb['latency.batch_rows_per_s']:.0f}  python xgboost {peer['xgb_predict_rows_per_s']:.0f}  "
      f"ratio {gb['latency.batch_rows_per_s'] / peer['xgb_predict_rows_per_s']:.2f}")
print(f"batch predict rows/s: kiln LR {lr['latency.batch_rows_per_s']:.0f}  sklearn LR {peer['lr_predict_rows_per_s']:.0f}  "
      f"ratio {lr['latency.batch_rows_per_s'] / peer['lr_predict_rows_per_s']:.2f}")
print(f"single-row p99 ms: kiln GB {gb['latency.p99_ms']:.3f} (p50 {gb['latency.p50_ms']:.3f})  python xgboost {peer['xgb_single_row_p99_ms']:.3f}  target < 1 ms")
PY
