#!/usr/bin/env python3
"""Golden solutions, paths and cross-validation of exact linear solvers, from scikit-learn 1.2.

Writes tests/golden/linear_path.json for tests/engine/linear/*_test.cpp (engine/linear).

Data: the shipped real sets (engine/data/sets), as the engine sees them. The engine stores data in
float32, so every value is first rounded to float32 and then used in float64:
    X = StandardScaler().fit_transform(raw)   (population std; every column here is non-constant)
    diabetes:      y = the raw target (disease progression, mean about 152)
    breast cancer: y = malignant (1) / benign (0)
The data are not written to the JSON: the C++ tests load the same embedded CSV
(engine::loadRealSet) and standardise it the same way (engine::linear::designFrom).

Objectives (scikit-learn's, which engine/linear uses unchanged):
    Lasso / ElasticNet / enet_path:  1/(2n) ||y - Xw - b||^2 + alpha (rho ||w||_1 + (1-rho)/2 ||w||^2)
    Ridge:                           ||y - Xw - b||^2 + alpha ||w||^2
    LogisticRegression:              C sum_i logloss_i + rho ||w||_1 + (1-rho)/2 ||w||^2
with an unpenalised intercept b. lasso_path / enet_path fit no intercept, so they get y centred
(X is centred already): the same problem as fit_intercept=True.

Solvers and tolerances, chosen for references accurate far beyond the C++ tolerances:
  * coordinate descent with precompute=False (residual updates) at tol=1e-14: checked here,
    sklearn at tol 1e-14 and 1e-15 agree to ~3e-10 relative per coefficient on diabetes; the Gram
    variant cannot reach 1e-15 (its gap formula cancels against ||y||^2).
  * Ridge: solver="cholesky" (closed form).
  * LogisticRegression L2: solver="newton-cholesky" (new in 1.2), tol=1e-12. lbfgs is not used:
    scipy's L-BFGS-B stops on its default ftol (2.2e-9 relative objective change) long before the
    coefficients are good to 1e-6. L1 and elastic net: solver="saga", tol=1e-12 (liblinear is
    not used: it penalises the intercept).
Every reference is checked here against the optimality (KKT) conditions of the objective above,
so a wrong mapping or an unconverged reference fails before any JSON is written.

Borderline entries. An entry of a path is "well determined" when its zero / non-zero status does
not hinge on rounding: a zero with |x_j^T r|/(n alpha rho) <= 1 - 1e-6 or a non-zero with
|w_j| >= 1e-8 * (largest |w| on the path). The others (at alpha_max the CD leaves ~1e-14 in
the entering coefficient, because (max|X^T y|/n) * n rounds below max|X^T y|) are listed in
"borderline" and the C++ test only requires them to be within 1e-8 * scale of sklearn.

Cross-validation: fold ids are drawn here (numpy RandomState(20240607) permutation, id =
position mod k) and written to the JSON; LassoCV / ElasticNetCV get them as cv=[(train, test)],
and the C++ test feeds the same ids to engine::linear::crossValidate. Per-alpha mean and
standard error across folds, and the minimum and one-standard-error indices, are computed here
from sklearn's mse_path_ with numpy (mean over folds as LassoCV; se = std(ddof=1)/sqrt(k);
1se = smallest index i with mean_i <= mean_best + se_best, glmnet's lambda.1se).

Run from the repository root with Debian's Python (python3-sklearn 1.2, numpy):
    /usr/bin/python3 tests/golden/make_linear_path_golden.py
Deterministic: fixed seeds (saga samples rows: random_state=0), cyclic coordinate descent;
floats are written with Python's shortest round-trip repr.
"""
import json
import os
import warnings

import numpy as np
import sklearn
from sklearn.exceptions import ConvergenceWarning
from sklearn.linear_model import (ElasticNet, ElasticNetCV, Lasso, LassoCV, LogisticRegression,
                                  Ridge, enet_path, lasso_path)
from sklearn.preprocessing import StandardScaler

warnings.simplefilter("error", ConvergenceWarning)

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
CD_TOL = 1e-14
CD_MAX_ITER = 1_000_000
LOGISTIC_TOL = 1e-12
KKT_CD = 1e-8          # max |gradient| violation of a CD reference, in units of alpha*rho
KKT_LOGISTIC = 1e-8    # KKT residual of a logistic reference (penalty units)
ZERO_RATIO = 1.0 - 1e-6
NONZERO_REL = 1e-8


