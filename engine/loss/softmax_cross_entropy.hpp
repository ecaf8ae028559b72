// Softmax cross-entropy on logits, as torch.nn.CrossEntropyLoss with probability targets
// (reduction='mean', 1.13).
//   ℓ_i = −Σ_k y_ik log softmax(z_i)_k = Σ_k y_ik (lse(z_i) − z_ik),
//   lse(z) = max z + log Σ e^(z − max z);  L = (1/B) Σ_i ℓ_i  (B rows, K classes)
//   ∂L/∂z_ik = (softmax(z_i)_k · Σ_j y_ij − y_ik)/B  (= (softmax − y)/B when rows of y sum to 1)
// y: one-hot or soft targets (mixup). predict = softmax, row by row.
#pragma once

#include "loss/loss.hpp"

namespace engine {

class SoftmaxCrossEntropyLoss : public Loss {
 public:
  double value(const Matrix& z, const Matrix& y) const override;
  void gradient(const Matrix& z, const Matrix& y, Matrix& dz) const override;
  void predict(const Matrix& z, Matrix& out) const override;
  std::string kind() const override { return "softmax_cross_entropy"; }
};

}  // namespace engine
