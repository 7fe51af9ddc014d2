#!/usr/bin/env bash
# kiln stats over a store of many runs (issue 12, item 5) against the pandas script a user would
# write instead (bench/stats/peer_pandas.py), same SQLite file, same figures (checked by compare.py).
#   bench/stats/run.sh [RUNS=10000] [REPEATS=5]
# Fills bench/out/stats/RUNS/kiln.db once through the RunHistory port (8 stages a run; reused by
# later calls), then times each side REPEATS times and prints the medians. Needs python3 with
# pandas and NumPy (apt: python3-pandas).
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
runs=${1:-10000}
repeats=${2:-5}
py=${PYTHON:-/usr/bin/python3}
out="$root/bench/out/stats/$runs"
db="$out/kiln.db"
export TZ=UTC   # both sides count days in the same zone
mkdir -p "$out"
cd "$root"
"$root/kiln" --version >/dev/null   # builds the distribution (and its AppCDS archive) if needed
if [[ ! -f "$db" ]]; then
  mvn -q -B -Dstyle.color=never -Pbench -pl bench -am package -DskipTests 2>&1 | sed "s/\x1b\[0m//g"
  java -cp "bench/target/kiln-bench-0.1.0-SNAPSHOT.jar:bench/target/lib/*" dev.kiln.bench.StatsFill "$db" "$runs"
fi
kiln_stats=("$root/kiln" --db "jdbc:sqlite:$db" stats --since 60d --json)
since_ms=$(( ($(date +%s) - 60 * 86400) * 1000 ))

"${kiln_stats[@]}" > "$out/kiln.json"
"$py" bench/stats/peer_pandas.py "$db" "$since_ms" > "$out/pandas.json"
"$py" bench/stats/compare.py "$out/kiln.json" "$out/pandas.json"

median_ms() { # runs "$@" $repeats times, prints the median wall time in ms
  local times=()
  for _ in $(seq "$repeats"); do
    local t0; t0=$(date +%s%N)
    "$@" > /dev/null
    times+=($(( ($(date +%s%N) - t0) / 1000000 )))
  done
  printf '%s\n' "${times[@]}" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'
}
k=$(median_ms "${kiln_stats[@]}")
t=$(median_ms "$root/kiln" --db "jdbc:sqlite:$db" stats --since 60d)
p=$(median_ms "$py" bench/stats/peer_pandas.py "$db" "$since_ms")
execs=$("$py" -c "import sqlite3,sys; print(sqlite3.connect(sys.argv[1]).execute('select count(*) from stage_executions').fetchone()[0])" "$db")
echo "store: $runs runs, $execs stage executions ($(du -h "$db" | cut -f1))"
echo "kiln stats --json: median $k ms   kiln stats (tables): median $t ms   pandas: median $p ms   (of $repeats, wall time incl. start-up)"