def load(name, target):
    path = os.path.join(ROOT, "engine", "data", "sets", name)
    with open(path) as f:
        header = f.readline().strip().split(",")
    raw = np.loadtxt(path, delimiter=",", skiprows=1)
    raw = raw.astype(np.float32).astype(np.float64)  # the engine's float32 storage
    t = header.index(target)
    feats = [c for c in range(raw.shape[1]) if c != t]
    X = StandardScaler().fit_transform(raw[:, feats])
    return X, raw[:, t].copy(), [header[c] for c in feats]


def enet_kkt(X, y, w, b, alpha, rho):
    """Worst KKT violation of 1/(2n)||y - Xw - b||^2 + alpha(rho|w|_1 + (1-rho)/2|w|^2), relative
    to alpha*rho (to alpha for rho = 0), and the |x_j^T r|/(n alpha rho) of every coefficient."""
    n = X.shape[0]
    r = y - X @ w - b
    corr = X.T @ r / n  # minus the gradient of the data term
    g = -corr + alpha * (1.0 - rho) * w
    unit = alpha * rho if rho > 0 else alpha
    viol = np.where(w != 0, np.abs(g + alpha * rho * np.sign(w)),
                    np.maximum(np.abs(g) - alpha * rho, 0.0))
    ratio = np.abs(corr) / (alpha * rho) if rho > 0 else np.zeros_like(w)
    return viol.max() / unit, abs(r.mean()) / unit, ratio


def classify(coefs, ratios, scale):
    """(alpha index, feature) pairs whose zero / non-zero status is not well determined."""
    border = []
    for i in range(coefs.shape[1]):
        for j in range(coefs.shape[0]):
            w = coefs[j, i]
            if (w == 0 and ratios[i][j] > ZERO_RATIO) or (w != 0 and abs(w) < NONZERO_REL * scale):
                border.append([i, j])
    return border


def path_case(name, X, y, rho, names):
    yc = y - y.mean()
    if rho == 1.0:
        alphas, coefs, gaps = lasso_path(X, yc, eps=1e-3, n_alphas=100, tol=CD_TOL,
                                         max_iter=CD_MAX_ITER, precompute=False)
    else:
        alphas, coefs, gaps = enet_path(X, yc, l1_ratio=rho, eps=1e-3, n_alphas=100, tol=CD_TOL,
                                        max_iter=CD_MAX_ITER, precompute=False)
    intercepts = y.mean() - X.mean(axis=0) @ coefs
    ratios = []
    for i, a in enumerate(alphas):
        viol, bias, ratio = enet_kkt(X, y, coefs[:, i], intercepts[i], a, rho)
        assert viol < KKT_CD and bias < KKT_CD, f"{name}: KKT {viol} {bias} at alpha {i}"
        ratios.append(ratio)
    scale = float(np.abs(coefs).max())
    border = classify(coefs, ratios, scale)
    nnz = (coefs != 0).sum(axis=0)
    drops = []
    for i in range(1, len(alphas)):
        for j in range(X.shape[1]):
            if coefs[j, i - 1] != 0 and coefs[j, i] == 0:
                drops.append({"index": i, "feature": j, "name": names[j]})
    # The iteration count of sklearn's own Gram solver at the default tolerance: the C++ solver
    # runs the same sweeps and the same stopping test, so it must need the same number.
    _, _, _, n_iters = enet_path(X, yc, l1_ratio=rho, eps=1e-3, n_alphas=100, tol=1e-4,
                                 precompute=True, return_n_iter=True)
    print(f"{name}: alpha_max {alphas[0]:.6g}, nnz {nnz.tolist()}")
    print(f"  borderline {border}, leaves the active set: {drops}")
    return {
        "name": name, "l1_ratio": rho, "eps": 1e-3, "n_alphas": 100, "tol": CD_TOL,
        "alphas": alphas.tolist(), "coefs": coefs.tolist(), "intercepts": intercepts.tolist(),
        "dual_gaps": gaps.tolist(), "scale": scale, "borderline": border,
        "nonzero_counts": nnz.tolist(), "leaves_active_set": drops,
        "gram_n_iter_tol_1e-4": [int(k) for k in n_iters],
    }


