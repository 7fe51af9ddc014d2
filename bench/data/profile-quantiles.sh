#!/usr/bin/env bash
# Profiling time before and after exact quantiles and heavy-value PSI bins (issue 9): builds
# kiln-data of BEFORE (default: the commit before them) in a temporary directory, then profiles
# the same 1,000,000-row CSV (a normal column, a 70%-zeros column, an integer column) with each
# build in turn, RUNS times (default 5), and prints the medians and their ratio.
# Usage: bench/data/profile-quantiles.sh [RUNS] [BEFORE]   (after `mvn -B -o compile -pl kiln-data -am`)
set -euo pipefail
cd "$(dirname "$0")/../.."
runs=${1:-5}
before=${2:-86988f4}
out=bench/out/profile-quantiles
mkdir -p "$out/before" "$out/classes"
m=~/.m2/repository
lib=$m/org/duckdb/duckdb_jdbc/2.0.0.1/duckdb_jdbc-2.0.0.1.jar:$m/com/fasterxml/jackson/core/jackson-databind/2.23.0/jackson-databind-2.23.0.jar:$m/com/fasterxml/jackson/core/jackson-core/2.23.0/jackson-core-2.23.0.jar:$m/com/fasterxml/jackson/core/jackson-annotations/2.23/jackson-annotations-2.23.jar:$m/com/fasterxml/jackson/dataformat/jackson-dataformat-yaml/2.23.0/jackson-dataformat-yaml-2.23.0.jar:$m/org/yaml/snakeyaml/2.5/snakeyaml-2.5.jar
if [[ ! -d "$out/before/kiln-data/target/classes" ]]; then
  git archive "$before" | tar -x -C "$out/before"
  (cd "$out/before" && mvn -B -o -q compile -pl kiln-data -am)
fi
[[ -f "$out/data.csv" ]] || /usr/bin/python3 - "$out/data.csv" <<'PY'
import sys
import numpy as np
r = np.random.default_rng(1)
n = 1_000_000
x = np.round(r.normal(0, 1, n), 4)
z = np.where(r.random(n) < 0.7, 0.0, np.round(r.uniform(1, 52, n), 3))
k = r.integers(0, 100, n)
with open(sys.argv[1], "w") as f:
    f.write("x,z,k\n")
    for a, b, c in zip(x, z, k):
        f.write(f"{a},{b},{c}\n")
PY
javac -d "$out/classes" bench/data/ProfileTime.java
b=$out/before
cp_before=$out/classes:$b/kiln-data/target/classes:$b/kiln-core/target/classes:$lib
cp_after=$out/classes:kiln-data/target/classes:kiln-stats/target/classes:kiln-core/target/classes:$lib
: > "$out/times.txt"
for ((i = 0; i < runs; i++)); do
  echo "before $(java -cp "$cp_before" ProfileTime "$out/data.csv" 1)" >> "$out/times.txt"
  echo "after $(java -cp "$cp_after" ProfileTime "$out/data.csv" 1)" >> "$out/times.txt"
done
median() { grep "^$1 " "$out/times.txt" | cut -d' ' -f2 | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
mb=$(median before); ma=$(median after)
echo "profile of $(wc -l < "$out/data.csv") lines: before ${mb} ms, after ${ma} ms (medians of $runs), after/before $(awk -v a="$ma" -v b="$mb" 'BEGIN {printf "%.2f", a / b}')"
