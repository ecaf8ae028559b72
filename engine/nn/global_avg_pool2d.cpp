#include "nn/global_avg_pool2d.hpp"

#include <stdexcept>

namespace engine {

namespace {

std::string describe(const Shape& s) {
  return std::to_string(s.channels) + "x" + std::to_string(s.height) + "x" +
         std::to_string(s.width);
}

}  // namespace

GlobalAvgPool2d::GlobalAvgPool2d(const Shape& input) : in_(input) {
  if (input.channels < 1 || input.height < 1 || input.width < 1) {
    throw std::invalid_argument("global_avg_pool2d: empty input shape " + describe(input));
  }
}

Shape GlobalAvgPool2d::outputShape(const Shape& input) const {
  if (!(input == in_)) {
    throw std::invalid_argument("global_avg_pool2d: built for " + describe(in_) + " inputs, got " +
                                describe(input));
  }
  return Shape::vector(in_.channels);
}

const Matrix& GlobalAvgPool2d::forward(const Matrix& x, bool /*training*/, Rng& /*rng*/) {
  eigen_assert(x.cols() == in_.size());
  const Index N = x.rows();
  const Index C = in_.channels;
  const Index plane = static_cast<Index>(in_.height) * in_.width;
  y_.resize(N, C);
  // Row-major storage: the batch is also an (N·C) × HW matrix with one plane per row, and the
  // N × C output is the (N·C)-vector of plane means.
  Eigen::Map<const Matrix> planes(x.data(), N * C, plane);
  Eigen::Map<Vector>(y_.data(), N * C).noalias() = planes.rowwise().mean();
  return y_;
}

const Matrix& GlobalAvgPool2d::backward(const Matrix& dy) {
  const Index N = dy.rows();
  const Index C = in_.channels;
  const Index plane = static_cast<Index>(in_.height) * in_.width;
  eigen_assert(dy.cols() == C);
  dx_.resize(N, in_.size());
  Eigen::Map<Matrix> planes(dx_.data(), N * C, plane);
  const Scalar inv = Scalar(1) / static_cast<Scalar>(plane);
  planes.colwise() = Eigen::Map<const Vector>(dy.data(), N * C) * inv;
  return dx_;
}

}  // namespace engine
