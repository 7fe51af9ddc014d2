# Shared by the issue-12 serving benchmarks (monitor.sh, feedback.sh, alert.sh): sourced after
# `name`, `out` and the tool list are set. Checks the tools, builds Kiln outside the timings, kills
# the gateways it started on exit, and offers a free loopback port, a wait for a URL, and the telco
# split every script trains on (4 rows in 5 to train.csv, the rest to test.csv).
bench_start() {  # TOOL...
  rm -rf "$out" && mkdir -p "$out/project"
  cut -d' ' -f1-3 /proc/loadavg > "$out/load.start"
  for tool in "$@"; do
    command -v "$tool" >/dev/null || { echo "bench/$name: $tool is missing" >&2; exit 2; }
  done
  kiln="$root/kiln"
  "$kiln" --version >/dev/null   # build first, outside the timings
  pids=()
  trap 'for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done' EXIT
}
port() { /usr/bin/python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
wait_for() {  # URL
  for _ in $(seq 1 600); do curl -sf -o /dev/null "$1" && return 0; sleep 0.1; done
  echo "bench/$name: $1 did not come up" >&2; exit 1
}
telco_split() {  # DATA: writes $out/train.csv and $out/test.csv
  /usr/bin/python3 - "$1" "$out" <<'PY'
import csv, sys
rows = list(csv.reader(open(sys.argv[1])))
for name, keep in (("train", lambda i: i % 5), ("test", lambda i: i % 5 == 0)):
    with open(f"{sys.argv[2]}/{name}.csv", "w", newline="") as f:
        w = csv.writer(f); w.writerow(rows[0]); w.writerows(r for i, r in enumerate(rows[1:]) if keep(i))
PY
}
