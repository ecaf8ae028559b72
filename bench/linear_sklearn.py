#!/usr/bin/env python3
"""scikit-learn's side of bench/linear.mjs: times lasso_path, LassoCV(cv=10) and an L1 logistic
path on the data the engine fits, and prints one JSON object on stdout.

Data, exactly as the engine's linearPath sees it (engine/linear/spec_models.hpp): the shipped CSV
(engine/data/sets), every value rounded to float32 (the engine's storage) and used in float64,
X = StandardScaler().fit_transform(X) on all rows, y raw (diabetes: disease progression; breast
cancer: malignant 1 / benign 0).

Timed calls (timeit, number=1, best of --reps):
  lasso_path      lasso_path(X, y - mean(y), n_alphas=100, eps=1e-3, tol=TOL): X is centred by the
                  scaler, so this is the intercept-fitting problem the engine solves; precompute
                  'auto' takes the Gram matrix (n > p), as the engine does.
  lasso_cv        LassoCV(cv=KFold(10), n_alphas=100, eps=1e-3, tol=TOL).fit(X, y): the grid from
                  all rows, ten fold paths, then sklearn's refit at the chosen alpha.
  logistic_path   for C in the engine's C grid (given on stdin, increasing, 100 values):
                  LogisticRegression(penalty="l1", solver=SOLVER, C=C, tol=..., warm_start=True)
                  fitted in order, as a user builds an L1 path (sklearn has no public logistic
                  path). Solvers: saga (the sklearn solver whose intercept is unpenalised, the
                  engine's objective) and liblinear (faster, but it penalises the intercept).
Accuracy context: for each logistic solution the KKT residual of the engine's objective
C·Σ logloss + ‖w‖₁ (max over coordinates of the distance of 0 to the subdifferential, the
intercept's gradient included), the measure the engine's tol bounds (1e-8 by default).

Run by bench/linear.mjs; alone: /usr/bin/python3 bench/linear_sklearn.py --reps 7 < cgrid.json
"""
import argparse
import json
import os
import platform
import sys
import timeit
import warnings

import numpy as np
import sklearn
from sklearn.exceptions import ConvergenceWarning
from sklearn.linear_model import LassoCV, LogisticRegression, lasso_path
from sklearn.model_selection import KFold
from sklearn.preprocessing import StandardScaler

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def load(name, target):
    path = os.path.join(ROOT, "engine", "data", "sets", name)
    with open(path) as f:
        header = f.readline().strip().split(",")
    raw = np.loadtxt(path, delimiter=",", skiprows=1)
    raw = raw.astype(np.float32).astype(np.float64)
    t = header.index(target)
    feats = [c for c in range(raw.shape[1]) if c != t]
    return StandardScaler().fit_transform(raw[:, feats]), raw[:, t].copy()


def best_ms(fn, reps):
    fn()  # warm-up
    return 1e3 * min(timeit.repeat(fn, number=1, repeat=reps))


def logistic_kkt(X, y, w, b, c):
    p = 1.0 / (1.0 + np.exp(-(X @ w + b)))
    g = c * (X.T @ (p - y))
    gb = c * np.sum(p - y)
    viol = np.where(w != 0, np.abs(g + np.sign(w)), np.maximum(np.abs(g) - 1.0, 0.0))
    return max(float(viol.max()), abs(float(gb)))


def logistic_path(X, y, cs, solver, tol, max_iter):
    m = LogisticRegression(penalty="l1", solver=solver, tol=tol, max_iter=max_iter,
                           warm_start=True, random_state=0)
    out = []
    for c in cs:
        m.set_params(C=c)
        m.fit(X, y)
        out.append((m.coef_.ravel().copy(), float(m.intercept_[0])))
    return out


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--reps", type=int, default=7)
    ap.add_argument("--tol", type=float, default=1e-4)
    ap.add_argument("--logistic-tol", type=float, default=1e-4)
    args = ap.parse_args()
    cs = np.array(json.load(sys.stdin)["cgrid"], dtype=np.float64)
    warnings.simplefilter("ignore", ConvergenceWarning)

    X, y = load("diabetes.csv", "target")
    yc = y - y.mean()
    out = {"sklearn": sklearn.__version__, "numpy": np.__version__,
           "python": platform.python_version(), "tol": args.tol}
    out["lasso_path_ms"] = best_ms(
        lambda: lasso_path(X, yc, n_alphas=100, eps=1e-3, tol=args.tol), args.reps)
    alphas, coefs, _ = lasso_path(X, yc, n_alphas=100, eps=1e-3, tol=args.tol)
    out["lasso_path_alpha_max"] = float(alphas[0])
    out["lasso_path_nonzeros_last"] = int((coefs[:, -1] != 0).sum())
    cv = KFold(10)
    out["lasso_cv_ms"] = best_ms(
        lambda: LassoCV(cv=cv, n_alphas=100, eps=1e-3, tol=args.tol).fit(X, y), args.reps)

    Xb, yb = load("breast_cancer.csv", "malignant")
    out["logistic"] = {}
    for solver, max_iter in (("saga", 100000), ("liblinear", 100000)):
        reps = max(3, args.reps // 2)
        ms = best_ms(lambda: logistic_path(Xb, yb, cs, solver, args.logistic_tol, max_iter), reps)
        sols = logistic_path(Xb, yb, cs, solver, args.logistic_tol, max_iter)
        kkt = [logistic_kkt(Xb, yb, w, b, c) for (w, b), c in zip(sols, cs)]
        out["logistic"][solver] = {"ms": ms, "tol": args.logistic_tol,
                                   "max_kkt_residual": max(kkt),
                                   "median_kkt_residual": float(np.median(kkt))}
    json.dump(out, sys.stdout)


if __name__ == "__main__":
    main()
