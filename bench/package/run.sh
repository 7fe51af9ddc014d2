#!/usr/bin/env bash
# Packaging the telco gradient-boosting model (trained as bench/serve trains it) into an OCI image
# with `kiln package --image`: cold (no linked Java runtime, no layer cache: rm -rf
# .kiln/cache/package) and warm (both kept), then a new model version (only the bundle layer may
# change); the compressed image size (the sum of its gzip layers, what a registry stores and a node
# pulls) and the unpacked size. Against the docker-free build of what a user would otherwise ship:
# the Python serving stack bench/serve's peer runs (Debian's python3, scikit-learn, pandas, FastAPI,
# uvicorn) as a root file system made with mmdebstrap and gzipped as a registry stores a layer
# (MLflow's `build-docker` would add MLflow and a python base image on top: over 3 GB, its issues
# #2426/#5927/#12322). Docker Hub is not reachable here, so no docker build is measured.
#   bench/package/run.sh [path/to/telco_churn.csv]      (apt: mmdebstrap umoci skopeo)
# Kiln's figures are medians of 3 runs; the peer is built once (it downloads from Debian's mirror;
# KILN_BENCH_PEER=0 skips it).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
data="${1:-$root/kiln-model/src/test/resources/datasets/telco_churn.csv}"   # a copy of shared/datasets
out="$root/bench/out/package"
rm -rf "$out" && mkdir -p "$out"
cut -d' ' -f1-3 /proc/loadavg > "$out/load.start"
kiln="$root/kiln"
"$kiln" --version >/dev/null   # build first, outside the timings

# Same split as bench/model and bench/serve: data row i is a test row when i % 5 == 0.
awk 'NR == 1 || (NR - 2) % 5 != 0' "$data" > "$out/train.csv"
p="$out/project"
mkdir -p "$p"
printf 'kiln: 1\npipeline: package-bench\nstages:\n  noop: {run: "true"}\n' > "$p/kiln.yaml"
"$kiln" -C "$p" train "$out/train.csv" --label churn --algorithm gradient-boosting --out "$p/model" >/dev/null
"$kiln" -C "$p" models register "$p/model" --name telco >/dev/null
"$kiln" -C "$p" train "$out/train.csv" --label churn --algorithm gradient-boosting --seed 7 --out "$p/model2" >/dev/null
"$kiln" -C "$p" models register "$p/model2" --name telco >/dev/null

build() {  # NAME REF: one timed `kiln package`, its output kept
  local name=$1 ref=$2 start end
  start=$(date +%s.%N)
  "$kiln" -C "$p" package "$ref" --image "$out/$name.tar" --tag "telco:bench" > "$out/$name.txt"
  end=$(date +%s.%N)
  echo "$start $end" | awk '{printf "%.2f\n", $2 - $1}' > "$out/$name.seconds"
}
for i in 1 2 3; do rm -rf "$p/.kiln/cache/package"; build "cold.$i" telco:1; done
for i in 1 2 3; do build "warm.$i" telco:1; done
build "v2" telco:2

unpacked=""
if command -v umoci >/dev/null && command -v skopeo >/dev/null; then
  skopeo copy -q "oci-archive:$out/warm.1.tar" "oci:$out/layout:kiln" && umoci unpack --image "$out/layout:kiln" "$out/unpacked" >/dev/null \
    && unpacked=$(du -sb "$out/unpacked/rootfs" | cut -f1) && rm -rf "$out/unpacked" "$out/layout"
fi

peer_seconds="" peer_gz="" peer_raw=""
if [ "${KILN_BENCH_PEER:-1}" = 0 ]; then
  echo "bench/package: KILN_BENCH_PEER=0: the peer is not built" >&2
elif command -v mmdebstrap >/dev/null; then
  start=$(date +%s.%N)
  mmdebstrap --quiet --variant=apt --include=python3-sklearn,python3-pandas,python3-fastapi,python3-uvicorn \
    bookworm "$out/peer-rootfs.tar" > "$out/peer.log" 2>&1
  peer_seconds=$(echo "$start $(date +%s.%N)" | awk '{printf "%.1f", $2 - $1}')
  peer_raw=$(stat -c %s "$out/peer-rootfs.tar")
  peer_gz=$(gzip -6 -c "$out/peer-rootfs.tar" | wc -c)
  rm -f "$out/peer-rootfs.tar"
else
  echo "bench/package: mmdebstrap is missing (apt-get install -y mmdebstrap): no peer figures" >&2
fi
cut -d' ' -f1-3 /proc/loadavg > "$out/load.end"

/usr/bin/python3 - "$out" "${unpacked:-0}" "${peer_seconds:-0}" "${peer_gz:-0}" "${peer_raw:-0}" <<'PY'
import re, statistics, sys
out, unpacked, peer_s, peer_gz, peer_raw = sys.argv[1], int(sys.argv[2]), float(sys.argv[3]), int(sys.argv[4]), int(sys.argv[5])
def seconds(name): return float(open(f"{out}/{name}.seconds").read())
def text(name): return open(f"{out}/{name}.txt").read()
def digest(name): return re.search(r"digest (sha256:[0-9a-f]{64})", text(name)).group(1)
def layers(name): return re.findall(r"layer (\w+) (sha256:[0-9a-f]+)… ([0-9.]+) MB", text(name))
size = float(re.search(r"image size ([0-9.]+) MB compressed", text("warm.1")).group(1))
cold = statistics.median(seconds(f"cold.{i}") for i in (1, 2, 3))
warm = statistics.median(seconds(f"warm.{i}") for i in (1, 2, 3))
digests = {digest(f"{k}.{i}") for k in ("cold", "warm") for i in (1, 2, 3)}
v1, v2 = layers("warm.1"), layers("v2")
changed = [a[0] for a, b in zip(v1, v2) if a[1] != b[1]]
print(f"load average at start {open(out + '/load.start').read().strip()}, at end {open(out + '/load.end').read().strip()}")
print(f"kiln package --image, telco gradient boosting (median of 3, wall clock incl. JVM start): "
      f"cold {cold:.1f} s, warm {warm:.1f} s, new model version {seconds('v2'):.1f} s")
print(f"six builds of telco:1, one digest: {len(digests) == 1} ({sorted(digests)[0][:19]}…)")
print("layers (compressed MB): " + ", ".join(f"{n} {mb}" for n, _, mb in v1)
      + f"; telco:2 changes only: {', '.join(changed) or 'nothing'}")
print(f"image: {size:.1f} MB compressed (target < 150 MB)" + (f", {unpacked / 1e6:.0f} MB unpacked" if unpacked else ""))
if peer_gz:
    print(f"peer (Debian python3 + scikit-learn + pandas + FastAPI + uvicorn, mmdebstrap, built once): "
          f"{peer_gz / 1e6:.0f} MB gzipped, {peer_raw / 1e6:.0f} MB unpacked, {peer_s:.0f} s to build (downloads included)")
    print(f"kiln / peer compressed size: {size / (peer_gz / 1e6):.2f}x; peer / kiln: {(peer_gz / 1e6) / size:.1f}x")
print(f"MLflow build-docker reference: over 3 GB (registry-mlflow.md): {3000 / size:.0f}x kiln's image or more")
PY
