#include "penalty/lp_bridge.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <stdexcept>

namespace engine {

namespace {

// β: where the nonzero local minimiser sits when it ties with 0 (h(β) = h(0) at v = v*).
double lpBeta(double tau, double p) { return std::pow(2.0 * tau * (1.0 - p), 1.0 / (2.0 - p)); }

}  // namespace

double lpThreshold(double tau, double p) {
  if (!(tau > 0.0)) return 0.0;
  const double beta = lpBeta(tau, p);
  return beta + tau * p * std::pow(beta, p - 1.0);
}

LpBridgePenalty::LpBridgePenalty(double lambda, double p) : lambda_(lambda), p_(p) {
  if (!(lambda >= 0.0) || !std::isfinite(lambda))
    throw std::invalid_argument("penalty.lambda: must be finite and >= 0 for lp");
  if (!(p > 0.0 && p < 1.0)) throw std::invalid_argument("penalty.p: must be in (0, 1)");
}

double LpBridgePenalty::value(const Matrix& w) const {
  double sum = 0.0;
  const Scalar* x = w.data();
  for (Index i = 0; i < w.size(); ++i) sum += std::pow(std::abs(static_cast<double>(x[i])), p_);
  return lambda_ * sum;  // pow(0, p) = 0 for p > 0
}

void LpBridgePenalty::addGradient(const Matrix& w, Matrix& g) const {
  const double cap = static_cast<double>(std::numeric_limits<Scalar>::max());
  const Scalar* x = w.data();
  Scalar* out = g.data();
  for (Index i = 0; i < w.size(); ++i) {
    const double xi = x[i];
    if (xi == 0.0) continue;  // the finite choice from the subdifferential (ℝ at 0)
    // Tiny |w| would overflow to ±inf; clamp so a caller never sees inf or NaN.
    const double mag = std::min(lambda_ * p_ * std::pow(std::abs(xi), p_ - 1.0), cap);
    out[i] += static_cast<Scalar>(xi > 0.0 ? mag : -mag);
  }
}

double LpBridgePenalty::proxScalar(double v, double step) const {
  const double tau = step * lambda_;
  const double a = std::abs(v);
  if (!(tau > 0.0) || std::isnan(v) || std::isinf(v)) return v;
  const double p = p_;
  const double beta = lpBeta(tau, p);
  const double vStar = beta + tau * p * std::pow(beta, p - 1.0);
  if (!(a > vStar)) return 0.0;  // zero region, tie included

  // Solve φ(r) = r + τp·r^(p−1) = a. On [β, a], φ is increasing (β lies right of φ's minimum
  // (τp(1−p))^(1/(2−p))) and convex, with φ(β) = v* < a < φ(a): Newton from r = a descends
  // monotonically onto the root. The bracket [lo, hi] only guards against rounding.
  double lo = beta;
  double hi = a;
  double r = a;
  for (int iter = 0; iter < 100; ++iter) {
    const double rPm2 = std::pow(r, p - 2.0);  // r^(p−2)
    const double f = r + tau * p * rPm2 * r - a;
    if (f > 0.0)
      hi = r;
    else if (f < 0.0)
      lo = r;
    else
      break;
    const double df = 1.0 + tau * p * (p - 1.0) * rPm2;
    double next = r - f / df;
    if (!(next > lo && next < hi)) next = 0.5 * (lo + hi);  // bisection fallback
    const bool done = std::abs(next - r) <= 4.0 * std::numeric_limits<double>::epsilon() * r;
    r = next;
    if (done || hi - lo <= 4.0 * std::numeric_limits<double>::epsilon() * hi) break;
  }
  return v > 0.0 ? r : -r;
}

}  // namespace engine
