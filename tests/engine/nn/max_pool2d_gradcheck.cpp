#include <catch2/catch.hpp>

#include "engine/support/grad_check.hpp"
#include "nn/max_pool2d.hpp"

using namespace engine;
using namespace engine::test;

// Random normal inputs: no two entries of a window lie within the finite-difference step, so
// every max-pool window has a unique argmax and the max is differentiable there.
TEST_CASE("MaxPool2d dL/dx equals finite differences, overlapping windows included",
          "[nn][gradcheck][cnn]") {
  Rng rng(81);
  for (int stride : {0, 1, 2}) {
    MaxPool2d pool(Shape{3, 7, 6}, 3, stride);
    INFO("stride " << stride);
    checkLayerGradients(pool, randomMatrix(2, 3 * 7 * 6, rng), true);
    checkLayerGradients(pool, randomMatrix(2, 3 * 7 * 6, rng), false);
  }
}
