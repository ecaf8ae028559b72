#include "spec/spec_schema.hpp"

#include <cmath>
#include <sstream>

namespace engine {
namespace {

// Builders keep the table one line per field.
template <typename Get>
FieldDesc withNumber(FieldDesc f, Get get) {
  f.getNumber = [get](const void* o) { return static_cast<double>(get(const_cast<void*>(o))); };
  f.setNumber = [get](void* o, double v) {
    auto& ref = get(o);
    ref = static_cast<std::remove_reference_t<decltype(ref)>>(v);
  };
  return f;
}

#define SPEC_NUM(PATH, EXPR, LO, HI, DOC, ...)                                             \
  withNumber(                                                                              \
      [] {                                                                                 \
        FieldDesc f;                                                                       \
        f.path = PATH;                                                                     \
        using T = std::remove_reference_t<decltype(std::declval<ExperimentSpec&>().EXPR)>; \
        f.type = std::is_same<T, bool>::value ? FieldType::Boolean                         \
                 : std::is_integral<T>::value ? FieldType::Integer                         \
                                              : FieldType::Number;                         \
        f.min = LO;                                                                        \
        f.max = HI;                                                                        \
        f.doc = DOC;                                                                       \
        openBounds(f, ##__VA_ARGS__);                                                      \
        return f;                                                                          \
      }(),                                                                                 \
      [](void* o) -> decltype(auto) { return (static_cast<ExperimentSpec*>(o)->EXPR); })

#define LAYER_NUM(PATH, MEMBER, LO, HI, DOC)                       \
  withNumber(                                                      \
      [] {                                                         \
        FieldDesc f;                                               \
        f.path = PATH;                                             \
        using T = decltype(LayerSpec::MEMBER);                     \
        f.type = std::is_same<T, bool>::value ? FieldType::Boolean \
                 : std::is_integral<T>::value ? FieldType::Integer \
                                              : FieldType::Number; \
        f.min = LO;                                                \
        f.max = HI;                                                \
        f.doc = DOC;                                               \
        return f;                                                  \
      }(),                                                         \
      [](void* o) -> decltype(auto) { return (static_cast<LayerSpec*>(o)->MEMBER); })

void openBounds(FieldDesc&) {}
void openBounds(FieldDesc& f, bool loOpen, bool hiOpen) {
  f.minExclusive = loOpen;
  f.maxExclusive = hiOpen;
}

template <typename Get>
FieldDesc enumField(const std::string& path, std::vector<std::string> options,
                    const std::string& doc, Get get) {
  FieldDesc f;
  f.path = path;
  f.type = FieldType::Enum;
  f.options = std::move(options);
  f.doc = doc;
  f.getString = [get](const void* o) { return get(const_cast<void*>(o)); };
  f.setString = [get](void* o, const std::string& v) { get(o) = v; };
  return f;
}

#define SPEC_ENUM(PATH, EXPR, OPTIONS, DOC) \
  enumField(PATH, OPTIONS, DOC,             \
            [](void* o) -> std::string& { return static_cast<ExperimentSpec*>(o)->EXPR; })

const std::vector<std::string> kActivations = {"relu", "leakyRelu", "tanh", "sigmoid", "linear"};

std::vector<FieldDesc> buildSpecFields() {
  using V = std::vector<std::string>;
  std::vector<FieldDesc> f;
  f.push_back(SPEC_NUM("version", version, 1, 1, "spec format version"));
  f.push_back(SPEC_NUM("seed", seed, 0, 4294967295.0, "seed of every random choice in the run"));

  f.push_back(SPEC_ENUM("data.kind", data.kind,
                        (V{"circle", "xor", "gauss", "spiral", "moons", "regression1d",
                           "sparseLinear", "diabetes", "breastCancer", "digits", "custom"}),
                        "data set"));
  f.push_back(SPEC_NUM("data.samples", data.samples, 10, SpecLimits::kMaxSamples,
                       "number of generated samples"));
  f.push_back(SPEC_NUM("data.noise", data.noise, 0, 5, "input noise (2D) or target noise std"));
  f.push_back(SPEC_NUM("data.labelNoise", data.labelNoise, 0, 0.5, "fraction of flipped labels"));
  f.push_back(SPEC_NUM("data.valFraction", data.valFraction, 0, 0.5, "validation share"));
  f.push_back(SPEC_NUM("data.testFraction", data.testFraction, 0, 0.5, "test share"));
  {
    FieldDesc list;
    list.path = "data.features";
    list.type = FieldType::StringList;
    list.options = {"x1", "x2", "x1Squared", "x2Squared", "x1x2", "sinX1", "sinX2"};
    list.doc = "input features of the 2D sets";
    list.getList = [](const void* o) {
      return static_cast<const ExperimentSpec*>(o)->data.features;
    };
    list.setList = [](void* o, const std::vector<std::string>& v) {
      static_cast<ExperimentSpec*>(o)->data.features = v;
    };
    f.push_back(list);
  }
  f.push_back(SPEC_NUM("data.degree", data.degree, 1, 15, "polynomial degree (regression1d)"));
  f.push_back(SPEC_NUM("data.dimensions", data.dimensions, 2, 2000, "features p (sparseLinear)"));
  f.push_back(SPEC_NUM("data.nonZeros", data.nonZeros, 1, 2000, "true non-zeros k (sparseLinear)"));
  f.push_back(SPEC_NUM("data.standardize", data.standardize, 0, 1, "standardize on train split"));
  f.push_back(SPEC_ENUM("data.task", data.task, (V{"classification", "regression"}),
                        "task of custom data"));

  f.push_back(SPEC_NUM("model.outputPenaltyScale", model.outputPenaltyScale, 0, 100,
                       "penalty multiplier of the output layer"));
  f.push_back(SPEC_ENUM("model.init", model.init,
                        (V{"xavierUniform", "xavierNormal", "heUniform", "heNormal"}),
                        "weight initializer"));
  f.push_back(SPEC_NUM("model.leakySlope", model.leakySlope, 0, 1, "leaky relu negative slope"));
  f.push_back(SPEC_NUM("model.batchNormMomentum", model.batchNormMomentum, 0, 1,
                       "batch-norm running statistics momentum"));
  f.push_back(
      SPEC_NUM("model.batchNormEps", model.batchNormEps, 0, 1, "batch-norm eps", true, false));

  f.push_back(SPEC_ENUM("penalty.kind", penalty.kind, (V{"none", "l1", "l2", "elasticNet", "lp"}),
                        "penalty in the loss"));
  f.push_back(SPEC_NUM("penalty.lambda", penalty.lambda, 0, 10, "penalty strength λ"));
  f.push_back(SPEC_ENUM("penalty.l1Mode", penalty.l1Mode, (V{"subgradient", "proximal"}),
                        "L1 update rule"));
  f.push_back(SPEC_NUM("penalty.l1Ratio", penalty.l1Ratio, 0, 1, "elastic-net L1 share"));
  f.push_back(SPEC_NUM("penalty.p", penalty.p, 0, 1, "Lp exponent", true, true));
  f.push_back(SPEC_NUM("penalty.applyToBiases", penalty.applyToBiases, 0, 1,
                       "penalize biases and batch-norm parameters too"));

  f.push_back(SPEC_ENUM("optimizer.kind", optimizer.kind,
                        (V{"sgd", "adam", "adamw", "rmsprop", "adagrad"}), "optimizer"));
  f.push_back(SPEC_NUM("optimizer.lr", optimizer.lr, 0, 10, "learning rate", true, false));
  f.push_back(SPEC_NUM("optimizer.momentum", optimizer.momentum, 0, 1, "momentum", false, true));
  f.push_back(SPEC_NUM("optimizer.dampening", optimizer.dampening, 0, 1, "momentum dampening"));
  f.push_back(SPEC_NUM("optimizer.nesterov", optimizer.nesterov, 0, 1, "Nesterov momentum"));
  f.push_back(SPEC_NUM("optimizer.beta1", optimizer.beta1, 0, 1, "Adam β1", false, true));
  f.push_back(SPEC_NUM("optimizer.beta2", optimizer.beta2, 0, 1, "Adam β2", false, true));
  f.push_back(SPEC_NUM("optimizer.eps", optimizer.eps, 0, 1, "ε", true, false));
  f.push_back(SPEC_NUM("optimizer.amsgrad", optimizer.amsgrad, 0, 1, "AMSGrad"));
  f.push_back(
      SPEC_NUM("optimizer.alpha", optimizer.alpha, 0, 1, "RMSProp smoothing α", false, true));
  f.push_back(SPEC_NUM("optimizer.centered", optimizer.centered, 0, 1, "centered RMSProp"));
  f.push_back(SPEC_NUM("optimizer.lrDecay", optimizer.lrDecay, 0, 10, "Adagrad lr decay"));
  f.push_back(SPEC_NUM("optimizer.initialAccumulator", optimizer.initialAccumulator, 0, 10,
                       "Adagrad initial accumulator"));
  f.push_back(SPEC_NUM("optimizer.weightDecay", optimizer.weightDecay, 0, 10,
                       "weight decay (decoupled for adamw, in the gradient otherwise)"));

  f.push_back(SPEC_ENUM("schedule.kind", schedule.kind,
                        (V{"constant", "step", "exponential", "cosine"}),
                        "learning-rate schedule"));
  f.push_back(SPEC_NUM("schedule.stepSize", schedule.stepSize, 1, 1000000, "steps per decay"));
  f.push_back(SPEC_NUM("schedule.gamma", schedule.gamma, 0, 1, "decay factor", true, false));
  f.push_back(SPEC_NUM("schedule.tMax", schedule.tMax, 1, 10000000, "cosine period in steps"));
  f.push_back(SPEC_NUM("schedule.etaMin", schedule.etaMin, 0, 10, "cosine floor"));
  f.push_back(
      SPEC_NUM("schedule.warmupSteps", schedule.warmupSteps, 0, 1000000, "linear warm-up steps"));
  f.push_back(SPEC_NUM("schedule.warmupStartFactor", schedule.warmupStartFactor, 0, 1,
                       "warm-up starting factor", true, false));

  f.push_back(SPEC_NUM("training.batchSize", training.batchSize, 0, SpecLimits::kMaxSamples,
                       "batch size; 0 = full batch"));
  f.push_back(SPEC_NUM("training.shuffle", training.shuffle, 0, 1, "reshuffle every epoch"));
  f.push_back(SPEC_NUM("training.clipNorm", training.clipNorm, 0, 1000, "clip by global norm"));
  f.push_back(SPEC_NUM("training.clipValue", training.clipValue, 0, 1000, "clip by value"));
  f.push_back(SPEC_NUM("training.maxNorm", training.maxNorm, 0, 1000, "max-norm constraint"));
  f.push_back(SPEC_NUM("training.jitter", training.jitter, 0, 5, "input noise std"));
  f.push_back(SPEC_NUM("training.mixupAlpha", training.mixupAlpha, 0, 10, "mixup α"));
  f.push_back(SPEC_NUM("training.earlyStopping.enabled", training.earlyStopping.enabled, 0, 1,
                       "early stopping"));
  f.push_back(SPEC_NUM("training.earlyStopping.patience", training.earlyStopping.patience, 1,
                       100000, "epochs without improvement"));
  f.push_back(SPEC_NUM("training.earlyStopping.minDelta", training.earlyStopping.minDelta, 0, 1000,
                       "smallest improvement that counts"));
  f.push_back(SPEC_NUM("training.earlyStopping.restoreBest", training.earlyStopping.restoreBest, 0,
                       1, "restore the best weights"));
  f.push_back(SPEC_NUM("training.recordEvery", training.recordEvery, 1, 100000,
                       "record metrics every N steps"));
  f.push_back(SPEC_NUM("training.recordEpochs", training.recordEpochs, 0, 1,
                       "also record metrics at every epoch end"));
  f.push_back(SPEC_NUM("training.maxEpochs", training.maxEpochs, 0, 1000000,
                       "stop after N epochs; 0 = no limit"));
  return f;
}

std::vector<FieldDesc> buildLayerFields() {
  std::vector<FieldDesc> f;
  f.push_back(LAYER_NUM("units", units, 1, 1024, "units"));
  FieldDesc act;
  act.path = "activation";
  act.type = FieldType::Enum;
  act.options = kActivations;
  act.doc = "activation";
  act.getString = [](const void* o) { return static_cast<const LayerSpec*>(o)->activation; };
  act.setString = [](void* o, const std::string& v) { static_cast<LayerSpec*>(o)->activation = v; };
  f.push_back(act);
  f.push_back(LAYER_NUM("dropout", dropout, 0, 0.95, "dropout rate"));
  f.push_back(LAYER_NUM("penaltyScale", penaltyScale, 0, 100, "penalty multiplier"));
  f.push_back(LAYER_NUM("batchNorm", batchNorm, 0, 1, "batch normalization"));
  return f;
}

std::string jsonString(const std::string& s) {
  std::string out = "\"";
  for (char c : s) {
    if (c == '"' || c == '\\') out += '\\';
    out += c;
  }
  return out + "\"";
}

std::string jsonNumber(double v) {
  if (!std::isfinite(v)) return "null";
  std::ostringstream os;
  os.precision(17);
  os << v;
  return os.str();
}

const char* typeName(FieldType t) {
  switch (t) {
    case FieldType::Number: return "number";
    case FieldType::Integer: return "integer";
    case FieldType::Boolean: return "boolean";
    case FieldType::Enum: return "enum";
    case FieldType::StringList: return "stringList";
  }
  return "number";
}

void appendFields(std::ostringstream& os, const std::vector<FieldDesc>& fields,
                  const void* defaults) {
  os << "[";
  for (std::size_t i = 0; i < fields.size(); ++i) {
    const FieldDesc& f = fields[i];
    if (i) os << ",";
    os << "{\"path\":" << jsonString(f.path) << ",\"type\":\"" << typeName(f.type) << "\"";
    if (f.type == FieldType::Number || f.type == FieldType::Integer) {
      os << ",\"min\":" << jsonNumber(f.min) << ",\"max\":" << jsonNumber(f.max)
         << ",\"minExclusive\":" << (f.minExclusive ? "true" : "false")
         << ",\"maxExclusive\":" << (f.maxExclusive ? "true" : "false")
         << ",\"default\":" << jsonNumber(f.getNumber(defaults));
    } else if (f.type == FieldType::Boolean) {
      os << ",\"default\":" << (f.getNumber(defaults) != 0.0 ? "true" : "false");
    } else {
      os << ",\"options\":[";
      for (std::size_t k = 0; k < f.options.size(); ++k)
        os << (k ? "," : "") << jsonString(f.options[k]);
      os << "]";
      if (f.type == FieldType::Enum) {
        os << ",\"default\":" << jsonString(f.getString(defaults));
      } else {
        os << ",\"default\":[";
        auto list = f.getList(defaults);
        for (std::size_t k = 0; k < list.size(); ++k) os << (k ? "," : "") << jsonString(list[k]);
        os << "]";
      }
    }
    os << ",\"doc\":" << jsonString(f.doc) << "}";
  }
  os << "]";
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

std::string describeRange(const FieldDesc& f) {
  std::ostringstream os;
  switch (f.type) {
    case FieldType::Boolean: return "must be true or false";
    case FieldType::Enum:
    case FieldType::StringList: {
      os << "must be one of: ";
      for (std::size_t i = 0; i < f.options.size(); ++i) os << (i ? ", " : "") << f.options[i];
      return os.str();
    }
    case FieldType::Integer: os << "must be an integer in "; break;
    case FieldType::Number: os << "must be a number in "; break;
  }
  os << (f.minExclusive ? "(" : "[") << jsonNumber(f.min) << ", " << jsonNumber(f.max)
     << (f.maxExclusive ? ")" : "]");
  return os.str();
}

std::string checkNumber(const FieldDesc& f, double v) {
  bool ok = std::isfinite(v);
  if (ok && f.type == FieldType::Integer) ok = std::floor(v) == v;
  if (ok && f.type == FieldType::Boolean) ok = v == 0.0 || v == 1.0;
  if (ok && f.type != FieldType::Boolean) {
    ok = (f.minExclusive ? v > f.min : v >= f.min) && (f.maxExclusive ? v < f.max : v <= f.max);
  }
  if (ok) return "";
  std::ostringstream os;
  os << f.path << ": " << describeRange(f) << ", got " << jsonNumber(v);
  return os.str();
}

std::string describeJson() {
  ExperimentSpec spec;
  LayerSpec layer;
  std::ostringstream os;
  os << "{\"version\":1,\"fields\":";
  appendFields(os, specFields(), &spec);
  os << ",\"layerFields\":";
  appendFields(os, layerFields(), &layer);
  os << ",\"defaultHidden\":" << spec.model.hidden.size();
  os << ",\"limits\":{\"maxHiddenLayers\":" << SpecLimits::kMaxHiddenLayers
     << ",\"maxSamples\":" << SpecLimits::kMaxSamples
     << ",\"maxParameters\":" << SpecLimits::kMaxParameters
     << ",\"maxDataValues\":" << SpecLimits::kMaxDataValues << "}}";
  return os.str();
}

}  // namespace engine
