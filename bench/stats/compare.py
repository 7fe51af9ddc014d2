"""Checks that `kiln stats --json` and the pandas peer agree on every stage's figures.
Usage: python3 compare.py KILN.json PANDAS.json"""
import json
import sys

kiln, peer = (json.load(open(f)) for f in sys.argv[1:3])
problems = []


def check(where, a, b):
    if a != b and not (isinstance(a, float) and isinstance(b, float) and abs(a - b) <= 1e-9 * max(1, abs(b))):
        problems.append(f"{where}: kiln {a!r}, pandas {b!r}")


for kp, pp in zip(kiln["pipelines"], peer["pipelines"], strict=True):
    check("pipeline", kp["pipeline"], pp["pipeline"])
    for k in ("total", "succeeded", "failed", "other"):
        check(f"{kp['pipeline']} runs.{k}", kp["runs"][k], pp["runs"][k])
    for ks, ps in zip(kp["stages"], pp["stages"], strict=True):
        w = f"{kp['pipeline']}/{ks['stage']}"
        check(w, ks["stage"], ps["stage"])
        for k in ("total", "succeeded", "failed", "other"):
            check(f"{w} executions.{k}", ks["executions"][k], ps["executions"][k])
        for k in ("up_to_date", "restored", "ran"):
            check(f"{w} cache.{k}", ks["cache"][k], ps["cache"][k])
        for m in ("wall_ms", "cpu_ms", "peak_rss_bytes"):
            for k in ("count", "p50", "p95", "max", "total"):
                check(f"{w} {m}.{k}", ks[m][k], ps[m][k])
        check(f"{w} days", [(d["day"], d["count"], d["p50_ms"], d["p95_ms"]) for d in ks["days"]],
              [(d["day"], d["count"], d["p50_ms"], d["p95_ms"]) for d in ps["days"]])
    check(f"{kp['pipeline']} gate_days", kp["gate_days"], pp["gate_days"])
for k in ("slowest", "most_failing"):
    check(k, [(s["pipeline"], s["stage"]) for s in kiln[k]], [(s["pipeline"], s["stage"]) for s in peer[k]])
if problems:
    print("kiln and pandas disagree:\n  " + "\n  ".join(problems[:20]))
    sys.exit(1)
print("kiln stats and pandas agree on every figure compared")
