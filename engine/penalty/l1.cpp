#include "penalty/l1.hpp"

#include <cmath>
#include <stdexcept>

namespace engine {

double softThreshold(double v, double t) {
  // Written with comparisons rather than copysign(max(|v| − t, 0), v) so that the zero region
  // returns +0 exactly and a NaN v propagates.
  if (v > t) return v - t;
  if (v < -t) return v + t;
  return std::isnan(v) ? v : 0.0;
}

L1Penalty::L1Penalty(double lambda) : lambda_(lambda) {
  if (!(lambda >= 0.0) || !std::isfinite(lambda))
    throw std::invalid_argument("penalty.lambda: must be finite and >= 0 for l1");
}

double L1Penalty::value(const Matrix& w) const {
  double sum = 0.0;
  const Scalar* x = w.data();
  for (Index i = 0; i < w.size(); ++i) sum += std::abs(static_cast<double>(x[i]));
  return lambda_ * sum;
}

void L1Penalty::addGradient(const Matrix& w, Matrix& g) const {
  const Scalar lambda = static_cast<Scalar>(lambda_);
  const Scalar* x = w.data();
  Scalar* out = g.data();
  // sign(0) = 0: the subgradient of smallest norm, so an exact zero stays put under a plain
  // gradient step instead of jumping to ±λ·lr (mlpack's w/|w| gives NaN there).
  for (Index i = 0; i < w.size(); ++i) {
    if (x[i] > Scalar(0))
      out[i] += lambda;
    else if (x[i] < Scalar(0))
      out[i] -= lambda;
  }
}

double L1Penalty::proxScalar(double v, double step) const {
  if (!(step > 0.0)) return v;
  return softThreshold(v, step * lambda_);
}

}  // namespace engine
