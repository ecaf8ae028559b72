// Mean squared error, as torch.nn.MSELoss(reduction='mean') (1.13).
//   L = (1/N) Σ (z − y)²  over all N = batch × outputs entries;  ∂L/∂z = 2(z − y)/N
//   predict = identity.
#pragma once

#include "loss/loss.hpp"

namespace engine {

class MseLoss : public Loss {
 public:
  double value(const Matrix& z, const Matrix& y) const override;
  void gradient(const Matrix& z, const Matrix& y, Matrix& dz) const override;
  void predict(const Matrix& z, Matrix& out) const override;
  std::string kind() const override { return "mse"; }
};

}  // namespace engine
