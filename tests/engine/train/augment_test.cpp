#include <catch2/catch.hpp>

#include "train/augment.hpp"

namespace engine {

TEST_CASE("Mixup forms the same convex combination of inputs and targets", "[augment]") {
  Matrix x(6, 2);
  Matrix y = Matrix::Zero(6, 3);
  for (int i = 0; i < 6; ++i) {
    x(i, 0) = static_cast<Scalar>(i);
    x(i, 1) = static_cast<Scalar>(10 * i);
    y(i, i % 3) = 1;
  }
  const Matrix x0 = x;
  const Matrix y0 = y;
  Rng rng(5);
  Mixup mixup;
  mixup.apply(x, y, 0.4, rng);
  const double lam = mixup.lastLambda();
  REQUIRE(lam > 0.0);
  REQUIRE(lam < 1.0);
  for (int i = 0; i < 6; ++i) {
    // Recover the partner from the first column, then check every column and the target.
    const double partner = (x(i, 0) - lam * x0(i, 0)) / (1 - lam);
    const int j = static_cast<int>(std::lround(partner));
    REQUIRE(std::abs(partner - j) < 1e-4);
    CHECK(x(i, 1) == Approx(lam * x0(i, 1) + (1 - lam) * x0(j, 1)).epsilon(1e-5));
    for (int c = 0; c < 3; ++c)
      CHECK(y(i, c) == Approx(lam * y0(i, c) + (1 - lam) * y0(j, c)).margin(1e-6));
    CHECK(y.row(i).sum() == Approx(1.0));
  }
}

TEST_CASE("Mixup with α = 0 and jitter with σ = 0 change nothing", "[augment]") {
  Matrix x = Matrix::Constant(3, 2, 1.5);
  Matrix y = Matrix::Ones(3, 1);
  Rng rng(1);
  Mixup mixup;
  mixup.apply(x, y, 0.0, rng);
  addJitter(x, 0.0, rng);
  CHECK(x == Matrix::Constant(3, 2, 1.5));
}

TEST_CASE("Jitter adds zero-mean noise of the requested std", "[augment]") {
  Matrix x = Matrix::Zero(200, 50);
  Rng rng(9);
  addJitter(x, 0.3, rng);
  const double mean = x.mean();
  const double var = (x.array() - mean).square().mean();
  CHECK(std::abs(mean) < 0.01);  // 10,000 draws: std of the mean 0.003
  CHECK(std::sqrt(var) == Approx(0.3).epsilon(0.02));
}

}  // namespace engine
