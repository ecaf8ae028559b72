#include <catch2/catch.hpp>

#include <stdexcept>

#include "cnn_golden.hpp"
#include "nn/dropout2d.hpp"

using namespace engine;
using namespace engine::test;

TEST_CASE("Dropout2d replays torch.nn.Dropout2d's channel mask: y and dx as torch", "[nn][cnn]") {
  for (const auto& c : cnnGolden()["dropout2d"]) {
    const double p = c["p"].get<double>();
    INFO("p = " << p);
    Dropout2d d(goldenShape(c["input"]), p);
    requireMatrixClose(d.forwardWithMask(goldenMatrix(c["x"]), goldenMatrix(c["keep"])),
                       goldenMatrix(c["y"]), 1e-6, "y");
    requireMatrixClose(d.backward(goldenMatrix(c["dy"])), goldenMatrix(c["dx"]), 1e-6, "dx");
  }
}

TEST_CASE(
    "Dropout2d zeroes whole channels per sample at rate p, scales the rest by 1/(1 − p), and is "
    "the identity in eval mode",
    "[nn][cnn]") {
  const Shape shape{8, 3, 2};
  const double p = 0.25;
  Dropout2d d(shape, p);
  const Index n = 500;
  Matrix x = Matrix::Constant(n, shape.size(), 2);
  Rng rng(17);
  const Matrix y = d.forward(x, true, rng);
  long dropped = 0;
  for (Index i = 0; i < n; ++i) {
    for (int c = 0; c < shape.channels; ++c) {
      const auto plane = y.row(i).segment(c * 6, 6);
      // A channel is all zero or all 2/(1 − p).
      const bool zero = (plane.array() == Scalar(0)).all();
      CHECK((zero || (plane.array() == Scalar(2 / (1 - p))).all()));
      dropped += zero;
      CHECK(d.mask()(i, c) == (zero ? Scalar(0) : Scalar(1 / (1 - p))));
    }
  }
  // 4000 channels: the dropped count has sd √(4000·p(1 − p)) ≈ 27; allow 5 sd.
  CHECK(std::abs(dropped - 4000 * p) < 5 * 27.4);
  // The same seed gives the same mask.
  Rng again(17);
  CHECK(d.forward(x, true, again) == y);
  CHECK(&d.forward(x, false, rng) == &x);
  CHECK(&d.backward(x) == &x);
  Dropout2d none(shape, 0.0);
  CHECK(&none.forward(x, true, rng) == &x);
  Dropout2d all(shape, 1.0);
  CHECK(all.forward(x, true, rng).isZero());
  CHECK_THROWS_AS(Dropout2d(shape, 1.5), std::invalid_argument);
  CHECK_THROWS_AS(d.forwardWithMask(x, Matrix::Ones(n, 3)), std::invalid_argument);
}
