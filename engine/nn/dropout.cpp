#include "nn/dropout.hpp"

#include <cmath>
#include <stdexcept>

namespace engine {

Dropout::Dropout(double rate) : rate_(0.0) { setRate(rate); }

void Dropout::setRate(double rate) {
  if (!(rate >= 0.0 && rate <= 1.0)) {
    throw std::invalid_argument("dropout: rate must be in [0, 1], got " + std::to_string(rate));
  }
  rate_ = rate;
}

const Matrix& Dropout::forward(const Matrix& x, bool training, Rng& rng) {
  identity_ = !training || rate_ == 0.0;
  if (identity_) return x;

  mask_.resize(x.rows(), x.cols());
  y_.resize(x.rows(), x.cols());
  // Drop when a 32-bit draw is below p·2³²: one draw per unit. ldexp(p, 32) ≤ 2³² fits in
  // uint64; p = 1 drops everything (the scale is then irrelevant and set to 0, never inf).
  const auto threshold = static_cast<std::uint64_t>(std::ldexp(rate_, 32));
  const Scalar keepScale = rate_ < 1.0 ? static_cast<Scalar>(1.0 / (1.0 - rate_)) : Scalar(0);
  Scalar* m = mask_.data();
  const Index size = mask_.size();
  for (Index i = 0; i < size; ++i) {
    m[i] = static_cast<std::uint64_t>(rng.nextU32()) < threshold ? Scalar(0) : keepScale;
  }
  y_.array() = x.array() * mask_.array();
  return y_;
}

const Matrix& Dropout::backward(const Matrix& dy) {
  if (identity_) return dy;
  eigen_assert(dy.rows() == mask_.rows() && dy.cols() == mask_.cols());
  dx_.resize(dy.rows(), dy.cols());
  dx_.array() = dy.array() * mask_.array();
  return dx_;
}

}  // namespace engine
