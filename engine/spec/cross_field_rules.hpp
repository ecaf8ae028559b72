// Rules that tie fields together, each valid alone (the validation and test shares, Nesterov
// and momentum, the cosine floor and the learning rate, ...). Written once, as data:
// validate() refuses a spec that breaks one, and the web app, from the exported table, repairs
// a shared link or a control change the same way before the engine ever sees it, so every
// state the page can reach is one the engine accepts.
//   A rule: when every `when` condition holds, combine(terms) <relation> bound must hold,
//   where combine is a sum or a product and bound a number or another field plus a constant
//   (boundOffset: "data.fold ≤ data.folds − 1"). Its repair sets `fixPath` to `fixValue` (Set)
//   or to the value that meets the bound exactly (Clamp).
#pragma once

#include <string>
#include <vector>

#include "spec/experiment_spec.hpp"
#include "spec/field_desc.hpp"

namespace engine {

struct CrossFieldRule {
  enum class Combine { Sum, Product };
  enum class Relation { AtMost, Above, Equals };
  enum class Fix { Clamp, Set };

  std::string id;  // stable name, for messages in the web app's languages
  std::vector<Condition> when;
  std::vector<std::string> terms;
  Combine combine = Combine::Sum;
  Relation relation = Relation::AtMost;
  double bound = 0.0;
  std::string boundPath;  // when set, the bound is this field's value
  std::string fixPath;
  Fix fix = Fix::Clamp;
  double fixValue = 0.0;
  std::string message;       // what validate() says, after the terms: "must be at most 0.8"
  double boundOffset = 0.0;  // with boundPath: the bound is that field's value plus this
};

const std::vector<CrossFieldRule>& crossFieldRules();

bool ruleApplies(const CrossFieldRule& rule, const ExperimentSpec& spec);
// True when the rule does not apply or its relation holds.
bool ruleHolds(const CrossFieldRule& rule, const ExperimentSpec& spec);
// "data.valFraction + data.testFraction: must be at most 0.8, got 1"
std::string ruleError(const CrossFieldRule& rule, const ExperimentSpec& spec);

}  // namespace engine
