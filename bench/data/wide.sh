#!/usr/bin/env bash
# Kiln's wide-data benchmark (issue 9, defect 3). Generates, once, 10,000-row tables of 300 and
# 1,500 numeric columns plus a 0/1 label (bench/data/GenerateWide.java; bench/out/, gitignored)
# with a reference table each, then measures wall time and peak RSS (/usr/bin/time -v) of every
# data command, and of the pandas peer (bench/data/peer_wide_pandas.py) in the same run:
#   profile, suggest, validate --checks (bench/data/wide-suite.yaml), validate --checks --reference,
#   train (gradient boosting, 300 columns only unless TRAIN_WIDE=1), pandas profile, pandas drift.
# Prints the median of RUNS runs per command and the ratio to the pandas peer that does the same
# work (profile and suggest vs pandas profile, validate vs pandas drift).
#
#   bench/data/wide.sh [RUNS] [COLUMNS...]      (default: 1 run; 300 1500)
set -euo pipefail
cd "$(dirname "$0")/../.."
runs="${1:-1}"; shift || true
sizes=("${@:-300 1500}"); sizes=(${sizes[@]})
out=bench/out
jar="$HOME/.m2/repository/org/duckdb/duckdb_jdbc/2.0.0.1/duckdb_jdbc-2.0.0.1.jar"
mkdir -p "$out"
kiln="${KILN:-./kiln}"                                       # KILN: another launcher (a copy of the distribution)
$kiln --version >/dev/null                                   # builds the distribution if needed
results="$out/wide-results.txt"; : > "$results"

measure() {  # name cols command...: appends "name cols wall_s rss_kb exit" per run
  local name=$1 cols=$2; shift 2
  for _ in $(seq "$runs"); do
    /usr/bin/time -f "%e %M %x" -o "$out/time.txt" "$@" > "$out/wide-$name-$cols.out" 2> "$out/wide-$name-$cols.err" || true
    echo "$name $cols $(tail -1 "$out/time.txt")" >> "$results"
  done
}

for cols in "${sizes[@]}"; do
  data="$out/wide-$cols.csv"; ref="$out/wide-$cols-ref.csv"
  [[ -f $data && -f $ref ]] || java -cp "$jar" bench/data/GenerateWide.java "$out" "$cols"
  measure profile "$cols" $kiln profile "$data" --out "$out/wide-$cols-profile.json"
  measure suggest "$cols" $kiln suggest "$data"
  measure validate "$cols" $kiln validate "$data" --checks bench/data/wide-suite.yaml
  measure validate-reference "$cols" $kiln validate "$data" --checks bench/data/wide-suite.yaml --reference "$ref"
  if [[ $cols -le 300 || -n ${TRAIN_WIDE:-} ]]; then
    measure train "$cols" $kiln train "$data" --label label -o "$out/wide-$cols-model"
  fi
  measure pandas-profile "$cols" /usr/bin/python3 bench/data/peer_wide_pandas.py profile "$data"
  measure pandas-drift "$cols" /usr/bin/python3 bench/data/peer_wide_pandas.py drift "$data" "$ref"
done

/usr/bin/python3 - "$results" <<'PY'
import statistics, sys
rows = [l.split() for l in open(sys.argv[1]) if l.strip()]
by = {}
for name, cols, wall, rss, code in rows:
    by.setdefault((name, int(cols)), []).append((float(wall), int(rss), int(code)))
peer = {"profile": "pandas-profile", "suggest": "pandas-profile", "validate": "pandas-drift",
        "validate-reference": "pandas-drift", "train": None}
print(f"{'command':20}{'columns':>8}{'median s':>10}{'peak RSS MB':>13}{'exit':>6}{'x pandas':>10}")
for (name, cols), v in sorted(by.items(), key=lambda kv: (kv[0][1], kv[0][0])):
    wall = statistics.median(x[0] for x in v)
    rss = max(x[1] for x in v) / 1024
    p = peer.get(name)
    ratio = ""
    if p and (p, cols) in by:
        ratio = f"{wall / statistics.median(x[0] for x in by[(p, cols)]):.1f}"
    print(f"{name:20}{cols:>8}{wall:10.1f}{rss:13.0f}{max(x[2] for x in v):>6}{ratio:>10}")
PY
