#include "nn/batch_norm2d.hpp"

#include <stdexcept>

namespace engine {

namespace {

std::string describe(const Shape& s) {
  return std::to_string(s.channels) + "x" + std::to_string(s.height) + "x" +
         std::to_string(s.width);
}

}  // namespace

BatchNorm2d::BatchNorm2d(const Shape& input, int layerIndex, double momentum, double eps)
    : BatchNorm(input.channels, layerIndex, momentum, eps), in_(input) {
  if (input.height < 1 || input.width < 1) {
    throw std::invalid_argument("batch_norm2d: empty input shape " + describe(input));
  }
  const Index C = input.channels;
  mean2d_ = RowVector::Zero(C);
  invStd2d_ = RowVector::Ones(C);
  scale2d_ = RowVector::Zero(C);
  sumDy2d_ = RowVector::Zero(C);
  sumDyXhat2d_ = RowVector::Zero(C);
}

Shape BatchNorm2d::outputShape(const Shape& input) const {
  if (!(input == in_)) {
    throw std::invalid_argument("batch_norm2d: built for " + describe(in_) + " inputs, got " +
                                describe(input));
  }
  return input;
}

// The batch as an (N·C) × HW matrix (row-major storage: one plane per row, channel = row % C).
const Matrix& BatchNorm2d::forward(const Matrix& x, bool training, Rng& /*rng*/) {
  eigen_assert(x.cols() == in_.size());
  const Index N = x.rows();
  const Index C = in_.channels;
  const Index HW = static_cast<Index>(in_.height) * in_.width;
  const Index m = N * HW;
  xhat2d_.resize(N, in_.size());
  y2d_.resize(N, in_.size());
  Eigen::Map<const Matrix> xp(x.data(), N * C, HW);
  Eigen::Map<Matrix> hp(xhat2d_.data(), N * C, HW);
  Eigen::Map<Matrix> yp(y2d_.data(), N * C, HW);
  const auto eps = static_cast<Scalar>(this->eps());

  batchStats2d_ = training && m > 1;
  if (batchStats2d_) {
    mean2d_.setZero();
    for (Index r = 0; r < N * C; ++r) mean2d_(r % C) += xp.row(r).sum();
    mean2d_ /= static_cast<Scalar>(m);
    invStd2d_.setZero();  // holds σ² until the rsqrt below
    for (Index r = 0; r < N * C; ++r) {
      hp.row(r).array() = xp.row(r).array() - mean2d_(r % C);
      invStd2d_(r % C) += hp.row(r).squaredNorm();
    }
    invStd2d_ /= static_cast<Scalar>(m);
    const auto mom = static_cast<Scalar>(momentum());
    const Scalar unbias = static_cast<Scalar>(m) / static_cast<Scalar>(m - 1);
    runningMean() = (Scalar(1) - mom) * runningMean() + mom * mean2d_;
    runningVar() = (Scalar(1) - mom) * runningVar() + (mom * unbias) * invStd2d_;
    invStd2d_ = (invStd2d_.array() + eps).rsqrt().matrix();
    for (Index r = 0; r < N * C; ++r) hp.row(r) *= invStd2d_(r % C);
  } else {
    mean2d_ = runningMean();
    invStd2d_ = (runningVar().array() + eps).rsqrt().matrix();
    for (Index r = 0; r < N * C; ++r) {
      hp.row(r).array() = (xp.row(r).array() - mean2d_(r % C)) * invStd2d_(r % C);
    }
  }
  const Matrix& g = gamma().value;
  const Matrix& b = beta().value;
  for (Index r = 0; r < N * C; ++r) {
    yp.row(r).array() = hp.row(r).array() * g(0, r % C) + b(0, r % C);
  }
  return y2d_;
}

const Matrix& BatchNorm2d::backward(const Matrix& dy) {
  const Index N = dy.rows();
  const Index C = in_.channels;
  const Index HW = static_cast<Index>(in_.height) * in_.width;
  eigen_assert(N == xhat2d_.rows() && dy.cols() == in_.size());
  Eigen::Map<const Matrix> dp(dy.data(), N * C, HW);
  Eigen::Map<const Matrix> hp(xhat2d_.data(), N * C, HW);
  sumDy2d_.setZero();
  sumDyXhat2d_.setZero();
  for (Index r = 0; r < N * C; ++r) {
    sumDy2d_(r % C) += dp.row(r).sum();
    sumDyXhat2d_(r % C) += dp.row(r).dot(hp.row(r));
  }
  gamma().grad.row(0) += sumDyXhat2d_;
  beta().grad.row(0) += sumDy2d_;

  dx2d_.resize(N, in_.size());
  Eigen::Map<Matrix> dxp(dx2d_.data(), N * C, HW);
  const auto g = gamma().value.row(0);
  if (batchStats2d_) {
    // μ and σ² depend on every entry of the channel, hence the two mean-subtracted terms.
    const auto m = static_cast<Scalar>(N * HW);
    scale2d_.array() = g.array() * invStd2d_.array() / m;
    for (Index r = 0; r < N * C; ++r) {
      const Index c = r % C;
      dxp.row(r).array() =
          scale2d_(c) * (m * dp.row(r).array() - sumDy2d_(c) - hp.row(r).array() * sumDyXhat2d_(c));
    }
  } else {
    // Fixed statistics: an affine map per channel.
    scale2d_.array() = g.array() * invStd2d_.array();
    for (Index r = 0; r < N * C; ++r) dxp.row(r) = dp.row(r) * scale2d_(r % C);
  }
  return dx2d_;
}

}  // namespace engine
