// What a change costs a running network: decided by the schema's effects and relevance.
#include <catch2/catch.hpp>

#include "spec/conditions.hpp"
#include "spec/spec_diff.hpp"
#include "spec/spec_schema.hpp"

namespace engine {

TEST_CASE("Live, optimizer-state and rebuild changes are told apart", "[spec]") {
  const ExperimentSpec base;
  CHECK(changeCost(base, base) == ChangeCost::None);

  ExperimentSpec lr = base;
  lr.optimizer.lr = 0.1;
  CHECK(changeCost(base, lr) == ChangeCost::Live);
  ExperimentSpec penalty = base;
  penalty.penalty.kind = "l1";
  penalty.penalty.lambda = 0.01;
  CHECK(changeCost(base, penalty) == ChangeCost::Live);
  ExperimentSpec dropout = base;
  dropout.model.hidden[0].dropout = 0.3;
  CHECK(changeCost(base, dropout) == ChangeCost::Live);
  ExperimentSpec decay = base;
  decay.optimizer.weightDecay = 0.01;
  CHECK(changeCost(base, decay) == ChangeCost::Live);

  ExperimentSpec kind = base;
  kind.optimizer.kind = "adam";
  CHECK(changeCost(base, kind) == ChangeCost::NewState);
  ExperimentSpec momentum = base;
  momentum.optimizer.momentum = 0.9;
  CHECK(changeCost(base, momentum) == ChangeCost::NewState);

  ExperimentSpec seed = base;
  seed.seed = 2;
  CHECK(changeCost(base, seed) == ChangeCost::Rebuild);
  ExperimentSpec units = base;
  units.model.hidden[1].units = 3;
  CHECK(changeCost(base, units) == ChangeCost::Rebuild);
  ExperimentSpec layers = base;
  layers.model.hidden.pop_back();
  CHECK(changeCost(base, layers) == ChangeCost::Rebuild);
  ExperimentSpec data = base;
  data.data.noise = 0.3;
  CHECK(changeCost(base, data) == ChangeCost::Rebuild);
}

TEST_CASE("A field that matters in neither spec costs only a live change", "[spec]") {
  ExperimentSpec adam;
  adam.optimizer.kind = "adam";
  ExperimentSpec changed = adam;
  changed.optimizer.momentum = 0.9;  // SGD's and RMSProp's, not Adam's
  CHECK(changeCost(adam, changed) == ChangeCost::Live);
  ExperimentSpec circle;
  ExperimentSpec degree = circle;
  degree.data.degree = 5;  // the 1D set's
  CHECK(changeCost(circle, degree) == ChangeCost::Live);
}

TEST_CASE("Relevance follows the optimizer, penalty, schedule and layers", "[spec]") {
  ExperimentSpec spec;
  const auto relevant = [&](const char* path) { return isRelevant(*findSpecField(path), spec); };
  CHECK(relevant("optimizer.momentum"));
  CHECK_FALSE(relevant("optimizer.beta1"));
  CHECK_FALSE(relevant("penalty.lambda"));
  CHECK_FALSE(relevant("model.leakySlope"));
  CHECK_FALSE(relevant("optimizer.decayScope"));
  spec.optimizer.kind = "adamw";
  spec.penalty.kind = "lp";
  spec.model.hidden[1].activation = "leakyRelu";
  spec.optimizer.weightDecay = 0.01;
  CHECK_FALSE(relevant("optimizer.momentum"));
  CHECK(relevant("optimizer.beta1"));
  CHECK(relevant("penalty.lambda"));
  CHECK(relevant("penalty.p"));
  CHECK_FALSE(relevant("penalty.l1Mode"));
  CHECK(relevant("model.leakySlope"));
  CHECK(relevant("optimizer.decayScope"));
  spec.data.kind = "diabetes";
  CHECK_FALSE(relevant("data.samples"));
  CHECK_FALSE(relevant("data.features"));
}

}  // namespace engine
