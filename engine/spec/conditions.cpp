#include "spec/conditions.hpp"

#include <algorithm>

#include "spec/spec_schema.hpp"

namespace engine {
namespace {

bool contains(const std::vector<std::string>& list, const std::string& v) {
  return std::find(list.begin(), list.end(), v) != list.end();
}

}  // namespace

bool conditionHolds(const Condition& c, const ExperimentSpec& spec, const LayerSpec* layer) {
  using Op = Condition::Op;
  if (c.op == Op::LayerOneOf || c.op == Op::LayerPositive) {
    const FieldDesc* f = findLayerField(c.path);
    if (!f || !layer) return false;
    return c.op == Op::LayerOneOf ? contains(c.values, f->getString(layer))
                                  : f->getNumber(layer) > 0.0;
  }
  if (c.op == Op::AnyLayerOneOf || c.op == Op::AnyLayerIsTrue) {
    const FieldDesc* f = findLayerField(c.path);
    if (!f) return false;
    return std::any_of(spec.model.hidden.begin(), spec.model.hidden.end(), [&](const LayerSpec& l) {
      if (!isLayerFieldRelevant(*f, spec, l)) return false;
      return c.op == Op::AnyLayerOneOf ? contains(c.values, f->getString(&l))
                                       : f->getNumber(&l) != 0.0;
    });
  }
  const FieldDesc* f = findSpecField(c.path);
  if (!f) return false;
  switch (c.op) {
    case Op::OneOf: return contains(c.values, f->getString(&spec));
    case Op::NoneOf: return !contains(c.values, f->getString(&spec));
    case Op::IsTrue: return f->getNumber(&spec) != 0.0;
    case Op::Positive: return f->getNumber(&spec) > 0.0;
    case Op::NotPositive: return !(f->getNumber(&spec) > 0.0);
    case Op::AnyLayerOneOf:
    case Op::AnyLayerIsTrue:
    case Op::LayerOneOf:
    case Op::LayerPositive: break;
  }
  return false;
}

bool allHold(const std::vector<Condition>& conditions, const ExperimentSpec& spec,
             const LayerSpec* layer) {
  return std::all_of(conditions.begin(), conditions.end(),
                     [&](const Condition& c) { return conditionHolds(c, spec, layer); });
}

bool isRelevant(const FieldDesc& field, const ExperimentSpec& spec) {
  return allHold(field.relevantWhen, spec);
}

bool isLayerFieldRelevant(const FieldDesc& field, const ExperimentSpec& spec,
                          const LayerSpec& layer) {
  return allHold(field.relevantWhen, spec, &layer);
}

Condition oneOf(std::string path, std::vector<std::string> values) {
  return {Condition::Op::OneOf, std::move(path), std::move(values)};
}
Condition noneOf(std::string path, std::vector<std::string> values) {
  return {Condition::Op::NoneOf, std::move(path), std::move(values)};
}
Condition isTrue(std::string path) { return {Condition::Op::IsTrue, std::move(path), {}}; }
Condition positive(std::string path) { return {Condition::Op::Positive, std::move(path), {}}; }
Condition notPositive(std::string path) {
  return {Condition::Op::NotPositive, std::move(path), {}};
}
Condition anyLayerOneOf(std::string key, std::vector<std::string> values) {
  return {Condition::Op::AnyLayerOneOf, std::move(key), std::move(values)};
}
Condition anyLayerIsTrue(std::string key) {
  return {Condition::Op::AnyLayerIsTrue, std::move(key), {}};
}
Condition layerOneOf(std::string key, std::vector<std::string> values) {
  return {Condition::Op::LayerOneOf, std::move(key), std::move(values)};
}
Condition layerPositive(std::string key) {
  return {Condition::Op::LayerPositive, std::move(key), {}};
}

}  // namespace engine
