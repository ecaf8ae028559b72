// The cross-field rules: each one refuses what it names, only when its guard holds, and its
// message names the fields and the value found.
#include <catch2/catch.hpp>

#include "spec/conditions.hpp"
#include "spec/cross_field_rules.hpp"
#include "spec/spec_schema.hpp"

namespace engine {
namespace {

const CrossFieldRule& rule(const std::string& id) {
  for (const CrossFieldRule& r : crossFieldRules())
    if (r.id == id) return r;
  FAIL("no rule " << id);
  throw;
}

}  // namespace

TEST_CASE("Every rule names schema fields in its terms, bound, guard and repair", "[spec]") {
  for (const CrossFieldRule& r : crossFieldRules()) {
    INFO(r.id);
    REQUIRE(!r.terms.empty());
    for (const std::string& t : r.terms) CHECK(findSpecField(t) != nullptr);
    if (!r.boundPath.empty()) CHECK(findSpecField(r.boundPath) != nullptr);
    CHECK(findSpecField(r.fixPath) != nullptr);
    for (const Condition& c : r.when) {
      // anyLayer* conditions name a layer field (the imageBatch rule: some layer is a conv).
      const bool layer =
          c.op == Condition::Op::AnyLayerOneOf || c.op == Condition::Op::AnyLayerIsTrue;
      CHECK((layer ? findLayerField(c.path) : findSpecField(c.path)) != nullptr);
    }
    CHECK(ruleHolds(r, ExperimentSpec{}));  // the defaults satisfy every rule
  }
}

TEST_CASE("The split shares may not leave less than a fifth of the rows for training", "[spec]") {
  ExperimentSpec spec;
  spec.data.valFraction = 0.5;
  spec.data.testFraction = 0.3;
  CHECK(ruleHolds(rule("splitShares"), spec));  // exactly 0.8, despite 0.5 + 0.3 rounding
  spec.data.testFraction = 0.31;
  CHECK_FALSE(ruleHolds(rule("splitShares"), spec));
  CHECK(ruleError(rule("splitShares"), spec) ==
        "data.valFraction + data.testFraction: must be at most 0.8, got 0.81");
}

TEST_CASE("Nesterov needs momentum and no dampening, for SGD only", "[spec]") {
  ExperimentSpec spec;
  spec.optimizer.nesterov = true;
  CHECK_FALSE(ruleHolds(rule("nesterovMomentum"), spec));
  spec.optimizer.momentum = 0.9;
  CHECK(ruleHolds(rule("nesterovMomentum"), spec));
  spec.optimizer.dampening = 0.5;
  CHECK_FALSE(ruleHolds(rule("nesterovDampening"), spec));
  spec.optimizer.kind = "adam";  // the flag means nothing to Adam
  spec.optimizer.momentum = 0.0;
  CHECK(ruleHolds(rule("nesterovMomentum"), spec));
  CHECK(ruleHolds(rule("nesterovDampening"), spec));
}

TEST_CASE("The cosine floor stays at or below the learning rate, for cosine only", "[spec]") {
  ExperimentSpec spec;
  spec.optimizer.lr = 0.01;
  spec.schedule.etaMin = 0.02;
  CHECK(ruleHolds(rule("cosineFloor"), spec));  // constant schedule: etaMin unused
  spec.schedule.kind = "cosine";
  CHECK_FALSE(ruleHolds(rule("cosineFloor"), spec));
  spec.schedule.etaMin = 0.01;
  CHECK(ruleHolds(rule("cosineFloor"), spec));
}

TEST_CASE("Sparse-set rules apply to the sparse set only", "[spec]") {
  ExperimentSpec spec;
  spec.data.nonZeros = 50;
  spec.data.dimensions = 10;
  spec.data.samples = 20000;
  spec.data.dimensions = 10;
  CHECK(ruleHolds(rule("sparseSupport"), spec));
  spec.data.kind = "sparseLinear";
  CHECK_FALSE(ruleHolds(rule("sparseSupport"), spec));
  spec.data.nonZeros = 5;
  spec.data.dimensions = 2000;
  CHECK_FALSE(ruleHolds(rule("sparseSize"), spec));  // 20000 × 2000 values
  spec.data.samples = 2000;
  CHECK(ruleHolds(rule("sparseSize"), spec));
}

TEST_CASE("k-fold validation: at least 2 folds, the fold one of them, shares ignored", "[spec]") {
  ExperimentSpec spec;
  spec.data.folds = 1;
  CHECK_FALSE(ruleHolds(rule("foldsCount"), spec));
  CHECK(ruleError(rule("foldsCount"), spec) ==
        "data.folds: must be 0 (a single validation split) or at least 2, got 1");
  spec.data.folds = 2;
  CHECK(ruleHolds(rule("foldsCount"), spec));
  spec.data.fold = 1;
  CHECK(ruleHolds(rule("foldIndex"), spec));  // 1 ≤ 2 − 1
  spec.data.fold = 2;
  CHECK_FALSE(ruleHolds(rule("foldIndex"), spec));
  CHECK(ruleError(rule("foldIndex"), spec) == "data.fold: must be at most data.folds − 1, got 2");
  spec.data.folds = 0;  // off: the fold is not used
  CHECK(ruleHolds(rule("foldIndex"), spec));
  // With folds the validation share does not apply: no split-share or early-stopping conflict.
  spec.data.folds = 5;
  spec.data.valFraction = 0.0;
  spec.data.testFraction = 0.5;
  spec.training.earlyStopping.enabled = true;
  CHECK(ruleHolds(rule("earlyStoppingSplit"), spec));
  spec.data.valFraction = 0.5;
  CHECK(ruleHolds(rule("splitShares"), spec));
  spec.data.folds = 0;
  CHECK_FALSE(ruleHolds(rule("splitShares"), spec));
  spec.data.valFraction = 0.0;
  CHECK_FALSE(ruleHolds(rule("earlyStoppingSplit"), spec));
}

TEST_CASE("the validation share matters without folds, the fold index only with them", "[spec]") {
  ExperimentSpec spec;
  CHECK(isRelevant(*findSpecField("data.valFraction"), spec));
  CHECK_FALSE(isRelevant(*findSpecField("data.fold"), spec));
  spec.data.folds = 5;
  CHECK_FALSE(isRelevant(*findSpecField("data.valFraction"), spec));
  CHECK(isRelevant(*findSpecField("data.fold"), spec));
  CHECK(findSpecField("data.folds")->effect == FieldEffect::Rebuild);
  CHECK(findSpecField("data.fold")->effect == FieldEffect::Rebuild);
}

}  // namespace engine
