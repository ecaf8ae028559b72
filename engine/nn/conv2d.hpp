// 2-D convolution (cross-correlation), as torch.nn.Conv2d (1.13) with zero padding, dilation 1,
// groups 1, on a batch whose rows are images flattened in NCHW order (Shape C × H × W).
//   y[n][o][i][j] = b[o] + Σ_{c,u,v} W[o][c][u][v] · x[n][c][i·s + u − p][j·s + v − p]
//   x = 0 outside the image;  OH = ⌊(H + 2p − kh)/s⌋ + 1,  OW = ⌊(W + 2p − kw)/s⌋ + 1
// Implementation (im2col, Chellapilla et al. 2006): the patches of the whole batch become the
// columns of X̃ (K × N·P, K = C·kh·kw, P = OH·OW, row k = (c, u, v), column n·P + i·OW + j), then
//   forward:  Ỹ = W X̃ (+ b per row)      one GEMM, Ỹ: out × N·P, copied into NCHW rows
//   backward: ∂W += dỸ X̃ᵀ,  ∂b += Σ_cols dỸ,  dX̃ = Wᵀ dỸ, then col2im sums dX̃ back onto dx
// Params "layers.<k>.weight" (role Weight), out × (C·kh·kw): torch's [out][in][kh][kw] weight
// row-major, so setting / reading it is torch's flat layout; "layers.<k>.bias" (role Bias),
// 1 × out. k = index of this layer among the model's trainable layers (conv and dense). Values
// start at zero: initialize() fills W (nn/init.hpp's initializeConv, fan_in = C·kh·kw).
// No allocation once the batch size is stable. The input is referenced, not copied (as Dense).
// LeCun et al. 1989, "Backpropagation applied to handwritten zip code recognition".
#pragma once

#include <string>
#include <vector>

#include "nn/init.hpp"
#include "nn/layer.hpp"

namespace engine {

struct Conv2dOptions {
  int outChannels = 1;
  int kernelH = 3;
  int kernelW = 3;
  int stride = 1;    // both directions
  int padding = 0;   // zeros, on all four sides
  bool bias = true;  // false: as torch.nn.Conv2d(bias=False) (before BatchNorm2d)
};

class Conv2d : public Layer {
 public:
  // Throws std::invalid_argument for non-positive sizes or a kernel larger than the padded
  // input.
  Conv2d(const Shape& input, const Conv2dOptions& options, int layerIndex);

  const Matrix& forward(const Matrix& x, bool training, Rng& rng) override;
  const Matrix& backward(const Matrix& dy) override;
  // Throws std::invalid_argument unless input is the shape given at construction.
  Shape outputShape(const Shape& input) const override;
  std::vector<Param*> params() override {
    if (!options_.bias) return {&weight_};
    return {&weight_, &bias_};
  }
  std::string kind() const override { return "conv2d"; }

  // Fills W with an initialiser of nn/init (fan_in = C·kh·kw, fan_out = out·kh·kw).
  void initialize(InitKind kind, Rng& rng);

  const Shape& inputShape() const { return in_; }
  const Shape& outputShape() const { return out_; }
  const Conv2dOptions& options() const { return options_; }
  int layerIndex() const { return layerIndex_; }
  bool hasBias() const { return options_.bias; }
  Param& weight() { return weight_; }
  Param& bias() { return bias_; }

  // When false, backward skips dX̃ and col2im and returns an empty matrix (the first layer of a
  // model: nobody needs dLoss/dInput). Model::add sets this only for a first Dense, so a model
  // that starts with a convolution sets it by hand.
  void setPropagateGradient(bool on) { propagate_ = on; }
  bool propagatesGradient() const { return propagate_; }

 private:
  void im2col(const Matrix& x);
  void col2im();

  Shape in_;
  Shape out_;
  Conv2dOptions options_;
  int layerIndex_;
  bool propagate_ = true;
  Param weight_;
  Param bias_;
  Index batch_ = -1;  // the batch size the buffers are sized for
  Matrix cols_;       // X̃: K × N·P
  Matrix ybig_;       // Ỹ (forward), then dỸ (backward): out × N·P
  Matrix dcols_;      // dX̃: K × N·P
  Matrix y_;
  Matrix dx_;
};

}  // namespace engine
