#include "nn/activation.hpp"

#include <stdexcept>

namespace engine {

ActivationKind parseActivation(const std::string& name) {
  if (name == "relu") return ActivationKind::Relu;
  if (name == "leakyRelu") return ActivationKind::LeakyRelu;
  if (name == "tanh") return ActivationKind::Tanh;
  if (name == "sigmoid") return ActivationKind::Sigmoid;
  if (name == "linear") return ActivationKind::Linear;
  throw std::invalid_argument(
      "activation: must be one of: relu, leakyRelu, tanh, sigmoid, "
      "linear, got \"" +
      name + "\"");
}

std::string activationName(ActivationKind kind) {
  switch (kind) {
    case ActivationKind::Relu: return "relu";
    case ActivationKind::LeakyRelu: return "leakyRelu";
    case ActivationKind::Tanh: return "tanh";
    case ActivationKind::Sigmoid: return "sigmoid";
    case ActivationKind::Linear: return "linear";
  }
  return "linear";
}

Activation::Activation(ActivationKind kind, double slope)
    : kind_(kind), slope_(static_cast<Scalar>(slope)) {
  // The derivative is read from the output's sign, which needs a ≥ 0.
  if (!(slope >= 0.0 && slope <= 1.0)) {
    throw std::invalid_argument("model.leakySlope: must be in [0, 1], got " +
                                std::to_string(slope));
  }
}

std::string Activation::kind() const {
  switch (kind_) {
    case ActivationKind::Relu: return "relu";
    case ActivationKind::LeakyRelu: return "leaky_relu";
    case ActivationKind::Tanh: return "tanh";
    case ActivationKind::Sigmoid: return "sigmoid";
    case ActivationKind::Linear: return "linear";
  }
  return "linear";
}

const Matrix& Activation::forward(const Matrix& x, bool /*training*/, Rng& /*rng*/) {
  if (kind_ == ActivationKind::Linear) return x;
  y_.resize(x.rows(), x.cols());
  auto X = x.array();
  auto Y = y_.array();
  switch (kind_) {
    case ActivationKind::Relu: Y = X.max(Scalar(0)); break;
    case ActivationKind::LeakyRelu: Y = (X > Scalar(0)).select(X, slope_ * X); break;
    case ActivationKind::Tanh: Y = X.tanh(); break;
    case ActivationKind::Sigmoid:
      // e = e^−|x| ≤ 1 never overflows; σ = 1/(1+e) for x ≥ 0 and e/(1+e) for x < 0.
      Y = (-X.abs()).exp();
      Y = (X >= Scalar(0)).select((Scalar(1) + Y).inverse(), Y / (Scalar(1) + Y));
      break;
    case ActivationKind::Linear: break;
  }
  return y_;
}

const Matrix& Activation::backward(const Matrix& dy) {
  if (kind_ == ActivationKind::Linear) return dy;
  eigen_assert(dy.rows() == y_.rows() && dy.cols() == y_.cols());
  dx_.resize(dy.rows(), dy.cols());
  auto D = dy.array();
  auto Y = y_.array();
  auto DX = dx_.array();
  switch (kind_) {
    case ActivationKind::Relu:
      // y > 0 ⇔ x > 0, so relu'(0) = 0 as in PyTorch.
      DX = (Y > Scalar(0)).select(D, Scalar(0));
      break;
    case ActivationKind::LeakyRelu: DX = (Y > Scalar(0)).select(D, slope_ * D); break;
    case ActivationKind::Tanh: DX = D * (Scalar(1) - Y.square()); break;
    case ActivationKind::Sigmoid: DX = D * Y * (Scalar(1) - Y); break;
    case ActivationKind::Linear: break;
  }
  return dx_;
}

}  // namespace engine
