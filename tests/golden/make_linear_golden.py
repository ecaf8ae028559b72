#!/usr/bin/env python3
"""Golden solutions of penalised least squares from scikit-learn 1.2, for the penalty tests.

Writes tests/golden/linear_models.json: small fixed regression problems (the data matrices are in
the file, so the C++ tests need no Python), each fitted with sklearn's Ridge, Lasso or ElasticNet,
and the penalty strength lambda that makes OUR objective have the same minimiser.

Our objective is the trainer's: data loss = torch.nn.MSELoss() (mean) = 1/n ||y - Xw||^2, plus the
penalty R(w) of engine/penalty:
    l1:          R = lam * ||w||_1
    l2:          R = lam/2 * ||w||^2                        (the 1/2 makes grad R = lam * w)
    elasticNet:  R = lam * (rho ||w||_1 + (1 - rho)/2 ||w||^2)

scikit-learn's objectives and the mapping (multiply sklearn's objective by a positive constant,
which leaves the minimiser unchanged, until the data terms agree):
    Lasso:       1/(2n) ||y - Xw||^2 + alpha ||w||_1
                 x2  ->  1/n ||y - Xw||^2 + 2 alpha ||w||_1                       =>  lam = 2 alpha
    ElasticNet:  1/(2n) ||y - Xw||^2 + alpha l1_ratio ||w||_1 + alpha (1 - l1_ratio)/2 ||w||^2
                 x2  ->  1/n ||.||^2 + 2 alpha (rho ||w||_1 + (1 - rho)/2 ||w||^2)
                                                                   =>  lam = 2 alpha, rho = l1_ratio
    Ridge:       ||y - Xw||^2 + alpha ||w||^2
                 /n  ->  1/n ||y - Xw||^2 + (alpha/n) ||w||^2 = ... + (lam/2)||w||^2  =>  lam = 2 alpha / n
With fit_intercept=True sklearn centres X and y, fits w, and sets b = mean(y) - mean(X) w: the same
minimiser as an unpenalised intercept in our objective (the penalty never touches a bias).

Every case is checked here against the optimality (KKT) conditions of OUR objective with the
mapped lambda, so a wrong mapping fails before any JSON is written. For the lasso cases the
zero coefficients must satisfy the KKT inequality with a clear margin, so that the zero pattern
is well defined and a C++ solver can be required to reproduce it exactly.

Deterministic: fixed numpy seed, exact solvers or tolerance 1e-12; floats are written with
Python's shortest round-trip repr.
Run from the repository root with a Python that has scikit-learn 1.2 and numpy:
    python3 tests/golden/make_linear_golden.py
"""
import json
import os
import warnings

import numpy as np
import sklearn
from sklearn.exceptions import ConvergenceWarning
from sklearn.linear_model import ElasticNet, Lasso, Ridge

warnings.simplefilter("error", ConvergenceWarning)

TOL = 1e-12
MAX_ITER = 1_000_000
ZERO_MARGIN = 0.05  # a zero coefficient's |correlation| must be at most (1 - margin) * lam * rho
MIN_NONZERO = 1e-2  # and every non-zero coefficient of an L1 case must be at least this large


def standardized(X):
    # StandardScaler semantics: population standard deviation.
    return (X - X.mean(axis=0)) / X.std(axis=0)


def make_problem(rng, n, w_true, noise, offset=0.0):
    X = standardized(rng.randn(n, len(w_true)))
    y = X @ w_true + noise * rng.randn(n) + offset
    return X, y


def kkt_residual(X, y, w, b, lam, rho):
    """Largest violation of 0 in d/dw [1/n||y - Xw - b||^2 + lam(rho|w|_1 + (1-rho)/2 |w|^2)].

    For w_j != 0 the residual is |g_j + lam rho sign(w_j)|; for w_j = 0 it is how far |g_j|
    exceeds lam rho. Also returns the largest |g_j| / (lam rho) over the zero coefficients.
    """
    n = X.shape[0]
    r = y - X @ w - b
    g = -2.0 / n * (X.T @ r) + lam * (1.0 - rho) * w
    res = 0.0
    worst_zero = 0.0
    for j in range(len(w)):
        if w[j] != 0.0:
            res = max(res, abs(g[j] + lam * rho * np.sign(w[j])))
        else:
            res = max(res, max(0.0, abs(g[j]) - lam * rho))
            worst_zero = max(worst_zero, abs(g[j]) / (lam * rho))
    return res, worst_zero, abs(2.0 / n * r.sum())


