// Max pooling, as torch.nn.MaxPool2d(kernel, stride) (1.13) with padding 0, dilation 1 and
// ceil_mode False, on rows that are images flattened in NCHW order (Shape C × H × W).
//   y[n][c][i][j] = max_{0≤u,v<k} x[n][c][i·s + u][j·s + v],  OH = ⌊(H − k)/s⌋ + 1 (OW alike)
//   backward: dy[n][c][i][j] goes to the window's argmax (adding up where windows overlap)
// Ties (pinned, as torch's CPU kernel): the argmax is the FIRST maximum in row-major window
// order (top row first, left to right): an entry replaces the running maximum only when
// strictly greater, or when it is NaN (a NaN in the window wins, as torch). Checked against
// torch on inputs with plateaus (tests/golden/make_cnn_golden.py).
// stride 0 means stride = kernel (torch's default). No parameters; no allocation once the
// batch size is stable. Ranzato et al. 2007; Boureau, Ponce & LeCun 2010.
#pragma once

#include <string>
#include <vector>

#include "nn/layer.hpp"

namespace engine {

class MaxPool2d : public Layer {
 public:
  // Throws std::invalid_argument for kernel < 1, stride < 0 or a kernel larger than the input.
  MaxPool2d(const Shape& input, int kernel, int stride = 0);

  const Matrix& forward(const Matrix& x, bool training, Rng& rng) override;
  const Matrix& backward(const Matrix& dy) override;
  // Throws std::invalid_argument unless input is the shape given at construction.
  Shape outputShape(const Shape& input) const override;
  std::string kind() const override { return "max_pool2d"; }

  int kernel() const { return kernel_; }
  int stride() const { return stride_; }
  // For each output entry of the last forward (row-major, N × C·OH·OW), the index within its
  // sample's row (c·H·W + y·W + x) of the input entry it came from.
  const std::vector<int>& argmax() const { return argmax_; }

 private:
  Shape in_;
  Shape out_;
  int kernel_;
  int stride_;
  std::vector<int> argmax_;
  Matrix y_;
  Matrix dx_;
};

}  // namespace engine
