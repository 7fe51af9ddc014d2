#!/usr/bin/env bash
# split.sh IN TRAIN TEST — a seeded random split; the test share and seed come from params.
set -euo pipefail
in=$1; train=$2; test=$3
fraction=${KILN_PARAM_SPLIT_TEST_FRACTION:-0.2}
seed=${KILN_PARAM_SPLIT_SEED:-42}
mkdir -p "$(dirname "$train")" "$(dirname "$test")"
awk -v f="$fraction" -v seed="$seed" -v train="$train" -v test="$test" '
  BEGIN { srand(seed) }
  NR == 1 { print > train; print > test; next }
  { if (rand() < f) print > test; else print > train }
' "$in"
echo "train: $(($(wc -l < "$train") - 1)) rows, test: $(($(wc -l < "$test") - 1)) rows (test share $fraction, seed $seed)"
