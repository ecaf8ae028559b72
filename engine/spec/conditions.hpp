// Evaluates a Condition (field_desc.hpp) on a spec: whether a field matters for the current
// choices, and whether a cross-field rule applies. The web app evaluates the same conditions
// from the exported schema.
#pragma once

#include <vector>

#include "spec/experiment_spec.hpp"
#include "spec/field_desc.hpp"

namespace engine {

// `layer`: the hidden layer a layer field belongs to, for LayerOneOf / LayerPositive (which
// never hold without one). AnyLayer* conditions look only at layers where the named field
// matters (a pooling layer's activation is ignored).
bool conditionHolds(const Condition& condition, const ExperimentSpec& spec,
                    const LayerSpec* layer = nullptr);
bool allHold(const std::vector<Condition>& conditions, const ExperimentSpec& spec,
             const LayerSpec* layer = nullptr);
// A field matters when every one of its relevantWhen conditions holds.
bool isRelevant(const FieldDesc& field, const ExperimentSpec& spec);
// A layer field (layerFields()) matters for this layer of spec.
bool isLayerFieldRelevant(const FieldDesc& field, const ExperimentSpec& spec,
                          const LayerSpec& layer);

// Shorthands for the schema and rule tables.
Condition oneOf(std::string path, std::vector<std::string> values);
Condition noneOf(std::string path, std::vector<std::string> values);
Condition isTrue(std::string path);
Condition positive(std::string path);
Condition notPositive(std::string path);
Condition anyLayerOneOf(std::string key, std::vector<std::string> values);
Condition anyLayerIsTrue(std::string key);
Condition layerOneOf(std::string key, std::vector<std::string> values);
Condition layerPositive(std::string key);

}  // namespace engine
