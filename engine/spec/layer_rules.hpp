// Rules on the shapes of a network's layers: what the table of single fields and the
// cross-field rules cannot say, because it depends on the shape each layer receives
// (network_shapes.hpp). Written once, as data: validate() refuses a spec that breaks one, and
// the page, from the table describe() exports, repairs a link or an edit the same way, layer by
// layer from the first (a repair changes the shapes that follow):
//   imageInput        conv, pooling and global pooling need an image: an image data kind and
//                     no dense, flatten or global pooling layer before them.
//                     Repair: remove the layer.
//   kernelFits        a conv kernel fits its padded input: kernel ≤ min(H, W) + 2·padding.
//                     Repair: kernel ← min(H, W) + 2·padding.
//   poolFits          a pooling window fits its input (the output is 1 × 1 at least):
//                     size ≤ min(H, W). Repair: size ← min(H, W).
//   blockFits         DropBlock (dropBlock > 0) blocks are odd and fit the conv's output, as
//                     torchvision 0.14 requires: blockSize odd and ≤ min(H', W').
//                     Repair: blockSize ← the largest odd number ≤ min(blockSize, H', W').
//   batchActivations  a CNN's batch fits the memory budget: training.batchSize × (values of
//                     every feature map of one sample, input included, and of each conv
//                     layer's im2col matrix, C_in·kernel²·H'·W') ≤
//                     SpecLimits::kMaxBatchActivations. Repair: batchSize ← ⌊bound / values⌋.
#pragma once

#include <string>
#include <vector>

#include "spec/experiment_spec.hpp"
#include "spec/field_desc.hpp"

namespace engine {

struct LayerRule {
  enum class Check { ImageInput, WindowFits, BlockFits, BatchActivations };
  enum class Fix { RemoveLayer, Clamp, ClampOdd };

  std::string id;
  Check check = Check::ImageInput;
  std::vector<std::string> kinds;  // the layer kinds it applies to (all: the CNN, any layer)
  std::vector<Condition> when;     // on the layer (LayerPositive ...) or the spec
  std::string field;               // the checked layer field, or spec path (BatchActivations)
  Fix fix = Fix::RemoveLayer;      // the repair changes `field` (or removes the layer)
  double bound = 0.0;              // BatchActivations
  std::string message;             // after "<path>: ", with the numbers
};

const std::vector<LayerRule>& layerRules();

// Every broken layer rule of spec, each "model.hidden[2].kernel: ..." (the layer index, field
// and numbers in the message). Empty when the layers are valid.
std::vector<std::string> layerRuleErrors(const ExperimentSpec& spec);

// The spec with every layer rule repaired (the page does the same from the exported table);
// for tests and for callers that want a trainable spec from any layer list.
ExperimentSpec repairLayerRules(const ExperimentSpec& spec);

}  // namespace engine
