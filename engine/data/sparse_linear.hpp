// Sparse linear regression, the lasso's home ground (Tibshirani 1996; Hastie, Tibshirani,
// Wainwright, "Statistical Learning with Sparsity", §2):
//   X_ij ~ N(0, 1) (n × p; n < p allowed),  y = Xβ + σε,  ε ~ N(0, 1),  σ = noise, no intercept
//   β has k non-zeros at indices drawn uniformly without replacement; each non-zero is
//   s·m with sign s = ±1 (probability ½ each) and magnitude m ~ U(1, 3), so every true
//   coefficient is bounded away from 0 (|β_j| ≥ 1) and the support is recoverable at low σ.
#pragma once

#include <vector>

#include "core/rng.hpp"
#include "data/dataset.hpp"

namespace engine {

struct SparseLinearData {
  Dataset data;                      // raw = x = X (n × p), target = y, numClasses = 0
  std::vector<double> coefficients;  // β, length p
  std::vector<int> support;          // sorted indices j with β_j ≠ 0, length k
};

constexpr double kSparseMinMagnitude = 1.0;
constexpr double kSparseMaxMagnitude = 3.0;

// samples ≥ 1, dimensions ≥ 1, 1 ≤ nonZeros ≤ dimensions (else std::invalid_argument).
SparseLinearData generateSparseLinear(int samples, int dimensions, int nonZeros, double noise,
                                      Rng& rng);

}  // namespace engine
