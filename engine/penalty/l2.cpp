#include "penalty/l2.hpp"

#include <cmath>
#include <stdexcept>

namespace engine {

L2Penalty::L2Penalty(double lambda) : lambda_(lambda) {
  if (!(lambda >= 0.0) || !std::isfinite(lambda))
    throw std::invalid_argument("penalty.lambda: must be finite and >= 0 for l2");
}

double L2Penalty::value(const Matrix& w) const {
  double sum = 0.0;
  const Scalar* x = w.data();
  for (Index i = 0; i < w.size(); ++i) sum += static_cast<double>(x[i]) * x[i];
  return 0.5 * lambda_ * sum;  // the ½ that makes ∇R = λw
}

void L2Penalty::addGradient(const Matrix& w, Matrix& g) const {
  g.array() += static_cast<Scalar>(lambda_) * w.array();
}

double L2Penalty::proxScalar(double v, double step) const {
  if (!(step > 0.0)) return v;
  // argmin_x ½(x − v)² + s·(λ/2)x²  ⇒  x − v + sλx = 0.
  return v / (1.0 + step * lambda_);
}

}  // namespace engine
