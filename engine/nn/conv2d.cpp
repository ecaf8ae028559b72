#include "nn/conv2d.hpp"

#include <algorithm>
#include <stdexcept>

namespace engine {

namespace {

std::string describe(const Shape& s) {
  return std::to_string(s.channels) + "x" + std::to_string(s.height) + "x" +
         std::to_string(s.width);
}

// Output positions j (0 ≤ j < outSize) whose input index j·stride + offset lies in [0, size):
// [first, last). Everything outside reads the zero padding.
void validRange(int outSize, int size, int stride, int offset, int& first, int& last) {
  first = 0;
  while (first < outSize && first * stride + offset < 0) ++first;
  last = outSize;
  while (last > first && (last - 1) * stride + offset >= size) --last;
}

}  // namespace

Conv2d::Conv2d(const Shape& input, const Conv2dOptions& options, int layerIndex)
    : in_(input), options_(options), layerIndex_(layerIndex) {
  const Conv2dOptions& o = options;
  if (input.channels < 1 || input.height < 1 || input.width < 1 || o.outChannels < 1 ||
      o.kernelH < 1 || o.kernelW < 1 || o.stride < 1 || o.padding < 0) {
    throw std::invalid_argument(
        "conv2d: channels, sizes, kernel and stride must be >= 1 and padding >= 0 (input " +
        describe(input) + ", out " + std::to_string(o.outChannels) + ", kernel " +
        std::to_string(o.kernelH) + "x" + std::to_string(o.kernelW) + ", stride " +
        std::to_string(o.stride) + ", padding " + std::to_string(o.padding) + ")");
  }
  if (o.kernelH > input.height + 2 * o.padding || o.kernelW > input.width + 2 * o.padding) {
    throw std::invalid_argument("conv2d: kernel " + std::to_string(o.kernelH) + "x" +
                                std::to_string(o.kernelW) + " is larger than the padded input " +
                                describe(input));
  }
  out_.channels = o.outChannels;
  out_.height = (input.height + 2 * o.padding - o.kernelH) / o.stride + 1;
  out_.width = (input.width + 2 * o.padding - o.kernelW) / o.stride + 1;

  const int k = input.channels * o.kernelH * o.kernelW;
  const std::string prefix = "layers." + std::to_string(layerIndex) + ".";
  weight_.name = prefix + "weight";
  weight_.role = ParamRole::Weight;
  weight_.layer = layerIndex;
  weight_.value = Matrix::Zero(o.outChannels, k);
  weight_.grad = Matrix::Zero(o.outChannels, k);
  bias_.name = prefix + "bias";
  bias_.role = ParamRole::Bias;
  bias_.layer = layerIndex;
  bias_.value = Matrix::Zero(o.bias ? 1 : 0, o.bias ? o.outChannels : 0);
  bias_.grad = Matrix::Zero(o.bias ? 1 : 0, o.bias ? o.outChannels : 0);
}

void Conv2d::initialize(InitKind kind, Rng& rng) {
  initializeConv(weight_.value, kind, options_.kernelH * options_.kernelW, rng);
}

Shape Conv2d::outputShape(const Shape& input) const {
  if (!(input == in_)) {
    throw std::invalid_argument("conv2d layer " + std::to_string(layerIndex_) + ": built for " +
                                describe(in_) + " inputs, got " + describe(input));
  }
  return out_;
}

// X̃(k, n·P + i·OW + j) = x[n][c][i·s + u − p][j·s + v − p], k = (c·kh + u)·kw + v.
void Conv2d::im2col(const Matrix& x) {
  const int H = in_.height, W = in_.width, OH = out_.height, OW = out_.width;
  const int s = options_.stride, pad = options_.padding;
  const int kh = options_.kernelH, kw = options_.kernelW;
  const Index P = static_cast<Index>(OH) * OW;
  const Index N = x.rows();
  const Index plane = static_cast<Index>(H) * W;
  for (int c = 0; c < in_.channels; ++c) {
    for (int u = 0; u < kh; ++u) {
      int iFirst, iLast;
      validRange(OH, H, s, u - pad, iFirst, iLast);
      for (int v = 0; v < kw; ++v) {
        int jFirst, jLast;
        validRange(OW, W, s, v - pad, jFirst, jLast);
        Scalar* row = cols_.row((c * kh + u) * kw + v).data();
        for (Index n = 0; n < N; ++n) {
          const Scalar* xin = x.row(n).data() + c * plane;
          Scalar* dst = row + n * P;
          for (int i = 0; i < OH; ++i) {
            Scalar* d = dst + static_cast<Index>(i) * OW;
            if (i < iFirst || i >= iLast) {
              for (int j = 0; j < OW; ++j) d[j] = Scalar(0);
              continue;
            }
            // Input row i·s + u − p; output column j reads its column j·s + v − p.
            const Scalar* src = xin + static_cast<Index>(i * s + u - pad) * W;
            for (int j = 0; j < jFirst; ++j) d[j] = Scalar(0);
            // A plain loop, not std::copy: rows are a few values long, shorter than a memmove
            // call costs.
            if (s == 1) {
              const Scalar* from = src + v - pad;
              for (int j = jFirst; j < jLast; ++j) d[j] = from[j];
            } else {
              for (int j = jFirst; j < jLast; ++j) d[j] = src[j * s + v - pad];
            }
            for (int j = jLast; j < OW; ++j) d[j] = Scalar(0);
          }
        }
      }
    }
  }
}

// The adjoint of im2col: every X̃ entry adds onto the input pixel it was read from.
void Conv2d::col2im() {
  const int H = in_.height, W = in_.width, OH = out_.height, OW = out_.width;
  const int s = options_.stride, pad = options_.padding;
  const int kh = options_.kernelH, kw = options_.kernelW;
  const Index P = static_cast<Index>(OH) * OW;
  const Index N = dx_.rows();
  const Index plane = static_cast<Index>(H) * W;
  dx_.setZero();
  for (int c = 0; c < in_.channels; ++c) {
    for (int u = 0; u < kh; ++u) {
      int iFirst, iLast;
      validRange(OH, H, s, u - pad, iFirst, iLast);
      for (int v = 0; v < kw; ++v) {
        int jFirst, jLast;
        validRange(OW, W, s, v - pad, jFirst, jLast);
        const Scalar* row = dcols_.row((c * kh + u) * kw + v).data();
        for (Index n = 0; n < N; ++n) {
          Scalar* xout = dx_.row(n).data() + c * plane;
          const Scalar* srcRow = row + n * P;
          for (int i = iFirst; i < iLast; ++i) {
            const Scalar* d = srcRow + static_cast<Index>(i) * OW;
            Scalar* dst = xout + static_cast<Index>(i * s + u - pad) * W;
            for (int j = jFirst; j < jLast; ++j) dst[j * s + v - pad] += d[j];
          }
        }
      }
    }
  }
}

const Matrix& Conv2d::forward(const Matrix& x, bool /*training*/, Rng& /*rng*/) {
  eigen_assert(x.cols() == in_.size());
  const Index N = x.rows();
  const Index K = weight_.value.cols();
  const Index P = static_cast<Index>(out_.height) * out_.width;
  const Index O = out_.channels;
  if (N != batch_) {
    cols_.resize(K, N * P);
    ybig_.resize(O, N * P);
    y_.resize(N, O * P);
    batch_ = N;
  }
  im2col(x);
  ybig_.noalias() = weight_.value * cols_;
  if (options_.bias) ybig_.colwise() += bias_.value.row(0).transpose();
  for (Index n = 0; n < N; ++n) {
    Eigen::Map<Matrix>(y_.row(n).data(), O, P) = ybig_.middleCols(n * P, P);
  }
  return y_;
}

const Matrix& Conv2d::backward(const Matrix& dy) {
  const Index N = dy.rows();
  const Index K = weight_.value.cols();
  const Index P = static_cast<Index>(out_.height) * out_.width;
  const Index O = out_.channels;
  eigen_assert(N == batch_ && dy.cols() == O * P);
  for (Index n = 0; n < N; ++n) {
    ybig_.middleCols(n * P, P) = Eigen::Map<const Matrix>(dy.row(n).data(), O, P);
  }
  weight_.grad.noalias() += ybig_ * cols_.transpose();
  if (options_.bias) bias_.grad.row(0) += ybig_.rowwise().sum().transpose();
  if (!propagate_) {
    dx_.resize(0, in_.size());
    return dx_;
  }
  dcols_.resize(K, N * P);
  dcols_.noalias() = weight_.value.transpose() * ybig_;
  dx_.resize(N, in_.size());
  col2im();
  return dx_;
}

}  // namespace engine
