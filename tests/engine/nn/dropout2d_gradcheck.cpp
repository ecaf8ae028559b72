#include <catch2/catch.hpp>

#include "engine/support/grad_check.hpp"
#include "nn/dropout2d.hpp"

using namespace engine;
using namespace engine::test;

// checkLayerGradients reseeds the Rng before every forward, so the mask is the same fixed one
// in each finite-difference evaluation.
TEST_CASE("Dropout2d backward equals finite differences with the channel mask frozen",
          "[nn][gradcheck][cnn]") {
  Rng rng(101);
  const Shape shape{4, 3, 2};
  for (double p : {0.0, 0.3, 0.7}) {
    Dropout2d d(shape, p);
    INFO("rate " << p);
    checkLayerGradients(d, randomMatrix(5, shape.size(), rng), true);
    checkLayerGradients(d, randomMatrix(5, shape.size(), rng), false);
  }
}
