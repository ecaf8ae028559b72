// Flatten, as torch.nn.Flatten() (start_dim 1): a C × H × W feature map becomes a vector of
// C·H·W features in NCHW order. Rows are already flat in that order, so forward returns its
// input and backward its dy (no copy); only the shape changes, to {C·H·W, 1, 1}.
#pragma once

#include <string>

#include "nn/layer.hpp"

namespace engine {

class Flatten : public Layer {
 public:
  const Matrix& forward(const Matrix& x, bool /*training*/, Rng& /*rng*/) override { return x; }
  const Matrix& backward(const Matrix& dy) override { return dy; }
  Shape outputShape(const Shape& input) const override { return Shape::vector(input.size()); }
  std::string kind() const override { return "flatten"; }
};

}  // namespace engine
