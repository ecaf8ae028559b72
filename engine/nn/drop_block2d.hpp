// DropBlock, as torchvision.ops.drop_block2d(x, p, block_size, inplace=False, eps, training)
// (torchvision 0.14), on rows that are images flattened in NCHW order (Shape C × H × W): drops
// contiguous b × b blocks of each channel instead of single units (Ghiasi, Lin & Le, NeurIPS
// 2018, "DropBlock: A regularization method for convolutional networks").
//   γ = p·H·W / (b²·(H − b + 1)·(W − b + 1))      (the paper's eq. 1 with p = 1 − keep_prob)
//   seeds: s[n][c][i][j] ~ Bernoulli(γ) on the valid region 0 ≤ i ≤ H − b, 0 ≤ j ≤ W − b (the
//          blocks then lie wholly inside the map)
//   block mask: M[n][c][y][x] = 0 if some seed has i ≤ y < i + b and j ≤ x < j + b, else 1
//          (torchvision pads the seed map by b/2 and max-pools it with a b × b window, stride 1,
//          padding b/2: for odd b that is exactly the b × b block whose top-left is the seed)
//   y = x ⊙ M · numel(M)/(ε + Σ M)     one scale for the WHOLE batch (all samples and channels)
//   eval, or p = 0: y = x (forward returns its input and backward its dy, no copy)
//   backward: dx = dy ⊙ M · scale (M and the scale of the last forward; no gradient through
//          the scale, which does not depend on x)
// Seeds are drawn from the Rng passed to forward: one 32-bit draw per valid position in
// row-major (n, c, i, j) order, a seed when the draw is below γ·2³². forwardWithSeeds takes the
// seed map instead (tests replay torchvision's Bernoulli draws through it).
// block_size must be odd and ≤ min(H, W): torchvision 0.14 clamps b to min(b, H, W) and then
// fails for an even b (its padded max-pool yields an (H + 2) × (W + 2) mask); the engine
// rejects those sizes up front. γ ≤ p always (b(H − b + 1) ≥ H for 1 ≤ b ≤ H).
// Scheduled DropBlock (paper §3): keep_prob falls linearly from 1 to its target over training;
// each step, setRate(1 − dropBlockKeepProb(step, rampSteps, targetKeepProb)).
#pragma once

#include <string>

#include "nn/layer.hpp"

namespace engine {

// keep_prob(t) = 1 − (1 − target)·min(t, T)/T for T = rampSteps > 0 (1 at t = 0, the target
// from t = T on); the target at once when T ≤ 0. step < 0 counts as 0. Throws
// std::invalid_argument unless target is in [0, 1].
double dropBlockKeepProb(long step, long rampSteps, double targetKeepProb);

class DropBlock2d : public Layer {
 public:
  // rate p in [0, 1]; blockSize odd, 1 ≤ b ≤ min(H, W); eps > 0. Throws std::invalid_argument
  // otherwise.
  DropBlock2d(const Shape& input, double rate, int blockSize, double eps = 1e-6);

  const Matrix& forward(const Matrix& x, bool training, Rng& rng) override;
  // The training forward with a given seed map: N × C·(H − b + 1)·(W − b + 1), entries 0 or 1,
  // row-major (c, i, j) per sample, as torchvision's `noise` before padding.
  const Matrix& forwardWithSeeds(const Matrix& x, const Matrix& seeds);
  const Matrix& backward(const Matrix& dy) override;
  // Throws std::invalid_argument unless input is the shape given at construction.
  Shape outputShape(const Shape& input) const override;
  std::string kind() const override { return "drop_block2d"; }

  double rate() const { return rate_; }
  void setRate(double rate);
  int blockSize() const { return block_; }
  double eps() const { return eps_; }
  // γ for the current rate.
  double seedProbability() const;
  // After a training forward: the seed map, the 0/1 block mask M (N × C·H·W) and the scale
  // numel(M)/(ε + Σ M).
  const Matrix& seeds() const { return seeds_; }
  const Matrix& blockMask() const { return keep_; }
  double scale() const { return scale_; }

 private:
  Shape in_;
  double rate_;
  int block_;
  double eps_;
  bool identity_ = true;
  double scale_ = 1.0;
  Matrix seeds_;
  Matrix keep_;
  Matrix y_;
  Matrix dx_;
};

}  // namespace engine
