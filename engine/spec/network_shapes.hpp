// The shape of a sample after each entry of model.hidden, from the spec alone: what the page
// shows at each step of a CNN, and what the layer rules (layer_rules.hpp) check. A sample flows
// either as an image (C × H × W: the input of an image data kind, and what conv and pooling
// layers output) or as a vector (what dense, flatten and global pooling output; any other data
// kind's input). Sizes follow torch (floor division, padding on both sides):
//   conv:            C' = channels, side' = ⌊(side + 2·padding − kernel)/stride⌋ + 1
//   maxPool/avgPool: C' = C,        side' = ⌊(side − size)/size⌋ + 1
//   globalAvgPool:   a vector of C;  flatten: a vector of C·H·W;  dense: a vector of units
// A layer its rules refuse (an image layer on a vector, a window larger than its input) passes
// its input on unchanged, so the layers after it still get a shape; validate() reports it.
#pragma once

#include <string>
#include <vector>

#include "core/shape.hpp"
#include "spec/experiment_spec.hpp"

namespace engine {

// One layer kind as data (describe() exports the table, and the page computes shapes from it):
// what the kind outputs and which layer fields give its sizes.
struct LayerKindDesc {
  enum class Output {
    Units,     // a vector of the field `units`
    Window,    // an image: channels from `channels` (unchanged when ""), sides by the window
    Flatten,   // a vector of C·H·W (the identity on a vector)
    Channels,  // a vector of C (global pooling)
  };
  std::string kind;
  Output output = Output::Units;
  bool needsImage = false;  // refused on a vector input
  std::string units;        // Units: the layer field
  // Window: the layer fields of the window's side, stride and padding ("" = 0) and of the
  // output channels ("" = unchanged).
  std::string size, stride, padding, channels;
};

// Every kind, in the order of the schema's options.
const std::vector<LayerKindDesc>& layerKinds();
const LayerKindDesc* findLayerKind(const std::string& kind);

struct FlowShape {
  Shape shape;         // a vector of n is {n, 1, 1}
  bool image = false;  // an image (conv and pooling may follow), else a vector
};

// The network's input for spec: the image of an image data kind, else a vector of `features`
// values (the spec alone does not know how many: pass them, or 0 when they do not matter).
FlowShape specInputShape(const ExperimentSpec& spec, int features = 0);

// Whether a window of side `size` with `padding` fits an image of this shape (one output
// position at least), and the output side for a side, window, stride and padding (0 when the
// window does not fit).
bool windowFits(const Shape& input, int size, int padding);
int windowOutput(int side, int size, int stride, int padding);

// The window of a conv or pooling layer (present = false for other kinds).
struct LayerWindow {
  bool present = false;
  int size = 0, stride = 0, padding = 0;
};
LayerWindow layerWindow(const LayerSpec& layer);

// The output of one hidden layer for input `in` (see above); `in` itself when the layer cannot
// take it.
FlowShape layerOutput(const LayerSpec& layer, const FlowShape& in);

// The output of every entry of model.hidden, in order, from `input`.
std::vector<FlowShape> hiddenShapes(const ModelSpec& model, const FlowShape& input);

// The values a training pass holds per sample: every feature map (the input's and each hidden
// layer's output) and each conv layer's im2col matrix (C_in·kernel² values per output position,
// nn/conv2d.hpp), which for wide kernels is the largest buffer of all.
long long activationsPerSample(const ModelSpec& model, const FlowShape& input);

}  // namespace engine
