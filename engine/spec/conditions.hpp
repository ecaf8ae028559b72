// Evaluates a Condition (field_desc.hpp) on a spec: whether a field matters for the current
// choices, and whether a cross-field rule applies. The web app evaluates the same conditions
// from the exported schema.
#pragma once

#include <vector>

#include "spec/experiment_spec.hpp"
#include "spec/field_desc.hpp"

namespace engine {

bool conditionHolds(const Condition& condition, const ExperimentSpec& spec);
bool allHold(const std::vector<Condition>& conditions, const ExperimentSpec& spec);
// A field matters when every one of its relevantWhen conditions holds.
bool isRelevant(const FieldDesc& field, const ExperimentSpec& spec);

// Shorthands for the schema and rule tables.
Condition oneOf(std::string path, std::vector<std::string> values);
Condition noneOf(std::string path, std::vector<std::string> values);
Condition isTrue(std::string path);
Condition positive(std::string path);
Condition notPositive(std::string path);
Condition anyLayerOneOf(std::string key, std::vector<std::string> values);
Condition anyLayerIsTrue(std::string key);

}  // namespace engine
