// Per-column standardisation z = (x − μ) / σ, matching sklearn.preprocessing.StandardScaler
// (scikit-learn 1.2, with_mean=True, with_std=True).
//   μ_j = mean of column j,  σ_j = population std (ddof = 0, as numpy.std and StandardScaler)
//   a constant column gets σ_j = 1 (StandardScaler's _is_constant_feature test: the variance is
//   within floating-point error of 0), so it maps to 0 instead of NaN.
// Fit on the training split only and apply the same μ, σ to validation and test: statistics of
// held-out data must not leak into training (Hastie, Tibshirani, Friedman, ESL §7.10.2).
#pragma once

#include "core/eigen.hpp"

namespace engine {

struct Standardizer {
  RowVector mean;   // μ, one per column (empty: the identity on any number of columns)
  RowVector scale;  // σ, one per column (1 for constant columns)

  // μ and σ of x's columns, accumulated in double whatever Scalar is.
  static Standardizer fit(const Matrix& x);
  // Per channel of images (rows flattened in NCHW order, `channels` planes of `plane` values):
  // μ_c and σ_c over every pixel of channel c in every row, repeated for each of its columns,
  // so that an image keeps one unit per channel (torchvision's Normalize with the training
  // set's statistics). The same population std and constant-channel rule as fit().
  static Standardizer fitChannels(const Matrix& x, int channels, int plane);
  // The identity on `columns` columns (μ = 0, σ = 1), for standardize = false.
  static Standardizer identity(Index columns);

  bool empty() const { return mean.size() == 0; }
  // x ← (x − μ) / σ in place; throws std::invalid_argument on a column-count mismatch.
  void transform(Matrix& x) const;
  Matrix transformed(const Matrix& x) const;
  // x ← x·σ + μ, the inverse (sklearn's inverse_transform).
  void inverseTransform(Matrix& x) const;
};

}  // namespace engine
