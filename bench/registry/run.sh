#!/usr/bin/env bash
# Registry benchmark (issue 5): p50 and p99 of register, resolve an alias, list N versions,
# promote, and a history of N moves, on SQLite and on PostgreSQL, in one run.
#   bench/registry/run.sh [N=10000] [POSTGRES_URL]
# PostgreSQL must be running (.ci/run starts the local one). MLflow, the peer a user would
# compare with, cannot be installed on these machines (PyPI is unreachable); see docs/benchmarks.md.
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
cd "$root"
mvn -q -B -Dstyle.color=never -Pbench -pl bench -am package -DskipTests
java -cp "bench/target/kiln-bench-0.1.0-SNAPSHOT.jar:bench/target/lib/*" dev.kiln.bench.RegistryBench "${1:-10000}" \
  "${2:-jdbc:postgresql://127.0.0.1:5432/postgres?user=postgres}"
