#include <catch2/catch.hpp>

#include <cmath>
#include <stdexcept>

#include "nn/conv2d.hpp"
#include "nn/init.hpp"

using namespace engine;

// A conv weight 64 × (32·3·3): fan_in = 288, fan_out = 64·9 = 576 (torch's fans for a 4-D
// weight), so a fan_out read as the row count (64) fails the Xavier check.
TEST_CASE("initializeConv uses torch's convolution fans", "[nn][cnn]") {
  const int out = 64, k = 32 * 9;
  const double n = static_cast<double>(out) * k;
  auto sd = [&](const Matrix& w) { return std::sqrt(w.cast<double>().array().square().sum() / n); };
  Rng rng(3);
  Matrix w(out, k);
  initializeConv(w, InitKind::HeUniform, 9, rng);
  const double he = std::sqrt(6.0 / 288);
  CHECK(w.cwiseAbs().maxCoeff() <= he);
  CHECK(w.cwiseAbs().maxCoeff() > 0.99 * he);
  // U(−a, a) has sd a/√3; 18 432 draws estimate it to ~0.4 %.
  CHECK(sd(w) == Approx(he / std::sqrt(3.0)).epsilon(0.02));
  initializeConv(w, InitKind::XavierUniform, 9, rng);
  const double xa = std::sqrt(6.0 / (288 + 576));
  CHECK(w.cwiseAbs().maxCoeff() <= xa);
  CHECK(w.cwiseAbs().maxCoeff() > 0.99 * xa);
  initializeConv(w, InitKind::XavierNormal, 9, rng);
  CHECK(sd(w) == Approx(std::sqrt(2.0 / (288 + 576))).epsilon(0.02));
  initializeConv(w, InitKind::HeNormal, 9, rng);
  CHECK(sd(w) == Approx(std::sqrt(2.0 / 288)).epsilon(0.02));
  CHECK_THROWS_AS(initializeConv(w, InitKind::HeNormal, 0, rng), std::invalid_argument);
}

TEST_CASE("initializeConv's He kinds draw exactly what initialize draws for Dense", "[nn][cnn]") {
  Matrix a(8, 18), b(8, 18);
  Rng ra(4), rb(4);
  initializeConv(a, InitKind::HeUniform, 9, ra);
  initialize(b, InitKind::HeUniform, rb);
  CHECK(a == b);
  Conv2dOptions o;
  o.outChannels = 8;
  Conv2d conv(Shape{2, 5, 5}, o, 0);
  Rng rc(4);
  conv.initialize(InitKind::HeUniform, rc);
  CHECK(conv.weight().value == b);
}
