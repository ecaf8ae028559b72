#include <catch2/catch.hpp>

#include "engine/support/grad_check.hpp"
#include "nn/dense.hpp"
#include "nn/init.hpp"

using namespace engine;
using namespace engine::test;

TEST_CASE("Dense dL/dx, dL/dW and dL/db equal finite differences", "[nn][gradcheck]") {
  Rng rng(41);
  for (int batch : {1, 7}) {
    Dense d(5, 3, 0);
    xavierNormal(d.weight().value, rng);
    d.bias().value = randomMatrix(1, 3, rng);
    INFO("batch " << batch);
    checkLayerGradients(d, randomMatrix(batch, 5, rng), true);
  }
}
