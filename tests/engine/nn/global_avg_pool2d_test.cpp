#include <catch2/catch.hpp>

#include <stdexcept>

#include "cnn_golden.hpp"
#include "nn/global_avg_pool2d.hpp"

using namespace engine;
using namespace engine::test;

TEST_CASE("GlobalAvgPool2d matches AdaptiveAvgPool2d(1) + Flatten in y and dx", "[nn][cnn]") {
  const auto& c = cnnGolden()["global_avg_pool2d"];
  const Shape in = goldenShape(c["input"]);
  GlobalAvgPool2d pool(in);
  CHECK(pool.outputShape(in) == Shape::vector(in.channels));
  Rng rng(1);
  requireMatrixClose(pool.forward(goldenMatrix(c["x"]), true, rng), goldenMatrix(c["y"]), 2e-6,
                     "y");
  requireMatrixClose(pool.backward(goldenMatrix(c["dy"])), goldenMatrix(c["dx"]), 2e-6, "dx");
  CHECK_THROWS_AS(pool.outputShape(Shape{in.channels, in.width, in.height}), std::invalid_argument);
}
