#include <catch2/catch.hpp>

#include <stdexcept>

#include "nn/activation.hpp"
#include "nn_golden.hpp"

using namespace engine;
using engine::test::goldenMatrix;
using engine::test::nnGolden;
using engine::test::requireMatrixClose;

TEST_CASE(
    "Activations match torch.nn ReLU, LeakyReLU, Tanh and Sigmoid forward and backward, "
    "including relu'(0) = 0 and extreme inputs",
    "[nn]") {
  for (const auto& c : nnGolden()["activations"]) {
    const std::string name = c["kind"].get<std::string>();
    INFO("activation " << name);
    Activation act(parseActivation(name), c["slope"].get<double>());
    Rng rng(1);
    const Matrix x = goldenMatrix(c["x"]);
    const Matrix y = act.forward(x, true, rng);
    REQUIRE(y.allFinite());
    requireMatrixClose(y, goldenMatrix(c["y"]), 1e-6, name + " y");
    const Matrix dx = act.backward(goldenMatrix(c["dy"]));
    REQUIRE(dx.allFinite());
    requireMatrixClose(dx, goldenMatrix(c["dx"]), 1e-6, name + " dx");
  }
}

TEST_CASE("Sigmoid keeps relative precision for very negative inputs (stable form)", "[nn]") {
  Activation act(ActivationKind::Sigmoid);
  Rng rng(1);
  Matrix x(1, 3);
  x << -30, -80, 80;
  const Matrix& y = act.forward(x, true, rng);
  // σ(−30) = e^−30/(1 + e^−30) ≈ 9.3576e−14; 1 − σ(30) would round to 0 in float.
  CHECK(y(0, 0) == Approx(9.357622968839299e-14).epsilon(1e-5));
  CHECK(y(0, 1) == Approx(1.8048513878454153e-35).epsilon(1e-4));
  CHECK(y(0, 2) == 1.0f);
}

TEST_CASE("Linear activation is the identity without a copy", "[nn]") {
  Activation act(ActivationKind::Linear);
  Rng rng(1);
  Matrix x = Matrix::Constant(3, 2, 1.5f);
  CHECK(&act.forward(x, true, rng) == &x);
  Matrix dy = Matrix::Constant(3, 2, -2.0f);
  CHECK(&act.backward(dy) == &dy);
}

TEST_CASE("Activation names parse from the spec and unknown ones are rejected", "[nn]") {
  CHECK(parseActivation("relu") == ActivationKind::Relu);
  CHECK(parseActivation("leakyRelu") == ActivationKind::LeakyRelu);
  CHECK(parseActivation("tanh") == ActivationKind::Tanh);
  CHECK(parseActivation("sigmoid") == ActivationKind::Sigmoid);
  CHECK(parseActivation("linear") == ActivationKind::Linear);
  for (auto k : {ActivationKind::Relu, ActivationKind::LeakyRelu, ActivationKind::Tanh,
                 ActivationKind::Sigmoid, ActivationKind::Linear}) {
    CHECK(parseActivation(activationName(k)) == k);
  }
  CHECK_THROWS_WITH(parseActivation("gelu"), Catch::Contains("must be one of"));
  CHECK_THROWS_AS(Activation(ActivationKind::LeakyRelu, -0.1), std::invalid_argument);
  CHECK(Activation(ActivationKind::LeakyRelu, 0.1).kind() == "leaky_relu");
}
