// Claims about a training run as a whole: determinism, divergence, sparsity from proximal L1,
// early stopping, limits, mid-run updates, reset, metrics.
#include <catch2/catch.hpp>

#include <cmath>
#include <cstring>
#include <set>

#include "train/trainer.hpp"

namespace engine {
namespace {

LayerSpec denseLayer(int units, const std::string& activation) {
  LayerSpec l;
  l.units = units;
  l.activation = activation;
  return l;
}

ExperimentSpec circleSpec() {
  ExperimentSpec spec;
  spec.seed = 7;
  spec.data.kind = "circle";
  spec.data.samples = 200;
  spec.optimizer.kind = "adam";
  spec.optimizer.lr = 0.01;
  spec.training.batchSize = 10;
  spec.training.recordEvery = 5;
  return spec;
}

std::vector<Matrix> values(Trainer& t) {
  std::vector<Matrix> out;
  for (Param* p : t.parameters()) out.push_back(p->value);
  return out;
}

bool bitIdentical(const std::vector<Matrix>& a, const std::vector<Matrix>& b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    if (a[i].size() != b[i].size()) return false;
    if (std::memcmp(a[i].data(), b[i].data(), sizeof(Scalar) * a[i].size()) != 0) return false;
  }
  return true;
}

// A linear regression on the sparse set: n = 100 samples, p = 40 features, k = 5 non-zeros.
ExperimentSpec sparseSpec(const std::string& l1Mode) {
  ExperimentSpec spec;
  spec.seed = 3;
  spec.data.kind = "sparseLinear";
  spec.data.samples = 100;
  spec.data.dimensions = 40;
  spec.data.nonZeros = 5;
  spec.data.noise = 0.1;
  spec.data.valFraction = 0.0;
  spec.data.testFraction = 0.0;
  spec.model.hidden.clear();
  spec.penalty.kind = "l1";
  spec.penalty.lambda = 0.1;
  spec.penalty.l1Mode = l1Mode;
  spec.optimizer.kind = "sgd";
  spec.optimizer.lr = 0.05;
  spec.training.batchSize = 0;  // full batch: proximal gradient descent (ISTA)
  spec.training.recordEvery = 100;
  return spec;
}

}  // namespace

TEST_CASE("The same spec and seed give a bit-identical run", "[train][determinism]") {
  ExperimentSpec spec = circleSpec();
  spec.model.hidden[0].dropout = 0.2;
  spec.training.jitter = 0.05;
  spec.training.mixupAlpha = 0.4;
  Trainer a(spec);
  Trainer b(spec);
  a.runSteps(150);
  b.runSteps(150);
  CHECK(bitIdentical(values(a), values(b)));
  const MetricsColumns ma = a.takeMetrics();
  const MetricsColumns mb = b.takeMetrics();
  REQUIRE(ma.rows == mb.rows);
  CHECK(ma["trainLoss"] == mb["trainLoss"]);

  SECTION("and another seed gives another run") {
    spec.seed = 8;
    Trainer c(spec);
    c.runSteps(150);
    CHECK_FALSE(bitIdentical(values(a), values(c)));
  }
}

TEST_CASE("Reset returns to the seed's initial weights and step 0", "[train]") {
  Trainer t(circleSpec());
  const std::vector<Matrix> initial = values(t);
  t.runSteps(40);
  CHECK_FALSE(bitIdentical(initial, values(t)));
  t.reset();
  CHECK(bitIdentical(initial, values(t)));
  CHECK(t.status().step == 0);
  // The run after a reset is the run of a fresh trainer.
  Trainer fresh(circleSpec());
  t.runSteps(25);
  fresh.runSteps(25);
  CHECK(bitIdentical(values(t), values(fresh)));
}

TEST_CASE("Training lowers the loss and reaches high accuracy on the circle", "[train]") {
  Trainer t(circleSpec());
  const Evaluation before = t.evaluate(Split::Train);
  t.runEpochs(60);
  const Evaluation after = t.evaluate(Split::Train);
  CHECK(after.loss < 0.5 * before.loss);
  CHECK(after.accuracy > 0.9);
  CHECK(t.evaluate(Split::Test).accuracy > 0.85);
}

