#!/usr/bin/python3
"""The scikit-learn / Python XGBoost peer of Kiln's model benchmark (run by bench/model/run.sh).

Same data and split as Kiln: telco churn, data row i is a test row when i % 5 == 0. Features are
one-hot encoded as Kiln encodes them. Prints one JSON object: test ROC AUC of
HistGradientBoostingClassifier with defaults (the quality bar of issue 4, item 5), and training
time and batch prediction throughput (median of 5) for HistGradientBoostingClassifier, Python
XGBoost with Kiln's default hyperparameters, and LogisticRegression.
"""
import json
import statistics
import sys
import time

import numpy as np
import pandas as pd
import xgboost as xgb
from sklearn.ensemble import HistGradientBoostingClassifier
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import roc_auc_score
from sklearn.pipeline import make_pipeline
from sklearn.impute import SimpleImputer
from sklearn.preprocessing import StandardScaler


def timed(fn, repeats):
    times = []
    out = None
    for _ in range(repeats):
        t0 = time.perf_counter()
        out = fn()
        times.append(time.perf_counter() - t0)
    return statistics.median(times), out


def main(path):
    df = pd.read_csv(path)
    y = (df.churn == "Yes").astype(int).to_numpy()
    X = pd.get_dummies(df.drop(columns=["churn"]), dtype=float)
    test = np.arange(len(df)) % 5 == 0
    Xtr, Xte, ytr, yte = X[~test], X[test], y[~test], y[test]
    out = {"rows_train": int((~test).sum()), "rows_test": int(test.sum())}
    hgb = HistGradientBoostingClassifier(random_state=0)
    out["hgb_fit_s"], _ = timed(lambda: hgb.fit(Xtr, ytr), 3)
    out["hgb_auc"] = roc_auc_score(yte, hgb.predict_proba(Xte)[:, 1])
    out["hgb_predict_rows_per_s"] = len(Xte) / timed(lambda: hgb.predict_proba(Xte), 5)[0]
    # Python XGBoost with Kiln's gradient-boosting defaults (early stopping on 20% of train)
    rng = np.random.default_rng(42)
    valid = rng.random(len(Xtr)) < 0.2
    model = xgb.XGBClassifier(n_estimators=500, learning_rate=0.05, max_depth=4, subsample=0.8,
                              colsample_bytree=0.8, tree_method="hist", early_stopping_rounds=30,
                              random_state=42, n_jobs=2)
    fit = lambda: model.fit(Xtr[~valid], ytr[~valid], eval_set=[(Xtr[valid], ytr[valid])], verbose=False)
    out["xgb_fit_s"], _ = timed(fit, 3)
    out["xgb_auc"] = roc_auc_score(yte, model.predict_proba(Xte)[:, 1])
    out["xgb_predict_rows_per_s"] = len(Xte) / timed(lambda: model.predict_proba(Xte), 5)[0]
    one = Xte.iloc[[0]]
    lat = sorted(timed(lambda: model.predict_proba(one), 1)[0] for _ in range(500))
    out["xgb_single_row_p99_ms"] = float(np.percentile(lat, 99) * 1000)
    lr = make_pipeline(SimpleImputer(), StandardScaler(), LogisticRegression(max_iter=1000))
    out["lr_fit_s"], _ = timed(lambda: lr.fit(Xtr, ytr), 3)
    out["lr_auc"] = roc_auc_score(yte, lr.predict_proba(Xte)[:, 1])
    out["lr_predict_rows_per_s"] = len(Xte) / timed(lambda: lr.predict_proba(Xte), 5)[0]
    print(json.dumps(out, indent=1, sort_keys=True))


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "../shared/datasets/telco_churn.csv")
