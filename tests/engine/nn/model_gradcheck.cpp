#include <catch2/catch.hpp>

#include <memory>

#include "engine/support/grad_check.hpp"
#include "loss/bce_with_logits.hpp"
#include "loss/mse.hpp"
#include "loss/softmax_cross_entropy.hpp"
#include "nn/model.hpp"

using namespace engine;
using namespace engine::test;

namespace {

LayerSpec hidden(int units, const std::string& activation, bool batchNorm, double dropout) {
  LayerSpec l;
  l.units = units;
  l.activation = activation;
  l.batchNorm = batchNorm;
  l.dropout = dropout;
  return l;
}

// dLoss/dθ from Model::backward against central differences of loss(model(x)) for every
// parameter, with dropout masks frozen by reseeding the forward's Rng.
void checkModel(Model& model, const Loss& loss, const Matrix& x, const Matrix& y,
                double tol = 1e-6) {
  constexpr std::uint64_t kSeed = 99;
  auto lossAt = [&] {
    Rng rng(kSeed);
    return loss.value(model.forward(x, true, rng), y);
  };
  model.zeroGrad();
  Rng rng(kSeed);
  const Matrix& z = model.forward(x, true, rng);
  Matrix dz;
  loss.gradient(z, y, dz);
  model.backward(dz);
  for (Param* p : model.params()) {
    const Matrix analytic = p->grad;
    Matrix numeric = numericGradient(lossAt, p->value);
    requireGradientsClose(analytic, numeric, tol, loss.kind() + " dLoss/d" + p->name);
  }
}

Matrix softTargets(Index rows, Index k, Rng& rng) {
  Matrix y(rows, k);
  for (Index i = 0; i < rows; ++i) {
    for (Index j = 0; j < k; ++j) y(i, j) = 0.05 + rng.uniform();
    y.row(i) /= y.row(i).sum();
  }
  return y;
}

}  // namespace

TEST_CASE(
    "A whole MLP with batch norm and BCE has dLoss/dθ equal to finite differences, "
    "dropout off and on (frozen mask)",
    "[model][gradcheck]") {
  for (double p : {0.0, 0.3}) {
    INFO("dropout " << p);
    ModelSpec spec;
    spec.hidden = {hidden(6, "tanh", true, p), hidden(5, "leakyRelu", true, p),
                   hidden(4, "sigmoid", false, p)};
    spec.leakySlope = 0.1;
    Rng rng(71);
    Model model = buildMlp(spec, 3, 1, rng);
    const Matrix x = randomMatrix(8, 3, rng);
    Matrix y(8, 1);
    for (Index i = 0; i < 8; ++i) y(i, 0) = i % 3 == 0 ? 0.7 : (i % 2);  // hard and soft
    checkModel(model, BceWithLogitsLoss(), x, y);
  }
}

TEST_CASE(
    "A whole MLP with batch norm and softmax cross-entropy (soft targets) has dLoss/dθ "
    "equal to finite differences, dropout off and on",
    "[model][gradcheck]") {
  for (double p : {0.0, 0.25}) {
    INFO("dropout " << p);
    ModelSpec spec;
    spec.hidden = {hidden(7, "relu", true, p), hidden(5, "tanh", true, p)};
    spec.init = "heNormal";
    Rng rng(72);
    Model model = buildMlp(spec, 2, 3, rng);
    const Matrix x = randomMatrix(10, 2, rng);
    checkModel(model, SoftmaxCrossEntropyLoss(), x, softTargets(10, 3, rng));
  }
}

TEST_CASE(
    "Linear regression (no hidden layers) with MSE has dLoss/dθ equal to finite "
    "differences",
    "[model][gradcheck]") {
  ModelSpec spec;
  spec.hidden.clear();
  Rng rng(73);
  Model model = buildMlp(spec, 4, 2, rng);
  checkModel(model, MseLoss(), randomMatrix(6, 4, rng), randomMatrix(6, 2, rng));
}