TEST_CASE("A diverging run stops, names the step and keeps finite weights", "[train]") {
  ExperimentSpec spec = circleSpec();
  spec.optimizer.kind = "sgd";
  spec.optimizer.lr = 10.0;
  spec.model.hidden = {denseLayer(64, "relu"), denseLayer(64, "relu")};
  spec.model.init = "heNormal";
  spec.data.kind = "regression1d";
  spec.data.degree = 12;
  spec.data.standardize = false;
  Trainer t(spec);
  const RunStatus s = t.runSteps(1000);
  REQUIRE(s.state == RunState::Diverged);
  CHECK(s.divergedAtStep > 0);
  CHECK(s.step == s.divergedAtStep - 1);  // the diverging step was not applied
  CHECK(s.message.find("step " + std::to_string(s.divergedAtStep)) != std::string::npos);
  CHECK(t.runSteps(10).stepsRun == 0);
  // The steps since the last record are on the chart, one row each, up to the last finite one.
  const MetricsColumns m = t.takeMetrics();
  REQUIRE(m.rows >= 2);
  const auto last = static_cast<std::size_t>(m.rows - 1);
  CHECK(m["step"][last] == s.step);
  CHECK(m["step"][last - 1] == s.step - 1);
  CHECK(std::isfinite(m["batchLoss"][last]));
  CHECK(std::isnan(m["trainLoss"][last]));  // a traced step has no evaluation pass
  // The gradients explode on the way: far above the first step's, or overflowing.
  double largest = 0.0;
  bool overflow = false;
  for (double g : m["gradNormTotal"]) {
    if (std::isfinite(g)) largest = std::max(largest, g);
    overflow |= !std::isfinite(g);
  }
  CHECK((overflow || largest > 100 * m["gradNormTotal"][1]));
}

TEST_CASE("A run that ends between records leaves no trace rows behind", "[train]") {
  ExperimentSpec spec = circleSpec();
  spec.training.recordEvery = 7;
  Trainer t(spec);
  t.runSteps(30);
  const MetricsColumns m = t.takeMetrics();
  for (int r = 0; r < m.rows; ++r)
    CHECK(std::isfinite(m["trainLoss"][static_cast<std::size_t>(r)]));
}

Matrix firstWeight(Trainer& t) {
  for (Param* p : t.parameters())
    if (p->name == "layers.0.weight") return p->value;
  FAIL("no layers.0.weight");
  return {};
}

TEST_CASE("Proximal L1 gives exact zeros and recovers the true support", "[train][sparsity]") {
  Trainer t(sparseSpec("proximal"));
  t.runSteps(3000);
  const Matrix w = firstWeight(t);
  std::set<int> support;
  for (Index j = 0; j < w.cols(); ++j)
    if (w(0, j) != Scalar(0)) support.insert(static_cast<int>(j));
  const std::vector<int>& truth = t.splitData().trueSupport;
  REQUIRE(truth.size() == 5);
  CHECK(support == std::set<int>(truth.begin(), truth.end()));
  // Exact zeros, not merely small ones.
  CHECK(w.cols() - static_cast<Index>(support.size()) == 35);
  const MetricsColumns m = t.takeMetrics();
  CHECK(m["zeroFraction"].back() == Approx(35.0 / 40.0));
}

TEST_CASE("Subgradient L1 leaves no weight exactly zero", "[train][sparsity]") {
  Trainer t(sparseSpec("subgradient"));
  t.runSteps(3000);
  const Matrix w = firstWeight(t);
  Index zeros = 0;
  Index small = 0;
  for (Index j = 0; j < w.cols(); ++j) {
    zeros += w(0, j) == Scalar(0);
    small += std::abs(w(0, j)) < 0.05;
  }
  CHECK(zeros == 0);
  // The irrelevant weights chatter around zero instead (size ~ lr·λ).
  CHECK(small >= 30);
}

