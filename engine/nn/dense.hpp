// Fully connected layer, as torch.nn.Linear (PyTorch 1.13).
//   forward:  y = x Wᵀ + b                    x: batch × in, W: out × in ([out][in] as PyTorch)
//   backward: ∂W += dyᵀ x,  ∂b += Σ_rows dy,  dx = dy W   (parameter gradients accumulate)
// Params "layers.<k>.weight" (role Weight) and "layers.<k>.bias" (role Bias), k = index of this
// dense layer among the model's dense layers. Values start at zero; nn/init.hpp fills W.
// The input of forward is referenced, not copied: it must stay alive and unchanged until
// backward (the Model keeps its own copy of the batch; every other input is a layer's buffer).
#pragma once

#include <string>
#include <vector>

#include "nn/layer.hpp"

namespace engine {

class Dense : public Layer {
 public:
  // hasBias = false: y = x Wᵀ only, as torch.nn.Linear(bias=False) (used before BatchNorm).
  Dense(int in, int out, int layerIndex, bool hasBias = true);

  const Matrix& forward(const Matrix& x, bool training, Rng& rng) override;
  const Matrix& backward(const Matrix& dy) override;
  Shape outputShape(const Shape& input) const override;
  std::vector<Param*> params() override {
    if (!hasBias_) return {&weight_};
    return {&weight_, &bias_};
  }
  bool hasBias() const { return hasBias_; }
  std::string kind() const override { return "dense"; }

  int inputs() const { return in_; }
  int outputs() const { return out_; }
  int layerIndex() const { return layerIndex_; }
  Param& weight() { return weight_; }
  Param& bias() { return bias_; }
  const Param& weight() const { return weight_; }
  const Param& bias() const { return bias_; }

  // When false, backward skips dx = dy W and returns an empty matrix (the first layer of a
  // model: nobody needs dLoss/dInput, and that product is a third of the layer's backward cost).
  void setPropagateGradient(bool on) { propagate_ = on; }
  bool propagatesGradient() const { return propagate_; }

 private:
  int in_;
  int out_;
  int layerIndex_;
  bool hasBias_ = true;
  bool propagate_ = true;
  Param weight_;
  Param bias_;
  const Matrix* x_ = nullptr;  // input of the last forward
  Matrix y_;
  Matrix dx_;
};

}  // namespace engine
