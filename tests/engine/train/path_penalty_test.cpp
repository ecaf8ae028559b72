// "Apply" of the path view: networkPenalty (engine/linear/spec_models.hpp) maps a path model and
// its α to the network's penalty kind, λ and ρ. Proof: a linear network (no hidden layer)
// trained on the same rows by full-batch proximal gradient descent reaches the exact solver's
// coefficients at that α. The network computes in float and stops after a fixed number of
// steps, so coefficients agree to 2e-3 of the largest one (the solver runs at tol 1e-10), and
// the zeros of the lasso are the same zeros.
#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <sstream>

#include "linear/spec_models.hpp"
#include "train/trainer.hpp"

using namespace engine;
using namespace engine::linear;

namespace {

ExperimentSpec linearSpec(const std::string& kind) {
  ExperimentSpec s;
  s.seed = 3;
  s.data.kind = kind;
  s.data.valFraction = 0.0;  // the network trains on exactly the path's fit rows
  s.data.testFraction = 0.2;
  s.model.hidden.clear();
  s.penalty.l1Mode = "proximal";
  s.optimizer.kind = "sgd";
  s.training.batchSize = 0;
  s.training.maxEpochs = 0;
  s.training.recordEvery = 100000;
  s.training.recordEpochs = false;
  s.training.earlyStopping.enabled = false;
  return s;
}

// Trains the network with the mapped penalty and compares its weights with path row `i`.
void checkAgreement(ExperimentSpec spec, const LinearModelOptions& o, int i, double lr,
                    long steps) {
  const SpecDesign design = specDesign(spec);
  const LinearPath path = specPath(design, o);
  const double alpha = path.alphas(i);
  const NetworkPenalty np = networkPenalty(spec, design, o, alpha);
  spec.penalty.kind = np.kind;
  spec.penalty.lambda = np.lambda;
  spec.penalty.l1Ratio = np.l1Ratio;
  spec.optimizer.lr = lr;
  Trainer t(spec);
  REQUIRE(t.runSteps(steps).state == RunState::Running);
  const Eigen::VectorXd want = path.coefs.row(i).transpose();
  const double scale = want.cwiseAbs().maxCoeff();
  REQUIRE(scale > 0.0);
  int compared = 0, zeros = 0;
  std::ostringstream diff;
  for (Param* param : t.parameters()) {
    if (param->name != "layers.0.weight") continue;
    REQUIRE(param->value.cols() == want.size());
    for (Eigen::Index j = 0; j < want.size(); ++j) {
      // The network's target is standardised: its weights are the path's over σ.
      const double got = param->value(0, j) * np.targetScale;
      diff << "w[" << j << "] network " << got << " path " << want(j) << "\n";
      if (want(j) == 0.0 && np.kind != "l2") {
        CHECK(got == 0.0);
        ++zeros;
      } else {
        CHECK(std::abs(got - want(j)) <= 2e-3 * scale);
      }
      ++compared;
    }
  }
  INFO(diff.str());
  CHECK(compared == want.size());
  if (np.kind == "l1") CHECK(zeros > 0);  // the zeros are part of the claim
}

// Options of a least-squares path model (its score is the mean squared error).
LinearModelOptions leastSquares(LinearModel model, double l1Ratio) {
  LinearModelOptions o;
  o.model = model;
  o.l1Ratio = l1Ratio;
  o.score = LinearScore::MeanSquaredError;
  return o;
}

}  // namespace

TEST_CASE("networkPenalty: lasso, elastic net and ridge map to λ = 2α on a raw target",
          "[linear][train]") {
  ExperimentSpec spec = linearSpec("diabetes");
  spec.data.standardize = false;
  const SpecDesign design = specDesign(spec);
  const LinearModelOptions o = leastSquares(LinearModel::ElasticNet, 0.3);
  const NetworkPenalty en = networkPenalty(spec, design, o, 0.25);
  CHECK(en.kind == "elasticNet");
  CHECK(en.lambda == Approx(0.5).epsilon(1e-15));
  CHECK(en.l1Ratio == Approx(0.3).epsilon(1e-15));
  CHECK(en.targetScale == 1.0);
  ExperimentSpec scaled = spec;
  scaled.model.outputPenaltyScale = 4.0;
  CHECK(networkPenalty(scaled, design, o, 0.25).lambda == Approx(0.125).epsilon(1e-15));
  CHECK_THROWS_WITH(networkPenalty(spec, design, o, 0.0), Catch::Contains("alpha"));
  scaled.model.outputPenaltyScale = 0.0;
  CHECK_THROWS_WITH(networkPenalty(scaled, design, o, 1.0), Catch::Contains("outputPenaltyScale"));
}

