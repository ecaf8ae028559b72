#include "spec/cross_field_rules.hpp"

#include "data/data_kinds.hpp"
#include "spec/conditions.hpp"
#include "spec/spec_schema.hpp"

namespace engine {
namespace {

using Rule = CrossFieldRule;

std::vector<Rule> buildRules() {
  const std::vector<Condition> nesterov = {oneOf("optimizer.kind", {"sgd"}),
                                           isTrue("optimizer.nesterov")};
  const Condition sparse = oneOf("data.kind", dataKindNames(DataFamily::Sparse));
  const Condition noFolds = notPositive("data.folds");
  std::vector<Rule> rules;
  // The training split keeps at least a fifth of the rows (with k folds the validation share
  // does not apply).
  rules.push_back({"splitShares",
                   {noFolds},
                   {"data.valFraction", "data.testFraction"},
                   Rule::Combine::Sum,
                   Rule::Relation::AtMost,
                   0.8,
                   "",
                   "data.testFraction",
                   Rule::Fix::Clamp,
                   0.0,
                   "must be at most 0.8"});
  // torch.optim.SGD refuses Nesterov without momentum or with dampening.
  rules.push_back({"nesterovMomentum",
                   nesterov,
                   {"optimizer.momentum"},
                   Rule::Combine::Sum,
                   Rule::Relation::Above,
                   0.0,
                   "",
                   "optimizer.nesterov",
                   Rule::Fix::Set,
                   0.0,
                   "must be above 0 for Nesterov momentum (as torch.optim.SGD)"});
  rules.push_back({"nesterovDampening",
                   nesterov,
                   {"optimizer.dampening"},
                   Rule::Combine::Sum,
                   Rule::Relation::Equals,
                   0.0,
                   "",
                   "optimizer.nesterov",
                   Rule::Fix::Set,
                   0.0,
                   "must be 0 for Nesterov momentum (as torch.optim.SGD)"});
  // Cosine annealing goes from lr down to etaMin, never up.
  rules.push_back({"cosineFloor",
                   {oneOf("schedule.kind", {"cosine"})},
                   {"schedule.etaMin"},
                   Rule::Combine::Sum,
                   Rule::Relation::AtMost,
                   0.0,
                   "optimizer.lr",
                   "schedule.etaMin",
                   Rule::Fix::Clamp,
                   0.0,
                   "must be at most optimizer.lr"});
  // Early stopping watches the validation loss (with k folds, fold data.fold is the validation
  // split).
  rules.push_back({"earlyStoppingSplit",
                   {isTrue("training.earlyStopping.enabled"), noFolds},
                   {"data.valFraction"},
                   Rule::Combine::Sum,
                   Rule::Relation::Above,
                   0.0,
                   "",
                   "training.earlyStopping.enabled",
                   Rule::Fix::Set,
                   0.0,
                   "must be above 0 for early stopping, which watches the validation loss"});
  rules.push_back({"sparseSupport",
                   {sparse},
                   {"data.nonZeros"},
                   Rule::Combine::Sum,
                   Rule::Relation::AtMost,
                   0.0,
                   "data.dimensions",
                   "data.nonZeros",
                   Rule::Fix::Clamp,
                   0.0,
                   "must be at most data.dimensions"});
  rules.push_back({"sparseSize",
                   {sparse},
                   {"data.samples", "data.dimensions"},
                   Rule::Combine::Product,
                   Rule::Relation::AtMost,
                   static_cast<double>(SpecLimits::kMaxDataValues),
                   "",
                   "data.samples",
                   Rule::Fix::Clamp,
                   0.0,
                   "must be at most " + std::to_string(SpecLimits::kMaxDataValues)});
  // k-fold cross-validation needs two folds at least; 0 switches it off.
  rules.push_back({"foldsCount",
                   {positive("data.folds")},
                   {"data.folds"},
                   Rule::Combine::Sum,
                   Rule::Relation::Above,
                   1.0,
                   "",
                   "data.folds",
                   Rule::Fix::Set,
                   2.0,
                   "must be 0 (a single validation split) or at least 2"});
  // The validation fold is one of the k folds: 0 ≤ fold ≤ k − 1.
  rules.push_back({"foldIndex",
                   {positive("data.folds")},
                   {"data.fold"},
                   Rule::Combine::Sum,
                   Rule::Relation::AtMost,
                   0.0,
                   "data.folds",
                   "data.fold",
                   Rule::Fix::Clamp,
                   0.0,
                   "must be at most data.folds − 1",
                   -1.0});
  // A CNN trains on mini-batches: a full batch of images would not fit the memory budget of
  // the layer rules (spec/layer_rules.hpp), which then bounds the batch size.
  rules.push_back({"imageBatch",
                   {anyLayerOneOf("kind", imageLayerKindNames())},
                   {"training.batchSize"},
                   Rule::Combine::Sum,
                   Rule::Relation::Above,
                   0.0,
                   "",
                   "training.batchSize",
                   Rule::Fix::Set,
                   32.0,
                   "must be above 0 for a CNN (mini-batches; a full batch of images would not "
                   "fit the memory budget)"});
  return rules;
}

double valueOf(const std::string& path, const ExperimentSpec& spec) {
  const FieldDesc* f = findSpecField(path);
  return f && f->getNumber ? f->getNumber(&spec) : 0.0;
}

double combined(const Rule& rule, const ExperimentSpec& spec) {
  double v = rule.combine == Rule::Combine::Sum ? 0.0 : 1.0;
  for (const std::string& t : rule.terms)
    v = rule.combine == Rule::Combine::Sum ? v + valueOf(t, spec) : v * valueOf(t, spec);
  return v;
}

double boundOf(const Rule& rule, const ExperimentSpec& spec) {
  return rule.boundPath.empty() ? rule.bound : valueOf(rule.boundPath, spec) + rule.boundOffset;
}

}  // namespace

const std::vector<CrossFieldRule>& crossFieldRules() {
  static const std::vector<CrossFieldRule> rules = buildRules();
  return rules;
}

bool ruleApplies(const CrossFieldRule& rule, const ExperimentSpec& spec) {
  return allHold(rule.when, spec);
}

bool ruleHolds(const CrossFieldRule& rule, const ExperimentSpec& spec) {
  if (!ruleApplies(rule, spec)) return true;
  const double lhs = combined(rule, spec);
  const double rhs = boundOf(rule, spec);
  // A relative margin, so that 0.6 + 0.2 (0.8000000000000002 in binary) passes "≤ 0.8".
  const double slack = 1e-12 * std::max(1.0, std::abs(rhs));
  switch (rule.relation) {
    case Rule::Relation::AtMost: return lhs <= rhs + slack;
    case Rule::Relation::Above: return lhs > rhs;
    case Rule::Relation::Equals: return lhs == rhs;
  }
  return true;
}

std::string ruleError(const CrossFieldRule& rule, const ExperimentSpec& spec) {
  std::string subject;
  for (const std::string& t : rule.terms)
    subject += (subject.empty() ? "" : rule.combine == Rule::Combine::Sum ? " + " : " × ") + t;
  return subject + ": " + rule.message + ", got " + jsonNumber(combined(rule, spec));
}

}  // namespace engine
