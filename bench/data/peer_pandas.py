#!/usr/bin/python3
"""The pandas peer of Kiln's data-test benchmark: the checks of bench/data/suite.yaml and the same
drift comparison (Evidently's defaults for a reference of more than 1000 rows: Wasserstein
normalised by the reference's std for numeric columns with more than 5 distinct values,
Jensen-Shannon otherwise), written the way a pandas user would: vectorised, one library call per
check, nothing deliberately slow.

    /usr/bin/python3 bench/data/peer_pandas.py bench/out/current.csv bench/out/reference.csv

Prints one line per check and a JSON summary line; exits 0 when every check passes.
"""
import json
import sys
import time

import numpy as np
import pandas as pd
from scipy import stats
from scipy.spatial import distance

t0 = time.time()
current_path, reference_path = sys.argv[1], sys.argv[2]
df = pd.read_csv(current_path, parse_dates=["opened"])
ref = pd.read_csv(reference_path, parse_dates=["opened"])
t_read = time.time() - t0

results = []


def check(name, passed, observed):
    results.append((name, bool(passed), observed))


def mostly(bad, considered, share=1.0):
    return considered == 0 or (considered - bad) / considered >= share


n = len(df)
check("table.rows", n >= 1_000_000, n)
expected = ["id", "age", "income", "score", "balance", "grade", "region", "active", "opened", "email", "rating", "label"]
check("table.columns", set(expected) <= set(df.columns), list(df.columns))
dups = int(df.duplicated(subset=["id"]).sum())
check("table.duplicates.id", dups == 0, dups)
combo = df[["id", "email"]].dropna(how="all")
rep = int(combo.duplicated(keep=False).sum())
check("table.unique.id-email", rep == 0, rep)

check("id.type", pd.api.types.is_integer_dtype(df["id"]), str(df["id"].dtype))
rep = int(df["id"].dropna().duplicated(keep=False).sum())
check("id.unique", rep == 0, rep)

age = df["age"]
check("age.not_null", age.isna().sum() == 0, int(age.isna().sum()))
bad = int(((age < 18) | (age > 90)).sum())
check("age.range", mostly(bad, age.notna().sum()), bad)
check("age.min", age.min() >= 18, float(age.min()))
check("age.max", age.max() <= 90, float(age.max()))

inc = df["income"]
check("income.type", pd.api.types.is_float_dtype(inc), str(inc.dtype))
check("income.mean", 10000 <= inc.mean() <= 100000, float(inc.mean()))
check("income.median", 10000 <= inc.median() <= 100000, float(inc.median()))
q95 = inc.quantile(0.95)
check("income.quantile-0.95", 0 <= q95 <= 200000, float(q95))
q1, q3 = inc.quantile([0.25, 0.75])
out = int(((inc < q1 - 1.5 * (q3 - q1)) | (inc > q3 + 1.5 * (q3 - q1))).sum())
check("income.outliers", out / inc.notna().sum() <= 0.1, out)

score = df["score"]
check("score.std", 250 <= score.std() <= 330, float(score.std()))
z = (score - score.mean()) / score.std(ddof=0)
out = int((z.abs() > 3).sum())
check("score.outliers", out / score.notna().sum() <= 0.01, out)

grade = df["grade"]
bad = int((~grade.dropna().isin(["A", "B", "C", "D", "E"])).sum())
check("grade.in_set", bad == 0, bad)
share = grade.value_counts(dropna=True).iloc[0] / grade.notna().sum()
check("grade.most_common_share", share <= 0.3, float(share))

region = df["region"]
check("region.distinct", region.nunique() == 5, int(region.nunique()))
lengths = region.dropna().str.len()
bad = int(((lengths < 4) | (lengths > 7)).sum())
check("region.length", bad == 0, bad)

email = df["email"].dropna()
bad = int((~email.str.fullmatch(r"customer[0-9]+@mail-[0-9]+\.example\.org")).sum())
check("email.regex", bad == 0, bad)
check("email.present", "email" in df.columns, True)

miss = df["rating"].isna().mean()
check("rating.missing", miss <= 0.05, float(miss))

bad = int((~df["balance"].between(-100, 100)).sum())
check("balance-sane", mostly(bad, n, 0.999), bad)

t_checks = time.time() - t0 - t_read

# Drift: every column but the row key; the label apart.
drift = {}
for col in [c for c in ref.columns if c in df.columns and c != "id"]:
    r, c = ref[col].dropna(), df[col].dropna()
    if col == "opened":
        r, c = r.astype("int64") / 1e9, c.astype("int64") / 1e9
    numeric = pd.api.types.is_numeric_dtype(r) and not pd.api.types.is_bool_dtype(r)
    if not numeric and r.nunique() > 1000:
        continue  # as Kiln: too many categories for a categorical test (Kiln reports it skipped)
    if numeric and r.nunique() > 5:
        value = stats.wasserstein_distance(r, c) / max(np.std(r), 0.001)
        test = "wasserstein"
    else:
        keys = sorted(set(r.unique()) | set(c.unique()), key=str)
        rp = r.value_counts(normalize=True).reindex(keys, fill_value=0)
        cp = c.value_counts(normalize=True).reindex(keys, fill_value=0)
        value = distance.jensenshannon(rp.values, cp.values)
        test = "jensenshannon"
    drift[col] = (test, float(value), value >= 0.1)
features = {k: v for k, v in drift.items() if k != "label"}
share = sum(1 for v in features.values() if v[2]) / len(features)
t_total = time.time() - t0

for name, ok, observed in results:
    print(("ok   " if ok else "FAIL ") + name + " " + str(observed))
for col, (test, value, drifted) in drift.items():
    print(("ok   " if not drifted else "warn ") + "drift." + col + " " + test + " " + format(value, ".4f"))
passed = all(ok for _, ok, _ in results) and share < 0.5
print(json.dumps({"rows": n, "checks": len(results), "passed": passed, "drift_share": share,
                  "seconds": {"read": round(t_read, 2), "checks": round(t_checks, 2), "total": round(t_total, 2)}}))
sys.exit(0 if passed else 1)
