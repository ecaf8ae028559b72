// Inverted dropout, as torch.nn.Dropout (1.13).
//   training, rate p > 0: y = x ⊙ mask,  mask_ij = 1/(1 − p) with probability 1 − p, else 0
//   eval, or p = 0:       y = x (forward returns its input and backward its dy, no copy)
//   backward:             dx = dy ⊙ mask (the mask of the last forward)
// The mask is drawn from the Rng passed to forward, one 32-bit draw per entry in row-major
// order (unit dropped when the draw is below p·2³²). p = 1 drops everything (zeros, as
// PyTorch). setRate changes p between steps (a schedule can raise it mid-run).
// Srivastava et al. 2014.
#pragma once

#include <string>

#include "nn/layer.hpp"

namespace engine {

class Dropout : public Layer {
 public:
  // rate in [0, 1]; throws std::invalid_argument otherwise.
  explicit Dropout(double rate = 0.0);

  const Matrix& forward(const Matrix& x, bool training, Rng& rng) override;
  const Matrix& backward(const Matrix& dy) override;
  Shape outputShape(const Shape& input) const override { return input; }
  std::string kind() const override { return "dropout"; }

  double rate() const { return rate_; }
  void setRate(double rate);
  // The scaled mask of the last training forward (0 or 1/(1 − p) per entry).
  const Matrix& mask() const { return mask_; }

 private:
  double rate_;
  bool identity_ = true;  // the last forward was the identity
  Matrix mask_;
  Matrix y_;
  Matrix dx_;
};

}  // namespace engine