TEST_CASE("networkPenalty: a standardised target divides the L1 part by its std σ",
          "[linear][train]") {
  const ExperimentSpec spec = linearSpec("diabetes");
  const SpecDesign design = specDesign(spec);
  const Eigen::VectorXd& y = design.fit.y;
  const double sigma = std::sqrt((y.array() - y.mean()).square().sum() / double(y.size()));
  REQUIRE(sigma > 10.0);  // diabetes: progress scores with std ≈ 77
  LinearModelOptions o = leastSquares(LinearModel::Lasso, 1.0);
  const NetworkPenalty l1 = networkPenalty(spec, design, o, 0.5);
  CHECK(l1.kind == "l1");
  CHECK(l1.targetScale == Approx(sigma).epsilon(1e-12));
  CHECK(l1.lambda == Approx(1.0 / sigma).epsilon(1e-12));
  o = leastSquares(LinearModel::Ridge, 0.0);
  const NetworkPenalty l2 = networkPenalty(spec, design, o, 0.5);
  CHECK(l2.kind == "l2");
  CHECK(l2.lambda == Approx(1.0).epsilon(1e-15));  // ½‖w/σ‖² over ‖r/σ‖²: σ cancels
  o = leastSquares(LinearModel::ElasticNet, 0.5);
  const NetworkPenalty en = networkPenalty(spec, design, o, 0.5);
  // λρ' = 2αρ/σ, λ(1 − ρ') = 2α(1 − ρ)
  CHECK(en.lambda * en.l1Ratio == Approx(0.5 / sigma).epsilon(1e-12));
  CHECK(en.lambda * (1.0 - en.l1Ratio) == Approx(0.5).epsilon(1e-12));
}

TEST_CASE("networkPenalty: a regression model on class labels is refused", "[linear][train]") {
  const ExperimentSpec spec = linearSpec("breastCancer");
  const SpecDesign design = specDesign(spec);
  const LinearModelOptions o = leastSquares(LinearModel::Lasso, 1.0);
  CHECK_THROWS_WITH(networkPenalty(spec, design, o, 0.1), Catch::Contains("logistic"));
}

TEST_CASE("a linear network trained with networkPenalty reaches the lasso path's coefficients",
          "[linear][train][slow]") {
  LinearModelOptions o = leastSquares(LinearModel::Lasso, 1.0);
  o.nAlphas = 30;
  o.tol = 1e-10;
  o.maxIter = 100000;
  // Grid point 12 of 30: a few features active, the others exactly zero.
  checkAgreement(linearSpec("diabetes"), o, 12, 0.1, 20000);
}

TEST_CASE("a linear network trained with networkPenalty reaches the elastic net and ridge paths",
          "[linear][train][slow]") {
  LinearModelOptions o = leastSquares(LinearModel::ElasticNet, 0.5);
  o.nAlphas = 30;
  o.tol = 1e-10;
  o.maxIter = 100000;
  checkAgreement(linearSpec("diabetes"), o, 12, 0.1, 20000);
  // Ridge's default grid (glmnet's, from α_max at ρ = 0.001) stays above the network's λ ≤ 10;
  // the page's ridge grid reaches down to 1e-6·α_max, as here: point 22 of 30 is α ≈ 1.3.
  LinearModelOptions r = leastSquares(LinearModel::Ridge, 0.0);
  r.nAlphas = 30;
  r.eps = 1e-6;
  checkAgreement(linearSpec("diabetes"), r, 22, 0.1, 20000);
}

TEST_CASE("a linear network trained with networkPenalty reaches the L1 logistic path (λ = 1/(nC))",
          "[linear][train][slow]") {
  LinearModelOptions o;
  o.model = LinearModel::Logistic;
  o.l1Ratio = 1.0;
  o.nAlphas = 30;
  o.tol = 1e-10;
  o.score = LinearScore::Misclassification;
  checkAgreement(linearSpec("breastCancer"), o, 8, 0.5, 20000);
}
