// Binary cross-entropy on logits, as torch.nn.BCEWithLogitsLoss(reduction='mean') (1.13).
//   ℓ(z, y) = max(z, 0) − z·y + log(1 + e^−|z|)   (= −y log σ(z) − (1 − y) log(1 − σ(z)),
//             never overflows);  L = mean over all entries (z, y: batch × 1)
//   ∂L/∂z = (σ(z) − y)/N;  predict = σ(z), computed stably
// y ∈ [0, 1]: soft targets (mixup, label smoothing) are allowed.
#pragma once

#include "loss/loss.hpp"

namespace engine {

class BceWithLogitsLoss : public Loss {
 public:
  double value(const Matrix& z, const Matrix& y) const override;
  void gradient(const Matrix& z, const Matrix& y, Matrix& dz) const override;
  void predict(const Matrix& z, Matrix& out) const override;
  std::string kind() const override { return "bce_with_logits"; }
};

}  // namespace engine
