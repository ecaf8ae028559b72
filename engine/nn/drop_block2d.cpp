#include "nn/drop_block2d.hpp"

#include <algorithm>
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

double dropBlockKeepProb(long step, long rampSteps, double targetKeepProb) {
  if (!(targetKeepProb >= 0.0 && targetKeepProb <= 1.0)) {
    throw std::invalid_argument("dropBlockKeepProb: target keep_prob must be in [0, 1], got " +
                                std::to_string(targetKeepProb));
  }
  if (rampSteps <= 0) return targetKeepProb;
  const double t = static_cast<double>(std::min(std::max(step, 0L), rampSteps));
  return 1.0 - (1.0 - targetKeepProb) * t / static_cast<double>(rampSteps);
}

DropBlock2d::DropBlock2d(const Shape& input, double rate, int blockSize, double eps)
    : in_(input), rate_(0.0), block_(blockSize), eps_(eps) {
  if (input.channels < 1 || input.height < 1 || input.width < 1) {
    throw std::invalid_argument("drop_block2d: empty input shape " + describe(input));
  }
  if (blockSize < 1 || blockSize % 2 == 0 || blockSize > std::min(input.height, input.width)) {
    throw std::invalid_argument("drop_block2d: block size must be odd and between 1 and " +
                                std::to_string(std::min(input.height, input.width)) + " for a " +
                                describe(input) + " input, got " + std::to_string(blockSize));
  }
  if (!(eps > 0.0)) {
    throw std::invalid_argument("drop_block2d: eps must be > 0, got " + std::to_string(eps));
  }
  setRate(rate);
}

void DropBlock2d::setRate(double rate) {
  if (!(rate >= 0.0 && rate <= 1.0)) {
    throw std::invalid_argument("drop_block2d: rate must be in [0, 1], got " +
                                std::to_string(rate));
  }
  rate_ = rate;
}

double DropBlock2d::seedProbability() const {
  const double H = in_.height, W = in_.width, b = block_;
  return rate_ * H * W / (b * b * (H - b + 1) * (W - b + 1));
}

Shape DropBlock2d::outputShape(const Shape& input) const {
  if (!(input == in_)) {
    throw std::invalid_argument("drop_block2d: built for " + describe(in_) + " inputs, got " +
                                describe(input));
  }
  return input;
}

const Matrix& DropBlock2d::forward(const Matrix& x, bool training, Rng& rng) {
  identity_ = !training || rate_ == 0.0;
  if (identity_) return x;
  const Index seedCols =
      static_cast<Index>(in_.channels) * (in_.height - block_ + 1) * (in_.width - block_ + 1);
  seeds_.resize(x.rows(), seedCols);
  // γ ≤ p ≤ 1, so the threshold fits in 64 bits; γ = 1 seeds everywhere.
  const auto threshold = static_cast<std::uint64_t>(std::ldexp(seedProbability(), 32));
  Scalar* s = seeds_.data();
  for (Index i = 0; i < seeds_.size(); ++i) {
    s[i] = static_cast<std::uint64_t>(rng.nextU32()) < threshold ? Scalar(1) : Scalar(0);
  }
  return forwardWithSeeds(x, seeds_);
}

const Matrix& DropBlock2d::forwardWithSeeds(const Matrix& x, const Matrix& seeds) {
  const int C = in_.channels, H = in_.height, W = in_.width, b = block_;
  const int SH = H - b + 1, SW = W - b + 1;
  const Index N = x.rows();
  if (x.cols() != in_.size() || seeds.rows() != N ||
      seeds.cols() != static_cast<Index>(C) * SH * SW) {
    throw std::invalid_argument("drop_block2d: the seed map must be batch x C(H-b+1)(W-b+1)");
  }
  identity_ = false;
  keep_.resize(N, in_.size());
  keep_.setOnes();
  for (Index n = 0; n < N; ++n) {
    const Scalar* sn = seeds.row(n).data();
    Scalar* kn = keep_.row(n).data();
    for (int c = 0; c < C; ++c) {
      Scalar* plane = kn + c * H * W;
      for (int i = 0; i < SH; ++i) {
        for (int j = 0; j < SW; ++j) {
          if (*sn++ == Scalar(0)) continue;
          for (int u = 0; u < b; ++u) std::fill_n(plane + (i + u) * W + j, b, Scalar(0));
        }
      }
    }
  }
  // Σ M counts kept entries: exact in float up to 2²⁴.
  const double kept = static_cast<double>(keep_.sum());
  scale_ = static_cast<double>(keep_.size()) / (eps_ + kept);
  y_.resize(N, in_.size());
  y_.array() = x.array() * keep_.array() * static_cast<Scalar>(scale_);
  if (&seeds != &seeds_) {
    seeds_.resize(seeds.rows(), seeds.cols());
    seeds_ = seeds;
  }
  return y_;
}

const Matrix& DropBlock2d::backward(const Matrix& dy) {
  if (identity_) return dy;
  eigen_assert(dy.rows() == keep_.rows() && dy.cols() == keep_.cols());
  dx_.resize(dy.rows(), dy.cols());
  dx_.array() = dy.array() * keep_.array() * static_cast<Scalar>(scale_);
  return dx_;
}

}  // namespace engine
