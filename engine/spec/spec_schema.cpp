#include "spec/spec_schema.hpp"

#include <type_traits>

#include "data/data_kinds.hpp"
#include "spec/conditions.hpp"
#include "spec/network_shapes.hpp"

namespace engine {
namespace {

using Effect = FieldEffect;
using V = std::vector<std::string>;

// Builders keep the table one row per field.
template <typename Owner, typename Get>
FieldDesc numberField(const std::string& path, double lo, double hi, const std::string& doc,
                      Get get) {
  using T = std::remove_reference_t<decltype(get(std::declval<Owner*>()))>;
  FieldDesc f;
  f.path = path;
  f.type = std::is_same<T, bool>::value ? FieldType::Boolean
           : std::is_integral<T>::value ? FieldType::Integer
                                        : FieldType::Number;
  f.min = lo;
  f.max = hi;
  f.doc = doc;
  f.getNumber = [get](const void* o) {
    return static_cast<double>(get(static_cast<Owner*>(const_cast<void*>(o))));
  };
  f.setNumber = [get](void* o, double v) { get(static_cast<Owner*>(o)) = static_cast<T>(v); };
  return f;
}

template <typename Owner, typename Get>
FieldDesc enumField(const std::string& path, V options, const std::string& doc, Get get) {
  FieldDesc f;
  f.path = path;
  f.type = FieldType::Enum;
  f.options = std::move(options);
  f.doc = doc;
  f.getString = [get](const void* o) { return get(static_cast<Owner*>(const_cast<void*>(o))); };
  f.setString = [get](void* o, const std::string& v) { get(static_cast<Owner*>(o)) = v; };
  return f;
}

// (lo, hi) open at the ends marked true.
FieldDesc open(FieldDesc f, bool lo, bool hi) {
  f.minExclusive = lo;
  f.maxExclusive = hi;
  return f;
}

#define NUM(PATH, EXPR, LO, HI, DOC) \
  numberField<ExperimentSpec>(       \
      PATH, LO, HI, DOC, [](ExperimentSpec * s) -> auto& { return s->EXPR; })
#define ENUM(PATH, EXPR, OPTIONS, DOC) \
  enumField<ExperimentSpec>(           \
      PATH, OPTIONS, DOC, [](ExperimentSpec * s) -> auto& { return s->EXPR; })
#define LAYER_NUM(KEY, MEMBER, LO, HI, DOC) \
  numberField<LayerSpec>(                   \
      KEY, LO, HI, DOC, [](LayerSpec * l) -> auto& { return l->MEMBER; })

V concat(V a, const V& b) {
  a.insert(a.end(), b.begin(), b.end());
  return a;
}

std::vector<FieldDesc> buildSpecFields() {
  const Effect rebuild = Effect::Rebuild;
  const Effect newState = Effect::NewState;
  const V plane = dataKindNames(DataFamily::Plane);
  const V generated = concat(
      concat(concat(plane, dataKindNames(DataFamily::Curve)), dataKindNames(DataFamily::Sparse)),
      dataKindNames(DataFamily::Image));
  const Condition images = oneOf("data.kind", imageDataKinds());
  const Condition anyPenalty = noneOf("penalty.kind", {"none"});
  const Condition sgd = oneOf("optimizer.kind", {"sgd"});
  const Condition adamFamily = oneOf("optimizer.kind", {"adam", "adamw"});
  const Condition cosine = oneOf("schedule.kind", {"cosine"});
  const Condition earlyStopping = isTrue("training.earlyStopping.enabled");

  std::vector<FieldDesc> f;
  f.push_back(NUM("version", version, 1, 1, "spec format version").withEffect(rebuild));
  f.push_back(NUM("seed", seed, 0, 4294967295.0, "seed of every random choice in the run")
                  .withEffect(rebuild));

  f.push_back(ENUM("data.kind", data.kind, dataKindNames(), "data set").withEffect(rebuild));
  f.push_back(
      NUM("data.samples", data.samples, 10, SpecLimits::kMaxSamples, "number of generated samples")
          .withEffect(rebuild)
          .when(oneOf("data.kind", generated)));
  f.push_back(NUM("data.noise", data.noise, 0, 5,
                  "input noise (2D), target noise std (regression sets) or pixel noise std "
                  "(shapes)")
                  .withEffect(rebuild)
                  .when(oneOf("data.kind", generated)));
  f.push_back(NUM("data.labelNoise", data.labelNoise, 0, 0.5, "fraction of flipped labels")
                  .withEffect(rebuild)
                  .when(oneOf("data.kind", plane)));
  f.push_back(NUM("data.valFraction", data.valFraction, 0, 0.5, "validation share")
                  .withEffect(rebuild)
                  .when(notPositive("data.folds")));
  f.push_back(
      NUM("data.testFraction", data.testFraction, 0, 0.5, "test share").withEffect(rebuild));
  f.push_back(open(NUM("data.trainFraction", data.trainFraction, 0, 1,
                       "share of the training split kept for training (per class, in the "
                       "split's order): small shares provoke overfitting; validation and test "
                       "keep every row"),
                   true, false)
                  .withEffect(rebuild));
  f.push_back(NUM("data.folds", data.folds, 0, 10,
                  "k-fold cross-validation: the validation split is one of k seeded folds of "
                  "the non-test rows (stratified for classes); 0 = off, else 2 to 10")
                  .withEffect(rebuild));
  f.push_back(NUM("data.fold", data.fold, 0, 9,
                  "which of the k folds is the validation split (0 to data.folds − 1)")
                  .withEffect(rebuild)
                  .when(positive("data.folds")));
  {
    FieldDesc list;
    list.path = "data.features";
    list.type = FieldType::StringList;
    list.min = 1;  // at least one feature
    list.max = 7;
    list.options = {"x1", "x2", "x1Squared", "x2Squared", "x1x2", "sinX1", "sinX2"};
    list.doc = "input features of the 2D sets";
    list.getList = [](const void* o) {
      return static_cast<const ExperimentSpec*>(o)->data.features;
    };
    list.setList = [](void* o, const std::vector<std::string>& v) {
      static_cast<ExperimentSpec*>(o)->data.features = v;
    };
    list.withEffect(rebuild).when(oneOf("data.kind", concat(plane, {"custom"})));
    f.push_back(list);
  }
  f.push_back(NUM("data.degree", data.degree, 1, 15, "polynomial degree (regression1d)")
                  .withEffect(rebuild)
                  .when(oneOf("data.kind", dataKindNames(DataFamily::Curve))));
  f.push_back(NUM("data.dimensions", data.dimensions, 2, 2000, "features p (sparseLinear)")
                  .withEffect(rebuild)
                  .when(oneOf("data.kind", dataKindNames(DataFamily::Sparse))));
  f.push_back(NUM("data.nonZeros", data.nonZeros, 1, 2000, "true non-zeros k (sparseLinear)")
                  .withEffect(rebuild)
                  .when(oneOf("data.kind", dataKindNames(DataFamily::Sparse))));
  f.push_back(NUM("data.standardize", data.standardize, 0, 1, "standardize on train split")
                  .withEffect(rebuild));
  f.push_back(
      ENUM("data.task", data.task, (V{"classification", "regression"}), "task of custom data")
          .withEffect(rebuild)
          .when(oneOf("data.kind", {"custom"})));

  f.push_back(NUM("model.outputPenaltyScale", model.outputPenaltyScale, 0, 100,
                  "penalty multiplier of the output layer")
                  .when(anyPenalty));
  f.push_back(ENUM("model.init", model.init,
                   (V{"xavierUniform", "xavierNormal", "heUniform", "heNormal"}),
                   "weight initializer")
                  .withEffect(rebuild));
  f.push_back(NUM("model.leakySlope", model.leakySlope, 0, 1, "leaky relu negative slope")
                  .withEffect(rebuild)
                  .when(anyLayerOneOf("activation", {"leakyRelu"})));
  f.push_back(NUM("model.batchNormMomentum", model.batchNormMomentum, 0, 1,
                  "batch-norm running statistics momentum")
                  .withEffect(rebuild)
                  .when(anyLayerIsTrue("batchNorm")));
  f.push_back(
      open(NUM("model.batchNormEps", model.batchNormEps, 0, 1, "batch-norm eps"), true, false)
          .withEffect(rebuild)
          .when(anyLayerIsTrue("batchNorm")));
  f.push_back(NUM("model.dropBlockRampSteps", model.dropBlockRampSteps, 0, 1000000,
                  "DropBlock's keep_prob falls linearly from 1 to its target over this many "
                  "steps; 0 = the target at once")
                  .when(anyLayerIsTrue("dropBlock")));

  f.push_back(
      ENUM("penalty.kind", penalty.kind, (V{"none", "l1", "l2", "elasticNet", "lp"}), "penalty"));
  f.push_back(NUM("penalty.lambda", penalty.lambda, 0, 10, "penalty strength λ").when(anyPenalty));
  f.push_back(
      ENUM("penalty.l1Mode", penalty.l1Mode, (V{"subgradient", "proximal"}), "L1 update rule")
          .when(oneOf("penalty.kind", {"l1", "elasticNet"})));
  f.push_back(NUM("penalty.l1Ratio", penalty.l1Ratio, 0, 1, "elastic-net L1 share")
                  .when(oneOf("penalty.kind", {"elasticNet"})));
  f.push_back(open(NUM("penalty.p", penalty.p, 0, 1, "Lp exponent"), true, true)
                  .when(oneOf("penalty.kind", {"lp"})));
  f.push_back(NUM("penalty.applyToBiases", penalty.applyToBiases, 0, 1,
                  "penalize biases and batch-norm parameters too")
                  .when(anyPenalty));

  f.push_back(ENUM("optimizer.kind", optimizer.kind,
                   (V{"sgd", "adam", "adamw", "rmsprop", "adagrad"}), "optimizer")
                  .withEffect(newState));
  f.push_back(open(NUM("optimizer.lr", optimizer.lr, 0, 10, "learning rate"), true, false));
  f.push_back(open(NUM("optimizer.momentum", optimizer.momentum, 0, 1, "momentum"), false, true)
                  .withEffect(newState)
                  .when(oneOf("optimizer.kind", {"sgd", "rmsprop"})));
  f.push_back(NUM("optimizer.dampening", optimizer.dampening, 0, 1, "momentum dampening")
                  .withEffect(newState)
                  .when(sgd));
  f.push_back(NUM("optimizer.nesterov", optimizer.nesterov, 0, 1, "Nesterov momentum")
                  .withEffect(newState)
                  .when(sgd));
  f.push_back(open(NUM("optimizer.beta1", optimizer.beta1, 0, 1, "Adam β1"), false, true)
                  .withEffect(newState)
                  .when(adamFamily));
  f.push_back(open(NUM("optimizer.beta2", optimizer.beta2, 0, 1, "Adam β2"), false, true)
                  .withEffect(newState)
                  .when(adamFamily));
  f.push_back(open(NUM("optimizer.eps", optimizer.eps, 0, 1, "ε"), true, false)
                  .withEffect(newState)
                  .when(noneOf("optimizer.kind", {"sgd"})));
  f.push_back(NUM("optimizer.amsgrad", optimizer.amsgrad, 0, 1, "AMSGrad")
                  .withEffect(newState)
                  .when(adamFamily));
  f.push_back(
      open(NUM("optimizer.alpha", optimizer.alpha, 0, 1, "RMSProp smoothing α"), false, true)
          .withEffect(newState)
          .when(oneOf("optimizer.kind", {"rmsprop"})));
  f.push_back(NUM("optimizer.centered", optimizer.centered, 0, 1, "centered RMSProp")
                  .withEffect(newState)
                  .when(oneOf("optimizer.kind", {"rmsprop"})));
  f.push_back(NUM("optimizer.lrDecay", optimizer.lrDecay, 0, 10, "Adagrad lr decay")
                  .withEffect(newState)
                  .when(oneOf("optimizer.kind", {"adagrad"})));
  f.push_back(NUM("optimizer.initialAccumulator", optimizer.initialAccumulator, 0, 10,
                  "Adagrad initial accumulator")
                  .withEffect(newState)
                  .when(oneOf("optimizer.kind", {"adagrad"})));
  f.push_back(NUM("optimizer.weightDecay", optimizer.weightDecay, 0, 10,
                  "weight decay (decoupled for adamw, in the gradient otherwise)"));
  f.push_back(ENUM("optimizer.decayScope", optimizer.decayScope, (V{"all", "weights"}),
                   "what weight decay shrinks: every parameter (torch's default) or weights "
                   "only (biases and normalization parameters excluded)")
                  .withEffect(newState)
                  .when(positive("optimizer.weightDecay")));

  f.push_back(ENUM("schedule.kind", schedule.kind, (V{"constant", "step", "exponential", "cosine"}),
                   "learning-rate schedule"));
  f.push_back(NUM("schedule.stepSize", schedule.stepSize, 1, 1000000, "steps per decay")
                  .when(oneOf("schedule.kind", {"step"})));
  f.push_back(open(NUM("schedule.gamma", schedule.gamma, 0, 1, "decay factor"), true, false)
                  .when(oneOf("schedule.kind", {"step", "exponential"})));
  f.push_back(
      NUM("schedule.tMax", schedule.tMax, 1, 10000000, "cosine period in steps").when(cosine));
  f.push_back(NUM("schedule.etaMin", schedule.etaMin, 0, 10, "cosine floor").when(cosine));
  f.push_back(
      NUM("schedule.warmupSteps", schedule.warmupSteps, 0, 1000000, "linear warm-up steps"));
  f.push_back(open(NUM("schedule.warmupStartFactor", schedule.warmupStartFactor, 0, 1,
                       "warm-up starting factor"),
                   true, false)
                  .when(positive("schedule.warmupSteps")));

  f.push_back(NUM("training.batchSize", training.batchSize, 0, SpecLimits::kMaxSamples,
                  "batch size; 0 = full batch"));
  f.push_back(NUM("training.shuffle", training.shuffle, 0, 1, "reshuffle every epoch"));
  f.push_back(NUM("training.clipNorm", training.clipNorm, 0, 1000, "clip by global norm"));
  f.push_back(NUM("training.clipValue", training.clipValue, 0, 1000, "clip by value"));
  f.push_back(NUM("training.maxNorm", training.maxNorm, 0, 1000, "max-norm constraint"));
  f.push_back(NUM("training.jitter", training.jitter, 0, 5, "input noise std"));
  f.push_back(NUM("training.mixupAlpha", training.mixupAlpha, 0, 10, "mixup α"));
  f.push_back(NUM("training.augmentShift", training.augmentShift, 0, 4,
                  "image augmentation: random shift of up to this many pixels in x and y")
                  .when(images));
  f.push_back(NUM("training.augmentRotation", training.augmentRotation, 0, 45,
                  "image augmentation: random rotation of up to this many degrees")
                  .when(images));
  f.push_back(NUM("training.augmentFlip", training.augmentFlip, 0, 1,
                  "image augmentation: mirror half of the images left to right (meaningful "
                  "when a mirrored image keeps its class: shapes, not digits)")
                  .when(images));
  f.push_back(NUM("training.earlyStopping.enabled", training.earlyStopping.enabled, 0, 1,
                  "early stopping"));
  f.push_back(NUM("training.earlyStopping.patience", training.earlyStopping.patience, 1, 100000,
                  "epochs without improvement")
                  .when(earlyStopping));
  f.push_back(NUM("training.earlyStopping.minDelta", training.earlyStopping.minDelta, 0, 1000,
                  "smallest improvement that counts")
                  .when(earlyStopping));
  f.push_back(NUM("training.earlyStopping.restoreBest", training.earlyStopping.restoreBest, 0, 1,
                  "restore the best weights")
                  .when(earlyStopping));
  f.push_back(
      NUM("training.recordEvery", training.recordEvery, 1, 100000, "record metrics every N steps"));
  f.push_back(NUM("training.recordEpochs", training.recordEpochs, 0, 1,
                  "also record metrics at every epoch end"));
  f.push_back(NUM("training.maxEpochs", training.maxEpochs, 0, 1000000,
                  "stop after N epochs; 0 = no limit"));
  return f;
}

std::vector<FieldDesc> buildLayerFields() {
  const Effect rebuild = Effect::Rebuild;
  const Condition dense = layerOneOf("kind", {"dense"});
  const Condition conv = layerOneOf("kind", {"conv"});
  const Condition trainable = layerOneOf("kind", {"dense", "conv"});
  std::vector<FieldDesc> f;
  f.push_back(enumField<LayerSpec>(
                  "kind", layerKindNames(),
                  "layer kind: dense, conv (Conv2d), maxPool / avgPool (window = stride = size), "
                  "globalAvgPool (the mean of each channel), flatten",
                  [](LayerSpec * l) -> auto& { return l->kind; })
                  .withEffect(rebuild));
  f.push_back(LAYER_NUM("units", units, 1, 1024, "units").withEffect(rebuild).when(dense));
  f.push_back(
      LAYER_NUM("channels", channels, 1, 64, "output channels").withEffect(rebuild).when(conv));
  f.push_back(LAYER_NUM("kernel", kernel, 1, 7, "kernel side (square kernels)")
                  .withEffect(rebuild)
                  .when(conv));
  f.push_back(LAYER_NUM("stride", stride, 1, 4, "stride").withEffect(rebuild).when(conv));
  f.push_back(LAYER_NUM("padding", padding, 0, 3, "zero padding on every side")
                  .withEffect(rebuild)
                  .when(conv));
  f.push_back(LAYER_NUM("size", size, 1, 4, "pooling window side (and stride)")
                  .withEffect(rebuild)
                  .when(layerOneOf("kind", {"maxPool", "avgPool"})));
  f.push_back(enumField<LayerSpec>(
                  "activation", {"relu", "leakyRelu", "tanh", "sigmoid", "linear"}, "activation",
                  [](LayerSpec * l) -> auto& { return l->activation; })
                  .withEffect(rebuild)
                  .when(trainable));
  f.push_back(LAYER_NUM("dropout", dropout, 0, 0.95,
                        "dropout rate (conv layers: Dropout2d, whole channels)")
                  .when(trainable));
  f.push_back(LAYER_NUM("dropBlock", dropBlock, 0, 0.9,
                        "DropBlock drop rate 1 − keep_prob (contiguous blocks of each channel)")
                  .when(conv));
  f.push_back(LAYER_NUM("blockSize", blockSize, 1, 7, "DropBlock block side (odd)")
                  .withEffect(rebuild)
                  .when(conv)
                  .when(layerPositive("dropBlock")));
  f.push_back(LAYER_NUM("penaltyScale", penaltyScale, 0, 100, "penalty multiplier")
                  .when(trainable)
                  .when(noneOf("penalty.kind", {"none"})));
  f.push_back(LAYER_NUM("batchNorm", batchNorm, 0, 1,
                        "batch normalization (conv layers: BatchNorm2d, per channel)")
                  .withEffect(rebuild)
                  .when(trainable));
  return f;
}

const FieldDesc* findIn(const std::vector<FieldDesc>& fields, const std::string& path) {
  for (const FieldDesc& f : fields)
    if (f.path == path) return &f;
  return nullptr;
}

}  // namespace

const std::vector<FieldDesc>& specFields() {
  static const std::vector<FieldDesc> fields = buildSpecFields();
  return fields;
}

const std::vector<FieldDesc>& layerFields() {
  static const std::vector<FieldDesc> fields = buildLayerFields();
  return fields;
}

std::vector<std::string> layerKindNames() {
  std::vector<std::string> names;
  for (const LayerKindDesc& d : layerKinds()) names.push_back(d.kind);
  return names;
}

std::vector<std::string> imageLayerKindNames() {
  std::vector<std::string> names;
  for (const LayerKindDesc& d : layerKinds())
    if (d.needsImage) names.push_back(d.kind);
  return names;
}

bool isImageLayerKind(const std::string& kind) {
  const LayerKindDesc* d = findLayerKind(kind);
  return d && d->needsImage;
}

bool hasImageLayers(const ModelSpec& model) {
  for (const LayerSpec& l : model.hidden)
    if (isImageLayerKind(l.kind)) return true;
  return false;
}

const FieldDesc* findSpecField(const std::string& path) { return findIn(specFields(), path); }
const FieldDesc* findLayerField(const std::string& key) { return findIn(layerFields(), key); }

}  // namespace engine
