#include <catch2/catch.hpp>

#include "engine/support/grad_check.hpp"
#include "nn/batch_norm2d.hpp"

using namespace engine;
using namespace engine::test;

namespace {

BatchNorm2d affineLayer(const Shape& shape, Rng& rng) {
  BatchNorm2d bn(shape, 1, 0.1, 1e-5);
  bn.gamma().value = randomMatrix(1, shape.channels, rng);
  bn.beta().value = randomMatrix(1, shape.channels, rng);
  return bn;
}

// Channels on different scales and offsets, as after a convolution.
Matrix maps(Index rows, const Shape& shape, Rng& rng) {
  Matrix x = randomMatrix(rows, shape.size(), rng);
  const int plane = shape.height * shape.width;
  for (Index i = 0; i < rows; ++i) {
    x.row(i).segment(0, plane).array() = 3 * x.row(i).segment(0, plane).array() + 2;
    x.row(i).segment(plane, plane) *= 0.2;
  }
  return x;
}

}  // namespace

TEST_CASE(
    "BatchNorm2d training-mode backward (through the per-channel batch statistics) equals "
    "finite differences for dx, dγ and dβ",
    "[nn][gradcheck][cnn]") {
  Rng rng(91);
  const Shape shape{3, 3, 4};
  for (Index rows : {1, 2, 5}) {
    BatchNorm2d bn = affineLayer(shape, rng);
    INFO("batch " << rows);
    checkLayerGradients(bn, maps(rows, shape, rng), true, 1e-5);
  }
}

TEST_CASE("BatchNorm2d eval-mode backward (fixed running statistics) equals finite differences",
          "[nn][gradcheck][cnn]") {
  Rng rng(92);
  const Shape shape{3, 2, 3};
  BatchNorm2d bn = affineLayer(shape, rng);
  bn.runningMean() << 0.5, -1, 0.1;
  bn.runningVar() << 4, 0.04, 1;
  checkLayerGradients(bn, maps(4, shape, rng), false);
}

TEST_CASE("BatchNorm2d with one value per channel in training has the gradient of its map",
          "[nn][gradcheck][cnn]") {
  Rng rng(93);
  const Shape shape{3, 1, 1};
  BatchNorm2d bn = affineLayer(shape, rng);
  bn.runningMean() << 0.5, -1, 0.1;
  bn.runningVar() << 4, 0.04, 1;
  checkLayerGradients(bn, randomMatrix(1, 3, rng), true);
}
