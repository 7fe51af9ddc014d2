#!/usr/bin/env bash
# summarize.sh DATA OUT.json — rows, denial rate, mean payments-to-income and loan-to-value
# ratios, and the share of applications with a high payments-to-income ratio.
set -euo pipefail
data=$1; out=$2
high=${KILN_PARAM_SUMMARY_HIGH_PIRAT:-0.4}
mkdir -p "$(dirname "$out")"
awk -F, -v high="$high" '
  NR == 1 { for (i = 1; i <= NF; i++) { gsub(/"/, "", $i); col[$i] = i }; next }
  {
    gsub(/"/, "")
    n++
    if ($col["deny"] == "yes") denied++
    pirat += $col["pirat"]; lvrat += $col["lvrat"]
    if ($col["pirat"] + 0 > high) highp++
    if ($col["afam"] == "yes") { afam++; if ($col["deny"] == "yes") afam_denied++ }
  }
  END {
    printf "{\n  \"rows\": %d,\n  \"deny_rate\": %.6f,\n  \"mean_pirat\": %.6f,\n  \"mean_lvrat\": %.6f,\n", n, denied / n, pirat / n, lvrat / n
    printf "  \"high_pirat_share\": %.6f,\n  \"afam\": {\"rows\": %d, \"deny_rate\": %.6f}\n}\n", highp / n, afam, afam ? afam_denied / afam : 0
  }
' "$data" > "$out"
cat "$out"
