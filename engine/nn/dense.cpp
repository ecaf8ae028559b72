#include "nn/dense.hpp"

#include <stdexcept>

namespace engine {

Dense::Dense(int in, int out, int layerIndex, bool hasBias)
    : in_(in), out_(out), layerIndex_(layerIndex), hasBias_(hasBias) {
  if (in < 1 || out < 1) {
    throw std::invalid_argument("dense layer: inputs and outputs must be >= 1, got " +
                                std::to_string(in) + " x " + std::to_string(out));
  }
  const std::string prefix = "layers." + std::to_string(layerIndex) + ".";
  weight_.name = prefix + "weight";
  weight_.role = ParamRole::Weight;
  weight_.layer = layerIndex;
  weight_.value = Matrix::Zero(out, in);
  weight_.grad = Matrix::Zero(out, in);
  bias_.name = prefix + "bias";
  bias_.role = ParamRole::Bias;
  bias_.layer = layerIndex;
  // Without a bias the member stays empty (0 × 0) so nothing can read a stale value.
  bias_.value = Matrix::Zero(hasBias ? 1 : 0, hasBias ? out : 0);
  bias_.grad = Matrix::Zero(hasBias ? 1 : 0, hasBias ? out : 0);
}

const Matrix& Dense::forward(const Matrix& x, bool /*training*/, Rng& /*rng*/) {
  eigen_assert(x.cols() == in_);
  x_ = &x;
  y_.resize(x.rows(), out_);  // no-op once the batch size is stable
  // y = x Wᵀ, then + b on every row: one GEMM into our buffer, no temporary.
  y_.noalias() = x * weight_.value.transpose();
  if (hasBias_) y_.rowwise() += bias_.value.row(0);
  return y_;
}

const Matrix& Dense::backward(const Matrix& dy) {
  eigen_assert(x_ != nullptr && dy.rows() == x_->rows() && dy.cols() == out_);
  weight_.grad.noalias() += dy.transpose() * (*x_);
  if (hasBias_) bias_.grad.row(0).noalias() += dy.colwise().sum();
  if (!propagate_) {
    dx_.resize(0, in_);
    return dx_;
  }
  dx_.resize(dy.rows(), in_);
  dx_.noalias() = dy * weight_.value;
  return dx_;
}

Shape Dense::outputShape(const Shape& input) const {
  if (input.size() != in_) {
    throw std::invalid_argument("dense layer " + std::to_string(layerIndex_) + ": expects " +
                                std::to_string(in_) + " inputs, got " +
                                std::to_string(input.size()));
  }
  return Shape::vector(out_);
}

}  // namespace engine
