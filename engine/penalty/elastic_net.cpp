#include "penalty/elastic_net.hpp"

#include <cmath>
#include <stdexcept>

#include "penalty/l1.hpp"

namespace engine {

ElasticNetPenalty::ElasticNetPenalty(double lambda, double l1Ratio)
    : lambda_(lambda), rho_(l1Ratio) {
  if (!(lambda >= 0.0) || !std::isfinite(lambda))
    throw std::invalid_argument("penalty.lambda: must be finite and >= 0 for elasticNet");
  if (!(l1Ratio >= 0.0 && l1Ratio <= 1.0))
    throw std::invalid_argument("penalty.l1Ratio: must be in [0, 1]");
}

double ElasticNetPenalty::value(const Matrix& w) const {
  double l1 = 0.0;
  double l2 = 0.0;
  const Scalar* x = w.data();
  for (Index i = 0; i < w.size(); ++i) {
    const double xi = x[i];
    l1 += std::abs(xi);
    l2 += xi * xi;
  }
  return lambda_ * (rho_ * l1 + 0.5 * (1.0 - rho_) * l2);
}

void ElasticNetPenalty::addGradient(const Matrix& w, Matrix& g) const {
  const Scalar a = static_cast<Scalar>(lambda_ * rho_);          // L1 part
  const Scalar b = static_cast<Scalar>(lambda_ * (1.0 - rho_));  // L2 part (its ½ cancels)
  const Scalar* x = w.data();
  Scalar* out = g.data();
  for (Index i = 0; i < w.size(); ++i) {
    const Scalar sign = x[i] > Scalar(0) ? Scalar(1) : (x[i] < Scalar(0) ? Scalar(-1) : Scalar(0));
    out[i] += a * sign + b * x[i];
  }
}

double ElasticNetPenalty::proxScalar(double v, double step) const {
  if (!(step > 0.0)) return v;
  // The prox of (L1 + separable quadratic) is the quadratic's shrink applied after the soft
  // threshold: on x ≠ 0 the optimality condition x(1 + sλ(1−ρ)) = v − sλρ·sign(x).
  return softThreshold(v, step * lambda_ * rho_) / (1.0 + step * lambda_ * (1.0 - rho_));
}

}  // namespace engine
