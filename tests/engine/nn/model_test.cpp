#include <catch2/catch.hpp>

#include <map>
#include <stdexcept>
#include <string>

#include "loss/bce_with_logits.hpp"
#include "nn/activation.hpp"
#include "nn/init.hpp"
#include "nn/model.hpp"
#include "nn_golden.hpp"

using namespace engine;
using engine::test::goldenMatrix;
using engine::test::nnGolden;
using engine::test::requireMatrixClose;

namespace {

LayerSpec hidden(int units, const std::string& activation, bool batchNorm = false,
                 double dropout = 0.0) {
  LayerSpec l;
  l.units = units;
  l.activation = activation;
  l.batchNorm = batchNorm;
  l.dropout = dropout;
  return l;
}

std::vector<std::string> kinds(Model& m) {
  std::vector<std::string> out;
  for (int i = 0; i < m.layerCount(); ++i) out.push_back(m.layer(i).kind());
  return out;
}

}  // namespace

TEST_CASE(
    "An MLP 2 → 4 tanh → 3 batch-norm relu → 1 matches PyTorch in logits, BCE loss, every "
    "parameter gradient, running statistics and eval-mode logits",
    "[nn][model]") {
  const auto& g = nnGolden()["mlp"];
  ModelSpec spec;
  spec.hidden = {hidden(4, "tanh"), hidden(3, "relu", true)};
  spec.batchNormEps = g["eps"].get<double>();
  spec.batchNormMomentum = g["momentum"].get<double>();
  Rng init(1);
  Model model = buildMlp(spec, 2, 1, init);

  std::vector<Param*> params = model.params();
  REQUIRE(params.size() == g["params"].size());
  for (std::size_t i = 0; i < params.size(); ++i) {
    const auto& p = g["params"][i];
    REQUIRE(params[i]->name == p["name"].get<std::string>());
    params[i]->value = goldenMatrix(p["value"]);
  }

  const Matrix x = goldenMatrix(g["x"]);
  const Matrix y = goldenMatrix(g["y"]);
  BceWithLogitsLoss loss;
  Rng rng(2);
  model.zeroGrad();
  const Matrix z = model.forward(x, true, rng);
  requireMatrixClose(z, goldenMatrix(g["z"]), 2e-5, "z (train mode)");
  CHECK(loss.value(z, y) == Approx(g["loss"].get<double>()).epsilon(2e-5));
  Matrix dz;
  loss.gradient(z, y, dz);
  model.backward(dz);
  for (std::size_t i = 0; i < params.size(); ++i) {
    requireMatrixClose(params[i]->grad, goldenMatrix(g["params"][i]["grad"]), 2e-5,
                       "grad of " + params[i]->name);
  }
  BatchNorm* bn = model.batchNormLayers().at(0);
  requireMatrixClose(bn->runningMean(), goldenMatrix(g["running_mean"]), 2e-5, "running_mean");
  requireMatrixClose(bn->runningVar(), goldenMatrix(g["running_var"]), 2e-5, "running_var");
  requireMatrixClose(model.forward(x, false, rng), goldenMatrix(g["z_eval"]), 2e-5,
                     "z (eval mode)");
}

