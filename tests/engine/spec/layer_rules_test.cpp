// The layer kinds of model.hidden: shapes from the spec (torch's formulas written out by hand
// below), the layer rules' errors and repairs, and which layer fields matter for which kind.
#include <catch2/catch.hpp>

#include <string>

#include "core/rng.hpp"
#include "nn/network.hpp"
#include "spec/conditions.hpp"
#include "spec/layer_rules.hpp"
#include "spec/network_shapes.hpp"
#include "spec/spec_diff.hpp"
#include "spec/spec_schema.hpp"

namespace engine {
namespace {

LayerSpec conv(int channels, int kernel, int padding = 0, int stride = 1) {
  LayerSpec l;
  l.kind = "conv";
  l.channels = channels;
  l.kernel = kernel;
  l.padding = padding;
  l.stride = stride;
  l.activation = "relu";
  return l;
}

LayerSpec pool(const std::string& kind, int size) {
  LayerSpec l;
  l.kind = kind;
  l.size = size;
  return l;
}

LayerSpec of(const std::string& kind) {
  LayerSpec l;
  l.kind = kind;
  return l;
}

ExperimentSpec digitsCnn(std::vector<LayerSpec> hidden) {
  ExperimentSpec spec;
  spec.data.kind = "digits";
  spec.training.batchSize = 32;
  spec.model.hidden = std::move(hidden);
  return spec;
}

bool mentions(const std::vector<std::string>& errors, const std::string& text) {
  for (const std::string& e : errors)
    if (e.find(text) != std::string::npos) return true;
  return false;
}

}  // namespace

TEST_CASE("Shapes follow torch's size formulas from the spec alone", "[spec][cnn]") {
  // digits 1×8×8 → Conv(4, 3×3, pad 1) 4×8×8 → MaxPool(2) 4×4×4 → Conv(8, 3×3) 8×2×2
  // → Flatten 32 → Dense(16) 16
  LayerSpec dense;
  dense.units = 16;
  const ExperimentSpec spec =
      digitsCnn({conv(4, 3, 1), pool("maxPool", 2), conv(8, 3), of("flatten"), dense});
  const FlowShape in = specInputShape(spec);
  REQUIRE(in.image);
  CHECK(in.shape == (Shape{1, 8, 8}));
  const std::vector<FlowShape> s = hiddenShapes(spec.model, in);
  REQUIRE(s.size() == 5);
  CHECK(s[0].shape == (Shape{4, 8, 8}));
  CHECK(s[1].shape == (Shape{4, 4, 4}));
  CHECK(s[2].shape == (Shape{8, 2, 2}));
  CHECK(s[2].image);
  CHECK(s[3].shape == Shape::vector(32));
  CHECK_FALSE(s[3].image);
  CHECK(s[4].shape == Shape::vector(16));
  // Feature maps, plus each conv's im2col matrix: 1·3²·8·8 and 4·3²·2·2.
  CHECK(activationsPerSample(spec.model, in) == 64 + 256 + 64 + 32 + 32 + 16 + 9 * 64 + 36 * 4);
  CHECK(validate(spec).empty());

  // Stride and floor division: ⌊(12 + 2·1 − 5)/2⌋ + 1 = 5 on the 12×12 shapes; avg pool 3 of 5
  // is ⌊(5 − 3)/3⌋ + 1 = 1; global pooling gives the channels.
  ExperimentSpec shapes = digitsCnn({conv(6, 5, 1, 2), pool("avgPool", 3), of("globalAvgPool")});
  shapes.data.kind = "shapes";
  const std::vector<FlowShape> t = hiddenShapes(shapes.model, specInputShape(shapes));
  CHECK(t[0].shape == (Shape{6, 5, 5}));
  CHECK(t[1].shape == (Shape{6, 1, 1}));
  CHECK(t[1].image);
  CHECK(t[2].shape == Shape::vector(6));
  CHECK_FALSE(t[2].image);
}

TEST_CASE("The built network has the spec's shapes and parameter count", "[spec][cnn]") {
  LayerSpec bn = conv(8, 3);
  bn.batchNorm = true;
  const ExperimentSpec spec =
      digitsCnn({conv(4, 3, 1), pool("avgPool", 2), bn, of("globalAvgPool")});
  // conv 1→4 3×3: 36 + 4 bias; conv 4→8 3×3 no bias + γ, β: 288 + 16; output 8→10: 80 + 10.
  const long long torchCount = 40 + 304 + 90;
  const FlowShape in = specInputShape(spec);
  CHECK(networkParameterCount(spec.model, in, 10) == torchCount);
  Rng rng(1);
  Network net = buildNetwork(spec.model, in.shape, true, 10, rng);
  CHECK(static_cast<long long>(net.model.parameterCount()) == torchCount);
  const std::vector<FlowShape> s = hiddenShapes(spec.model, in);
  REQUIRE(net.hidden.size() == s.size());
  for (std::size_t i = 0; i < s.size(); ++i) {
    INFO("entry " << i);
    CHECK(net.hidden[i].output == s[i].shape);
    CHECK(net.hidden[i].imageOutput == s[i].image);
  }
  CHECK(net.hidden[0].trainable == 0);
  CHECK(net.hidden[1].trainable == -1);
  CHECK(net.hidden[2].trainable == 1);
  CHECK(net.model.layerWeights().size() == 3);  // two convs and the output
}

TEST_CASE("An image layer needs an image input", "[spec][cnn]") {
  ExperimentSpec plane;  // the default 2D set: a vector of 2 features
  plane.training.batchSize = 32;
  plane.model.hidden = {conv(4, 3)};
  std::vector<std::string> errors = validate(plane);
  REQUIRE(errors.size() == 1);
  CHECK(errors[0].rfind("model.hidden[0].kind: needs an image input", 0) == 0);
  CHECK(mentions(errors, "got a conv layer on a vector of"));

  LayerSpec dense;
  dense.units = 10;
  ExperimentSpec afterDense = digitsCnn({dense, pool("maxPool", 2)});
  errors = validate(afterDense);
  REQUIRE(errors.size() == 1);
  CHECK(mentions(errors, "model.hidden[1].kind: needs an image input"));
  CHECK(mentions(errors, "on a vector of 10"));
  // The repair removes the layer; what is left is valid.
  const ExperimentSpec repaired = repairLayerRules(afterDense);
  REQUIRE(repaired.model.hidden.size() == 1);
  CHECK(repaired.model.hidden[0].kind == "dense");
  CHECK(validate(repaired).empty());
}

TEST_CASE("Windows must fit their input, and repairs clamp them", "[spec][cnn]") {
  // After MaxPool(4) the digits are 4×2×2: a 5×5 kernel with padding 1 needs ≤ 2 + 2 = 4.
  ExperimentSpec spec = digitsCnn({conv(4, 3, 1), pool("maxPool", 4), conv(8, 5, 1)});
  std::vector<std::string> errors = validate(spec);
  REQUIRE(errors.size() == 1);
  CHECK(mentions(errors, "model.hidden[2].kernel: must fit the padded input"));
  CHECK(mentions(errors, "got 5 on a 4×2×2 input padded by 1 (at most 4)"));
  ExperimentSpec repaired = repairLayerRules(spec);
  CHECK(repaired.model.hidden[2].kernel == 4);
  CHECK(validate(repaired).empty());

  spec = digitsCnn({conv(4, 3), pool("avgPool", 4), pool("maxPool", 2)});  // 6×6 → 1×1 → ?
  errors = validate(spec);
  REQUIRE(errors.size() == 1);
  CHECK(mentions(errors, "model.hidden[2].size: must fit the input"));
  repaired = repairLayerRules(spec);
  CHECK(repaired.model.hidden[2].size == 1);
  CHECK(validate(repaired).empty());
}

TEST_CASE("DropBlock's block is odd and fits the conv's output", "[spec][cnn]") {
  LayerSpec c = conv(4, 3);  // 1×8×8 → 4×6×6
  c.dropBlock = 0.2;
  c.blockSize = 4;
  ExperimentSpec spec = digitsCnn({c});
  std::vector<std::string> errors = validate(spec);
  REQUIRE(errors.size() == 1);
  CHECK(mentions(errors, "model.hidden[0].blockSize: must be odd"));
  CHECK(repairLayerRules(spec).model.hidden[0].blockSize == 3);

  spec.model.hidden[0].blockSize = 7;  // odd, but larger than 6
  CHECK(mentions(validate(spec), "got 7 on a 4×6×6 output (largest allowed 5)"));
  CHECK(repairLayerRules(spec).model.hidden[0].blockSize == 5);

  spec.model.hidden[0].dropBlock = 0.0;  // off: the block size is ignored
  CHECK(validate(spec).empty());
}

TEST_CASE("A CNN's batch must fit the activation budget, and be a mini-batch", "[spec][cnn]") {
  ExperimentSpec spec = digitsCnn({conv(64, 3, 1), conv(64, 3, 1)});
  // The input, two 64×8×8 maps and their im2col matrices (1·3²·64 and 64·3²·64 values).
  const long long perSample = 64 + 2 * 64 * 64 + 9 * 64 + 576 * 64;
  REQUIRE(activationsPerSample(spec.model, specInputShape(spec)) == perSample);
  const long long most = SpecLimits::kMaxBatchActivations / perSample;
  spec.training.batchSize = static_cast<int>(most);
  CHECK(validate(spec).empty());
  spec.training.batchSize = static_cast<int>(most + 1);
  const std::vector<std::string> errors = validate(spec);
  REQUIRE(errors.size() == 1);
  CHECK(mentions(errors, "training.batchSize × " + std::to_string(perSample)));
  CHECK(mentions(errors, "(batch size at most " + std::to_string(most) + ")"));
  CHECK(repairLayerRules(spec).training.batchSize == most);

  spec.training.batchSize = 0;  // full batch
  CHECK(mentions(validate(spec), "training.batchSize"));
  spec.model.hidden = {of("flatten")};  // no image layer: an MLP may use the full batch
  CHECK(validate(spec).empty());
}

TEST_CASE("Unknown layer kinds are refused by name", "[spec][cnn]") {
  ExperimentSpec spec = digitsCnn({of("lstm")});
  const std::vector<std::string> errors = validate(spec);
  REQUIRE_FALSE(errors.empty());
  CHECK(mentions(errors, "model.hidden[0].kind"));
  CHECK(mentions(errors, "lstm"));
}

TEST_CASE("Layer fields matter only for their kinds", "[spec][cnn]") {
  const ExperimentSpec spec = digitsCnn({conv(4, 3), pool("maxPool", 2), of("flatten")});
  const auto relevant = [&](const std::string& key, std::size_t layer) {
    return isLayerFieldRelevant(*findLayerField(key), spec, spec.model.hidden[layer]);
  };
  CHECK(relevant("channels", 0));
  CHECK(relevant("kernel", 0));
  CHECK(relevant("activation", 0));
  CHECK(relevant("dropBlock", 0));
  CHECK_FALSE(relevant("blockSize", 0));  // only with dropBlock > 0
  CHECK_FALSE(relevant("units", 0));
  CHECK_FALSE(relevant("size", 0));
  CHECK(relevant("size", 1));
  CHECK_FALSE(relevant("activation", 1));
  CHECK_FALSE(relevant("units", 2));
  CHECK_FALSE(relevant("dropout", 2));

  // An ignored field changes nothing that needs a rebuild.
  ExperimentSpec other = spec;
  other.model.hidden[0].units = 99;
  other.model.hidden[1].activation = "tanh";
  CHECK(changeCost(spec, other) == ChangeCost::Live);
  other = spec;
  other.model.hidden[0].kernel = 5;
  CHECK(changeCost(spec, other) == ChangeCost::Rebuild);
}

TEST_CASE("Every layer rule names a layer field and kinds the schema knows", "[spec][cnn]") {
  const std::vector<std::string> kinds = layerKindNames();
  for (const LayerRule& r : layerRules()) {
    INFO(r.id);
    if (r.check == LayerRule::Check::BatchActivations) {
      CHECK(findSpecField(r.field) != nullptr);
    } else {
      CHECK(findLayerField(r.field) != nullptr);
    }
    for (const std::string& k : r.kinds)
      CHECK(std::find(kinds.begin(), kinds.end(), k) != kinds.end());
  }
  for (const LayerKindDesc& d : layerKinds()) {
    INFO(d.kind);
    for (const std::string* key : {&d.units, &d.size, &d.stride, &d.padding, &d.channels})
      if (!key->empty()) CHECK(findLayerField(*key) != nullptr);
  }
}

}  // namespace engine
