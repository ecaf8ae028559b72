// L2 (ridge / Tikhonov) penalty, WITH THE ONE-HALF:  R(w) = (λ/2) Σ w_i².
//   gradient: ∇R = λ·w, exactly torch.optim.SGD(weight_decay=λ)'s coupled decay g ← g + λw
//   prox:     prox_{s·R}(v) = v / (1 + s·λ)
// Convention pin: λ‖w‖² (no ½) would have gradient 2λw; we keep the ½ so that penalty.lambda and
// optimizer.weightDecay mean the same number. scikit-learn's Ridge minimises ‖y − Xw‖² + α‖w‖²
// (sum, no ½); with our mean-squared data loss the same minimiser needs λ = 2α/n.
// Hoerl & Kennard 1970; Krogh & Hertz 1992 (weight decay).
#pragma once

#include <string>

#include "penalty/penalty.hpp"

namespace engine {

class L2Penalty final : public Penalty {
 public:
  // λ ≥ 0, else std::invalid_argument.
  explicit L2Penalty(double lambda);

  double value(const Matrix& w) const override;
  void addGradient(const Matrix& w, Matrix& g) const override;
  double proxScalar(double v, double step) const override;
  std::string kind() const override { return "l2"; }

  double lambda() const { return lambda_; }

 private:
  double lambda_;
};

}  // namespace engine