TEST_CASE(
    "buildMlp stacks Dense → optional BatchNorm → Activation → Dropout per hidden layer and ends "
    "in a bare Dense, and params() are in state_dict order",
    "[nn][model]") {
  ModelSpec spec;
  spec.hidden = {hidden(5, "relu", false, 0.2), hidden(4, "leakyRelu", true), hidden(3, "linear")};
  spec.leakySlope = 0.05;
  Rng rng(3);
  Model m = buildMlp(spec, 2, 3, rng);
  CHECK(kinds(m) == std::vector<std::string>{"dense", "relu", "dropout", "dense", "batch_norm",
                                             "leaky_relu", "dropout", "dense", "linear", "dropout",
                                             "dense"});
  std::vector<std::string> names;
  for (Param* p : m.params()) names.push_back(p->name);
  CHECK(names == std::vector<std::string>{"layers.0.weight", "layers.0.bias", "layers.1.weight",
                                          "layers.1.bnScale", "layers.1.bnShift", "layers.2.weight",
                                          "layers.2.bias", "layers.3.weight", "layers.3.bias"});
  const auto dense = m.denseLayers();
  REQUIRE(dense.size() == 4);
  CHECK(dense[0]->inputs() == 2);
  CHECK(dense[0]->outputs() == 5);
  CHECK(dense[3]->inputs() == 3);
  CHECK(dense[3]->outputs() == 3);
  CHECK(dense[3]->layerIndex() == 3);
  const auto drop = m.dropoutLayers();
  REQUIRE(drop.size() == 3);  // always present, rate 0 included, so it can be raised later
  CHECK(drop[0]->rate() == 0.2);
  CHECK(drop[1]->rate() == 0.0);
  CHECK(dynamic_cast<Activation&>(m.layer(5)).slope() == Approx(0.05));
  // The dense layer before batch norm has no bias (β replaces it).
  CHECK(m.parameterCount() == (2 * 5 + 5) + (5 * 4 + 4 + 4) + (4 * 3 + 3) + (3 * 3 + 3));
  CHECK_FALSE(dense[0]->propagatesGradient());  // nothing consumes dLoss/dInput
  CHECK(dense[1]->propagatesGradient());
}

TEST_CASE("buildMlp draws every weight from spec.init in layer order and zeroes the biases",
          "[nn][model]") {
  ModelSpec spec;
  spec.hidden = {hidden(6, "tanh"), hidden(4, "tanh")};
  spec.init = "heNormal";
  Rng rng(21);
  Model m = buildMlp(spec, 3, 2, rng);
  Rng expected(21);
  Matrix w0(6, 3), w1(4, 6), w2(2, 4);
  heNormal(w0, expected);
  heNormal(w1, expected);
  heNormal(w2, expected);
  const auto dense = m.denseLayers();
  CHECK(dense[0]->weight().value == w0);
  CHECK(dense[1]->weight().value == w1);
  CHECK(dense[2]->weight().value == w2);
  for (Dense* d : dense) CHECK(d->bias().value.isZero(0));
}

TEST_CASE("buildMlp with no hidden layers is one Dense (linear / logistic regression)",
          "[nn][model]") {
  ModelSpec spec;
  spec.hidden.clear();
  Rng rng(4);
  Model m = buildMlp(spec, 7, 1, rng);
  CHECK(kinds(m) == std::vector<std::string>{"dense"});
  CHECK(m.params().size() == 2);
  CHECK(m.params()[0]->name == "layers.0.weight");
  CHECK(m.dropoutLayers().empty());
  // Its gradients are the plain least-squares / logistic ones: dW = dzᵀ x.
  Matrix x(2, 7);
  x.setOnes();
  x(1, 3) = 3;
  Matrix dz(2, 1);
  dz << 0.5f, -1;
  m.zeroGrad();
  m.forward(x, true, rng);
  m.backward(dz);
  CHECK(m.params()[0]->grad(0, 0) == Approx(-0.5));
  CHECK(m.params()[0]->grad(0, 3) == Approx(0.5 - 3));
  CHECK(m.params()[1]->grad(0, 0) == Approx(-0.5));
}

TEST_CASE("buildMlp rejects unknown activations and inits naming the field", "[nn][model]") {
  Rng rng(1);
  ModelSpec bad;
  bad.hidden = {hidden(3, "tanh"), hidden(3, "swish")};
  CHECK_THROWS_WITH(buildMlp(bad, 2, 1, rng), Catch::Contains("model.hidden[1].activation"));
  ModelSpec badInit;
  badInit.init = "zeros";
  CHECK_THROWS_WITH(buildMlp(badInit, 2, 1, rng), Catch::Contains("model.init"));
  CHECK_THROWS_AS(buildMlp(ModelSpec{}, 0, 1, rng), std::invalid_argument);
}

