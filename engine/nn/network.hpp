// The network of a ModelSpec: model.hidden's entries turned into layers of a Model, plus where
// each entry lives in it (for per-entry settings, shapes and feature maps). Per entry:
//   dense          Dense (no bias when batch norm follows) → [BatchNorm] → Activation → Dropout
//   conv           Conv2d (no bias when batch norm follows) → [BatchNorm2d] → Activation →
//                  Dropout2d → DropBlock2d
//   maxPool        MaxPool2d(size, stride size);   avgPool  AvgPool2d(size, stride size)
//   globalAvgPool  GlobalAvgPool2d;                flatten  Flatten
// then an output Dense with no activation (the losses fuse sigmoid / softmax). A dense layer
// (and the output) on an image reads its rows as they are: the flattened NCHW image, as
// torch.nn.Flatten then Linear. Dropout, Dropout2d and DropBlock2d are always present (rate 0
// is the identity), so their rates can change mid-run. DropBlock's block side is the entry's
// blockSize when it fits (layer_rules.hpp), else the largest odd side that does (the rules
// require a fitting size whenever the rate is above 0).
// Parameters are "layers.<k>.*" with k counting the trainable entries (dense and conv, then the
// output layer); batch norm shares the k of its dense / conv layer. Weights are initialised
// with spec.init in layer order from rng (conv layers with torch's 4-D fans), biases 0. A first
// dense or conv layer does not propagate dLoss/dInput. An MLP (dense entries only) is exactly
// the layers and initial weights buildMlp always gave. Throws std::invalid_argument naming the
// entry's field for what the layer rules refuse (an image layer on a vector, a window larger
// than its input) and for unknown kinds, activations and initialisers.
#pragma once

#include <string>
#include <vector>

#include "core/rng.hpp"
#include "core/shape.hpp"
#include "nn/conv2d.hpp"
#include "nn/drop_block2d.hpp"
#include "nn/dropout.hpp"
#include "nn/dropout2d.hpp"
#include "nn/model.hpp"
#include "spec/experiment_spec.hpp"
#include "spec/network_shapes.hpp"

namespace engine {

// One entry of model.hidden in the built Model.
struct HiddenLayerMap {
  std::string kind;
  int first = 0;        // the entry's layers are model.layer(first) … model.layer(last);
  int last = 0;         //   the entry's output is the output of layer `last`
  int activation = -1;  // dense / conv: the model index of its Activation, else −1
  int trainable = -1;   // dense / conv: k of layers.<k>.*, else −1
  Shape input, output;  // per sample
  bool imageOutput = false;
  Dropout* dropout = nullptr;        // dense
  Dropout2d* dropout2d = nullptr;    // conv
  DropBlock2d* dropBlock = nullptr;  // conv
  Conv2d* conv = nullptr;            // conv
};

struct Network {
  Model model;
  Shape input;
  bool imageInput = false;
  std::vector<HiddenLayerMap> hidden;  // one per model.hidden entry
  int outputLayer = 0;                 // the model index of the output Dense
};

// `input`: one sample's shape; `image`: whether it is an image (an image data kind), else a
// vector of input.size() features.
Network buildNetwork(const ModelSpec& spec, const Shape& input, bool image, int outputs, Rng& rng);

// The parameter count buildNetwork would give, from the shapes alone (nothing allocated).
long long networkParameterCount(const ModelSpec& spec, const FlowShape& input, int outputs);

}  // namespace engine
