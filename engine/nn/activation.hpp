// Elementwise activations, as torch.nn.ReLU / LeakyReLU / Tanh / Sigmoid / Identity.
//   relu(x) = max(x, 0)               relu'(x) = 1 if x > 0 else 0  (relu'(0) = 0, as PyTorch)
//   leakyRelu(x) = x if x > 0 else a·x  derivative 1 if x > 0 else a  (a = slope ∈ [0, 1])
//   tanh' = 1 − y²     sigmoid' = y(1 − y)   (from the saved output y)
//   sigmoid(x) = 1/(1 + e^−x) for x ≥ 0, e^x/(1 + e^x) for x < 0 (never overflows)
// Derivatives are taken from the saved output: with a ≥ 0, y > 0 exactly when x > 0.
// Linear is the identity: forward returns its input and backward its dy, without a copy.
#pragma once

#include <string>

#include "nn/layer.hpp"

namespace engine {

enum class ActivationKind { Relu, LeakyRelu, Tanh, Sigmoid, Linear };

// "relu" | "leakyRelu" | "tanh" | "sigmoid" | "linear" (the spec's names); throws
// std::invalid_argument naming the allowed values otherwise.
ActivationKind parseActivation(const std::string& name);
// The spec's name of a kind ("leakyRelu").
std::string activationName(ActivationKind kind);

class Activation : public Layer {
 public:
  // slope is the leaky relu's negative slope, ignored by the other kinds; must be in [0, 1].
  explicit Activation(ActivationKind kind, double slope = 0.01);

  const Matrix& forward(const Matrix& x, bool training, Rng& rng) override;
  const Matrix& backward(const Matrix& dy) override;
  Shape outputShape(const Shape& input) const override { return input; }
  // "relu", "leaky_relu", "tanh", "sigmoid", "linear".
  std::string kind() const override;

  ActivationKind activation() const { return kind_; }
  double slope() const { return slope_; }

 private:
  ActivationKind kind_;
  Scalar slope_;
  Matrix y_;
  Matrix dx_;
};

}  // namespace engine
