#include <catch2/catch.hpp>

#include "engine/support/grad_check.hpp"
#include "nn/batch_norm.hpp"

using namespace engine;
using namespace engine::test;

namespace {

BatchNorm affineLayer(Rng& rng) {
  BatchNorm bn(4, 1, 0.1, 1e-5);
  bn.gamma().value = randomMatrix(1, 4, rng);
  bn.beta().value = randomMatrix(1, 4, rng);
  return bn;
}

// Features on different scales and offsets, as after a dense layer.
Matrix features(Index rows, Rng& rng) {
  Matrix x = randomMatrix(rows, 4, rng);
  for (Index i = 0; i < rows; ++i) {
    x(i, 0) = 3 * x(i, 0) + 2;
    x(i, 1) = 0.2 * x(i, 1) - 1;
    x(i, 3) = 10 * x(i, 3);
  }
  return x;
}

}  // namespace

TEST_CASE(
    "BatchNorm training-mode backward (through the batch mean and variance) equals finite "
    "differences for dx, dγ and dβ",
    "[nn][gradcheck]") {
  Rng rng(51);
  for (Index rows : {2, 3, 8}) {
    BatchNorm bn = affineLayer(rng);
    INFO("batch " << rows);
    checkLayerGradients(bn, features(rows, rng), true, 1e-5);
  }
}

TEST_CASE("BatchNorm eval-mode backward (fixed running statistics) equals finite differences",
          "[nn][gradcheck]") {
  Rng rng(52);
  BatchNorm bn = affineLayer(rng);
  bn.runningMean() << 0.5, -1, 0.1, 2;
  bn.runningVar() << 4, 0.04, 1, 50;
  checkLayerGradients(bn, features(6, rng), false);
}

TEST_CASE("BatchNorm with one row in training mode has the gradient of its running-stats map",
          "[nn][gradcheck]") {
  Rng rng(53);
  BatchNorm bn = affineLayer(rng);
  bn.runningMean() << 0.5, -1, 0.1, 2;
  bn.runningVar() << 4, 0.04, 1, 50;
  checkLayerGradients(bn, features(1, rng), true);
}
