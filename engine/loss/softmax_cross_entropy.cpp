#include "loss/softmax_cross_entropy.hpp"

#include <cmath>

namespace engine {

double SoftmaxCrossEntropyLoss::value(const Matrix& z, const Matrix& y) const {
  eigen_assert(z.rows() == y.rows() && z.cols() == y.cols());
  const Index B = z.rows();
  if (B == 0 || z.cols() == 0) return 0.0;
  double sum = 0.0;
  for (Index i = 0; i < B; ++i) {
    const auto zi = z.row(i).cast<double>();
    const auto yi = y.row(i).cast<double>();
    // Shift by the max so no exponent overflows.
    const double m = zi.maxCoeff();
    const double lse = m + std::log((zi.array() - m).exp().sum());
    // Σ_k y_k (lse − z_k), written without forming log-softmax.
    sum += lse * yi.sum() - yi.dot(zi);
  }
  return sum / static_cast<double>(B);
}

void SoftmaxCrossEntropyLoss::gradient(const Matrix& z, const Matrix& y, Matrix& dz) const {
  eigen_assert(z.rows() == y.rows() && z.cols() == y.cols());
  dz.resize(z.rows(), z.cols());
  const Index B = z.rows();
  if (B == 0 || z.cols() == 0) return;
  const auto invB = static_cast<Scalar>(1.0 / static_cast<double>(B));
  for (Index i = 0; i < B; ++i) {
    auto g = dz.row(i);
    g.array() = (z.row(i).array() - z.row(i).maxCoeff()).exp();
    // softmax · Σy − y: the targets' total mass multiplies the softmax term (1 for one-hot).
    const Scalar scale = y.row(i).sum() / g.sum();
    g.array() = (g.array() * scale - y.row(i).array()) * invB;
  }
}

void SoftmaxCrossEntropyLoss::predict(const Matrix& z, Matrix& out) const {
  out.resize(z.rows(), z.cols());
  for (Index i = 0; i < z.rows(); ++i) {
    auto p = out.row(i);
    p.array() = (z.row(i).array() - z.row(i).maxCoeff()).exp();
    p /= p.sum();
  }
}

}  // namespace engine
