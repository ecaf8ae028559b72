#include <catch2/catch.hpp>

#include <cmath>
#include <stdexcept>

#include "nn/dropout.hpp"

using namespace engine;

namespace {

Matrix ramp(Index rows, Index cols) {
  Matrix x(rows, cols);
  for (Index i = 0; i < x.size(); ++i) x.data()[i] = static_cast<Scalar>(0.01 * (i % 97) + 0.5);
  return x;
}

}  // namespace

TEST_CASE("Dropout is the identity in eval mode, and at rate 0 in training mode", "[nn]") {
  const Matrix x = ramp(7, 5);
  Rng rng(3);
  Dropout eval(0.5);
  CHECK(eval.forward(x, false, rng) == x);
  Matrix dy = ramp(7, 5) * 2;
  CHECK(eval.backward(dy) == dy);
  Dropout off(0.0);
  CHECK(off.forward(x, true, rng) == x);
  CHECK(off.backward(dy) == dy);
}

TEST_CASE(
    "Dropout drops a fraction ≈ rate and scales kept units by 1/(1 − p), so the mean "
    "output ≈ the input (inverted dropout, as torch.nn.Dropout)",
    "[nn]") {
  const double p = 0.3;
  const Index rows = 1000, cols = 1000;  // n = 10⁶ units
  const double n = static_cast<double>(rows * cols);
  const Matrix x = Matrix::Constant(rows, cols, 2.0f);
  Dropout d(p);
  Rng rng(11);
  const Matrix& y = d.forward(x, true, rng);
  double dropped = 0, sum = 0;
  bool onlyTwoValues = true;
  for (Index i = 0; i < y.size(); ++i) {
    const double v = y.data()[i];
    if (v == 0.0) {
      ++dropped;
    } else if (std::abs(v - 2.0 / (1.0 - p)) > 1e-5) {
      onlyTwoValues = false;
    }
    sum += v;
  }
  CHECK(onlyTwoValues);
  // Binomial: sd of the fraction √(p(1−p)/n) ≈ 4.6e-4, of the mean 2√(p/(1−p))/√n ≈ 1.3e-3.
  // The bounds are over 10 sd wide: they cannot flake, and a wrong rate or scale fails them.
  CHECK(std::abs(dropped / n - p) < 0.005);
  CHECK(std::abs(sum / n - 2.0) < 0.015);
}

TEST_CASE("Dropout backward multiplies by the forward's mask", "[nn]") {
  const Matrix x = ramp(20, 9);
  Dropout d(0.4);
  Rng rng(5);
  const Matrix y = d.forward(x, true, rng);
  const Matrix dy = Matrix::Constant(20, 9, 3.0f);
  const Matrix dx = d.backward(dy);
  int kept = 0;
  for (Index i = 0; i < x.size(); ++i) {
    if (y.data()[i] == 0) {
      CHECK(dx.data()[i] == 0);
    } else {
      ++kept;
      CHECK(dx.data()[i] == Approx(3.0 / 0.6));
      CHECK(y.data()[i] == Approx(x.data()[i] / 0.6));
    }
  }
  CHECK(kept > 0);
  CHECK(kept < x.size());
}

TEST_CASE("Dropout's mask comes from the Rng passed in, so the same seed gives the same mask",
          "[nn]") {
  const Matrix x = ramp(30, 10);
  Dropout d(0.5);
  Rng a(9), b(9), c(10);
  const Matrix ya = d.forward(x, true, a);
  const Matrix yb = d.forward(x, true, b);
  const Matrix yc = d.forward(x, true, c);
  CHECK(ya == yb);
  CHECK(ya != yc);
}

TEST_CASE("Dropout rate can change mid-run, and rate 1 gives zeros, never inf or NaN", "[nn]") {
  const Matrix x = ramp(50, 40);
  Dropout d(0.0);
  Rng rng(2);
  CHECK(d.forward(x, true, rng) == x);
  d.setRate(0.9);
  CHECK(d.rate() == 0.9);
  const Matrix y = d.forward(x, true, rng);
  const double dropped = static_cast<double>((y.array() == 0).count()) / x.size();
  CHECK(dropped > 0.85);  // 2000 units, sd ≈ 0.0067
  d.setRate(1.0);
  const Matrix& all = d.forward(x, true, rng);
  CHECK(all.allFinite());
  CHECK(all.isZero(0));
  CHECK(d.backward(x).isZero(0));
  CHECK_THROWS_AS(d.setRate(-0.1), std::invalid_argument);
  CHECK_THROWS_AS(d.setRate(1.5), std::invalid_argument);
  CHECK_THROWS_AS(Dropout(2.0), std::invalid_argument);
}
