// The loss contract: mean over the batch (PyTorch's reduction='mean'), computed on the
// network's raw outputs z (logits for the classification losses, which fuse the sigmoid or
// softmax for numerical stability) against targets y of the same shape.
#pragma once

#include <memory>
#include <string>

#include "core/eigen.hpp"

namespace engine {

class Loss {
 public:
  virtual ~Loss() = default;
  virtual double value(const Matrix& z, const Matrix& y) const = 0;
  // dz = dLoss/dz, resized to z's shape.
  virtual void gradient(const Matrix& z, const Matrix& y, Matrix& dz) const = 0;
  // Turns raw outputs into what a user sees: identity for regression, probabilities otherwise.
  virtual void predict(const Matrix& z, Matrix& out) const = 0;
  virtual std::string kind() const = 0;
};

}  // namespace engine
