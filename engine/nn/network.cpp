#include "nn/network.hpp"

#include <algorithm>
#include <memory>
#include <stdexcept>

#include "nn/activation.hpp"
#include "nn/avg_pool2d.hpp"
#include "nn/batch_norm.hpp"
#include "nn/batch_norm2d.hpp"
#include "nn/dense.hpp"
#include "nn/flatten.hpp"
#include "nn/global_avg_pool2d.hpp"
#include "nn/init.hpp"
#include "nn/max_pool2d.hpp"

namespace engine {
namespace {

std::string shapeText(const Shape& s) {
  return std::to_string(s.channels) + "×" + std::to_string(s.height) + "×" +
         std::to_string(s.width);
}

// Adds a layer, returning its output shape for input `in`.
Shape push(Model& model, std::unique_ptr<Layer> layer, const Shape& in) {
  const Shape out = layer->outputShape(in);
  model.add(std::move(layer));
  return out;
}

ActivationKind activationOf(const LayerSpec& h, const std::string& path) {
  try {
    return parseActivation(h.activation);
  } catch (const std::invalid_argument& e) {
    throw std::invalid_argument(path + "." + e.what());
  }
}

// The largest odd block side ≤ min(blockSize, side), 1 at least.
int fittingBlock(int blockSize, int side) {
  int b = std::min(blockSize, side);
  if (b % 2 == 0) --b;
  return std::max(1, b);
}

}  // namespace

Network buildNetwork(const ModelSpec& spec, const Shape& input, bool image, int outputs, Rng& rng) {
  if (input.size() < 1 || outputs < 1) {
    throw std::invalid_argument("model: inputs and outputs must be >= 1, got " +
                                std::to_string(input.size()) + " and " + std::to_string(outputs));
  }
  const InitKind init = parseInit(spec.init);
  Network net;
  net.input = input;
  net.imageInput = image;
  Model& model = net.model;
  Shape s = input;
  bool isImage = image;
  int k = 0;  // trainable layer index: the "<k>" of "layers.<k>.weight"
  for (std::size_t i = 0; i < spec.hidden.size(); ++i) {
    const LayerSpec& h = spec.hidden[i];
    const std::string path = "model.hidden[" + std::to_string(i) + "]";
    HiddenLayerMap map;
    map.kind = h.kind;
    map.input = s;
    map.first = model.layerCount();
    const bool imageKind =
        h.kind == "conv" || h.kind == "maxPool" || h.kind == "avgPool" || h.kind == "globalAvgPool";
    if (imageKind && !isImage) {
      throw std::invalid_argument(path + ".kind: a " + h.kind +
                                  " layer needs an image input, got a vector of " +
                                  std::to_string(s.size()));
    }
    if (h.kind == "dense") {
      if (h.units < 1) {
        throw std::invalid_argument(path + ".units: must be >= 1, got " + std::to_string(h.units));
      }
      const ActivationKind act = activationOf(h, path);
      // A bias before batch norm is cancelled by the mean subtraction (its gradient is exactly
      // zero, so Adam-type optimizers would turn rounding noise into steps): β replaces it,
      // as torch.nn.Linear(bias=False) before BatchNorm1d (Ioffe & Szegedy 2015, §3.2).
      auto dense = std::make_unique<Dense>(s.size(), h.units, k, /*hasBias=*/!h.batchNorm);
      initialize(dense->weight().value, init, rng);
      if (k == 0) dense->setPropagateGradient(false);  // only parameterless layers before it
      model.add(std::move(dense));
      if (h.batchNorm) {
        model.add(
            std::make_unique<BatchNorm>(h.units, k, spec.batchNormMomentum, spec.batchNormEps));
      }
      map.activation = model.layerCount();
      model.add(std::make_unique<Activation>(act, spec.leakySlope));
      auto dropout = std::make_unique<Dropout>(h.dropout);
      map.dropout = dropout.get();
      model.add(std::move(dropout));
      s = Shape::vector(h.units);
      isImage = false;
      map.trainable = k++;
    } else if (h.kind == "conv") {
      const ActivationKind act = activationOf(h, path);
      Conv2dOptions o;
      o.outChannels = h.channels;
      o.kernelH = o.kernelW = h.kernel;
      o.stride = h.stride;
      o.padding = h.padding;
      o.bias = !h.batchNorm;  // as for dense: β replaces the bias
      if (h.kernel > std::min(s.height, s.width) + 2 * h.padding) {
        throw std::invalid_argument(path + ".kernel: " + std::to_string(h.kernel) +
                                    " is larger than the " + shapeText(s) + " input padded by " +
                                    std::to_string(h.padding));
      }
      auto conv = std::make_unique<Conv2d>(s, o, k);
      conv->initialize(init, rng);
      if (k == 0) conv->setPropagateGradient(false);  // only parameterless layers before it
      map.conv = conv.get();
      s = push(model, std::move(conv), s);
      if (h.batchNorm) {
        s = push(model,
                 std::make_unique<BatchNorm2d>(s, k, spec.batchNormMomentum, spec.batchNormEps), s);
      }
      map.activation = model.layerCount();
      s = push(model, std::make_unique<Activation>(act, spec.leakySlope), s);
      auto dropout = std::make_unique<Dropout2d>(s, h.dropout);
      map.dropout2d = dropout.get();
      s = push(model, std::move(dropout), s);
      auto block = std::make_unique<DropBlock2d>(
          s, h.dropBlock, fittingBlock(h.blockSize, std::min(s.height, s.width)));
      map.dropBlock = block.get();
      s = push(model, std::move(block), s);
      map.trainable = k++;
    } else if (h.kind == "maxPool" || h.kind == "avgPool") {
      if (h.size > std::min(s.height, s.width)) {
        throw std::invalid_argument(path + ".size: " + std::to_string(h.size) +
                                    " is larger than the " + shapeText(s) + " input");
      }
      if (h.kind == "maxPool") {
        s = push(model, std::make_unique<MaxPool2d>(s, h.size, h.size), s);
      } else {
        s = push(model, std::make_unique<AvgPool2d>(s, h.size, h.size), s);
      }
    } else if (h.kind == "globalAvgPool") {
      s = push(model, std::make_unique<GlobalAvgPool2d>(s), s);
      isImage = false;
    } else if (h.kind == "flatten") {
      s = push(model, std::make_unique<Flatten>(), s);
      isImage = false;
    } else {
      throw std::invalid_argument(path + ".kind: unknown layer kind \"" + h.kind.substr(0, 64) +
                                  "\"");
    }
    map.last = model.layerCount() - 1;
    map.output = s;
    map.imageOutput = isImage;
    net.hidden.push_back(map);
  }
  auto out = std::make_unique<Dense>(s.size(), outputs, k);
  initialize(out->weight().value, init, rng);
  if (k == 0) out->setPropagateGradient(false);
  net.outputLayer = model.layerCount();
  model.add(std::move(out));
  return net;
}

long long networkParameterCount(const ModelSpec& spec, const FlowShape& input, int outputs) {
  long long count = 0;
  FlowShape s = input;
  for (const LayerSpec& h : spec.hidden) {
    if (h.kind == "dense") {
      count += static_cast<long long>(s.shape.size()) * h.units;
      count += h.batchNorm ? 2LL * h.units : h.units;  // β replaces the bias
    } else if (h.kind == "conv") {
      count += static_cast<long long>(s.shape.channels) * h.kernel * h.kernel * h.channels;
      count += h.batchNorm ? 2LL * h.channels : h.channels;
    }
    s = layerOutput(h, s);
  }
  return count + static_cast<long long>(s.shape.size()) * outputs + outputs;
}

}  // namespace engine
