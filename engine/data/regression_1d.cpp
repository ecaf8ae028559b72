#include "data/regression_1d.hpp"

#include <cmath>
#include <stdexcept>
#include <string>

namespace engine {

double regression1dTruth(double x) { return std::sin(2.0 * 3.14159265358979323846 * x); }

Dataset generateRegression1d(int samples, double noise, Rng& rng) {
  if (samples < 2) {
    throw std::invalid_argument("data.samples: must be at least 2, got " + std::to_string(samples));
  }
  if (!(noise >= 0.0) || !std::isfinite(noise)) {
    throw std::invalid_argument("data.noise: must be a finite number ≥ 0, got " +
                                std::to_string(noise));
  }
  Dataset d;
  d.raw.resize(samples, 1);
  d.target.resize(static_cast<std::size_t>(samples));
  for (int n = 0; n < samples; ++n) {
    // Bishop's grid: N points spaced uniformly on [0, 1], both ends included.
    double x = static_cast<double>(n) / (samples - 1);
    d.raw(n, 0) = static_cast<Scalar>(x);
    d.target[static_cast<std::size_t>(n)] =
        static_cast<float>(regression1dTruth(x) + noise * rng.normal());
  }
  d.x = d.raw;
  d.numClasses = 0;
  d.rawNames = {"x"};
  d.featureNames = {"x"};
  return d;
}

}  // namespace engine
