// Batch normalisation per channel of a feature map, as torch.nn.BatchNorm2d (1.13), on rows
// that are images flattened in NCHW order (Shape C × H × W). Statistics run over the
// m = N·H·W entries of each channel:
//   training: μ_c = mean x[·][c][·][·],  σ²_c = mean (x − μ_c)² (biased),
//             x̂ = (x − μ_c)/√(σ²_c + ε),  y = γ_c x̂ + β_c;
//             running ← (1 − momentum)·running + momentum·batch, running_var from the
//             UNBIASED σ²_c·m/(m − 1)
//   eval:     x̂ = (x − running_mean_c)/√(running_var_c + ε)
//   backward (training): dx = (γ_c/(m√(σ²_c + ε)))·(m·dy − Σ dy − x̂·Σ(dy ⊙ x̂)), sums over the
//             channel's m entries;  ∂γ_c += Σ dy ⊙ x̂,  ∂β_c += Σ dy
// A training batch with m = 1 (one sample of a 1 × 1 map; PyTorch raises) is normalised with
// the running statistics, which stay unchanged, as BatchNorm (nn/batch_norm.hpp).
// It IS a BatchNorm (same γ/β params "layers.<k>.bnScale" / "bnShift", roles NormScale /
// NormShift, one per channel; running mean 0 / var 1 per channel; same momentum and ε checks),
// with forward and backward replaced: so Model::batchNormLayers(), snapshot() and restore()
// carry its running statistics with no change to the Model. Ioffe & Szegedy 2015.
#pragma once

#include <string>

#include "nn/batch_norm.hpp"

namespace engine {

class BatchNorm2d : public BatchNorm {
 public:
  BatchNorm2d(const Shape& input, int layerIndex, double momentum = 0.1, double eps = 1e-5);

  const Matrix& forward(const Matrix& x, bool training, Rng& rng) override;
  const Matrix& backward(const Matrix& dy) override;
  // Throws std::invalid_argument unless input is the shape given at construction.
  Shape outputShape(const Shape& input) const override;
  std::string kind() const override { return "batch_norm2d"; }

  const Shape& inputShape() const { return in_; }

 private:
  Shape in_;
  bool batchStats2d_ = false;  // the last forward normalised with batch statistics
  RowVector mean2d_;           // per channel: the statistics the last forward used
  RowVector invStd2d_;         // 1/√(σ² + ε)
  RowVector scale2d_;          // γ·invStd (forward), then the dx factor (backward)
  RowVector sumDy2d_;
  RowVector sumDyXhat2d_;
  Matrix xhat2d_;
  Matrix y2d_;
  Matrix dx2d_;
};

}  // namespace engine
