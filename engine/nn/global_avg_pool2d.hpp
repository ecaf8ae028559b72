// Global average pooling, as torch.nn.AdaptiveAvgPool2d(1) followed by torch.nn.Flatten():
// each channel of a C × H × W map becomes its mean, a vector of C features.
//   y[n][c] = (1/HW) Σ_{i,j} x[n][c][i][j]        backward: dx[n][c][i][j] = dy[n][c]/HW
// No parameters; no allocation once the batch size is stable. Lin, Chen & Yan 2014,
// "Network in network".
#pragma once

#include <string>

#include "nn/layer.hpp"

namespace engine {

class GlobalAvgPool2d : public Layer {
 public:
  explicit GlobalAvgPool2d(const Shape& input);

  const Matrix& forward(const Matrix& x, bool training, Rng& rng) override;
  const Matrix& backward(const Matrix& dy) override;
  // {C, 1, 1}; throws std::invalid_argument unless input is the shape given at construction.
  Shape outputShape(const Shape& input) const override;
  std::string kind() const override { return "global_avg_pool2d"; }

 private:
  Shape in_;
  Matrix y_;
  Matrix dx_;
};

}  // namespace engine
