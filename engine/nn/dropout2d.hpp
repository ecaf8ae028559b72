// Spatial (channel) dropout, as torch.nn.Dropout2d (1.13) on an N × C × H × W batch, rows
// flattened in NCHW order (Shape C × H × W): whole channels are zeroed per sample.
//   training, rate p > 0: y[n][c][·][·] = x[n][c][·][·] · keep[n][c]/(1 − p),
//                         keep[n][c] = 1 with probability 1 − p, else 0
//   eval, or p = 0:       y = x (forward returns its input and backward its dy, no copy)
//   backward:             dx = dy ⊙ mask (the mask of the last forward)
// The mask is drawn from the Rng passed to forward: one 32-bit draw per (sample, channel) in
// row-major order, the channel dropped when the draw is below p·2³² (as Dropout). p = 1 drops
// everything (zeros, as PyTorch). forwardWithMask takes the keep mask instead of drawing it
// (tests replay a PyTorch mask through it). Tompson et al. 2015, "Efficient object
// localization using convolutional networks".
#pragma once

#include <string>

#include "nn/layer.hpp"

namespace engine {

class Dropout2d : public Layer {
 public:
  // rate in [0, 1]; throws std::invalid_argument otherwise.
  Dropout2d(const Shape& input, double rate = 0.0);

  const Matrix& forward(const Matrix& x, bool training, Rng& rng) override;
  // The training forward with a given keep mask (N × C, entries 0 or 1) instead of a drawn one.
  const Matrix& forwardWithMask(const Matrix& x, const Matrix& keep);
  const Matrix& backward(const Matrix& dy) override;
  // Throws std::invalid_argument unless input is the shape given at construction.
  Shape outputShape(const Shape& input) const override;
  std::string kind() const override { return "dropout2d"; }

  double rate() const { return rate_; }
  void setRate(double rate);
  // The scaled channel mask of the last training forward: N × C, 0 or 1/(1 − p).
  const Matrix& mask() const { return mask_; }

 private:
  void applyMask(const Matrix& x);

  Shape in_;
  double rate_;
  bool identity_ = true;  // the last forward was the identity
  Matrix mask_;
  Matrix y_;
  Matrix dx_;
};

}  // namespace engine
