#!/usr/bin/python3
"""The pandas peer of Kiln's wide-data benchmark (bench/data/wide.sh), written the way a pandas
user would: vectorised, one library call per statistic.

    peer_wide_pandas.py profile DATA.csv          describe() with Kiln's quantile levels, distinct
                                                  counts, a 20-bin and a decile histogram per column
    peer_wide_pandas.py drift DATA.csv REF.csv    the same, plus Evidently's default drift test per
                                                  column (Wasserstein / std, or Jensen-Shannon)
Prints one JSON summary line.
"""
import json
import sys
import time

import numpy as np
import pandas as pd
from scipy import stats
from scipy.spatial import distance

LEVELS = [0.01, 0.05, 0.1, 0.2, 0.25, 0.3, 0.4, 0.5, 0.6, 0.7, 0.75, 0.8, 0.9, 0.95, 0.99]


def profile(df):
    desc = df.describe(percentiles=LEVELS)
    distinct = df.nunique()
    hists = {}
    for col in df.columns:
        v = df[col].dropna().to_numpy()
        if len(v):
            hists[col] = (np.histogram(v, bins=20)[0],
                          np.histogram(v, bins=np.unique(np.quantile(v, np.linspace(0, 1, 11))))[0])
    return desc, distinct, hists


t0 = time.time()
df = pd.read_csv(sys.argv[2])
desc, distinct, hists = profile(df)
out = {"rows": len(df), "columns": len(df.columns)}
if sys.argv[1] == "drift":
    ref = pd.read_csv(sys.argv[3])
    profile(ref)
    drifted = 0
    for col in ref.columns:
        r, c = ref[col].dropna(), df[col].dropna()
        if r.nunique() > 5:
            value = stats.wasserstein_distance(r, c) / max(np.std(r), 0.001)
        else:
            keys = sorted(set(r.unique()) | set(c.unique()))
            rp = r.value_counts(normalize=True).reindex(keys, fill_value=0)
            cp = c.value_counts(normalize=True).reindex(keys, fill_value=0)
            value = distance.jensenshannon(rp.values, cp.values)
        drifted += value >= 0.1
    out["drifted"] = int(drifted)
out["seconds"] = round(time.time() - t0, 2)
print(json.dumps(out))