def fit_enet_case(name, X, y, alpha, rho):
    if rho == 1.0:
        m = Lasso(alpha=alpha, tol=CD_TOL, max_iter=CD_MAX_ITER).fit(X, y)
    else:
        m = ElasticNet(alpha=alpha, l1_ratio=rho, tol=CD_TOL, max_iter=CD_MAX_ITER).fit(X, y)
    w, b = m.coef_.copy(), float(m.intercept_)
    viol, bias, ratio = enet_kkt(X, y, w, b, alpha, rho)
    assert viol < KKT_CD and bias < KKT_CD, f"{name}: KKT {viol} {bias}"
    assert all(ratio[w == 0] <= ZERO_RATIO), f"{name}: a zero is borderline"
    assert np.abs(w[w != 0]).min() >= 1e-3, f"{name}: a non-zero is nearly zero"
    return {"name": name, "estimator": type(m).__name__, "alpha": alpha, "l1_ratio": rho,
            "coef": w.tolist(), "intercept": b, "zeros": np.flatnonzero(w == 0).tolist()}


def ridge_case(X, y, alphas):
    coefs, intercepts = [], []
    n = X.shape[0]
    for a in alphas:
        m = Ridge(alpha=a, solver="cholesky").fit(X, y)
        w, b = m.coef_, float(m.intercept_)
        r = y - X @ w - b
        g = -2 * X.T @ r + 2 * a * w  # gradient of ||y - Xw - b||^2 + a||w||^2
        assert np.abs(g).max() < 1e-8 * max(1.0, np.abs(X.T @ y).max()), "Ridge KKT"
        assert abs(r.sum()) < 1e-8 * n, "Ridge intercept"
        coefs.append(w.tolist())
        intercepts.append(b)
    return {"estimator": "Ridge", "solver": "cholesky", "alphas": list(alphas),
            "coefs": coefs, "intercepts": intercepts}


def logistic_kkt(X, y, w, b, C, rho, fit_intercept=True):
    eta = X @ w + b
    p = 1.0 / (1.0 + np.exp(-eta))
    g = C * X.T @ (p - y)
    smooth = g + (1.0 - rho) * w
    viol = np.where(w != 0, np.abs(smooth + rho * np.sign(w)), np.maximum(np.abs(g) - rho, 0.0))
    ratio = np.abs(g) / rho if rho > 0 else np.zeros_like(w)
    bias = abs(C * (p - y).sum()) if fit_intercept else 0.0
    return max(viol.max(), bias), ratio


def logistic_case(X, y, penalty, C, rho=None, fit_intercept=True):
    kw = {"penalty": penalty, "C": C, "tol": LOGISTIC_TOL, "max_iter": 1_000_000,
          "fit_intercept": fit_intercept, "random_state": 0}  # saga samples rows
    if penalty == "l2":
        kw["solver"] = "newton-cholesky"
        r = 0.0
    else:
        kw["solver"] = "saga"
        r = 1.0 if penalty == "l1" else rho
        if penalty == "elasticnet":
            kw["l1_ratio"] = rho
    m = LogisticRegression(**kw).fit(X, y)
    w, b = m.coef_.ravel().copy(), float(m.intercept_[0]) if fit_intercept else 0.0
    kkt, ratio = logistic_kkt(X, y, w, b, C, r, fit_intercept)
    assert kkt < KKT_LOGISTIC, f"logistic {penalty} C={C}: KKT residual {kkt}"
    if r > 0:
        assert all(ratio[w == 0] <= ZERO_RATIO), f"logistic {penalty} C={C}: borderline zero"
        assert np.abs(w[w != 0]).min() >= 1e-6, f"logistic {penalty} C={C}: tiny non-zero"
    print(f"logistic {penalty:10s} C={C:<5} {kw['solver']:15s} intercept {fit_intercept:d} "
          f"kkt {kkt:.1e} zeros {int((w == 0).sum())}")
    return {"penalty": penalty, "solver": kw["solver"], "C": C, "l1_ratio": r, "tol": LOGISTIC_TOL,
            "fit_intercept": fit_intercept,
            "coef": w.tolist(), "intercept": b, "kkt": kkt,
            "zeros": np.flatnonzero(w == 0).tolist()}


