#!/usr/bin/python3
"""Expected values for Kiln's drift statistics, computed once with SciPy and committed.

Run from this directory with Debian's python3 (SciPy 1.10, NumPy 1.24):
    /usr/bin/python3 make_expected.py > expected.json
The Java tests (dev.kiln.stats.*Test in kiln-stats, and kiln-data's end-to-end DriftPlanTest) read expected.json and require agreement to 1e-6.
"""
import json
import sys

import numpy as np
import scipy
from scipy import special, stats
from scipy.spatial import distance

rng = np.random.default_rng(20240601)


def sample(kind, n, **kw):
    if kind == "normal":
        x = rng.normal(kw.get("loc", 0.0), kw.get("scale", 1.0), n)
    elif kind == "int":
        x = rng.integers(kw.get("lo", 0), kw.get("hi", 10), n).astype(float)
    else:
        x = rng.exponential(kw.get("scale", 1.0), n)
    return [float(v) for v in np.round(x, 6)]


def ks_cases():
    specs = [
        ("tiny unequal", sample("normal", 7), sample("normal", 13, loc=0.3)),
        ("small unequal", sample("normal", 20), sample("normal", 30, loc=0.5)),
        ("equal sizes", sample("normal", 50), sample("normal", 50, loc=0.2)),
        ("ties", sample("int", 200), sample("int", 300, hi=11)),
        ("identical", [1.0, 2.0, 3.0, 4.0], [1.0, 2.0, 3.0, 4.0]),
        ("far apart", sample("normal", 100), sample("normal", 120, loc=3.0)),
        ("exact thousand", sample("normal", 1000), sample("normal", 1500, loc=0.05)),
        ("skewed", sample("exp", 400), sample("exp", 700, scale=1.2)),
        ("asymptotic", sample("normal", 10200), sample("normal", 9000, loc=0.03)),
        ("asymptotic lopsided", sample("normal", 300), sample("normal", 10500, loc=0.1)),
    ]
    out = []
    for name, a, b in specs:
        r = stats.ks_2samp(a, b)
        out.append({"name": name, "a": a, "b": b, "statistic": float(r.statistic), "p_value": float(r.pvalue),
                    "wasserstein": float(stats.wasserstein_distance(a, b))})
    return out


def kstwo_grid():
    ns = [1, 2, 3, 5, 10, 20, 50, 100, 140, 141, 200, 500, 1000, 5000, 20000, 100000, 100001, 400000]
    ds = [0.0005, 0.002, 0.005, 0.01, 0.02, 0.03, 0.05, 0.08, 0.1, 0.15, 0.2, 0.3, 0.45, 0.5, 0.6, 0.9]
    return [{"n": n, "d": d, "sf": float(stats.kstwo.sf(d, n))} for n in ns for d in ds]


def smirnov_grid():
    return [{"n": n, "d": d, "sf": float(special.smirnov(n, d))}
            for n in [1, 5, 30, 141, 1000, 50000] for d in [0.01, 0.05, 0.1, 0.3, 0.5, 0.7, 0.95]]


def chi2_grid():
    return [{"x": x, "df": df, "sf": float(stats.chi2.sf(x, df))}
            for df in [1, 2, 3, 7, 30, 200, 999] for x in [0.01, 0.5, 1.0, 3.84, 10.0, 50.0, 250.0, 1100.0]]


def normal_grid():
    return [{"z": z, "sf": float(stats.norm.sf(z))} for z in [-5, -2, -0.5, 0, 0.3, 1, 1.96, 3, 6, 8.5]]


def chisquare_cases():
    cases = [([30, 50, 20], [35, 45, 25]), ([100, 100, 100, 100], [90, 110, 95, 120]),
             ([500, 300, 200], [400, 350, 250]), ([10, 0, 5], [8, 2, 5]), ([7, 9], [9, 7])]
    out = []
    for ref, cur in cases:
        k = sum(cur) / sum(ref)
        exp = [r * k for r in ref]
        with np.errstate(divide="ignore", invalid="ignore"):
            r = stats.chisquare(cur, exp)
        out.append({"reference": ref, "current": cur, "statistic": float(r.statistic), "p_value": float(r.pvalue)})
    return out


def ztest_cases():
    out = []
    for rh, rn, ch, cn in [(30, 100, 45, 120), (500, 1000, 520, 1000), (1, 50, 20, 60), (0, 10, 3, 10)]:
        p1, p2 = rh / rn, ch / cn
        pp = (p1 * rn + p2 * cn) / (rn + cn)
        z = (p1 - p2) / np.sqrt(pp * (1 - pp) * (1.0 / rn + 1.0 / cn))
        out.append({"ref_hits": rh, "ref_n": rn, "cur_hits": ch, "cur_n": cn, "z": float(z),
                    "p_value": float(2 * (1 - stats.norm.cdf(np.abs(z))))})
    return out


def divergence_cases():
    cases = [([0.1, 0.2, 0.3, 0.4], [0.25, 0.25, 0.25, 0.25]), ([10, 0, 5, 5], [8, 2, 0, 10]),
             ([1, 2, 3], [1, 2, 3]), ([0.5, 0.5, 0, 0], [0, 0, 0.5, 0.5]), ([120, 80, 33, 7, 1], [100, 90, 40, 10, 0])]
    out = []
    for p, q in cases:
        pa, qa = np.asarray(p, float) / sum(p), np.asarray(q, float) / sum(q)
        pf, qf = np.where(pa == 0, 1e-4, pa), np.where(qa == 0, 1e-4, qa)
        out.append({"p": p, "q": q, "jensenshannon": float(distance.jensenshannon(p, q)),
                    "kl": float(stats.entropy(p, q)) if np.all((qa > 0) | (pa == 0)) else None,
                    "kl_floored": float(stats.entropy(pf, qf)),
                    "psi": float(np.sum((qf - pf) * np.log(qf / pf)))})
    return out


def weighted_wasserstein():
    u, v = [0.0, 1.0, 3.0], [5.0, 6.0, 8.0]
    uw, vw = [1.0, 1.0, 1.0], [1.0, 1.0, 1.0]
    u2, v2, uw2, vw2 = [3.4, 3.9, 7.5, 7.8], [4.5, 1.4], [1.4, 0.9, 3.1, 7.2], [3.2, 3.5]
    return [{"u": u, "uw": uw, "v": v, "vw": vw, "distance": float(stats.wasserstein_distance(u, v, uw, vw))},
            {"u": u2, "uw": uw2, "v": v2, "vw": vw2, "distance": float(stats.wasserstein_distance(u2, v2, uw2, vw2))}]


json.dump({"scipy": scipy.__version__, "numpy": np.__version__, "ks_2samp": ks_cases(), "kstwo_sf": kstwo_grid(),
           "smirnov": smirnov_grid(), "chi2_sf": chi2_grid(), "norm_sf": normal_grid(),
           "chisquare": chisquare_cases(), "ztest": ztest_cases(), "divergence": divergence_cases(),
           "wasserstein_weighted": weighted_wasserstein()}, sys.stdout, separators=(",", ":"))
print()
