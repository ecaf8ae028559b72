#include <catch2/catch.hpp>

#include <cmath>
#include <stdexcept>

#include "nn/batch_norm.hpp"
#include "nn_golden.hpp"

using namespace engine;
using engine::test::goldenMatrix;
using engine::test::nnGolden;
using engine::test::requireMatrixClose;

namespace {

BatchNorm goldenLayer() {
  const auto& g = nnGolden()["batch_norm"];
  BatchNorm bn(g["features"].get<int>(), 1, g["momentum"].get<double>(), g["eps"].get<double>());
  bn.gamma().value = goldenMatrix(g["gamma"]);
  bn.beta().value = goldenMatrix(g["beta"]);
  return bn;
}

}  // namespace

TEST_CASE(
    "BatchNorm matches torch.nn.BatchNorm1d over three training batches (outputs, "
    "gradients, running mean and unbiased running variance)",
    "[nn]") {
  const auto& g = nnGolden()["batch_norm"];
  BatchNorm bn = goldenLayer();
  Rng rng(1);
  int step = 0;
  for (const auto& b : g["train"]) {
    const std::string at = "training batch " + std::to_string(step++);
    bn.gamma().grad.setZero();
    bn.beta().grad.setZero();
    const Matrix x = goldenMatrix(b["x"]);
    requireMatrixClose(bn.forward(x, true, rng), goldenMatrix(b["y"]), 2e-5, at + " y");
    requireMatrixClose(bn.runningMean(), goldenMatrix(b["running_mean"]), 2e-5,
                       at + " running_mean");
    requireMatrixClose(bn.runningVar(), goldenMatrix(b["running_var"]), 2e-5, at + " running_var");
    requireMatrixClose(bn.backward(goldenMatrix(b["dy"])), goldenMatrix(b["dx"]), 2e-5, at + " dx");
    requireMatrixClose(bn.gamma().grad, goldenMatrix(b["dgamma"]), 2e-5, at + " dgamma");
    requireMatrixClose(bn.beta().grad, goldenMatrix(b["dbeta"]), 2e-5, at + " dbeta");
  }

  // Eval mode normalises with the running statistics the three batches left.
  const auto& e = g["eval"];
  bn.gamma().grad.setZero();
  bn.beta().grad.setZero();
  const Matrix x = goldenMatrix(e["x"]);
  requireMatrixClose(bn.forward(x, false, rng), goldenMatrix(e["y"]), 2e-5, "eval y");
  requireMatrixClose(bn.backward(goldenMatrix(e["dy"])), goldenMatrix(e["dx"]), 2e-5, "eval dx");
  requireMatrixClose(bn.gamma().grad, goldenMatrix(e["dgamma"]), 2e-5, "eval dgamma");
  requireMatrixClose(bn.beta().grad, goldenMatrix(e["dbeta"]), 2e-5, "eval dbeta");
  // Eval mode leaves the running statistics alone.
  const auto& last = g["train"].back();
  requireMatrixClose(bn.runningMean(), goldenMatrix(last["running_mean"]), 2e-5,
                     "running_mean after eval");
}

TEST_CASE(
    "BatchNorm with a batch of one in training mode uses the running statistics, "
    "leaves them unchanged and stays finite",
    "[nn]") {
  const auto& g = nnGolden()["batch_norm"];
  BatchNorm bn = goldenLayer();
  BatchNorm reference = goldenLayer();
  Rng rng(1);
  const Matrix warm = goldenMatrix(g["train"][0]["x"]);
  bn.forward(warm, true, rng);
  reference.forward(warm, true, rng);
  const RowVector mean = bn.runningMean();
  const RowVector var = bn.runningVar();

  Matrix one(1, 3);
  one << 0.3f, -2.0f, 0.55f;
  Matrix dy(1, 3);
  dy << 1.0f, -0.5f, 2.0f;
  bn.gamma().grad.setZero();
  reference.gamma().grad.setZero();
  const Matrix y = bn.forward(one, true, rng);
  REQUIRE(y.allFinite());
  CHECK(bn.runningMean() == mean);
  CHECK(bn.runningVar() == var);
  const Matrix dx = bn.backward(dy);
  REQUIRE(dx.allFinite());
  REQUIRE(bn.gamma().grad.allFinite());

  // The same numbers as eval mode on a layer with the same running statistics.
  requireMatrixClose(y, reference.forward(one, false, rng), 1e-6, "y vs eval mode");
  requireMatrixClose(dx, reference.backward(dy), 1e-6, "dx vs eval mode");
  requireMatrixClose(bn.gamma().grad, reference.gamma().grad, 1e-6, "dgamma vs eval mode");
  // And by hand from the running statistics: x̂ = (x − μ)/√(σ² + ε), y = γ x̂ + β.
  const double eps = g["eps"].get<double>();
  for (int j = 0; j < 3; ++j) {
    const double xhat = (one(0, j) - mean(j)) / std::sqrt(var(j) + eps);
    CHECK(y(0, j) == Approx(bn.gamma().value(0, j) * xhat + bn.beta().value(0, j)).epsilon(1e-5));
  }
}

TEST_CASE(
    "BatchNorm parameters are named bnScale / bnShift after their dense layer, γ = 1 and "
    "β = 0 at start, running statistics 0 and 1",
    "[nn]") {
  BatchNorm bn(4, 2);
  REQUIRE(bn.params().size() == 2);
  CHECK(bn.params()[0]->name == "layers.2.bnScale");
  CHECK(bn.params()[1]->name == "layers.2.bnShift");
  CHECK(bn.params()[0]->role == ParamRole::NormScale);
  CHECK(bn.params()[1]->role == ParamRole::NormShift);
  CHECK(bn.params()[0]->layer == 2);
  CHECK(bn.gamma().value == Matrix::Ones(1, 4));
  CHECK(bn.beta().value == Matrix::Zero(1, 4));
  CHECK(bn.runningMean() == RowVector::Zero(4));
  CHECK(bn.runningVar() == RowVector::Ones(4));
  CHECK(bn.momentum() == 0.1);
  CHECK(bn.eps() == 1e-5);
  CHECK_THROWS_AS(BatchNorm(3, 0, 1.5), std::invalid_argument);
  CHECK_THROWS_AS(BatchNorm(3, 0, 0.1, 0.0), std::invalid_argument);
}

TEST_CASE("BatchNorm of a constant feature gives β, not NaN (ε inside the root)", "[nn]") {
  BatchNorm bn(2, 0);
  bn.beta().value << 0.25f, -0.5f;
  Rng rng(1);
  Matrix x(3, 2);
  x << 4, 1, 4, 2, 4, 3;
  const Matrix& y = bn.forward(x, true, rng);
  REQUIRE(y.allFinite());
  CHECK(y(0, 0) == 0.25f);
  CHECK(y(2, 0) == 0.25f);
  Matrix dy = Matrix::Ones(3, 2);
  REQUIRE(bn.backward(dy).allFinite());
}
