#!/usr/bin/env bash
# In-process XGBoost prediction per row: XGBoost4J (kiln evaluate's backend) against Kiln's Java
# predictor (the gateway's), on the telco gradient-boosting model bench/serve/run.sh serves (kiln
# train's defaults on the same training rows) and the test rows (data row i with i % 5 == 0).
#   bench/serve/predict.sh [path/to/telco_churn.csv] [ROUNDS=5]
# Also XGBoost4J with nthread=1, as the gateway ran it before. Prints p50/p99/mean µs per single-row
# call and rows/s in 1,000-row calls (medians of the rounds, the predictors alternating), the largest
# difference between their predictions, and the load.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
data="${1:-$root/kiln-model/src/test/resources/datasets/telco_churn.csv}"
out="$root/bench/out/predict"
rm -rf "$out" && mkdir -p "$out"
"$root/kiln" --version >/dev/null   # builds kiln-cli; its lib/ holds kiln-model and both predictors
lib="$root/kiln-cli/target/kiln/lib"
/usr/bin/python3 - "$data" "$out" <<'PY'
import sys
lines = open(sys.argv[1]).read().splitlines()
open(sys.argv[2] + "/train.csv", "w").write("\n".join([lines[0]] + [l for i, l in enumerate(lines[1:]) if i % 5]) + "\n")
open(sys.argv[2] + "/test.csv", "w").write("\n".join([lines[0]] + [l for i, l in enumerate(lines[1:]) if i % 5 == 0]) + "\n")
PY
"$root/kiln" train "$out/train.csv" --label churn --algorithm gradient-boosting --out "$out/model" >/dev/null
# Run from source (java's single-file launcher) over kiln-cli's jars: no -Pbench build needed.
platform=linux-amd64; [[ "$(uname -m)" == aarch64 ]] && platform=linux-arm64
native="$root/kiln-cli/target/kiln/native/$platform"   # DuckDB's library, unpacked by the build (as ./kiln does)
java -Djava.library.path="$native" -cp "$lib/*" "$root/bench/src/main/java/dev/kiln/bench/PredictBench.java" "$out/model" "$out/test.csv" "${2:-5}"
