#include <catch2/catch.hpp>

#include <cmath>
#include <stdexcept>

#include "cnn_golden.hpp"
#include "nn/drop_block2d.hpp"

using namespace engine;
using namespace engine::test;

TEST_CASE(
    "DropBlock2d replays torchvision's seed map: gamma, the block mask, the scale, y and dx as "
    "torchvision.ops.drop_block2d",
    "[nn][cnn]") {
  for (const auto& c : cnnGolden()["drop_block2d"]) {
    const double p = c["p"].get<double>();
    const int b = c["block_size"].get<int>();
    INFO("p = " << p << ", block " << b);
    DropBlock2d d(goldenShape(c["input"]), p, b);
    CHECK(d.seedProbability() == Approx(c["gamma"].get<double>()).epsilon(1e-12));
    const Matrix y = d.forwardWithSeeds(goldenMatrix(c["x"]), goldenMatrix(c["seeds"]));
    CHECK(d.blockMask() == goldenMatrix(c["block_mask"]));
    CHECK(d.scale() == Approx(c["scale"].get<double>()).epsilon(1e-12));
    requireMatrixClose(y, goldenMatrix(c["y"]), 1e-6, "y");
    requireMatrixClose(d.backward(goldenMatrix(c["dy"])), goldenMatrix(c["dx"]), 1e-6, "dx");
  }
}

TEST_CASE("DropBlock2d expands a seed into the b × b block whose top-left corner it is",
          "[nn][cnn]") {
  // 1 × 4 × 5 map, b = 3: seeds live on a 2 × 3 grid. One seed at (1, 2) drops rows 1..3,
  // columns 2..4: 9 of 20 entries, scale 20/(1e-6 + 11).
  DropBlock2d d(Shape{1, 4, 5}, 0.5, 3);
  Matrix seeds = Matrix::Zero(1, 6);
  seeds(0, 1 * 3 + 2) = 1;
  const Matrix x = Matrix::Ones(1, 20);
  const Matrix y = d.forwardWithSeeds(x, seeds);
  Matrix mask(1, 20);
  mask << 1, 1, 1, 1, 1,  //
      1, 1, 0, 0, 0,      //
      1, 1, 0, 0, 0,      //
      1, 1, 0, 0, 0;
  CHECK(d.blockMask() == mask);
  CHECK(d.scale() == Approx(20 / (1e-6 + 11)).epsilon(1e-12));
  CHECK(y(0, 0) == Approx(20 / (1e-6 + 11)));
  CHECK(y(0, 7) == 0);
}

TEST_CASE("DropBlock2d draws seeds with probability gamma and is the identity in eval mode",
          "[nn][cnn]") {
  const Shape shape{4, 9, 9};
  DropBlock2d d(shape, 0.3, 3);
  // γ = 0.3·81/(9·49).
  const double gamma = 0.3 * 81 / (9.0 * 49.0);
  CHECK(d.seedProbability() == Approx(gamma));
  const Matrix x = Matrix::Ones(200, shape.size());
  Rng rng(23);
  d.forward(x, true, rng);
  const double seeds = d.seeds().sum();
  const double positions = 200.0 * 4 * 49;
  // Binomial(39200, γ ≈ 0.055): sd ≈ 45; allow 5 sd.
  CHECK(std::abs(seeds - positions * gamma) < 5 * std::sqrt(positions * gamma * (1 - gamma)));
  // Pixel (y, x) is dropped unless none of the k(y)·k(x) seed positions whose block covers it
  // fires, k(t) = #{i : 0 ≤ i ≤ 6, i ≤ t ≤ i + 2}: expected dropped fraction
  // 1 − mean (1 − γ)^(k(y)k(x)) (a little below p = 0.3, since blocks overlap).
  const int k[9] = {1, 2, 3, 3, 3, 3, 3, 2, 1};
  double kept = 0;
  for (int y = 0; y < 9; ++y) {
    for (int x = 0; x < 9; ++x) kept += std::pow(1 - gamma, k[y] * k[x]) / 81;
  }
  const double dropped = 1.0 - d.blockMask().mean();
  // 800 maps of 81 correlated pixels: the estimate's sd is well below 0.005.
  CHECK(dropped == Approx(1 - kept).margin(0.01));
  CHECK(dropped < 0.3);
  Rng again(23);
  const Matrix first = d.forward(x, true, again);
  Rng third(23);
  CHECK(d.forward(x, true, third) == first);
  CHECK(&d.forward(x, false, rng) == &x);
  CHECK(&d.backward(x) == &x);
  DropBlock2d off(shape, 0.0, 3);
  CHECK(&off.forward(x, true, rng) == &x);
}

TEST_CASE("DropBlock2d rejects even or oversized blocks, as torchvision fails on them",
          "[nn][cnn]") {
  CHECK_THROWS_AS(DropBlock2d(Shape{1, 8, 8}, 0.1, 2), std::invalid_argument);
  CHECK_THROWS_AS(DropBlock2d(Shape{1, 8, 6}, 0.1, 7), std::invalid_argument);
  CHECK_THROWS_AS(DropBlock2d(Shape{1, 8, 8}, 1.5, 3), std::invalid_argument);
  CHECK_NOTHROW(DropBlock2d(Shape{1, 8, 7}, 0.1, 7));
}

TEST_CASE("The scheduled DropBlock keep_prob falls linearly from 1 to its target", "[nn][cnn]") {
  CHECK(dropBlockKeepProb(0, 100, 0.9) == 1.0);
  CHECK(dropBlockKeepProb(50, 100, 0.9) == Approx(0.95));
  CHECK(dropBlockKeepProb(25, 100, 0.8) == Approx(0.95));
  CHECK(dropBlockKeepProb(100, 100, 0.9) == Approx(0.9));
  CHECK(dropBlockKeepProb(1000, 100, 0.9) == Approx(0.9));
  CHECK(dropBlockKeepProb(-5, 100, 0.9) == 1.0);
  CHECK(dropBlockKeepProb(3, 0, 0.75) == 0.75);
  CHECK_THROWS_AS(dropBlockKeepProb(3, 10, 1.2), std::invalid_argument);
  // torchvision's p is 1 − keep_prob: the layer follows the schedule through setRate.
  DropBlock2d d(Shape{1, 8, 8}, 0.0, 3);
  d.setRate(1 - dropBlockKeepProb(50, 100, 0.9));
  CHECK(d.rate() == Approx(0.05));
}
