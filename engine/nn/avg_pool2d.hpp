// Average pooling, as torch.nn.AvgPool2d(kernel, stride) (1.13) with padding 0 and ceil_mode
// False (so count_include_pad and divisor_override play no part), on rows that are images
// flattened in NCHW order (Shape C × H × W).
//   y[n][c][i][j] = (1/k²) Σ_{0≤u,v<k} x[n][c][i·s + u][j·s + v],  OH = ⌊(H − k)/s⌋ + 1
//   backward: every entry of a window receives dy/k² (adding up where windows overlap)
// stride 0 means stride = kernel (torch's default). No parameters; no allocation once the
// batch size is stable. LeCun et al. 1989 (subsampling layers).
#pragma once

#include <string>

#include "nn/layer.hpp"

namespace engine {

class AvgPool2d : public Layer {
 public:
  // Throws std::invalid_argument for kernel < 1, stride < 0 or a kernel larger than the input.
  AvgPool2d(const Shape& input, int kernel, int stride = 0);

  const Matrix& forward(const Matrix& x, bool training, Rng& rng) override;
  const Matrix& backward(const Matrix& dy) override;
  // Throws std::invalid_argument unless input is the shape given at construction.
  Shape outputShape(const Shape& input) const override;
  std::string kind() const override { return "avg_pool2d"; }

  int kernel() const { return kernel_; }
  int stride() const { return stride_; }

 private:
  Shape in_;
  Shape out_;
  int kernel_;
  int stride_;
  Matrix y_;
  Matrix dx_;
};

}  // namespace engine