def fit_case(name, X, y, estimator, alpha, l1_ratio=None, fit_intercept=False):
    n = X.shape[0]
    if estimator == "Ridge":
        model = Ridge(alpha=alpha, fit_intercept=fit_intercept, solver="cholesky")
        kind, lam, rho = "l2", 2.0 * alpha / n, 0.0
    elif estimator == "Lasso":
        model = Lasso(alpha=alpha, fit_intercept=fit_intercept, tol=TOL, max_iter=MAX_ITER)
        kind, lam, rho = "l1", 2.0 * alpha, 1.0
    elif estimator == "ElasticNet":
        model = ElasticNet(alpha=alpha, l1_ratio=l1_ratio, fit_intercept=fit_intercept, tol=TOL,
                           max_iter=MAX_ITER)
        kind, lam, rho = "elasticNet", 2.0 * alpha, l1_ratio
    else:
        raise ValueError(estimator)
    model.fit(X, y)
    w = np.asarray(model.coef_, dtype=float).ravel()
    b = float(model.intercept_) if fit_intercept else 0.0

    res, worst_zero, bias_res = kkt_residual(X, y, w, b, lam, rho)
    assert res < 1e-9, f"{name}: KKT residual {res} of our objective at sklearn's solution"
    if fit_intercept:
        assert bias_res < 1e-9, f"{name}: intercept not optimal ({bias_res})"
    if rho > 0.0:
        assert worst_zero <= 1.0 - ZERO_MARGIN, f"{name}: a zero coefficient is borderline"
        nonzero = np.abs(w[w != 0.0])
        assert nonzero.min() >= MIN_NONZERO, f"{name}: a non-zero coefficient is nearly zero"

    sk = {"estimator": estimator, "alpha": alpha, "fit_intercept": fit_intercept}
    if l1_ratio is not None:
        sk["l1_ratio"] = l1_ratio
    ours = {"kind": kind, "lambda": lam}
    if kind == "elasticNet":
        ours["l1Ratio"] = rho
    return {
        "name": name,
        "n": int(X.shape[0]),
        "p": int(X.shape[1]),
        "X": X.tolist(),  # row-major, one sample per row
        "y": y.tolist(),
        "sklearn": sk,
        "ours": ours,
        "fitIntercept": fit_intercept,
        "coef": w.tolist(),
        "intercept": b,
        "zeros": [j for j in range(len(w)) if w[j] == 0.0],
    }


def main():
    rng = np.random.RandomState(20240601)
    cases = []

    # n = 60, p = 8: three true zeros, standardized columns.
    w8 = np.array([1.5, -2.0, 0.0, 0.0, 0.8, 0.0, -0.5, 0.3])
    X, y = make_problem(rng, 60, w8, noise=0.5)
    cases.append(fit_case("ridge_n60_p8", X, y, "Ridge", alpha=6.0))
    cases.append(fit_case("lasso_n60_p8", X, y, "Lasso", alpha=0.25))
    cases.append(fit_case("elasticnet_n60_p8", X, y, "ElasticNet", alpha=0.2, l1_ratio=0.5))
    cases.append(fit_case("elasticnet_l1ratio0.8_n60_p8", X, y, "ElasticNet", alpha=0.1,
                          l1_ratio=0.8))

    # Same design, target with a large mean: needs the unpenalised intercept.
    Xi, yi = make_problem(rng, 60, w8, noise=0.5, offset=3.0)
    cases.append(fit_case("lasso_intercept_n60_p8", Xi, yi, "Lasso", alpha=0.2,
                          fit_intercept=True))
    cases.append(fit_case("ridge_intercept_n60_p8", Xi, yi, "Ridge", alpha=6.0,
                          fit_intercept=True))
    cases.append(fit_case("elasticnet_intercept_n60_p8", Xi, yi, "ElasticNet", alpha=0.2,
                          l1_ratio=0.5, fit_intercept=True))

    # n = 20 < p = 40: the lasso keeps at most n non-zeros; ridge and elastic net are unique.
    w40 = np.zeros(40)
    w40[[0, 3, 7, 12, 25]] = [2.0, -1.5, 1.0, 0.7, -1.2]
    Xw, yw = make_problem(rng, 20, w40, noise=0.3)
    cases.append(fit_case("ridge_n20_p40", Xw, yw, "Ridge", alpha=2.0))
    cases.append(fit_case("lasso_n20_p40", Xw, yw, "Lasso", alpha=0.15))
    cases.append(fit_case("elasticnet_n20_p40", Xw, yw, "ElasticNet", alpha=0.05, l1_ratio=0.6))

    out = {
        "generator": "tests/golden/make_linear_golden.py",
        "sklearn": sklearn.__version__,
        "objective": "1/n ||y - Xw - b||^2 + R(w); R as engine/penalty (l2 carries the 1/2)",
        "mapping": {
            "Lasso": "lambda = 2 alpha",
            "ElasticNet": "lambda = 2 alpha, l1Ratio = l1_ratio",
            "Ridge": "lambda = 2 alpha / n",
        },
        "cases": cases,
    }
    path = os.path.join(os.path.dirname(os.path.abspath(__file__)), "linear_models.json")
    with open(path, "w") as f:
        json.dump(out, f, indent=1)
        f.write("\n")
    for c in cases:
        print(f"{c['name']:32s} lambda={c['ours']['lambda']:.6g} zeros={c['zeros']}")


if __name__ == "__main__":
    main()
