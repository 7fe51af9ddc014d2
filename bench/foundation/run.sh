#!/usr/bin/env bash
# Foundation benchmarks (issue 2). Prints medians and ratios; run from anywhere:
#   bench/foundation/run.sh            # everything (about 5 minutes; needs ~1.2 GB in bench/out)
#   bench/foundation/run.sh noop       # one part: noop | status | schedule | memory
# Needs hyperfine, GNU make, sha256sum and /usr/bin/time (apt: hyperfine make coreutils time).
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
out="$root/bench/out/foundation"
kiln="$root/kiln"
mkdir -p "$out"
parts=${1:-"noop status schedule memory"}

median() { # hyperfine JSON → median seconds of command N
  python3 -c "import json,sys; print(json.load(open(sys.argv[1]))['results'][int(sys.argv[2])]['median'])" "$1" "$2"
}

"$kiln" --version >/dev/null   # build the distribution and its AppCDS archive first

if [[ " $parts " == *" noop "* ]]; then
  echo "== no-op kiln run on examples/quickstart (everything up to date) vs. make with the same stages"
  q="$out/quickstart"; rm -rf "$q"; cp -r "$root/examples/quickstart" "$q"; rm -rf "$q/.kiln"
  "$kiln" -C "$q" run -q >/dev/null
  cat > "$q/Makefile" <<'MK'
all: metrics/compare.json
data/train.csv data/test.csv: data/hmda.csv scripts/split.sh params.yaml
	bash scripts/split.sh data/hmda.csv data/train.csv data/test.csv
metrics/train.json: data/train.csv scripts/summarize.sh params.yaml
	bash scripts/summarize.sh data/train.csv metrics/train.json
metrics/test.json: data/test.csv scripts/summarize.sh params.yaml
	bash scripts/summarize.sh data/test.csv metrics/test.json
metrics/compare.json: metrics/train.json metrics/test.json scripts/compare.sh
	bash scripts/compare.sh metrics/train.json metrics/test.json metrics/compare.json
MK
  make -C "$q" -s >/dev/null
  hyperfine -N -w 3 -r 20 --export-json "$out/noop.json" \
    "$kiln -C $q run -q" "make -C $q -s" >/dev/null
  k=$(median "$out/noop.json" 0); m=$(median "$out/noop.json" 1)
  printf "kiln run (no-op): median %.0f ms   make (no-op): median %.1f ms   ratio kiln/make %.0fx\n" \
    "$(echo "$k*1000" | bc -l)" "$(echo "$m*1000" | bc -l)" "$(echo "$k/$m" | bc -l)"
  hyperfine -w 3 -r 20 --export-json "$out/noop-nocds.json" \
    "env KILN_CDS=off $kiln -C $q run -q" >/dev/null
  printf "  same without the AppCDS archive: median %.0f ms\n" "$(echo "$(median "$out/noop-nocds.json" 0)*1000" | bc -l)"
fi

if [[ " $parts " == *" status "* ]]; then
  echo "== kiln status over 1 GB in one file + 10,000 small files, hash cache warm, vs. sha256sum re-hashing them"
  s="$out/status"
  if [[ ! -f "$s/big.bin" ]]; then
    mkdir -p "$s/small"
    head -c 1073741824 /dev/urandom > "$s/big.bin"
    python3 - "$s/small" <<'PY'
import os, sys, random
random.seed(7)
for i in range(10000):
    with open(os.path.join(sys.argv[1], f"f{i:05d}.txt"), "wb") as f:
        f.write(os.urandom(random.randint(100, 4000)))
PY
  fi
  printf 'kiln: 1\npipeline: status-bench\nstages:\n  read:\n    run: "true"\n    deps: [big.bin, small]\n' > "$s/kiln.yaml"
  rm -rf "$s/.kiln"
  cold_start=$(date +%s%N); "$kiln" -C "$s" status >/dev/null; cold_end=$(date +%s%N)
  printf "first kiln status (cold hash cache, hashes everything): %.2f s\n" "$(echo "($cold_end-$cold_start)/1000000000" | bc -l)"
  hyperfine -w 2 -r 10 --export-json "$out/status.json" \
    "$kiln -C $s status" \
    "cd $s && sha256sum big.bin small/* > /dev/null" >/dev/null
  k=$(median "$out/status.json" 0); h=$(median "$out/status.json" 1)
  printf "kiln status (warm): median %.3f s   sha256sum over the same data: median %.2f s   ratio sha256sum/kiln %.1fx\n" "$k" "$h" "$(echo "$h/$k" | bc -l)"
