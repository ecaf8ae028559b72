#include <catch2/catch.hpp>

#include "engine/support/grad_check.hpp"
#include "nn/avg_pool2d.hpp"

using namespace engine;
using namespace engine::test;

TEST_CASE("AvgPool2d dL/dx equals finite differences, overlapping windows included",
          "[nn][gradcheck][cnn]") {
  Rng rng(82);
  for (int stride : {0, 1, 2}) {
    AvgPool2d pool(Shape{2, 6, 7}, 3, stride);
    INFO("stride " << stride);
    checkLayerGradients(pool, randomMatrix(3, 2 * 6 * 7, rng), true);
    checkLayerGradients(pool, randomMatrix(3, 2 * 6 * 7, rng), false);
  }
}
