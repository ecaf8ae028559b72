#include <catch2/catch.hpp>

#include "engine/support/grad_check.hpp"
#include "nn/activation.hpp"

using namespace engine;
using namespace engine::test;

namespace {

// Entries with |x| ≥ 0.1, so no central difference straddles the relu kink at 0.
Matrix awayFromKink(Index rows, Index cols, Rng& rng) {
  Matrix x = randomMatrix(rows, cols, rng, 2.0);
  for (Index i = 0; i < x.size(); ++i) {
    Scalar& v = x.data()[i];
    if (std::abs(v) < 0.1) v = v < 0 ? v - 0.1 : v + 0.1;
  }
  return x;
}

}  // namespace

TEST_CASE("Every activation's backward equals finite differences", "[nn][gradcheck]") {
  for (auto kind : {ActivationKind::Relu, ActivationKind::LeakyRelu, ActivationKind::Tanh,
                    ActivationKind::Sigmoid, ActivationKind::Linear}) {
    for (double slope : {0.0, 0.2}) {
      Activation act(kind, slope);
      INFO(act.kind() << " slope " << slope);
      Rng rng(31);
      checkLayerGradients(act, awayFromKink(6, 5, rng), true);
      checkLayerGradients(act, awayFromKink(6, 5, rng), false);
    }
  }
}

TEST_CASE("Sigmoid and tanh gradients stay correct for large |x|", "[nn][gradcheck]") {
  Matrix x(2, 3);
  x << -12, -6, 6, 12, -20, 20;
  for (auto kind : {ActivationKind::Tanh, ActivationKind::Sigmoid}) {
    Activation act(kind);
    INFO(act.kind());
    checkLayerGradients(act, x, true, 1e-6);
  }
}
