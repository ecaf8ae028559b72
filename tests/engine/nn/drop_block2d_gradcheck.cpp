#include <catch2/catch.hpp>

#include "engine/support/grad_check.hpp"
#include "nn/drop_block2d.hpp"

using namespace engine;
using namespace engine::test;

TEST_CASE("DropBlock2d backward equals finite differences with the block mask frozen",
          "[nn][gradcheck][cnn]") {
  Rng rng(102);
  const Shape shape{2, 6, 5};
  for (int block : {1, 3, 5}) {
    DropBlock2d d(shape, 0.4, block);
    INFO("block " << block);
    checkLayerGradients(d, randomMatrix(3, shape.size(), rng), true);
    checkLayerGradients(d, randomMatrix(3, shape.size(), rng), false);
  }
}