fi

if [[ " $parts " == *" schedule "* ]]; then
  echo "== scheduling overhead: 200 stages of 'true', in a chain and in a fan-out, vs. make"
  for shape in chain fanout; do
    d="$out/sched-$shape"; rm -rf "$d"; mkdir -p "$d"
    { printf 'kiln: 1\npipeline: sched\nstages:\n'
      for i in $(seq 1 200); do
        if [[ $shape == chain && $i -gt 1 ]]; then need=", needs: [s$((i-1))]"; else need=""; fi
        printf '  s%d: {run: "true", always-run: true%s}\n' "$i" "$need"
      done } > "$d/kiln.yaml"
    printf 'kiln: 1\npipeline: sched\nstages:\n  s1: {run: "true", always-run: true}\n' > "$d/one.yaml"
    mkdir -p "$d/one"; cp "$d/one.yaml" "$d/one/kiln.yaml"
    { printf '.PHONY: all'; for i in $(seq 1 200); do printf ' s%d' "$i"; done; printf '\nall:'
      if [[ $shape == chain ]]; then printf ' s200\n'; else for i in $(seq 1 200); do printf ' s%d' "$i"; done; printf '\n'; fi
      for i in $(seq 1 200); do
        if [[ $shape == chain && $i -gt 1 ]]; then printf 's%d: s%d\n' "$i" "$((i-1))"; else printf 's%d:\n' "$i"; fi
        printf '\tbash -c true\n'; done; } > "$d/Makefile"
    loop="$d/spawn.sh"; printf 'for i in $(seq 1 200); do bash -c true; done\n' > "$loop"
    hyperfine -N -w 1 -r 5 --export-json "$out/sched-$shape.json" \
      "$kiln -C $d run -q -j 2" "$kiln -C $d/one run -q -j 2" "make -s -j 2 -C $d" "bash $loop" >/dev/null
    k=$(median "$out/sched-$shape.json" 0); k1=$(median "$out/sched-$shape.json" 1)
    mk=$(median "$out/sched-$shape.json" 2); sp=$(median "$out/sched-$shape.json" 3)
    par=1; [[ $shape == fanout ]] && par=2
    printf "%-6s kiln 200 stages: %.2f s (1 stage: %.2f s)  make: %.2f s  200 x 'bash -c true': %.2f s\n" "$shape" "$k" "$k1" "$mk" "$sp"
    printf "       kiln overhead per stage beyond process start: %.1f ms   (make: %.1f ms)\n" \
      "$(echo "(($k-$k1)/199 - $sp/200/$par)*1000" | bc -l)" "$(echo "($mk/200 - $sp/200/$par)*1000" | bc -l)"
  done
fi

if [[ " $parts " == *" memory "* ]]; then
  echo "== peak memory (RSS) of kiln status and of a no-op kiln run"
  q="$out/quickstart"; [[ -d "$q/.kiln" ]] || { rm -rf "$q"; cp -r "$root/examples/quickstart" "$q"; "$kiln" -C "$q" run -q >/dev/null; }
  for cmd in "status" "run -q"; do
    peak=$( { /usr/bin/time -f "%M" "$kiln" -C "$q" $cmd >/dev/null; } 2>&1 | tail -1 )
    printf "kiln %-7s on quickstart: peak RSS %d MB\n" "$cmd" "$((peak / 1024))"
  done
  if [[ -d "$out/status/.kiln" ]]; then
    peak=$( { /usr/bin/time -f "%M" "$kiln" -C "$out/status" status >/dev/null; } 2>&1 | tail -1 )
    printf "kiln status over 1 GB + 10,000 files (warm): peak RSS %d MB\n" "$((peak / 1024))"
  fi
fi
