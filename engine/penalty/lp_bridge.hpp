// Lp bridge penalty, 0 < p < 1: R(w) = λ Σ|w_i|^p. Non-convex and singular at 0 (the gradient
// λp|w|^(p−1) is unbounded), so hasUsableGradient() is false and the trainer applies it only
// through its exact proximal map, the generalized thresholding operator (τ = step·λ):
//   argmin_x ½(x − v)² + τ|x|^p:   β = (2τ(1−p))^(1/(2−p)),   v* = β + τpβ^(p−1) = β(2−p)/(2(1−p))
//   x = 0 for |v| ≤ v* (at the tie |v| = v*, where 0 and ±β both minimise, we return 0), else
//   x = sign(v)·r, r the larger root of r + τp·r^(p−1) = |v| on [β, |v|] (safeguarded Newton).
// No torch / sklearn counterpart. Frank & Friedman 1993 (bridge); Marjanovic & Solo 2012
// (lq sparse); Zuo et al. 2013 (GISA); Xu et al. 2012 (closed form at p = ½).
#pragma once

#include <string>

#include "penalty/penalty.hpp"

namespace engine {

// v*: the largest |v| that the prox of τ|x|^p maps to 0 (0 when τ ≤ 0).
double lpThreshold(double tau, double p);

class LpBridgePenalty final : public Penalty {
 public:
  // λ ≥ 0 and p in (0, 1), else std::invalid_argument.
  LpBridgePenalty(double lambda, double p);

  double value(const Matrix& w) const override;
  // For completeness only (the trainer never calls it, see hasUsableGradient): λp|w|^(p−1)·sign(w)
  // at w ≠ 0, clamped to the largest finite Scalar, and 0 at exactly 0.
  void addGradient(const Matrix& w, Matrix& g) const override;
  double proxScalar(double v, double step) const override;
  bool hasUsableGradient() const override { return false; }
  std::string kind() const override { return "lp"; }

  double lambda() const { return lambda_; }
  double p() const { return p_; }

 private:
  double lambda_;
  double p_;
};

}  // namespace engine
