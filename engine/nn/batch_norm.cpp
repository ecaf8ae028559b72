#include "nn/batch_norm.hpp"

#include <stdexcept>

namespace engine {

BatchNorm::BatchNorm(int features, int layerIndex, double momentum, double eps)
    : features_(features), layerIndex_(layerIndex), momentum_(momentum), eps_(eps) {
  if (features < 1) {
    throw std::invalid_argument("batch norm: features must be >= 1, got " +
                                std::to_string(features));
  }
  if (!(momentum >= 0.0 && momentum <= 1.0)) {
    throw std::invalid_argument("model.batchNormMomentum: must be in [0, 1], got " +
                                std::to_string(momentum));
  }
  if (!(eps > 0.0)) {
    throw std::invalid_argument("model.batchNormEps: must be > 0, got " + std::to_string(eps));
  }
  const std::string prefix = "layers." + std::to_string(layerIndex) + ".";
  gamma_.name = prefix + "bnScale";
  gamma_.role = ParamRole::NormScale;
  gamma_.layer = layerIndex;
  gamma_.value = Matrix::Ones(1, features);
  gamma_.grad = Matrix::Zero(1, features);
  beta_.name = prefix + "bnShift";
  beta_.role = ParamRole::NormShift;
  beta_.layer = layerIndex;
  beta_.value = Matrix::Zero(1, features);
  beta_.grad = Matrix::Zero(1, features);
  runningMean_ = RowVector::Zero(features);
  runningVar_ = RowVector::Ones(features);
  mean_ = RowVector::Zero(features);
  invStd_ = RowVector::Ones(features);
  sumDy_ = RowVector::Zero(features);
  sumDyXhat_ = RowVector::Zero(features);
}

const Matrix& BatchNorm::forward(const Matrix& x, bool training, Rng& /*rng*/) {
  eigen_assert(x.cols() == features_);
  const Index n = x.rows();
  xhat_.resize(n, features_);
  y_.resize(n, features_);
  const auto eps = static_cast<Scalar>(eps_);

  // One row has no variance: fall back to the running statistics (see the header).
  batchStats_ = training && n > 1;
  if (batchStats_) {
    mean_.noalias() = x.colwise().mean();
    xhat_.noalias() = x.rowwise() - mean_;
    // Biased variance normalises (as PyTorch); invStd_ holds σ² until the next line.
    invStd_.noalias() = xhat_.colwise().squaredNorm() / static_cast<Scalar>(n);
    const auto m = static_cast<Scalar>(momentum_);
    const Scalar unbias = static_cast<Scalar>(n) / static_cast<Scalar>(n - 1);
    runningMean_ = (Scalar(1) - m) * runningMean_ + m * mean_;
    runningVar_ = (Scalar(1) - m) * runningVar_ + (m * unbias) * invStd_;
    invStd_ = (invStd_.array() + eps).rsqrt().matrix();
    xhat_.array().rowwise() *= invStd_.array();
  } else {
    mean_ = runningMean_;
    invStd_ = (runningVar_.array() + eps).rsqrt().matrix();
    xhat_.noalias() = x.rowwise() - mean_;
    xhat_.array().rowwise() *= invStd_.array();
  }
  y_.array() = (xhat_.array().rowwise() * gamma_.value.row(0).array()).rowwise() +
               beta_.value.row(0).array();
  return y_;
}

const Matrix& BatchNorm::backward(const Matrix& dy) {
  eigen_assert(dy.rows() == xhat_.rows() && dy.cols() == features_);
  const Index n = dy.rows();
  sumDy_.noalias() = dy.colwise().sum();
  sumDyXhat_.noalias() = dy.cwiseProduct(xhat_).colwise().sum();
  gamma_.grad.row(0) += sumDyXhat_;
  beta_.grad.row(0) += sumDy_;

  dx_.resize(n, features_);
  if (batchStats_) {
    // μ and σ² depend on every row, hence the two mean-subtracted terms.
    const auto nS = static_cast<Scalar>(n);
    dx_.array() = (nS * dy.array()).rowwise() - sumDy_.array();
    dx_.array() -= xhat_.array().rowwise() * sumDyXhat_.array();
    dx_.array().rowwise() *= gamma_.value.row(0).array() * invStd_.array() / nS;
  } else {
    // Fixed statistics: an affine map per feature.
    dx_.array() = dy.array().rowwise() * (gamma_.value.row(0).array() * invStd_.array());
  }
  return dx_;
}

}  // namespace engine
