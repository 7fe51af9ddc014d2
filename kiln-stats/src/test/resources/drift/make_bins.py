#!/usr/bin/python3
"""Expected quantiles, PSI bins, PSI and KL for Kiln's numeric drift, from the definition in
docs/data-checks.md ("Bins"), computed with NumPy and SciPy and committed.

Run from this directory with Debian's python3 (NumPy 1.24, SciPy 1.10):
    /usr/bin/python3 make_bins.py > bins.json
dev.kiln.stats.dist.QuantileBinsTest (kiln-stats) bins the counted values without an engine, and
kiln-data's BinsAgreeWithReferenceTest and QuantilesAgreeWithNumpyTest profile each reference with
DuckDB; quantiles and edges must equal these exactly, PSI and KL to 1e-12.

The definition, written out independently of Kiln's code:
- the deciles q0 … q10 are numpy.quantile(reference, i/10, method='linear');
- a decile value v is heavy when it holds more than a tenth of the reference's values;
- between consecutive distinct deciles a < b lies the bin (a, b], or (a, b) when b is heavy;
  a heavy value v has the bin {v}; the minimum joins the first bin, [q0, b], unless it is heavy;
- drift: the first bin reaches down to -inf and the last up to +inf, except a heavy value's own
  bin at either end, beyond which the values outside the reference's range get a bin of their own;
- columns with at most 20 distinct reference values use each value as a bin instead, with one
  more bin for current values the reference never had;
- bins empty on both sides are dropped; shares of empty bins are set to 1e-4;
  PSI = sum (cur - ref) ln(cur / ref); KL = scipy.stats.entropy(ref, cur).
"""
import json
import math
import sys

import numpy as np
import scipy
from scipy import stats

rng = np.random.default_rng(20261204)
LEVELS = [0.0, 0.01, 0.05, 0.1, 0.2, 0.25, 0.3, 0.4, 0.5, 0.6, 0.7, 0.75, 0.8, 0.9, 0.95, 0.99, 1.0]
FLOOR = 1e-4
MAX_VALUE_CATEGORIES = 20


def below(v):
    return float(np.nextafter(v, -np.inf))


def quantiles(x, levels):
    return [float(q) for q in np.quantile(np.asarray(x), levels, method="linear")]


def bins(ref):
    """Intervals (lo, lo_closed, hi, hi_closed, own) of the definition, lowest first."""
    x = np.asarray(ref)
    d = sorted(set(quantiles(x, [i / 10 for i in range(11)])))
    heavy = [np.count_nonzero(x == v) * 10 > len(x) for v in d]
    out = []
    if heavy[0]:
        out.append((d[0], True, d[0], True, True))
    for i in range(1, len(d)):
        lo, hi = d[i - 1], d[i]
        first = not out
        if heavy[i]:
            if lo < below(hi):
                out.append((lo, first, hi, False, False))
            out.append((hi, True, hi, True, True))
        else:
            out.append((lo, first, hi, True, False))
    return out


def inside(x, b):
    lo, lo_closed, hi, hi_closed, _ = b
    above = x >= lo if lo_closed else x > lo
    under = x <= hi if hi_closed else x < hi
    return above & under


def drift_bins(ref):
    """The definition's drift bins as predicates over the real line."""
    b = bins(ref)
    preds = [lambda x, bb=bb: inside(x, bb) for bb in b]
    first, last = b[0], b[-1]
    if first[4]:
        preds.insert(0, lambda x, v=first[0]: x < v)
    else:
        preds[0] = lambda x, bb=first: x <= bb[2] if bb[3] else x < bb[2]
    if last[4]:
        preds.append(lambda x, v=last[2]: x > v)
    else:
        k = len(preds) - 1
        preds[k] = lambda x, bb=last: x > bb[0] if len(b) > 1 or first[4] else np.full(x.shape, True)
    return preds


def count(x, preds):
    x = np.asarray(x)
    masks = [p(x) for p in preds]
    total = np.zeros(x.shape, dtype=int)
    for m in masks:
        total += m
    assert (total == 1).all(), "bins must partition the line"
    return [int(np.count_nonzero(m)) for m in masks]


def value_counts(ref, cur):
    values = sorted(set(ref))
    r = [int(np.count_nonzero(np.asarray(ref) == v)) for v in values] + [0]
    c = [int(np.count_nonzero(np.asarray(cur) == v)) for v in values]
    c.append(len(cur) - sum(c))
    return r, c


