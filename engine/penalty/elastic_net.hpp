// Elastic net, scikit-learn's parameterisation: R(w) = λ(ρ Σ|w_i| + (1 − ρ)/2 Σ w_i²), ρ = l1Ratio.
//   subgradient: λρ·sign(w) + λ(1 − ρ)·w, with sign(0) = 0
//   prox:        prox_{s·R}(v) = soft(v, s·λρ) / (1 + s·λ(1 − ρ))
// ρ = 1 is exactly L1Penalty(λ), ρ = 0 exactly L2Penalty(λ) (with its ½). Matches
// sklearn.linear_model.ElasticNet(alpha, l1_ratio=ρ), whose data term is 1/(2n)‖y − Xw‖²:
// with our mean-squared data loss 1/n‖y − Xw‖² the same minimiser needs λ = 2·alpha.
// Zou & Hastie 2005; Friedman, Hastie & Tibshirani 2010 (glmnet, coordinate descent).
#pragma once

#include <string>

#include "penalty/penalty.hpp"

namespace engine {

class ElasticNetPenalty final : public Penalty {
 public:
  // λ ≥ 0 and ρ in [0, 1], else std::invalid_argument.
  ElasticNetPenalty(double lambda, double l1Ratio);

  double value(const Matrix& w) const override;
  void addGradient(const Matrix& w, Matrix& g) const override;
  double proxScalar(double v, double step) const override;
  std::string kind() const override { return "elasticNet"; }

  double lambda() const { return lambda_; }
  double l1Ratio() const { return rho_; }

 private:
  double lambda_;
  double rho_;
};

}  // namespace engine