def cv_case(name, X, y, rho, k, seed):
    n = X.shape[0]
    perm = np.random.RandomState(seed).permutation(n)
    ids = np.empty(n, dtype=int)
    ids[perm] = np.arange(n) % k
    cv = [(np.flatnonzero(ids != f), np.flatnonzero(ids == f)) for f in range(k)]
    common = {"eps": 1e-3, "n_alphas": 100, "cv": cv, "tol": CD_TOL, "max_iter": CD_MAX_ITER,
              "precompute": False}
    if rho == 1.0:
        m = LassoCV(**common).fit(X, y)
    else:
        m = ElasticNetCV(l1_ratio=rho, **common).fit(X, y)
    mse = m.mse_path_  # n_alphas x k
    mean = mse.mean(axis=1)
    se = mse.std(axis=1, ddof=1) / np.sqrt(k)
    best = int(np.argmin(mean))
    one_se = int(np.flatnonzero(mean <= mean[best] + se[best])[0])
    assert m.alphas_[best] == m.alpha_, f"{name}: alpha_ is not the argmin"
    print(f"{name}: best {best} (alpha {m.alpha_:.6g}), 1se {one_se} (alpha {m.alphas_[one_se]:.6g})")
    return {"name": name, "l1_ratio": rho, "k": k, "fold_ids": ids.tolist(),
            "alphas": m.alphas_.tolist(), "mse_path": mse.tolist(), "mean": mean.tolist(),
            "se": se.tolist(), "best_index": best, "one_se_index": one_se,
            "alpha_": float(m.alpha_), "coef": m.coef_.tolist(), "intercept": float(m.intercept_)}


def main():
    Xd, yd, dnames = load("diabetes.csv", "target")
    Xb, yb, _ = load("breast_cancer.csv", "malignant")
    assert Xd.shape == (442, 10) and Xb.shape == (569, 30)

    diabetes = {
        "features": dnames,
        "paths": [path_case("lasso_path", Xd, yd, 1.0, dnames),
                  path_case("enet_path_l1ratio_0.5", Xd, yd, 0.5, dnames),
                  path_case("enet_path_l1ratio_0.9", Xd, yd, 0.9, dnames)],
        "fits": [fit_enet_case("lasso_alpha_1", Xd, yd, 1.0, 1.0),
                 fit_enet_case("lasso_alpha_5", Xd, yd, 5.0, 1.0),
                 fit_enet_case("lasso_alpha_0.05", Xd, yd, 0.05, 1.0),
                 fit_enet_case("elasticnet_alpha_0.5_l1ratio_0.5", Xd, yd, 0.5, 0.5),
                 fit_enet_case("elasticnet_alpha_0.1_l1ratio_0.8", Xd, yd, 0.1, 0.8),
                 fit_enet_case("elasticnet_alpha_2_l1ratio_0.2", Xd, yd, 2.0, 0.2)],
        "ridge": ridge_case(Xd, yd, [0.0, 0.1, 1.0, 10.0, 100.0, 1000.0, 10000.0]),
        "cv": [cv_case("LassoCV_10fold", Xd, yd, 1.0, 10, 20240607),
               cv_case("ElasticNetCV_l1ratio_0.5_5fold", Xd, yd, 0.5, 5, 20240608)],
    }
    breast = {
        "logistic": [logistic_case(Xb, yb, "l2", C) for C in (0.01, 0.1, 1.0)] +
                    [logistic_case(Xb, yb, "l1", C) for C in (0.05, 0.2, 0.5)] +
                    [logistic_case(Xb, yb, "elasticnet", 0.1, rho=0.5),
                     logistic_case(Xb, yb, "l2", 0.1, fit_intercept=False),
                     logistic_case(Xb, yb, "l1", 0.2, fit_intercept=False)],
    }
    out = {
        "generator": "tests/golden/make_linear_path_golden.py",
        "sklearn": sklearn.__version__,
        "data": "engine/data/sets CSV -> float32 -> float64 -> StandardScaler",
        "diabetes": diabetes,
        "breastCancer": breast,
    }
    path = os.path.join(ROOT, "tests", "golden", "linear_path.json")
    with open(path, "w") as f:
        json.dump(out, f, indent=1)
        f.write("\n")
    print("wrote", os.path.relpath(path, ROOT))


if __name__ == "__main__":
    main()