def psi_kl(r, c):
    keep = [i for i in range(len(r)) if r[i] or c[i]]
    r = np.array([r[i] for i in keep], dtype=float)
    c = np.array([c[i] for i in keep], dtype=float)
    rs, cs = r / r.sum(), c / c.sum()
    rs[rs == 0] = FLOOR
    cs[cs == 0] = FLOOR
    return float(np.sum((cs - rs) * np.log(cs / rs))), float(stats.entropy(rs, cs))


def edges_of(b):
    """The edges of the profile's histogram: bin (e[i], e[i+1]], a value's own bin (nextDown(v), v]."""
    e = [below(b[0][0]) if b[0][4] else b[0][0]]
    for lo, lo_closed, hi, hi_closed, own in b:
        e.append(hi if hi_closed else below(hi))
    return e


def case(name, ref, cur):
    ref = [float(v) for v in ref]
    cur = [float(v) for v in cur]
    b = bins(ref)
    out = {"name": name, "reference": ref, "current": cur,
           "quantiles": dict(zip([repr(l) for l in LEVELS], quantiles(ref, LEVELS))),
           "edges": edges_of(b), "counts": count(ref, [lambda x, bb=bb: inside(x, bb) for bb in b])}
    if len(set(ref)) <= MAX_VALUE_CATEGORIES:
        r, c = value_counts(ref, cur)
    else:
        preds = drift_bins(ref)
        r, c = count(ref, preds), count(cur, preds)
    out["drift_reference"], out["drift_current"] = r, c
    out["psi"], out["kl"] = psi_kl(r, c)
    return out


def spread(n, lo, hi, digits=3):
    return np.round(rng.uniform(lo, hi, n), digits)


def cases():
    out = []
    # The example: 73% zeros, the rest spread over 1-52; every zero moves to 6.7.
    zeros = np.concatenate([np.zeros(3650), spread(1350, 1, 52)])
    rng.shuffle(zeros)
    out.append(case("73% zeros, the zeros move to 6.7", zeros, np.where(zeros == 0, 6.7, zeros)))
    out.append(case("73% zeros, the zeros move below the range", zeros, np.where(zeros == 0, -1.0, zeros)))
    out.append(case("73% zeros, unchanged", zeros, zeros))
    small = np.concatenate([np.zeros(730), rng.integers(1, 53, 270)])
    out.append(case("73% zeros of 1000, integers", small, np.where(small == 0, 6.7, small)))
    # Ties that quantile_cont interpolates an ulp away from.
    tied = np.concatenate([np.full(40, 228.1), np.full(25, 0.7), np.full(20, 1e5 + 0.1), spread(30, 0, 300, 1)])
    out.append(case("ties at 228.1", tied, np.concatenate([tied[:60], np.full(55, 228.2)])))
    tied_big = np.concatenate([np.full(1200, 228.1), np.full(1000, 0.3), spread(2000, 0, 1000, 4)])
    out.append(case("ties at 228.1 among many values", tied_big, np.concatenate([spread(2000, 0, 1000, 4), np.full(800, 228.1)])))
    clipped = np.minimum(np.round(rng.normal(70, 30, 3000), 3), 100.0)
    out.append(case("a heavy maximum (clipped at 100) moves up", clipped, np.where(clipped == 100.0, 200.0, clipped)))
    middle = np.concatenate([np.full(900, 42.0), spread(2100, 0, 100, 3)])
    out.append(case("a heavy value in the middle moves", middle, np.where(middle == 42.0, 41.5, middle)))
    out.append(case("a constant column", np.full(500, 3.5), np.full(400, 3.5)))
    out.append(case("a constant column that moves", np.full(500, 3.5), np.full(400, 3.75)))
    out.append(case("a constant column that spreads", np.full(500, 3.5), spread(400, 3, 4, 2)))
    for k in [2, 3, 5]:
        ref = rng.integers(0, k, 600)
        out.append(case(f"{k} distinct values", ref, rng.integers(0, k + 1, 700)))
    out.append(case("normal continuous", np.round(rng.normal(0, 1, 5000), 4), np.round(rng.normal(0.1, 1.1, 4000), 4)))
    out.append(case("normal continuous, small", np.round(rng.normal(0, 1, 300), 4), np.round(rng.normal(0.5, 1, 200), 4)))
    return out


if __name__ == "__main__":
    json.dump({"numpy": np.__version__, "scipy": scipy.__version__, "cases": cases()}, sys.stdout, indent=None)
    sys.stdout.write("\n")
