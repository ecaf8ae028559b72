#include "spec/spec_diff.hpp"

#include <algorithm>

#include "spec/conditions.hpp"
#include "spec/spec_schema.hpp"

namespace engine {
namespace {

ChangeCost costOf(FieldEffect effect) {
  switch (effect) {
    case FieldEffect::Live: return ChangeCost::Live;
    case FieldEffect::NewState: return ChangeCost::NewState;
    case FieldEffect::Rebuild: return ChangeCost::Rebuild;
  }
  return ChangeCost::Rebuild;
}

bool sameValue(const FieldDesc& f, const void* a, const void* b) {
  switch (f.type) {
    case FieldType::Number:
    case FieldType::Integer:
    case FieldType::Boolean: return f.getNumber(a) == f.getNumber(b);
    case FieldType::Enum: return f.getString(a) == f.getString(b);
    case FieldType::StringList: return f.getList(a) == f.getList(b);
  }
  return false;
}

}  // namespace

ChangeCost changeCost(const ExperimentSpec& from, const ExperimentSpec& to) {
  ChangeCost cost = ChangeCost::None;
  const auto raise = [&cost](ChangeCost c) { cost = std::max(cost, c); };
  for (const FieldDesc& f : specFields()) {
    if (sameValue(f, &from, &to)) continue;
    const bool matters = isRelevant(f, from) || isRelevant(f, to);
    raise(matters ? costOf(f.effect) : ChangeCost::Live);
  }
  if (from.model.hidden.size() != to.model.hidden.size()) return ChangeCost::Rebuild;
  for (std::size_t i = 0; i < from.model.hidden.size(); ++i) {
    const LayerSpec& a = from.model.hidden[i];
    const LayerSpec& b = to.model.hidden[i];
    for (const FieldDesc& f : layerFields()) {
      if (sameValue(f, &a, &b)) continue;
      const bool matters = isLayerFieldRelevant(f, from, a) || isLayerFieldRelevant(f, to, b);
      raise(matters ? costOf(f.effect) : ChangeCost::Live);
    }
  }
  return cost;
}

}  // namespace engine
