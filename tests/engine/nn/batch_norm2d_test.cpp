#include <catch2/catch.hpp>

#include <memory>
#include <stdexcept>

#include "cnn_golden.hpp"
#include "nn/activation.hpp"
#include "nn/batch_norm2d.hpp"
#include "nn/conv2d.hpp"
#include "nn/model.hpp"

using namespace engine;
using namespace engine::test;

namespace {

BatchNorm2d goldenLayer(const nlohmann::json& g) {
  BatchNorm2d bn(Shape{g["channels"].get<int>(), g["h"].get<int>(), g["w"].get<int>()}, 2,
                 g["momentum"].get<double>(), g["eps"].get<double>());
  bn.gamma().value = goldenMatrix(g["gamma"]);
  bn.beta().value = goldenMatrix(g["beta"]);
  return bn;
}

void checkStep(BatchNorm2d& bn, const nlohmann::json& s, bool training) {
  Rng rng(1);
  for (Param* p : bn.params()) p->grad.setZero();
  requireMatrixClose(bn.forward(goldenMatrix(s["x"]), training, rng), goldenMatrix(s["y"]), 2e-5,
                     "y");
  requireMatrixClose(bn.backward(goldenMatrix(s["dy"])), goldenMatrix(s["dx"]), 2e-5, "dx");
  requireMatrixClose(bn.gamma().grad, goldenMatrix(s["dgamma"]), 2e-5, "dgamma");
  requireMatrixClose(bn.beta().grad, goldenMatrix(s["dbeta"]), 2e-5, "dbeta");
}

}  // namespace

TEST_CASE(
    "BatchNorm2d matches torch.nn.BatchNorm2d over three training batches (one of a single "
    "sample) and in eval mode, running statistics included",
    "[nn][cnn]") {
  const auto& g = cnnGolden()["batch_norm2d"];
  BatchNorm2d bn = goldenLayer(g);
  CHECK(bn.gamma().name == "layers.2.bnScale");
  CHECK(bn.beta().name == "layers.2.bnShift");
  CHECK(bn.gamma().role == ParamRole::NormScale);
  CHECK(bn.beta().role == ParamRole::NormShift);
  int batch = 0;
  for (const auto& s : g["train"]) {
    INFO("training batch " << batch++);
    checkStep(bn, s, true);
    requireMatrixClose(bn.runningMean(), goldenMatrix(s["running_mean"]), 2e-5, "running_mean");
    requireMatrixClose(bn.runningVar(), goldenMatrix(s["running_var"]), 2e-5, "running_var");
  }
  checkStep(bn, g["eval"], false);
}

TEST_CASE("BatchNorm2d with one value per channel in training uses the running statistics",
          "[nn][cnn]") {
  // A 1 × 1 map and one sample: PyTorch raises; the engine normalises as in eval mode.
  BatchNorm2d bn(Shape{2, 1, 1}, 0);
  bn.runningMean() << 1, -2;
  bn.runningVar() << 4, 0.25;
  Matrix x(1, 2);
  x << 3, -1;
  Rng rng(1);
  const Matrix y = bn.forward(x, true, rng);
  // (3 − 1)/√(4 + 1e-5) and (−1 + 2)/√(0.25 + 1e-5).
  CHECK(y(0, 0) == Approx(2 / std::sqrt(4 + 1e-5)));
  CHECK(y(0, 1) == Approx(1 / std::sqrt(0.25 + 1e-5)));
  CHECK(bn.runningMean()(0) == 1);
  CHECK(bn.runningVar()(1) == Scalar(0.25));
}

TEST_CASE("A Model snapshot carries BatchNorm2d running statistics and restores them",
          "[nn][cnn]") {
  Model model;
  Conv2dOptions o;
  o.outChannels = 3;
  o.padding = 1;
  o.bias = false;
  model.add(std::make_unique<Conv2d>(Shape{1, 4, 4}, o, 0));
  model.add(std::make_unique<BatchNorm2d>(Shape{3, 4, 4}, 0));
  model.add(std::make_unique<Activation>(ActivationKind::Relu));
  REQUIRE(model.batchNormLayers().size() == 1);
  REQUIRE(model.params().size() == 3);
  CHECK(model.params()[1]->name == "layers.0.bnScale");
  Rng init(5);
  dynamic_cast<Conv2d&>(model.layer(0)).initialize(InitKind::HeUniform, init);

  Rng rng(6);
  Matrix x = Matrix::Random(5, 16);
  model.forward(x, true, rng);
  const ModelSnapshot snap = model.snapshot();
  const RowVector mean = model.batchNormLayers()[0]->runningMean();
  const RowVector var = model.batchNormLayers()[0]->runningVar();
  REQUIRE(snap.runningMeans.size() == 1);
  CHECK(snap.runningMeans[0] == mean);

  model.forward(Matrix::Random(5, 16) * Scalar(3), true, rng);
  CHECK(model.batchNormLayers()[0]->runningMean() != mean);
  model.restore(snap);
  CHECK(model.batchNormLayers()[0]->runningMean() == mean);
  CHECK(model.batchNormLayers()[0]->runningVar() == var);
}

TEST_CASE("BatchNorm2d checks its shape and arguments", "[nn][cnn]") {
  BatchNorm2d bn(Shape{3, 2, 2}, 0);
  CHECK(bn.kind() == "batch_norm2d");
  CHECK(bn.outputShape(Shape{3, 2, 2}) == Shape{3, 2, 2});
  CHECK_THROWS_AS(bn.outputShape(Shape{3, 4, 1}), std::invalid_argument);
  CHECK_THROWS_AS(BatchNorm2d(Shape{3, 2, 2}, 0, 1.5), std::invalid_argument);
  CHECK_THROWS_AS(BatchNorm2d(Shape{3, 2, 2}, 0, 0.1, 0.0), std::invalid_argument);
}
