#include "loss/mse.hpp"

namespace engine {

double MseLoss::value(const Matrix& z, const Matrix& y) const {
  eigen_assert(z.rows() == y.rows() && z.cols() == y.cols());
  if (z.size() == 0) return 0.0;
  // Accumulate in double: the loss curve is what the user reads.
  return (z.cast<double>() - y.cast<double>()).squaredNorm() / static_cast<double>(z.size());
}

void MseLoss::gradient(const Matrix& z, const Matrix& y, Matrix& dz) const {
  eigen_assert(z.rows() == y.rows() && z.cols() == y.cols());
  dz.resize(z.rows(), z.cols());
  if (z.size() == 0) return;
  const auto scale = static_cast<Scalar>(2.0 / static_cast<double>(z.size()));
  dz.noalias() = scale * (z - y);
}

void MseLoss::predict(const Matrix& z, Matrix& out) const {
  out.resize(z.rows(), z.cols());
  out = z;
}

}  // namespace engine