TEST_CASE("Early stopping stops after `patience` epochs and restores the best weights",
          "[train][early-stopping]") {
  ExperimentSpec spec;
  spec.seed = 11;
  spec.data.kind = "regression1d";
  spec.data.samples = 20;
  spec.data.degree = 9;
  spec.data.noise = 0.3;
  spec.data.valFraction = 0.3;
  spec.data.testFraction = 0.0;
  spec.model.hidden = {denseLayer(32, "tanh")};
  spec.optimizer.kind = "adam";
  spec.optimizer.lr = 0.05;
  spec.training.batchSize = 0;
  spec.training.earlyStopping.enabled = true;
  spec.training.earlyStopping.patience = 15;
  spec.training.earlyStopping.restoreBest = true;
  Trainer t(spec);
  const RunStatus s = t.runEpochs(5000);
  REQUIRE(s.state == RunState::EarlyStopped);
  CHECK(s.message.find("restored") != std::string::npos);
  // The restored weights give the best validation loss seen, which is below the last epoch's.
  const double restored = t.evaluate(Split::Validation).loss;
  const MetricsColumns m = t.takeMetrics();
  double best = 1e300;
  for (int r = 0; r + 1 < m.rows; ++r)
    best = std::min(best, m["valLoss"][static_cast<std::size_t>(r)]);
  CHECK(restored == Approx(best).epsilon(1e-6));
  CHECK(m["valLoss"][static_cast<std::size_t>(m.rows - 2)] > restored);
  CHECK(s.epoch < 5000);
  // The status names the step of the best epoch, whose recorded validation loss it is.
  REQUIRE(s.bestStep > 0);
  bool found = false;
  for (int r = 0; r + 1 < m.rows; ++r) {
    if (m["step"][static_cast<std::size_t>(r)] != s.bestStep) continue;
    found = true;
    CHECK(m["valLoss"][static_cast<std::size_t>(r)] == Approx(restored).epsilon(1e-6));
  }
  CHECK(found);
}

TEST_CASE("maxEpochs finishes the run at exactly that epoch", "[train]") {
  ExperimentSpec spec = circleSpec();
  spec.training.maxEpochs = 3;
  Trainer t(spec);
  const RunStatus s = t.runSteps(100000);
  CHECK(s.state == RunState::Finished);
  CHECK(s.epoch == 3);
  // 120 training samples in batches of 10: 12 steps per epoch.
  CHECK(s.step == 36);
}

TEST_CASE("Changing lr mid-run keeps the weights and optimizer state", "[train][update]") {
  Trainer a(circleSpec());
  Trainer b(circleSpec());
  a.runSteps(20);
  b.runSteps(20);
  ExperimentSpec next = circleSpec();
  next.optimizer.lr = 0.02;
  REQUIRE(a.update(next));
  CHECK(a.status().step == 20);
  CHECK(bitIdentical(values(a), values(b)));
  a.runSteps(1);
  b.runSteps(1);
  CHECK_FALSE(bitIdentical(values(a), values(b)));
  const MetricsColumns m = a.takeMetrics();
  (void)m;
  SECTION("and an architecture change is refused without touching the run") {
    ExperimentSpec wider = next;
    wider.model.hidden[0].units = 9;
    const std::vector<Matrix> before = values(a);
    CHECK_FALSE(a.update(wider));
    CHECK(bitIdentical(before, values(a)));
    ExperimentSpec noisier = next;
    noisier.data.noise = 0.3;
    CHECK_FALSE(a.update(noisier));
    ExperimentSpec reseeded = next;
    reseeded.seed = 8;
    CHECK_FALSE(a.update(reseeded));
  }
  SECTION("and a new batch size keeps the weights but starts a new batch order") {
    ExperimentSpec bigger = next;
    bigger.training.batchSize = 30;
    const std::vector<Matrix> before = values(a);
    REQUIRE(a.update(bigger));
    CHECK(bitIdentical(before, values(a)));
    CHECK(a.status().step == 21);
    a.runEpochs(1);
    CHECK(a.status().step == 21 + 4);  // 120 rows in batches of 30
  }
  SECTION("and momentum under Adam is ignored without resetting Adam's moments") {
    ExperimentSpec irrelevant = next;
    irrelevant.optimizer.momentum = 0.9;
    ExperimentSpec copy = next;
    Trainer c(circleSpec());
    c.runSteps(20);
    REQUIRE(c.update(copy));
    c.runSteps(1);
    REQUIRE(a.update(irrelevant));
    a.runSteps(3);
    c.runSteps(3);
    CHECK(bitIdentical(values(a), values(c)));
  }
  SECTION("and the dropout rate and penalty change in place") {
    ExperimentSpec reg = next;
    reg.model.hidden[0].dropout = 0.5;
    reg.penalty.kind = "l2";
    reg.penalty.lambda = 0.1;
    REQUIRE(a.update(reg));
    a.runSteps(5);
    const MetricsColumns after = a.takeMetrics();
    CHECK(after["trainPenalty"].back() > 0.0);
  }
}

