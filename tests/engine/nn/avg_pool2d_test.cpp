#include <catch2/catch.hpp>

#include <stdexcept>

#include "cnn_golden.hpp"
#include "nn/avg_pool2d.hpp"

using namespace engine;
using namespace engine::test;

TEST_CASE("AvgPool2d matches torch.nn.AvgPool2d in y and dx, overlapping windows included",
          "[nn][cnn]") {
  for (const auto& c : cnnGolden()["avg_pool2d"]) {
    const Shape in = goldenShape(c["input"]);
    const int k = c["kernel"].get<int>(), s = c["stride"].get<int>();
    INFO("kernel " << k << " stride " << s);
    AvgPool2d pool(in, k, s);
    CHECK(pool.outputShape(in) == goldenShape(c["output"]));
    Rng rng(1);
    requireMatrixClose(pool.forward(goldenMatrix(c["x"]), true, rng), goldenMatrix(c["y"]), 2e-6,
                       "y");
    requireMatrixClose(pool.backward(goldenMatrix(c["dy"])), goldenMatrix(c["dx"]), 2e-6, "dx");
  }
}

TEST_CASE("AvgPool2d on a hand-made plane", "[nn][cnn]") {
  // 2 × 4 plane, kernel 2: means of (1 2 5 6) and (3 4 7 8).
  AvgPool2d pool(Shape{1, 2, 4}, 2);
  Matrix x(1, 8);
  x << 1, 2, 3, 4, 5, 6, 7, 8;
  Rng rng(1);
  Matrix want(1, 2);
  want << 3.5, 5.5;
  CHECK(pool.forward(x, false, rng) == want);
  Matrix dy(1, 2);
  dy << 4, 8;
  Matrix dx(1, 8);
  dx << 1, 1, 2, 2, 1, 1, 2, 2;
  CHECK(pool.backward(dy) == dx);
  CHECK_THROWS_AS(AvgPool2d(Shape{1, 2, 4}, 3), std::invalid_argument);
}
