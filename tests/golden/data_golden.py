#!/usr/bin/env python3
"""Golden values for the data tests, from scikit-learn 1.2 (run with the python that has it):
make_moons without noise or shuffling, StandardScaler statistics of the diabetes features, and
PolynomialFeatures of one column. Deterministic (no randomness is drawn). Writes
tests/golden/data_golden.json next to this script."""

import csv
import json
import os

import numpy as np
import sklearn
from sklearn.datasets import make_moons
from sklearn.preprocessing import PolynomialFeatures, StandardScaler

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.join(HERE, "..", "..")


def main():
    out = {"sklearn": sklearn.__version__}

    # Odd n: sklearn puts n // 2 points on the outer (class 0) arc and the rest on the inner one.
    X, y = make_moons(n_samples=9, shuffle=False, noise=None)
    out["moons"] = {"n": 9, "x": X.tolist(), "y": y.tolist()}

    with open(os.path.join(ROOT, "engine", "data", "sets", "diabetes.csv")) as f:
        rows = list(csv.reader(f))
    header, data = rows[0], np.array(rows[1:], dtype=np.float64)
    features = data[:, :-1]
    # A constant column appended: StandardScaler gives it scale 1.
    features = np.hstack([features, np.full((features.shape[0], 1), 7.25)])
    scaler = StandardScaler().fit(features)
    out["diabetesScaler"] = {
        "columns": header[:-1] + ["constant"],
        "mean": scaler.mean_.tolist(),
        "scale": scaler.scale_.tolist(),
        "firstRowScaled": scaler.transform(features[:1])[0].tolist(),
    }

    x = np.array([[-1.5], [0.0], [0.3], [1.0], [2.0]])
    poly = PolynomialFeatures(degree=4, include_bias=False).fit_transform(x)
    out["polynomial"] = {"degree": 4, "x": x[:, 0].tolist(), "features": poly.tolist()}

    with open(os.path.join(HERE, "data_golden.json"), "w") as f:
        json.dump(out, f, indent=1, sort_keys=True)
        f.write("\n")


if __name__ == "__main__":
    main()
