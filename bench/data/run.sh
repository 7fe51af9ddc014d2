#!/usr/bin/env bash
# Kiln's data-test benchmark (issue 3). Generates the inputs once (bench/out/, gitignored), then
# measures in the same run, on the same files:
#   1. DuckDB's bare count(*) over the 5M-row CSV (a JVM + JDBC, like kiln);
#   2. kiln validate with the full suite (bench/data/suite.yaml) and drift against the 1M-row
#      reference CSV (profiled on the fly);
#   3. the same with the reference's saved profile (kiln profile, computed once);
#   4. the pandas peer (bench/data/peer_pandas.py) doing the same checks and drift.
# Kiln keeps the profile of a large reference between runs (keyed by the files' identity), so
# "kiln-reference" after the warm-up uses it; "kiln-reference-cold" clears it before every run.
# Wall times are hyperfine medians; peak RSS comes from /usr/bin/time -v.
#
#   bench/data/run.sh [RUNS]        (default 5 runs; the pandas peer gets 2)
set -euo pipefail
cd "$(dirname "$0")/../.."
runs="${1:-5}"
out=bench/out
jar="$HOME/.m2/repository/org/duckdb/duckdb_jdbc/2.0.0.1/duckdb_jdbc-2.0.0.1.jar"
mkdir -p "$out/classes"
[[ -f $out/current.csv && -f $out/reference.csv ]] || java -cp "$jar" bench/data/Generate.java "$out"
javac -d "$out/classes" -cp "$jar" bench/data/BareCount.java
./kiln --version >/dev/null                                  # builds the distribution if needed
./kiln profile "$out/reference.csv" --out "$out/reference-profile.json" >/dev/null

count="java -cp $jar:$out/classes BareCount $out/current.csv"
# The same count with DuckDB's native library unpacked once, as Kiln's distribution loads it
# (the stock jar unpacks 70 MB to a temporary file on every start): the fair baseline.
dist=kiln-cli/target/kiln
native="$dist/native/linux-amd64"; [[ "$(uname -m)" == aarch64 ]] && native="$dist/native/linux-arm64"
count_fair="java -Djava.library.path=$native -cp $dist/lib/kiln-cli.jar:$out/classes BareCount $out/current.csv"
ref="./kiln validate $out/current.csv --checks bench/data/suite.yaml --reference $out/reference.csv --format json --out $out/report-ref.json"
prof="./kiln validate $out/current.csv --checks bench/data/suite.yaml --profile $out/reference-profile.json --format json --out $out/report-profile.json"
peer="/usr/bin/python3 bench/data/peer_pandas.py $out/current.csv $out/reference.csv"

cache="${XDG_CACHE_HOME:-$HOME/.cache}/kiln/reference-profiles"
hyperfine --style basic --warmup 1 --runs "$runs" --export-json "$out/kiln.json" \
  -n count "$count" -n count-fair "$count_fair" -n kiln-reference "$ref" -n kiln-profile "$prof"
# The same with the reference profiled afresh every time (no cached reference profile):
hyperfine --style basic --runs "$runs" --prepare "rm -rf $cache" --export-json "$out/kiln-cold.json" \
  -n kiln-reference-cold "$ref"
hyperfine --style basic --runs 2 --export-json "$out/pandas.json" -n pandas "$peer"

rss() { /usr/bin/time -v "$@" 2>&1 >/dev/null | awk -F': ' '/Maximum resident/ {print $2}'; }
echo "count $(rss $count)" > "$out/rss.txt"
echo "count-fair $(rss $count_fair)" >> "$out/rss.txt"
echo "kiln-reference $(rss $ref)" >> "$out/rss.txt"
echo "kiln-profile $(rss $prof)" >> "$out/rss.txt"
echo "pandas $(rss $peer)" >> "$out/rss.txt"

/usr/bin/python3 - "$out" <<'PY'
import json, os, sys
out = sys.argv[1]
times = {r["command"]: r for f in ("kiln.json", "kiln-cold.json", "pandas.json")
         for r in json.load(open(os.path.join(out, f)))["results"]}
rss = dict(line.split() for line in open(os.path.join(out, "rss.txt")))
rows, mb = 5_000_000, os.path.getsize(os.path.join(out, "current.csv")) / 1e6
med = {k: v["median"] for k, v in times.items()}
base = med['count-fair']
print("(x count(*) is relative to count-fair: DuckDB loaded the way Kiln loads it)")
print(f"\n{'':20}{'median s':>10}{'min s':>8}{'max s':>8}{'x count(*)':>12}{'rows/s':>14}{'MB/s':>8}{'peak RSS MB':>13}")
rss.setdefault("kiln-reference-cold", rss["kiln-reference"])
for k in ("count", "count-fair", "kiln-reference", "kiln-reference-cold", "kiln-profile", "pandas"):
    t = times[k]
    print(f"{k:20}{t['median']:10.2f}{t['min']:8.2f}{t['max']:8.2f}{t['median'] / base:12.2f}"
          f"{rows / t['median']:14,.0f}{mb / t['median']:8.0f}{int(rss[k]) / 1024:13.0f}")
print(f"\npandas / kiln (reference, cold): {med['pandas'] / med['kiln-reference-cold']:.1f}x   "
      f"pandas / kiln (reference, cached profile): {med['pandas'] / med['kiln-reference']:.1f}x   "
      f"pandas / kiln (profile): {med['pandas'] / med['kiln-profile']:.1f}x")
PY
