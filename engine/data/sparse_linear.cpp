#include "data/sparse_linear.hpp"

#include <algorithm>
#include <cmath>
#include <stdexcept>
#include <string>

namespace engine {

SparseLinearData generateSparseLinear(int samples, int dimensions, int nonZeros, double noise,
                                      Rng& rng) {
  if (samples < 1) {
    throw std::invalid_argument("data.samples: must be at least 1, got " + std::to_string(samples));
  }
  if (dimensions < 1) {
    throw std::invalid_argument("data.dimensions: must be at least 1, got " +
                                std::to_string(dimensions));
  }
  if (nonZeros < 1 || nonZeros > dimensions) {
    throw std::invalid_argument("data.nonZeros: must be in [1, data.dimensions = " +
                                std::to_string(dimensions) + "], got " + std::to_string(nonZeros));
  }
  if (!(noise >= 0.0) || !std::isfinite(noise)) {
    throw std::invalid_argument("data.noise: must be a finite number ≥ 0, got " +
                                std::to_string(noise));
  }
  SparseLinearData out;
  const int n = samples;
  const int p = dimensions;

  // β first, so the truth does not depend on n (more samples = more rows of the same problem).
  std::vector<int> perm;
  rng.permutation(perm, p);
  out.support.assign(perm.begin(), perm.begin() + nonZeros);
  std::sort(out.support.begin(), out.support.end());
  out.coefficients.assign(static_cast<std::size_t>(p), 0.0);
  for (int j : out.support) {
    double s = rng.bernoulli(0.5) ? 1.0 : -1.0;
    double m = rng.uniform(kSparseMinMagnitude, kSparseMaxMagnitude);
    out.coefficients[static_cast<std::size_t>(j)] = s * m;
  }

  Dataset& d = out.data;
  d.raw.resize(n, p);
  d.target.resize(static_cast<std::size_t>(n));
  for (int i = 0; i < n; ++i) {
    double y = 0.0;
    for (int j = 0; j < p; ++j) {
      auto xij = static_cast<Scalar>(rng.normal());
      d.raw(i, j) = xij;
      // y from the stored (rounded) X, so y = Xβ holds exactly for the data the model sees.
      y += static_cast<double>(xij) * out.coefficients[static_cast<std::size_t>(j)];
    }
    d.target[static_cast<std::size_t>(i)] = static_cast<float>(y + noise * rng.normal());
  }
  d.x = d.raw;
  d.numClasses = 0;
  for (int j = 0; j < p; ++j) d.rawNames.push_back("x" + std::to_string(j + 1));
  d.featureNames = d.rawNames;
  return out;
}

}  // namespace engine
