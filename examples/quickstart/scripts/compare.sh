#!/usr/bin/env bash
# compare.sh TRAIN.json TEST.json OUT.json — the test set's denial rate minus the training set's.
set -euo pipefail
rate() { sed -n 's/^  "deny_rate": \([0-9.]*\),$/\1/p' "$1"; }
train=$(rate "$1"); test=$(rate "$2")
mkdir -p "$(dirname "$3")"
awk -v a="$train" -v b="$test" 'BEGIN { printf "{\"deny_rate_gap\": %.6f}\n", b - a }' > "$3"
cat "$3"
