#include "nn/avg_pool2d.hpp"

#include <stdexcept>

namespace engine {

namespace {

std::string describe(const Shape& s) {
  return std::to_string(s.channels) + "x" + std::to_string(s.height) + "x" +
         std::to_string(s.width);
}

}  // namespace

AvgPool2d::AvgPool2d(const Shape& input, int kernel, int stride)
    : in_(input), kernel_(kernel), stride_(stride == 0 ? kernel : stride) {
  if (kernel < 1 || stride < 0 || input.channels < 1 || kernel > input.height ||
      kernel > input.width) {
    throw std::invalid_argument("avg_pool2d: kernel " + std::to_string(kernel) + ", stride " +
                                std::to_string(stride) + " do not fit the input " +
                                describe(input));
  }
  out_.channels = input.channels;
  out_.height = (input.height - kernel_) / stride_ + 1;
  out_.width = (input.width - kernel_) / stride_ + 1;
}

Shape AvgPool2d::outputShape(const Shape& input) const {
  if (!(input == in_)) {
    throw std::invalid_argument("avg_pool2d: built for " + describe(in_) + " inputs, got " +
                                describe(input));
  }
  return out_;
}

const Matrix& AvgPool2d::forward(const Matrix& x, bool /*training*/, Rng& /*rng*/) {
  eigen_assert(x.cols() == in_.size());
  const Index N = x.rows();
  const int C = in_.channels, H = in_.height, W = in_.width;
  const int OH = out_.height, OW = out_.width, k = kernel_, s = stride_;
  const Scalar inv = Scalar(1) / static_cast<Scalar>(k * k);
  y_.resize(N, out_.size());
  for (Index n = 0; n < N; ++n) {
    const Scalar* xin = x.row(n).data();
    Scalar* yout = y_.row(n).data();
    for (int c = 0; c < C; ++c) {
      const Scalar* plane = xin + c * H * W;
      for (int i = 0; i < OH; ++i) {
        for (int j = 0; j < OW; ++j) {
          Scalar sum = 0;
          for (int u = 0; u < k; ++u) {
            const Scalar* row = plane + (i * s + u) * W + j * s;
            for (int v = 0; v < k; ++v) sum += row[v];
          }
          *yout++ = sum * inv;
        }
      }
    }
  }
  return y_;
}

const Matrix& AvgPool2d::backward(const Matrix& dy) {
  const Index N = dy.rows();
  eigen_assert(dy.cols() == out_.size());
  const int C = in_.channels, H = in_.height, W = in_.width;
  const int OH = out_.height, OW = out_.width, k = kernel_, s = stride_;
  const Scalar inv = Scalar(1) / static_cast<Scalar>(k * k);
  dx_.resize(N, in_.size());
  dx_.setZero();
  for (Index n = 0; n < N; ++n) {
    const Scalar* d = dy.row(n).data();
    Scalar* dxn = dx_.row(n).data();
    for (int c = 0; c < C; ++c) {
      Scalar* plane = dxn + c * H * W;
      for (int i = 0; i < OH; ++i) {
        for (int j = 0; j < OW; ++j) {
          const Scalar g = *d++ * inv;
          for (int u = 0; u < k; ++u) {
            Scalar* row = plane + (i * s + u) * W + j * s;
            for (int v = 0; v < k; ++v) row[v] += g;
          }
        }
      }
    }
  }
  return dx_;
}

}  // namespace engine
