"""The figures of `kiln stats --json --since SINCE` from the SQLite store, with pandas and NumPy.

The peer a user would write instead of `kiln stats`: read the runs and stage executions,
count outcomes and run-cache outcomes per stage, NumPy's linear p50/p95 of the wall, CPU and
memory of the executions that ran and succeeded, per-day quantiles, gate verdicts decided per
day, the slowest and most failing stages. Prints one JSON document (pipelines → stages).
Usage: python3 peer_pandas.py DB [SINCE_EPOCH_MS=0]
"""
import json
import sqlite3
import sys

import numpy as np
import pandas as pd

db = sys.argv[1]
since = int(sys.argv[2]) if len(sys.argv) > 2 else 0
con = sqlite3.connect(db)
runs = pd.read_sql_query(
    "SELECT id, pipeline, status, started_at, ended_at FROM runs WHERE started_at >= ?", con, params=(since,))
ex = pd.read_sql_query(
    "SELECT e.id, e.run_id, r.pipeline, e.stage, e.status, e.started_at, e.wall_ms, e.cpu_ms, e.peak_rss_bytes, "
    "e.source_execution_id, e.output_json FROM stage_executions e JOIN runs r ON r.id = e.run_id "
    "WHERE r.started_at >= ? ORDER BY e.id", con, params=(since,))

RESULT = {"SUCCEEDED", "UP_TO_DATE", "RESTORED"}


def q(values):
    v = np.sort(np.asarray(values, dtype=float))
    return (None, None) if len(v) == 0 else (float(np.quantile(v, 0.5)), float(np.quantile(v, 0.95)))


def summary(values):
    v = np.asarray(values, dtype=float)
    p50, p95 = q(v)
    return {"count": int(len(v)), "p50": p50, "p95": p95, "max": float(v.max()) if len(v) else None,
            "total": float(v.sum())}


def tally(ok, failed, total):
    n = ok + failed
    return {"total": int(total), "succeeded": int(ok), "failed": int(failed), "other": int(total - n),
            "failure_rate": failed / n if n else None}


ex["ok"] = ex.status.isin(RESULT)
ex["failed"] = ex.status == "FAILED"
ex["cache"] = np.select(
    [ex.status == "UP_TO_DATE", (ex.status == "RESTORED") | (ex.failed & ex.source_execution_id.notna()),
     ex.status.isin({"SUCCEEDED", "WAITING", "FAILED"})], ["up_to_date", "restored", "ran"], default="")
ex["day"] = pd.to_datetime(ex.started_at, unit="ms").dt.strftime("%Y-%m-%d")
out = {"pipelines": []}
all_stages = []
for pipeline, prs in runs.groupby("pipeline", sort=True):
    pex = ex[ex.pipeline == pipeline]
    ended = prs[prs.ended_at.notna()]
    p = {"pipeline": pipeline,
         "runs": tally((prs.status == "SUCCEEDED").sum(), (prs.status == "FAILED").sum(), len(prs)),
         "run_wall_ms": summary(ended.ended_at - ended.started_at), "stages": []}
    order = pex.drop_duplicates("stage").stage.tolist()
    for stage in order:
        s = pex[pex.stage == stage]
        good = s[s.status == "SUCCEEDED"]
        cache = s.cache.value_counts()
        days = [{"day": d, "count": int(len(g)), "p50_ms": q(g.wall_ms)[0], "p95_ms": q(g.wall_ms)[1]}
                for d, g in good.groupby("day", sort=True)]
        st = {"stage": stage, "executions": tally(s.ok.sum(), s.failed.sum(), len(s)),
              "cache": {k: int(cache.get(k, 0)) for k in ("up_to_date", "restored", "ran")},
              "wall_ms": summary(good.wall_ms), "cpu_ms": summary(good.cpu_ms[good.cpu_ms >= 0]),
              "peak_rss_bytes": summary(good.peak_rss_bytes[good.peak_rss_bytes > 0]), "days": days}
        p["stages"].append(st)
        all_stages.append((pipeline, st))
    gates = pex[pex.output_json.notna() & pex.source_execution_id.isna()].copy()
    gates["output"] = gates.output_json.map(json.loads)
    gates = gates[gates.output.map(lambda o: o.get("type") == "gate-verdict")]
    gates["blessed"] = gates.output.map(lambda o: json.loads(o["json"])["blessed"])
    p["gate_days"] = [{"stage": st, "day": d, "blessed": int(g.blessed.sum()), "not_blessed": int((~g.blessed).sum())}
                      for (st, d), g in gates.groupby(["stage", "day"], sort=True)]
    out["pipelines"].append(p)
ran = [x for x in all_stages if x[1]["wall_ms"]["count"] > 0]
ran.sort(key=lambda x: (-x[1]["wall_ms"]["p50"], -x[1]["wall_ms"]["p95"], x[0], x[1]["stage"]))
out["slowest"] = [{"pipeline": p, "stage": s["stage"]} for p, s in ran[:5]]
failing = [x for x in all_stages if x[1]["executions"]["failed"] > 0]
failing.sort(key=lambda x: (-x[1]["executions"]["failed"], -(x[1]["executions"]["failure_rate"] or 0), x[0],
                            x[1]["stage"]))
out["most_failing"] = [{"pipeline": p, "stage": s["stage"]} for p, s in failing[:5]]
print(json.dumps(out))
