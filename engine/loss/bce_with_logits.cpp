#include "loss/bce_with_logits.hpp"

#include <algorithm>
#include <cmath>

namespace engine {
namespace {

// σ(z) without overflow: e = e^−|z| ≤ 1; 1/(1+e) for z ≥ 0, e/(1+e) for z < 0.
void stableSigmoid(const Matrix& z, Matrix& out) {
  out.resize(z.rows(), z.cols());
  auto O = out.array();
  O = (-z.array().abs()).exp();
  O = (z.array() >= Scalar(0)).select((Scalar(1) + O).inverse(), O / (Scalar(1) + O));
}

}  // namespace

double BceWithLogitsLoss::value(const Matrix& z, const Matrix& y) const {
  eigen_assert(z.rows() == y.rows() && z.cols() == y.cols());
  if (z.size() == 0) return 0.0;
  double sum = 0.0;
  const Scalar* zd = z.data();
  const Scalar* yd = y.data();
  for (Index i = 0; i < z.size(); ++i) {
    const double zi = zd[i];
    const double yi = yd[i];
    sum += std::max(zi, 0.0) - zi * yi + std::log1p(std::exp(-std::abs(zi)));
  }
  return sum / static_cast<double>(z.size());
}

void BceWithLogitsLoss::gradient(const Matrix& z, const Matrix& y, Matrix& dz) const {
  eigen_assert(z.rows() == y.rows() && z.cols() == y.cols());
  stableSigmoid(z, dz);
  if (z.size() == 0) return;
  const auto inv = static_cast<Scalar>(1.0 / static_cast<double>(z.size()));
  dz.array() = (dz.array() - y.array()) * inv;
}

void BceWithLogitsLoss::predict(const Matrix& z, Matrix& out) const { stableSigmoid(z, out); }

}  // namespace engine