TEST_CASE("The penalty is reported apart from the data loss, as λ Σ|w| over weights",
          "[train][metrics]") {
  ExperimentSpec spec = circleSpec();
  spec.penalty.kind = "l1";
  spec.penalty.lambda = 0.003;
  spec.model.outputPenaltyScale = 2.0;
  Trainer t(spec);
  t.runSteps(10);
  double expected = 0.0;
  for (Param* p : t.parameters()) {
    if (p->role != ParamRole::Weight) continue;
    const double scale = p->layer == 2 ? 2.0 : 1.0;
    expected += 0.003 * scale * static_cast<double>(p->value.cwiseAbs().sum());
  }
  CHECK(t.evaluate(Split::Train).penalty == Approx(expected).epsilon(1e-5));
  const MetricsColumns m = t.takeMetrics();
  CHECK(m["trainPenalty"].back() == Approx(expected).epsilon(1e-5));
}

TEST_CASE("Metrics are recorded every recordEvery steps and at every epoch end", "[metrics]") {
  ExperimentSpec spec = circleSpec();
  spec.training.recordEvery = 5;
  Trainer t(spec);
  t.runSteps(24);  // 12 steps per epoch
  const MetricsColumns m = t.takeMetrics();
  const std::vector<double> expected = {0, 5, 10, 12, 15, 20, 24};
  CHECK(m["step"] == expected);
  CHECK(m.layers == 3);
  CHECK(m["weightL2"].size() == expected.size() * 3);
  CHECK(t.takeMetrics().rows == 0);
}

TEST_CASE("Max-norm keeps every unit's incoming weights within the bound", "[train]") {
  ExperimentSpec spec = circleSpec();
  spec.optimizer.lr = 0.1;
  spec.training.maxNorm = 0.5;
  Trainer t(spec);
  t.runSteps(50);
  for (Param* p : t.parameters()) {
    if (p->role != ParamRole::Weight) continue;
    for (Index r = 0; r < p->value.rows(); ++r) CHECK(p->value.row(r).norm() <= 0.5f + 1e-6f);
  }
}

TEST_CASE("Gradient norms are recorded before and after clipping", "[train]") {
  ExperimentSpec spec = circleSpec();
  spec.training.clipNorm = 0.01;
  spec.training.recordEvery = 1;
  Trainer t(spec);
  t.runSteps(20);
  const MetricsColumns m = t.takeMetrics();
  for (int r = 1; r < m.rows; ++r) {
    const auto row = static_cast<std::size_t>(r);
    // Per-layer norms are taken before clipping: together they make up the global norm.
    double total = 0.0;
    for (int k = 0; k < m.layers; ++k) {
      const double g =
          m["gradNorm"][row * static_cast<std::size_t>(m.layers) + static_cast<std::size_t>(k)];
      total += g * g;
    }
    CHECK(std::sqrt(total) == Approx(m["gradNormTotal"][row]).epsilon(1e-6));
    CHECK(m["gradNormTotal"][row] > 0.01);  // this network's gradients exceed the threshold
    CHECK(m["gradNormClipped"][row] <= 0.01 * (1 + 1e-4));
    CHECK(m["gradNormClipped"][row] >= 0.01 * (1 - 1e-3));
  }
}

TEST_CASE("Invalid specs are refused with the field and its range", "[train][spec]") {
  ExperimentSpec spec = circleSpec();
  spec.optimizer.lr = -1;
  CHECK_THROWS_WITH(Trainer(spec), Catch::Contains("optimizer.lr") && Catch::Contains("(0, 10]"));
  spec = circleSpec();
  spec.penalty.p = 1.5;
  CHECK_THROWS_WITH(Trainer(spec), Catch::Contains("penalty.p") && Catch::Contains("(0, 1)"));
  spec = circleSpec();
  spec.model.hidden.assign(3, denseLayer(1024, "relu"));
  CHECK_THROWS_WITH(Trainer(spec), Catch::Contains("parameters"));
  spec = circleSpec();
  spec.training.earlyStopping.enabled = true;
  spec.data.valFraction = 0.0;
  CHECK_THROWS_WITH(Trainer(spec), Catch::Contains("valFraction"));
}