TEST_CASE("Model parameters keep their addresses when the model is moved", "[nn][model]") {
  Rng rng(5);
  Model a = buildMlp(ModelSpec{}, 2, 1, rng);
  const std::vector<Param*> before = a.params();
  Model b = std::move(a);
  CHECK(b.params() == before);
  Model c;
  c = std::move(b);
  CHECK(c.params() == before);
}

TEST_CASE("zeroGrad clears every gradient, and gradients accumulate between zeroGrad calls",
          "[nn][model]") {
  ModelSpec spec;
  spec.hidden = {hidden(4, "tanh", true)};
  Rng rng(6);
  Model m = buildMlp(spec, 2, 1, rng);
  Matrix x(3, 2);
  x << 1, 2, -1, 0.5f, 0.3f, -2;
  Matrix dz = Matrix::Ones(3, 1);
  m.zeroGrad();
  m.forward(x, true, rng);
  m.backward(dz);
  std::map<std::string, Matrix> once;
  for (Param* p : m.params()) once[p->name] = p->grad;
  m.forward(x, true, rng);
  m.backward(dz);
  for (Param* p : m.params()) {
    requireMatrixClose(p->grad, Matrix(2 * once[p->name]), 1e-5, "twice " + p->name);
  }
  CHECK(m.params()[0]->grad.cwiseAbs().sum() > 0);
  m.zeroGrad();
  for (Param* p : m.params()) CHECK(p->grad.isZero(0));
}

TEST_CASE("restore(snapshot()) brings back parameter values and batch-norm running statistics",
          "[nn][model]") {
  ModelSpec spec;
  spec.hidden = {hidden(4, "relu", true), hidden(3, "tanh", true)};
  Rng rng(7);
  Model m = buildMlp(spec, 2, 2, rng);
  Matrix x(5, 2);
  x << 1, 2, -1, 0.5f, 0.3f, -2, 2, 2, -1, -1;
  m.forward(x, true, rng);
  const ModelSnapshot best = m.snapshot();
  std::vector<Matrix> values;
  for (Param* p : m.params()) values.push_back(p->value);
  const RowVector mean = m.batchNormLayers()[1]->runningMean();
  const RowVector var = m.batchNormLayers()[1]->runningVar();

  // Move on: change every parameter and the running statistics.
  for (Param* p : m.params()) p->value.array() += 0.5f;
  m.forward(x * 3, true, rng);
  REQUIRE(m.batchNormLayers()[1]->runningMean() != mean);

  m.restore(best);
  const auto params = m.params();
  for (std::size_t i = 0; i < params.size(); ++i) CHECK(params[i]->value == values[i]);
  CHECK(m.batchNormLayers()[1]->runningMean() == mean);
  CHECK(m.batchNormLayers()[1]->runningVar() == var);

  Rng other(8);
  Model small = buildMlp(ModelSpec{}, 2, 1, other);
  CHECK_THROWS_AS(small.restore(best), std::invalid_argument);
}

TEST_CASE("Model copies its input, so a temporary batch is safe until backward", "[nn][model]") {
  ModelSpec spec;
  spec.hidden = {hidden(3, "tanh")};
  Rng rng(9);
  Model a = buildMlp(spec, 2, 1, rng);
  Rng rng2(9);
  Model b = buildMlp(spec, 2, 1, rng2);
  Matrix x(2, 2);
  x << 1, 2, 3, 4;
  Matrix dz = Matrix::Ones(2, 1);
  a.zeroGrad();
  b.zeroGrad();
  a.forward(x, true, rng);
  {
    Matrix tmp = x;
    b.forward(tmp, true, rng2);
    tmp.setConstant(100);  // overwritten before backward
  }
  a.backward(dz);
  b.backward(dz);
  CHECK(a.params()[0]->grad == b.params()[0]->grad);
}
