#include "spec/network_shapes.hpp"

#include <algorithm>

#include "data/data_kinds.hpp"
#include "spec/field_desc.hpp"
#include "spec/spec_schema.hpp"

namespace engine {

FlowShape specInputShape(const ExperimentSpec& spec, int features) {
  const Shape image = dataImageShape(spec.data.kind);
  if (image.channels > 0) return FlowShape{image, true};
  return FlowShape{Shape::vector(features), false};
}

bool windowFits(const Shape& input, int size, int padding) {
  return size >= 1 && padding >= 0 && size <= std::min(input.height, input.width) + 2 * padding;
}

int windowOutput(int side, int size, int stride, int padding) {
  const int span = side + 2 * padding - size;
  if (span < 0 || stride < 1) return 0;
  return span / stride + 1;
}

const std::vector<LayerKindDesc>& layerKinds() {
  using O = LayerKindDesc::Output;
  static const std::vector<LayerKindDesc> kinds = {
      {"dense", O::Units, false, "units", "", "", "", ""},
      {"conv", O::Window, true, "", "kernel", "stride", "padding", "channels"},
      {"maxPool", O::Window, true, "", "size", "size", "", ""},
      {"avgPool", O::Window, true, "", "size", "size", "", ""},
      {"globalAvgPool", O::Channels, true, "", "", "", "", ""},
      {"flatten", O::Flatten, false, "", "", "", "", ""},
  };
  return kinds;
}

const LayerKindDesc* findLayerKind(const std::string& kind) {
  for (const LayerKindDesc& d : layerKinds())
    if (d.kind == kind) return &d;
  return nullptr;
}

namespace {

// A layer field by key; 0 for "".
int layerInt(const LayerSpec& layer, const std::string& key) {
  if (key.empty()) return 0;
  const FieldDesc* f = findLayerField(key);
  return f ? static_cast<int>(f->getNumber(&layer)) : 0;
}

}  // namespace

LayerWindow layerWindow(const LayerSpec& layer) {
  const LayerKindDesc* d = findLayerKind(layer.kind);
  LayerWindow w;
  if (!d || d->output != LayerKindDesc::Output::Window) return w;
  w.size = layerInt(layer, d->size);
  w.stride = layerInt(layer, d->stride);
  w.padding = layerInt(layer, d->padding);
  w.present = true;
  return w;
}

FlowShape layerOutput(const LayerSpec& layer, const FlowShape& in) {
  const LayerKindDesc* d = findLayerKind(layer.kind);
  if (!d || (d->needsImage && !in.image)) return in;  // refused by the rules
  switch (d->output) {
    case LayerKindDesc::Output::Units:
      return FlowShape{Shape::vector(layerInt(layer, d->units)), false};
    case LayerKindDesc::Output::Flatten: return FlowShape{Shape::vector(in.shape.size()), false};
    case LayerKindDesc::Output::Channels: return FlowShape{Shape::vector(in.shape.channels), false};
    case LayerKindDesc::Output::Window: break;
  }
  const LayerWindow w = layerWindow(layer);
  if (!windowFits(in.shape, w.size, w.padding)) return in;
  const int channels = d->channels.empty() ? in.shape.channels : layerInt(layer, d->channels);
  return FlowShape{Shape{channels, windowOutput(in.shape.height, w.size, w.stride, w.padding),
                         windowOutput(in.shape.width, w.size, w.stride, w.padding)},
                   true};
}

std::vector<FlowShape> hiddenShapes(const ModelSpec& model, const FlowShape& input) {
  std::vector<FlowShape> out;
  FlowShape s = input;
  for (const LayerSpec& layer : model.hidden) {
    s = layerOutput(layer, s);
    out.push_back(s);
  }
  return out;
}

long long activationsPerSample(const ModelSpec& model, const FlowShape& input) {
  long long n = input.shape.size();
  FlowShape in = input;
  for (const LayerSpec& layer : model.hidden) {
    const FlowShape out = layerOutput(layer, in);
    n += out.shape.size();
    // A conv layer's im2col matrix: C_in·k² values per output position (nn/conv2d.hpp).
    if (layer.kind == "conv" && in.image && windowFits(in.shape, layer.kernel, layer.padding))
      n += static_cast<long long>(in.shape.channels) * layer.kernel * layer.kernel *
           out.shape.height * out.shape.width;
    in = out;
  }
  return n;
}

}  // namespace engine
