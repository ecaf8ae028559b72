#include "nn/max_pool2d.hpp"

#include <cmath>
#include <stdexcept>

namespace engine {

namespace {

std::string describe(const Shape& s) {
  return std::to_string(s.channels) + "x" + std::to_string(s.height) + "x" +
         std::to_string(s.width);
}

}  // namespace

MaxPool2d::MaxPool2d(const Shape& input, int kernel, int stride)
    : in_(input), kernel_(kernel), stride_(stride == 0 ? kernel : stride) {
  if (kernel < 1 || stride < 0 || input.channels < 1 || kernel > input.height ||
      kernel > input.width) {
    throw std::invalid_argument("max_pool2d: kernel " + std::to_string(kernel) + ", stride " +
                                std::to_string(stride) + " do not fit the input " +
                                describe(input));
  }
  out_.channels = input.channels;
  out_.height = (input.height - kernel_) / stride_ + 1;
  out_.width = (input.width - kernel_) / stride_ + 1;
}

Shape MaxPool2d::outputShape(const Shape& input) const {
  if (!(input == in_)) {
    throw std::invalid_argument("max_pool2d: built for " + describe(in_) + " inputs, got " +
                                describe(input));
  }
  return out_;
}

const Matrix& MaxPool2d::forward(const Matrix& x, bool /*training*/, Rng& /*rng*/) {
  eigen_assert(x.cols() == in_.size());
  const Index N = x.rows();
  const int C = in_.channels, H = in_.height, W = in_.width;
  const int OH = out_.height, OW = out_.width, k = kernel_, s = stride_;
  y_.resize(N, out_.size());
  argmax_.resize(static_cast<std::size_t>(N * out_.size()));
  int* arg = argmax_.data();
  for (Index n = 0; n < N; ++n) {
    const Scalar* xin = x.row(n).data();
    Scalar* yout = y_.row(n).data();
    for (int c = 0; c < C; ++c) {
      const int base = c * H * W;
      for (int i = 0; i < OH; ++i) {
        for (int j = 0; j < OW; ++j) {
          int best = base + (i * s) * W + j * s;
          Scalar bestValue = xin[best];
          for (int u = 0; u < k; ++u) {
            const int rowStart = base + (i * s + u) * W + j * s;
            for (int v = 0; v < k; ++v) {
              const Scalar value = xin[rowStart + v];
              // Strictly greater: the first maximum in row-major order wins ties (torch).
              // Written as selects (value != value is NaN) so it compiles without branches.
              const bool take = value > bestValue || value != value;
              bestValue = take ? value : bestValue;
              best = take ? rowStart + v : best;
            }
          }
          *yout++ = bestValue;
          *arg++ = best;
        }
      }
    }
  }
  return y_;
}

const Matrix& MaxPool2d::backward(const Matrix& dy) {
  const Index N = dy.rows();
  eigen_assert(dy.cols() == out_.size() &&
               static_cast<std::size_t>(N * out_.size()) == argmax_.size());
  dx_.resize(N, in_.size());
  dx_.setZero();
  const int* arg = argmax_.data();
  const Index outSize = out_.size();
  for (Index n = 0; n < N; ++n) {
    const Scalar* d = dy.row(n).data();
    Scalar* dst = dx_.row(n).data();
    for (Index o = 0; o < outSize; ++o) dst[*arg++] += d[o];
  }
  return dx_;
}

}  // namespace engine
