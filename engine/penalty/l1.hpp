// L1 (lasso) penalty: R(w) = λ Σ|w_i|.
//   subgradient: λ·sign(w_i) with sign(0) = 0 (the minimum-norm element of λ[−1, 1], never NaN)
//   prox:        soft threshold  prox_{s·R}(v) = sign(v)·max(|v| − s·λ, 0), exact zeros
// The penalty scikit-learn's Lasso adds (alpha·‖w‖₁; its data term is 1/(2n)‖y − Xw‖², ours the
// torch MSELoss mean 1/n‖y − Xw‖², so λ = 2·alpha gives the same minimiser).
// Tibshirani 1996 (lasso); Donoho & Johnstone 1994 (soft thresholding); Beck & Teboulle 2009.
#pragma once

#include <string>

#include "penalty/penalty.hpp"

namespace engine {

// sign(v)·max(|v| − t, 0) for t ≥ 0: the proximal map of t·|x|. Shared by L1 and elastic net.
double softThreshold(double v, double t);

class L1Penalty final : public Penalty {
 public:
  // λ ≥ 0, else std::invalid_argument.
  explicit L1Penalty(double lambda);

  double value(const Matrix& w) const override;
  void addGradient(const Matrix& w, Matrix& g) const override;
  double proxScalar(double v, double step) const override;
  std::string kind() const override { return "l1"; }

  double lambda() const { return lambda_; }

 private:
  double lambda_;
};

}  // namespace engine
