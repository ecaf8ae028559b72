#include "nn/dropout2d.hpp"

#include <cmath>
#include <cstdint>
#include <stdexcept>

namespace engine {

namespace {

std::string describe(const Shape& s) {
  return std::to_string(s.channels) + "x" + std::to_string(s.height) + "x" +
         std::to_string(s.width);
}

}  // namespace

Dropout2d::Dropout2d(const Shape& input, double rate) : in_(input), rate_(0.0) {
  if (input.channels < 1 || input.height < 1 || input.width < 1) {
    throw std::invalid_argument("dropout2d: empty input shape " + describe(input));
  }
  setRate(rate);
}

void Dropout2d::setRate(double rate) {
  if (!(rate >= 0.0 && rate <= 1.0)) {
    throw std::invalid_argument("dropout2d: rate must be in [0, 1], got " + std::to_string(rate));
  }
  rate_ = rate;
}

Shape Dropout2d::outputShape(const Shape& input) const {
  if (!(input == in_)) {
    throw std::invalid_argument("dropout2d: built for " + describe(in_) + " inputs, got " +
                                describe(input));
  }
  return input;
}

const Matrix& Dropout2d::forward(const Matrix& x, bool training, Rng& rng) {
  identity_ = !training || rate_ == 0.0;
  if (identity_) return x;
  eigen_assert(x.cols() == in_.size());
  mask_.resize(x.rows(), in_.channels);
  // One 32-bit draw per (sample, channel): dropped when below p·2³² (p = 1 drops all; the
  // scale is then irrelevant and set to 0, never inf).
  const auto threshold = static_cast<std::uint64_t>(std::ldexp(rate_, 32));
  const Scalar keepScale = rate_ < 1.0 ? static_cast<Scalar>(1.0 / (1.0 - rate_)) : Scalar(0);
  Scalar* m = mask_.data();
  for (Index i = 0; i < mask_.size(); ++i) {
    m[i] = static_cast<std::uint64_t>(rng.nextU32()) < threshold ? Scalar(0) : keepScale;
  }
  applyMask(x);
  return y_;
}

const Matrix& Dropout2d::forwardWithMask(const Matrix& x, const Matrix& keep) {
  if (keep.rows() != x.rows() || keep.cols() != in_.channels) {
    throw std::invalid_argument("dropout2d: the keep mask must be batch x channels");
  }
  identity_ = false;
  const Scalar keepScale = rate_ < 1.0 ? static_cast<Scalar>(1.0 / (1.0 - rate_)) : Scalar(0);
  mask_.resize(x.rows(), in_.channels);
  for (Index i = 0; i < mask_.size(); ++i) {
    mask_.data()[i] = keep.data()[i] != Scalar(0) ? keepScale : Scalar(0);
  }
  applyMask(x);
  return y_;
}

// y = x ⊙ mask, the mask broadcast over each channel's plane ((N·C) × HW view).
void Dropout2d::applyMask(const Matrix& x) {
  const Index N = x.rows();
  const Index NC = N * in_.channels;
  const Index HW = static_cast<Index>(in_.height) * in_.width;
  y_.resize(N, in_.size());
  Eigen::Map<const Matrix> xp(x.data(), NC, HW);
  Eigen::Map<Matrix> yp(y_.data(), NC, HW);
  yp.noalias() = Eigen::Map<const Vector>(mask_.data(), NC).asDiagonal() * xp;
}

const Matrix& Dropout2d::backward(const Matrix& dy) {
  if (identity_) return dy;
  const Index N = dy.rows();
  const Index NC = N * in_.channels;
  const Index HW = static_cast<Index>(in_.height) * in_.width;
  eigen_assert(N == mask_.rows() && dy.cols() == in_.size());
  dx_.resize(N, in_.size());
  Eigen::Map<const Matrix> dp(dy.data(), NC, HW);
  Eigen::Map<Matrix> dxp(dx_.data(), NC, HW);
  dxp.noalias() = Eigen::Map<const Vector>(mask_.data(), NC).asDiagonal() * dp;
  return dx_;
}

}  // namespace engine
