#include "spec/layer_rules.hpp"

#include <algorithm>

#include "spec/conditions.hpp"
#include "spec/network_shapes.hpp"
#include "spec/spec_schema.hpp"

namespace engine {
namespace {

using Rule = LayerRule;

std::vector<Rule> buildRules() {
  std::vector<Rule> rules;
  rules.push_back({"imageInput",
                   Rule::Check::ImageInput,
                   imageLayerKindNames(),
                   {},
                   "kind",
                   Rule::Fix::RemoveLayer,
                   0.0,
                   "needs an image input: an image data set (digits, shapes) and no dense, "
                   "flatten or global pooling layer before it"});
  rules.push_back({"kernelFits",
                   Rule::Check::WindowFits,
                   {"conv"},
                   {},
                   "kernel",
                   Rule::Fix::Clamp,
                   0.0,
                   "must fit the padded input: kernel ≤ min(H, W) + 2·padding"});
  rules.push_back({"poolFits",
                   Rule::Check::WindowFits,
                   {"maxPool", "avgPool"},
                   {},
                   "size",
                   Rule::Fix::Clamp,
                   0.0,
                   "must fit the input (an output of 1 × 1 at least): size ≤ min(H, W)"});
  rules.push_back({"blockFits",
                   Rule::Check::BlockFits,
                   {"conv"},
                   {layerPositive("dropBlock")},
                   "blockSize",
                   Rule::Fix::ClampOdd,
                   0.0,
                   "must be odd and at most the side of the layer's output, min(H, W) (as "
                   "torchvision's drop_block2d)"});
  rules.push_back({"batchActivations",
                   Rule::Check::BatchActivations,
                   imageLayerKindNames(),
                   {},
                   "training.batchSize",
                   Rule::Fix::Clamp,
                   static_cast<double>(SpecLimits::kMaxBatchActivations),
                   "times the values of every feature map of one sample (the input's too) and of "
                   "each conv layer's im2col matrix must "
                   "be at most " +
                       std::to_string(SpecLimits::kMaxBatchActivations) +
                       " for a CNN, to fit the memory of a browser tab"});
  return rules;
}

bool appliesTo(const Rule& rule, const ExperimentSpec& spec, const LayerSpec& layer) {
  return std::find(rule.kinds.begin(), rule.kinds.end(), layer.kind) != rule.kinds.end() &&
         allHold(rule.when, spec, &layer);
}

std::string shapeText(const Shape& s) {
  return std::to_string(s.channels) + "×" + std::to_string(s.height) + "×" +
         std::to_string(s.width);
}

// The largest odd number ≤ v (1 at least).
int oddAtMost(int v) { return std::max(1, v % 2 == 0 ? v - 1 : v); }

// What the rule says about one layer on input `in`: "" when it holds; else the detail after
// the rule's message. `bound` receives the value the repair would write.
std::string layerViolation(const Rule& rule, const LayerSpec& layer, const FlowShape& in,
                           int& bound) {
  switch (rule.check) {
    case Rule::Check::ImageInput:
      if (in.image) return "";
      return "got a " + layer.kind + " layer on a vector of " + std::to_string(in.shape.size());
    case Rule::Check::WindowFits: {
      if (!in.image) return "";  // imageInput's business
      const LayerWindow w = layerWindow(layer);
      if (windowFits(in.shape, w.size, w.padding)) return "";
      bound = std::min(in.shape.height, in.shape.width) + 2 * w.padding;
      return "got " + std::to_string(w.size) + " on a " + shapeText(in.shape) + " input" +
             (w.padding > 0 ? " padded by " + std::to_string(w.padding) : "") + " (at most " +
             std::to_string(bound) + ")";
    }
    case Rule::Check::BlockFits: {
      if (!in.image || !windowFits(in.shape, layerWindow(layer).size, layerWindow(layer).padding))
        return "";
      const FlowShape out = layerOutput(layer, in);
      const int side = std::min(out.shape.height, out.shape.width);
      if (layer.blockSize % 2 == 1 && layer.blockSize <= side) return "";
      bound = oddAtMost(std::min(layer.blockSize, side));
      return "got " + std::to_string(layer.blockSize) + " on a " + shapeText(out.shape) +
             " output (largest allowed " + std::to_string(oddAtMost(side)) + ")";
    }
    case Rule::Check::BatchActivations: break;
  }
  return "";
}

const Rule& budgetRule() {
  for (const Rule& r : layerRules())
    if (r.check == Rule::Check::BatchActivations) return r;
  return layerRules().back();
}

// The batch size the budget allows (0 when the rule does not apply).
long long budgetBatch(const ExperimentSpec& spec, long long& values) {
  const Rule& rule = budgetRule();
  const bool applies = std::any_of(spec.model.hidden.begin(), spec.model.hidden.end(),
                                   [&](const LayerSpec& l) { return appliesTo(rule, spec, l); });
  const FlowShape input = specInputShape(spec);
  if (!applies || !input.image) return 0;
  values = activationsPerSample(spec.model, input);
  return std::max(1LL, static_cast<long long>(rule.bound) / std::max(1LL, values));
}

}  // namespace

const std::vector<LayerRule>& layerRules() {
  static const std::vector<LayerRule> rules = buildRules();
  return rules;
}

std::vector<std::string> layerRuleErrors(const ExperimentSpec& spec) {
  std::vector<std::string> errors;
  FlowShape in = specInputShape(spec);
  for (std::size_t i = 0; i < spec.model.hidden.size(); ++i) {
    const LayerSpec& layer = spec.model.hidden[i];
    for (const Rule& rule : layerRules()) {
      if (rule.check == Rule::Check::BatchActivations || !appliesTo(rule, spec, layer)) continue;
      int bound = 0;
      const std::string detail = layerViolation(rule, layer, in, bound);
      if (!detail.empty())
        errors.push_back("model.hidden[" + std::to_string(i) + "]." + rule.field + ": " +
                         rule.message + ", " + detail);
    }
    in = layerOutput(layer, in);
  }
  long long values = 0;
  const long long most = budgetBatch(spec, values);
  if (most > 0 && spec.training.batchSize > most) {
    errors.push_back("training.batchSize × " + std::to_string(values) + ": " +
                     budgetRule().message + ", got " +
                     std::to_string(static_cast<long long>(spec.training.batchSize) * values) +
                     " (batch size at most " + std::to_string(most) + ")");
  }
  return errors;
}

ExperimentSpec repairLayerRules(const ExperimentSpec& spec) {
  ExperimentSpec out = spec;
  std::vector<LayerSpec> kept;
  FlowShape in = specInputShape(spec);
  for (LayerSpec layer : spec.model.hidden) {
    bool removed = false;
    for (const Rule& rule : layerRules()) {
      if (rule.check == Rule::Check::BatchActivations || !appliesTo(rule, out, layer)) continue;
      int bound = 0;
      if (layerViolation(rule, layer, in, bound).empty()) continue;
      if (rule.fix == Rule::Fix::RemoveLayer) {
        removed = true;
        break;
      }
      if (const FieldDesc* f = findLayerField(rule.field)) f->setNumber(&layer, bound);
    }
    if (removed) continue;
    in = layerOutput(layer, in);
    kept.push_back(layer);
  }
  out.model.hidden = kept;
  long long values = 0;
  const long long most = budgetBatch(out, values);
  if (most > 0 && out.training.batchSize > most) out.training.batchSize = static_cast<int>(most);
  return out;
}

}  // namespace engine
