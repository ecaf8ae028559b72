#include <catch2/catch.hpp>

#include "engine/support/grad_check.hpp"
#include "nn/global_avg_pool2d.hpp"

using namespace engine;
using namespace engine::test;

TEST_CASE("GlobalAvgPool2d dL/dx equals finite differences", "[nn][gradcheck][cnn]") {
  Rng rng(83);
  GlobalAvgPool2d pool(Shape{4, 3, 5});
  checkLayerGradients(pool, randomMatrix(3, 60, rng), true);
  checkLayerGradients(pool, randomMatrix(1, 60, rng), false);
}