TEST_CASE("Custom data trains, and the grid covers the plane row by row", "[train]") {
  ExperimentSpec spec = circleSpec();
  CustomData data;
  data.rows = 40;
  data.cols = 2;
  for (int i = 0; i < 40; ++i) {
    const float x = static_cast<float>(i % 2 ? 1 : -1) * (1.0f + 0.05f * i);
    data.x.push_back(x);
    data.x.push_back(0.1f * static_cast<float>(i % 5));
    data.y.push_back(x > 0 ? 1.0f : 0.0f);
  }
  Trainer t(spec, data);
  t.runEpochs(30);
  CHECK(t.evaluate(Split::Train).accuracy == 1.0);
  const std::vector<float> grid = t.gridPredictions(4, -3, 3, -1, 1);
  REQUIRE(grid.size() == 16);
  for (int r = 0; r < 4; ++r) {
    CHECK(grid[static_cast<std::size_t>(r * 4)] < 0.5f);      // x = −3: class 0
    CHECK(grid[static_cast<std::size_t>(r * 4 + 3)] > 0.5f);  // x = +3: class 1
  }
}

}  // namespace engine

namespace engine {

TEST_CASE("Regression predictions come back in the target's units", "[train]") {
  ExperimentSpec spec;
  spec.data.kind = "diabetes";
  spec.model.hidden.clear();
  spec.optimizer.kind = "adam";
  spec.optimizer.lr = 0.05;
  spec.training.batchSize = 32;
  Trainer t(spec);
  const RunStatus s = t.runEpochs(40);
  REQUIRE(s.state == RunState::Running);
  // Standardised targets: a linear model explains about half the variance (R² ≈ 0.5).
  CHECK(t.evaluate(Split::Train).loss < 0.6);
  const Dataset& train = t.dataset(Split::Train);
  const Matrix p = t.predict(train.raw.topRows(20));
  double sum = 0;
  for (Index i = 0; i < p.rows(); ++i) sum += p(i, 0);
  CHECK(sum / 20 > 80);  // disease progression scores, not z-scores
  CHECK(sum / 20 < 250);
}

}  // namespace engine

namespace engine {

TEST_CASE("Multi-output regression: one output per target column, each in its own units",
          "[train]") {
  // y1 = 2·x1 + 100, y2 = −x2 / 10: two columns on very different scales.
  CustomData data;
  data.rows = 200;
  data.cols = 2;
  data.targetCols = 2;
  Rng rng(5);
  for (int i = 0; i < data.rows; ++i) {
    const double x1 = rng.uniform(-1, 1);
    const double x2 = rng.uniform(-1, 1);
    data.x.push_back(static_cast<float>(x1));
    data.x.push_back(static_cast<float>(x2));
    data.y.push_back(static_cast<float>(2 * x1 + 100));
    data.y.push_back(static_cast<float>(-x2 / 10));
  }
  ExperimentSpec spec;
  spec.data.task = "regression";
  spec.model.hidden = {};  // a linear model fits both exactly
  spec.optimizer.kind = "adam";
  spec.optimizer.lr = 0.05;
  Trainer t(spec, data);
  CHECK(t.network().outputs == 2);
  CHECK(t.network().targetNames == std::vector<std::string>{"y1", "y2"});
  t.runSteps(2000);
  CHECK(t.evaluate(Split::Train).loss < 1e-4);
  Matrix probe(1, 2);
  probe << 0.5f, -0.5f;
  const Matrix p = t.predict(probe);
  REQUIRE(p.cols() == 2);
  CHECK(p(0, 0) == Approx(101.0).epsilon(1e-3));
  CHECK(p(0, 1) == Approx(0.05).margin(2e-3));
  CHECK_THROWS_WITH(Trainer(
                        [] {
                          ExperimentSpec c;
                          c.data.task = "classification";
                          return c;
                        }(),
                        data),
                    Catch::Contains("one target column"));
}

}  // namespace engine
