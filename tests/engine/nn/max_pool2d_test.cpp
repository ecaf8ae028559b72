#include <catch2/catch.hpp>

#include <cmath>
#include <limits>
#include <stdexcept>

#include "cnn_golden.hpp"
#include "nn/max_pool2d.hpp"

using namespace engine;
using namespace engine::test;

TEST_CASE("MaxPool2d matches torch.nn.MaxPool2d in y and dx, overlapping windows and ties included",
          "[nn][cnn]") {
  for (const auto& c : cnnGolden()["max_pool2d"]) {
    const Shape in = goldenShape(c["input"]);
    const int k = c["kernel"].get<int>(), s = c["stride"].get<int>();
    INFO("kernel " << k << " stride " << s << " ties " << c["ties"].get<bool>());
    MaxPool2d pool(in, k, s);
    CHECK(pool.outputShape(in) == goldenShape(c["output"]));
    Rng rng(1);
    requireMatrixClose(pool.forward(goldenMatrix(c["x"]), true, rng), goldenMatrix(c["y"]), 1e-6,
                       "y");
    // With ties, torch sends each window's gradient to its first maximum in row-major order.
    requireMatrixClose(pool.backward(goldenMatrix(c["dy"])), goldenMatrix(c["dx"]), 1e-6, "dx");
  }
}

TEST_CASE("MaxPool2d sends a tied window's gradient to its first maximum in row-major order",
          "[nn][cnn]") {
  // One 3 × 3 plane, kernel 2, stride 1: four overlapping windows.
  //   1 1 0      window (0,0): 1 1 / 1 1 → first max is (0,0)
  //   1 1 0      window (0,1): 1 0 / 1 0 → (0,1)
  //   0 1 1      window (1,0): 1 1 / 0 1 → (1,0);  window (1,1): 1 0 / 1 1 → (1,1)
  MaxPool2d pool(Shape{1, 3, 3}, 2, 1);
  Matrix x(1, 9);
  x << 1, 1, 0, 1, 1, 0, 0, 1, 1;
  Rng rng(1);
  const Matrix y = pool.forward(x, true, rng);
  CHECK(y == Matrix::Ones(1, 4));
  Matrix dy(1, 4);
  dy << 1, 10, 100, 1000;
  Matrix want(1, 9);
  want << 1, 10, 0, 100, 1000, 0, 0, 0, 0;
  CHECK(pool.backward(dy) == want);
}

TEST_CASE("MaxPool2d lets NaN win its window, the last NaN taking the gradient, as torch",
          "[nn][cnn]") {
  // torch 1.13 CPU: an entry replaces the running max when greater or NaN, so with two NaNs in
  // a window the later one (row-major) is the argmax.
  const Scalar nan = std::numeric_limits<Scalar>::quiet_NaN();
  MaxPool2d pool(Shape{1, 2, 4}, 2);
  Matrix x(1, 8);
  x << 1, nan, 3, nan, 2, 5, 0, 1;
  Rng rng(1);
  const Matrix y = pool.forward(x, true, rng);
  CHECK(std::isnan(y(0, 0)));
  CHECK(std::isnan(y(0, 1)));
  Matrix dy(1, 2);
  dy << 10, 20;
  Matrix want = Matrix::Zero(1, 8);
  want(0, 1) = 10;
  want(0, 3) = 20;
  CHECK(pool.backward(dy) == want);
}

TEST_CASE("MaxPool2d defaults its stride to the kernel and checks its shapes", "[nn][cnn]") {
  MaxPool2d pool(Shape{3, 7, 5}, 2);
  CHECK(pool.stride() == 2);
  CHECK(pool.outputShape(Shape{3, 7, 5}) == Shape{3, 3, 2});
  CHECK_THROWS_AS(pool.outputShape(Shape{3, 5, 7}), std::invalid_argument);
  CHECK_THROWS_AS(MaxPool2d(Shape{1, 2, 2}, 3), std::invalid_argument);
  CHECK_THROWS_AS(MaxPool2d(Shape{1, 2, 2}, 0), std::invalid_argument);
}
