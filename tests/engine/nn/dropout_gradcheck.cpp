#include <catch2/catch.hpp>

#include "engine/support/grad_check.hpp"
#include "nn/dropout.hpp"

using namespace engine;
using namespace engine::test;

TEST_CASE("Dropout backward equals finite differences with the mask frozen", "[nn][gradcheck]") {
  Rng rng(61);
  for (double p : {0.0, 0.3, 0.8}) {
    Dropout d(p);
    INFO("rate " << p);
    checkLayerGradients(d, randomMatrix(9, 6, rng), true);
    checkLayerGradients(d, randomMatrix(9, 6, rng), false);
  }
}
