// The one table of spec fields (see field_desc.hpp for what a row holds). validate() checks
// against it, the JS and JSON readers read an object through it, the trainer's hot update asks
// it what a change needs, and describe() hands it to the web app, so a range, a default or a
// "matters only for SGD" is written once, here.
#pragma once

#include <string>
#include <vector>

#include "spec/experiment_spec.hpp"
#include "spec/field_desc.hpp"

namespace engine {

// Fields of ExperimentSpec (the accessors take ExperimentSpec*).
const std::vector<FieldDesc>& specFields();
// Fields of one entry of model.hidden (the accessors take LayerSpec*).
const std::vector<FieldDesc>& layerFields();
// The field with this path, or nullptr.
const FieldDesc* findSpecField(const std::string& path);
const FieldDesc* findLayerField(const std::string& key);

// The layer kinds of model.hidden (LayerSpec::kind), and those that need an image input.
std::vector<std::string> layerKindNames();
std::vector<std::string> imageLayerKindNames();
bool isImageLayerKind(const std::string& kind);
// Whether the model has a layer that needs images (conv or pooling): a CNN.
bool hasImageLayers(const ModelSpec& model);

// Limits that keep a run inside a browser tab's memory and time.
struct SpecLimits {
  static constexpr int kMaxHiddenLayers = 8;
  // A CNN's training batch: batchSize × (the values of every feature map of one sample, from
  // the input to the last hidden layer, and of each conv layer's im2col matrix) at most this
  // (spec/layer_rules.hpp): 16 MB of floats per kind of buffer, well inside the 1 GB limit.
  static constexpr long long kMaxBatchActivations = 4000000;
  static constexpr int kMaxSamples = 20000;
  static constexpr long long kMaxParameters = 2000000;
  static constexpr long long kMaxDataValues = 4000000;  // rows × features after expansion
};

}  // namespace engine
