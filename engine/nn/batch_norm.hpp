// Batch normalisation over the batch dimension, per feature, as torch.nn.BatchNorm1d (1.13).
//   training: μ = mean_rows x,  σ² = mean_rows (x − μ)² (biased),  x̂ = (x − μ)/√(σ² + ε),
//             y = γ x̂ + β;  running ← (1 − m)·running + m·batch, running_var from the
//             UNBIASED σ²·n/(n − 1)
//   eval:     x̂ = (x − running_mean)/√(running_var + ε)
//   backward (training, through the batch statistics):
//             dx = (γ/(n√(σ² + ε)))·(n·dy − Σ dy − x̂·Σ(dy ⊙ x̂)),  ∂γ += Σ dy ⊙ x̂,  ∂β += Σ dy
// Params "layers.<k>.bnScale" (γ, role NormScale, init 1), "layers.<k>.bnShift" (β, NormShift,
// init 0), k = index of the dense layer it follows. Running stats start at mean 0, var 1.
// A batch of one row in training mode (PyTorch raises): normalised with the running stats, as
// in eval mode, and the running stats are left unchanged (the variance of one sample is
// undefined). Ioffe & Szegedy 2015.
#pragma once

#include <string>
#include <vector>

#include "nn/layer.hpp"

namespace engine {

class BatchNorm : public Layer {
 public:
  BatchNorm(int features, int layerIndex, double momentum = 0.1, double eps = 1e-5);

  const Matrix& forward(const Matrix& x, bool training, Rng& rng) override;
  const Matrix& backward(const Matrix& dy) override;
  Shape outputShape(const Shape& input) const override { return input; }
  std::vector<Param*> params() override { return {&gamma_, &beta_}; }
  std::string kind() const override { return "batch_norm"; }

  int features() const { return features_; }
  int layerIndex() const { return layerIndex_; }
  double momentum() const { return momentum_; }
  double eps() const { return eps_; }
  Param& gamma() { return gamma_; }
  Param& beta() { return beta_; }
  RowVector& runningMean() { return runningMean_; }
  RowVector& runningVar() { return runningVar_; }
  const RowVector& runningMean() const { return runningMean_; }
  const RowVector& runningVar() const { return runningVar_; }

 private:
  int features_;
  int layerIndex_;
  double momentum_;
  double eps_;
  Param gamma_;
  Param beta_;
  RowVector runningMean_;
  RowVector runningVar_;
  bool batchStats_ = false;  // the last forward normalised with batch statistics
  RowVector mean_;           // the statistics the last forward normalised with
  RowVector invStd_;         // 1/√(σ² + ε)
  RowVector sumDy_;
  RowVector sumDyXhat_;
  Matrix xhat_;
  Matrix y_;
  Matrix dx_;
};

}  // namespace engine
