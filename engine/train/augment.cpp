#include "train/augment.hpp"

namespace engine {

void addJitter(Matrix& x, double sigma, Rng& rng) {
  if (sigma <= 0.0) return;
  Scalar* data = x.data();
  for (Index i = 0; i < x.size(); ++i) data[i] += static_cast<Scalar>(sigma * rng.normal());
}

void Mixup::apply(Matrix& x, Matrix& y, double alpha, Rng& rng) {
  if (alpha <= 0.0 || x.rows() < 2) {
    lambda_ = 1.0;
    return;
  }
  lambda_ = rng.beta(alpha, alpha);
  const auto lam = static_cast<Scalar>(lambda_);
  rng.permutation(partner_, static_cast<int>(x.rows()));
  xCopy_ = x;
  yCopy_ = y;
  for (Index i = 0; i < x.rows(); ++i) {
    const Index j = partner_[static_cast<std::size_t>(i)];
    x.row(i) = lam * xCopy_.row(i) + (Scalar(1) - lam) * xCopy_.row(j);
    y.row(i) = lam * yCopy_.row(i) + (Scalar(1) - lam) * yCopy_.row(j);
  }
}

}  // namespace engine
