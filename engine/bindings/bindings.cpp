// The engine's JavaScript API (Embind). The only file that includes <emscripten/bind.h>:
// everything here converts between plain JS values and the C++ core, which never sees
// emscripten::val. Declared for TypeScript in web/src/engine/engine-api.d.ts.
//   - A spec arrives as a plain object; every key is read through the schema table
//     (spec/spec_schema.hpp), unknown keys and wrong types are errors naming the key path.
//   - C++ exceptions are caught here and rethrown as JS Errors with their message (em++ 3.1.6
//     would otherwise deliver a bare number).
//   - Results leave as copied typed arrays: a view into the heap breaks when memory grows.
#include <emscripten/bind.h>
#include <emscripten/val.h>

#include <cmath>
#include <cstdlib>
#include <memory>
#include <stdexcept>
#include <string>
#include <vector>

#include "data/csv.hpp"
#include "data/real_sets.hpp"
#include "metrics/metric_columns.hpp"
#include "spec/describe_schema.hpp"
#include "spec/experiment_spec.hpp"
#include "spec/spec_reader.hpp"
#include "spec/spec_schema.hpp"
#include "train/trainer.hpp"

using emscripten::val;

namespace engine {
namespace {

constexpr double kMaxStepsPerCall = 10000000;

[[noreturn]] void throwJsError(const std::string& message) {
  val::global("Error").new_(message).throw_();
  std::abort();  // throw_ does not return
}

// Runs f, turning any C++ exception into a JS Error with the same message.
template <typename F>
auto guarded(F f) -> decltype(f()) {
  try {
    return f();
  } catch (const std::exception& e) {
    throwJsError(e.what());
  }
}

std::string typeOf(const val& v) {
  if (v.isNull()) return "null";
  if (val::global("Array").call<bool>("isArray", v)) return "array";
  return v.typeOf().as<std::string>();
}

bool isPlainObject(const val& v) { return typeOf(v) == "object"; }

std::vector<std::string> objectKeys(const val& obj) {
  return emscripten::vecFromJSArray<std::string>(val::global("Object").call<val>("keys", obj));
}

// ---- spec: JS object → ExperimentSpec ---------------------------------------------------------

// The spec reader (spec/spec_reader.hpp) walks a JS value through this adapter.
class JsInput : public InputValue {
 public:
  explicit JsInput(val value) : value_(std::move(value)) {}
  std::string type() const override { return typeOf(value_); }
  double number() const override { return value_.as<double>(); }
  bool boolean() const override { return value_.as<bool>(); }
  std::string string() const override {
    // Cut before converting: a hostile string could be megabytes long.
    return value_.call<val>("slice", 0, static_cast<int>(kMaxStringLength) + 1).as<std::string>();
  }
  std::vector<std::string> keys() const override { return objectKeys(value_); }
  std::unique_ptr<InputValue> get(const std::string& key) const override {
    return std::make_unique<JsInput>(value_[key]);
  }
  long long length() const override {
    return static_cast<long long>(value_["length"].as<double>());
  }
  std::unique_ptr<InputValue> at(long long i) const override {
    return std::make_unique<JsInput>(value_[static_cast<int>(i)]);
  }

 private:
  val value_;
};

ExperimentSpec readSpecFromJs(const val& input, const ExperimentSpec& base = ExperimentSpec{}) {
  return guarded([&] { return readSpec(JsInput(input), base); });
}

// ---- ExperimentSpec → JS object --------------------------------------------------------------

void setPath(val& root, const std::string& path, const val& value) {
  val node = root;
  std::size_t start = 0;
  for (std::size_t dot = path.find('.'); dot != std::string::npos; dot = path.find('.', start)) {
    const std::string key = path.substr(start, dot - start);
    if (node[key].isUndefined()) node.set(key, val::object());
    node = node[key];
    start = dot + 1;
  }
  node.set(path.substr(start), value);
}

val fieldValue(const FieldDesc& f, const void* owner) {
  switch (f.type) {
    case FieldType::Number:
    case FieldType::Integer: return val(f.getNumber(owner));
    case FieldType::Boolean: return val(f.getNumber(owner) != 0.0);
    case FieldType::Enum: return val(f.getString(owner));
    case FieldType::StringList: {
      val list = val::array();
      for (const std::string& s : f.getList(owner)) list.call<void>("push", s);
      return list;
    }
  }
  return val::undefined();
}

val specToJs(const ExperimentSpec& spec) {
  val root = val::object();
  for (const FieldDesc& f : specFields()) setPath(root, f.path, fieldValue(f, &spec));
  val hidden = val::array();
  for (const LayerSpec& layer : spec.model.hidden) {
    val entry = val::object();
    for (const FieldDesc& f : layerFields()) entry.set(f.path, fieldValue(f, &layer));
    hidden.call<void>("push", entry);
  }
  root["model"].set("hidden", hidden);
  return root;
}

// ---- arrays ---------------------------------------------------------------------------------

val float64Array(const std::vector<double>& v) {
  return val::global("Float64Array").new_(emscripten::typed_memory_view(v.size(), v.data()));
}

val float32Array(const float* data, std::size_t n) {
  return val::global("Float32Array").new_(emscripten::typed_memory_view(n, data));
}

val float32Array(const Matrix& m) {
  static_assert(sizeof(Scalar) == sizeof(float), "the WASM engine is float32");
  return float32Array(m.data(), static_cast<std::size_t>(m.size()));
}

// A JS array or typed array of numbers, with a length limit checked before copying.
std::vector<float> numbersFrom(const val& v, const std::string& what, long long expected) {
  const std::string type = typeOf(v);
  if (type != "array" && !(type == "object" && v["length"].typeOf().as<std::string>() == "number"))
    throwJsError(what + ": must be an array or typed array of numbers, got " + type);
  const auto length = static_cast<long long>(v["length"].as<double>());
  if (expected >= 0 && length != expected)
    throwJsError(what + ": expected " + std::to_string(expected) + " values, got " +
                 std::to_string(length));
  if (length > SpecLimits::kMaxDataValues)
    throwJsError(what + ": too many values (at most " + std::to_string(SpecLimits::kMaxDataValues) +
                 ")");
  std::vector<float> out = emscripten::convertJSArrayToNumberVector<float>(v);
  for (float x : out)
    if (!std::isfinite(x)) throwJsError(what + ": values must be finite numbers");
  return out;
}

// An optional list of `count` column names (undefined: none), each cut to 64 characters.
std::vector<std::string> namesFrom(const val& v, const std::string& what, int count) {
  if (v.isUndefined()) return {};
  if (typeOf(v) != "array" || v["length"].as<int>() != count)
    throwJsError(what + ": must be an array of " + std::to_string(count) + " names");
  std::vector<std::string> names;
  for (int i = 0; i < count; ++i) {
    if (typeOf(v[i]) != "string") throwJsError(what + ": must hold strings");
    names.push_back(v[i].call<val>("slice", 0, 64).as<std::string>());
  }
  return names;
}

int positiveInt(const val& v, const std::string& what, double max) {
  if (typeOf(v) != "number") throwJsError(what + ": must be a number");
  const double x = v.as<double>();
  if (!(x >= 0 && x <= max) || std::floor(x) != x)
    throwJsError(what + ": must be an integer in [0, " +
                 std::to_string(static_cast<long long>(max)) + "]");
  return static_cast<int>(x);
}

Split splitFrom(const std::string& name) {
  if (name == "train") return Split::Train;
  if (name == "validation") return Split::Validation;
  if (name == "test") return Split::Test;
  throwJsError("split: must be one of: train, validation, test, got \"" + name.substr(0, 64) +
               "\"");
}

const char* roleName(ParamRole role) {
  switch (role) {
    case ParamRole::Weight: return "weight";
    case ParamRole::Bias: return "bias";
    case ParamRole::NormScale: return "normScale";
    case ParamRole::NormShift: return "normShift";
  }
  return "weight";
}

const char* taskName(Task task) {
  switch (task) {
    case Task::Binary: return "binary";
    case Task::Multiclass: return "multiclass";
    case Task::Regression: return "regression";
  }
  return "binary";
}

val statusToJs(const RunStatus& s) {
  val out = val::object();
  out.set("state", std::string(runStateName(s.state)));
  out.set("step", static_cast<double>(s.step));
  out.set("epoch", static_cast<double>(s.epoch));
  out.set("stepsRun", static_cast<double>(s.stepsRun));
  out.set("divergedAtStep", static_cast<double>(s.divergedAtStep));
  out.set("bestStep", static_cast<double>(s.bestStep));
  out.set("message", s.message);
  return out;
}

// ---- the Trainer as JS sees it -----------------------------------------------------------------

class JsTrainer {
 public:
  explicit JsTrainer(std::unique_ptr<Trainer> trainer) : trainer_(std::move(trainer)) {}

  val runSteps(const val& steps) {
    const int n = positiveInt(steps, "runSteps(steps)", kMaxStepsPerCall);
    return guarded([&] { return statusToJs(trainer_->runSteps(n)); });
  }

  val runEpochs(const val& epochs) {
    const int n = positiveInt(epochs, "runEpochs(epochs)", 100000);
    return guarded([&] { return statusToJs(trainer_->runEpochs(n)); });
  }

  val status() const { return statusToJs(trainer_->status()); }

  val takeMetrics() {
    MetricsColumns c = trainer_->takeMetrics();
    val out = val::object();
    out.set("rows", c.rows);
    out.set("layers", c.layers);
    out.set("hasValidation", trainer_->hasValidation());
    out.set("hasTest", trainer_->hasTest());
    out.set("hasAccuracy", trainer_->hasAccuracy());
    const auto& columns = metricColumns();
    for (std::size_t i = 0; i < columns.size(); ++i)
      out.set(columns[i].name, float64Array(c.values[i]));
    return out;
  }

  val parameters() {
    val list = val::array();
    for (Param* p : trainer_->parameters()) {
      val entry = val::object();
      entry.set("name", p->name);
      entry.set("role", std::string(roleName(p->role)));
      entry.set("rows", static_cast<int>(p->value.rows()));
      entry.set("cols", static_cast<int>(p->value.cols()));
      entry.set("values", float32Array(p->value));
      list.call<void>("push", entry);
    }
    return list;
  }

  void setParameter(const std::string& name, const val& values) {
    const std::vector<float> v = numbersFrom(values, "setParameter(values)", -1);
    guarded([&] { trainer_->setParameter(name, v.data(), static_cast<long>(v.size())); });
  }

  val evaluate(const std::string& split) {
    const Evaluation e = guarded([&] { return trainer_->evaluate(splitFrom(split)); });
    val out = val::object();
    out.set("loss", e.loss);
    out.set("penalty", e.penalty);
    out.set("accuracy", e.accuracy);
    out.set("samples", e.samples);
    return out;
  }

  val predict(const val& x, const val& rowsValue) {
    const int rows = positiveInt(rowsValue, "predict(rows)", SpecLimits::kMaxSamples * 16.0);
    const auto cols = static_cast<long long>(trainer_->dataset(Split::Train).raw.cols());
    const std::vector<float> v = numbersFrom(x, "predict(x)", rows * cols);
    const Matrix out = guarded([&] {
      Matrix raw(rows, cols);
      for (long long i = 0; i < rows * cols; ++i) raw.data()[i] = v[static_cast<std::size_t>(i)];
      return trainer_->predict(raw);
    });
    return float32Array(out);
  }

  val gridPredictions(int resolution, double xMin, double xMax, double yMin, double yMax) {
    const std::vector<float> g =
        guarded([&] { return trainer_->gridPredictions(resolution, xMin, xMax, yMin, yMax); });
    return float32Array(g.data(), g.size());
  }

  val neuronGrids(int resolution, double xMin, double xMax, double yMin, double yMax) {
    const NeuronGrids g =
        guarded([&] { return trainer_->neuronGrids(resolution, xMin, xMax, yMin, yMax); });
    val out = val::object();
    val sizes = val::array();
    for (int s : g.layerSizes) sizes.call<void>("push", s);
    out.set("layerSizes", sizes);
    out.set("resolution", g.resolution);
    out.set("values", float32Array(g.values.data(), g.values.size()));
    return out;
  }

  val weightHistogram(int bins) {
    if (bins < 1 || bins > 1000) throwJsError("weightHistogram(bins): must be in [1, 1000]");
    const Histogram h = trainer_->histogram(bins);
    val out = val::object();
    out.set("edges", float64Array(h.edges));
    out.set("counts", float64Array(h.counts));
    out.set("zeros", static_cast<double>(h.zeros));
    out.set("below", static_cast<double>(h.below));
    out.set("above", static_cast<double>(h.above));
    out.set("nonFinite", static_cast<double>(h.nonFinite));
    out.set("total", static_cast<double>(h.total));
    return out;
  }

  val data(const std::string& split) {
    const Split which = splitFrom(split);
    const Dataset& d = trainer_->dataset(which);
    const std::vector<float> y = trainer_->targets(which);
    val out = val::object();
    out.set("rows", static_cast<int>(d.raw.rows()));
    out.set("cols", static_cast<int>(d.raw.cols()));
    out.set("x", float32Array(d.raw));
    out.set("y", float32Array(y.data(), y.size()));
    out.set("yCols", d.targetCols);
    return out;
  }

  val network() const {
    const NetworkInfo n = trainer_->network();
    val out = val::object();
    out.set("inputs", n.inputs);
    out.set("outputs", n.outputs);
    out.set("task", std::string(taskName(n.task)));
    val names = val::array();
    for (const std::string& s : n.featureNames) names.call<void>("push", s);
    out.set("featureNames", names);
    val targets = val::array();
    for (const std::string& s : n.targetNames) targets.call<void>("push", s);
    out.set("targetNames", targets);
    val sizes = val::array();
    for (int s : n.layerSizes) sizes.call<void>("push", s);
    out.set("layerSizes", sizes);
    out.set("parameterCount", static_cast<double>(n.parameterCount));
    return out;
  }

  bool update(const val& partial) {
    const ExperimentSpec next = readSpecFromJs(partial, trainer_->spec());
    return guarded([&] { return trainer_->update(next); });
  }

  void reset() {
    guarded([&] {
      trainer_->reset();
      return 0;
    });
  }

 private:
  std::unique_ptr<Trainer> trainer_;
};

JsTrainer* makeTrainer(val spec) {
  const ExperimentSpec s = readSpecFromJs(spec);
  return guarded([&] { return new JsTrainer(std::make_unique<Trainer>(s)); });
}

JsTrainer* makeTrainerWithData(val spec, val data) {
  ExperimentSpec s = readSpecFromJs(spec);
  if (!isPlainObject(data)) throwJsError("data: must be an object {x, y, rows, cols}");
  CustomData custom;
  custom.rows = positiveInt(data["rows"], "data.rows", SpecLimits::kMaxSamples);
  custom.cols = positiveInt(data["cols"], "data.cols", 10000);
  custom.targetCols =
      data["targetCols"].isUndefined() ? 1 : positiveInt(data["targetCols"], "data.targetCols", 16);
  custom.featureNames = namesFrom(data["featureNames"], "data.featureNames", custom.cols);
  custom.targetNames = namesFrom(data["targetNames"], "data.targetNames", custom.targetCols);
  custom.x = numbersFrom(data["x"], "data.x", static_cast<long long>(custom.rows) * custom.cols);
  custom.y =
      numbersFrom(data["y"], "data.y", static_cast<long long>(custom.rows) * custom.targetCols);
  return guarded([&] { return new JsTrainer(std::make_unique<Trainer>(s, std::move(custom))); });
}

val describe() { return val::global("JSON").call<val>("parse", describeJson()); }

// The table of a real data set, which the WASM engine does not carry: the page fetches the
// file named in describe().dataKinds and hands its text here before training on that set.
void loadDataSet(const std::string& kind, const std::string& csvText) {
  guarded([&] {
    registerRealSetCsv(kind, csvText);
    return 0;
  });
}

bool dataSetLoaded(const std::string& kind) { return realSetAvailable(kind); }

val normalizeSpec(val spec) { return specToJs(readSpecFromJs(spec)); }

val parseCsvText(const std::string& text, int maxRows) {
  if (maxRows < 1 || maxRows > SpecLimits::kMaxSamples)
    throwJsError("parseCsv(maxRows): must be in [1, " + std::to_string(SpecLimits::kMaxSamples) +
                 "]");
  const CsvTable table = guarded([&] { return parseCsv(text, maxRows); });
  val out = val::object();
  val columns = val::array();
  for (const std::string& c : table.columns) columns.call<void>("push", c);
  out.set("columns", columns);
  out.set("rows", static_cast<int>(table.values.rows()));
  out.set("cols", static_cast<int>(table.values.cols()));
  out.set("values", float32Array(table.values));
  // Per column: the sorted labels of a text column (its values are their indices), or null.
  val categories = val::array();
  for (const std::vector<std::string>& labels : table.categories) {
    if (labels.empty()) {
      categories.call<void>("push", val::null());
      continue;
    }
    val list = val::array();
    for (const std::string& l : labels) list.call<void>("push", l);
    categories.call<void>("push", list);
  }
  out.set("categories", categories);
  return out;
}

double gemmKernel(int n, int repeats) {
  if (n < 1 || n > 2048 || repeats < 1 || repeats > 1000)
    throwJsError("gemmKernel: n must be in [1, 2048] and repeats in [1, 1000]");
  Matrix a = Matrix::Constant(n, n, Scalar(0.5));
  Matrix b = Matrix::Constant(n, n, Scalar(0.25));
  Matrix c(n, n);
  double checksum = 0.0;
  for (int r = 0; r < repeats; ++r) {
    c.noalias() = a * b;
    checksum += static_cast<double>(c(r % n, 0));
  }
  return checksum;
}

std::string version() { return "1.0.0"; }

bool simd() {
#ifdef __wasm_simd128__
  return true;
#else
  return false;
#endif
}

}  // namespace
}  // namespace engine

EMSCRIPTEN_BINDINGS(engine) {
  using namespace engine;
  emscripten::class_<JsTrainer>("Trainer")
      .constructor(&makeTrainer, emscripten::allow_raw_pointers())
      .constructor(&makeTrainerWithData, emscripten::allow_raw_pointers())
      .function("runSteps", &JsTrainer::runSteps)
      .function("runEpochs", &JsTrainer::runEpochs)
      .function("status", &JsTrainer::status)
      .function("takeMetrics", &JsTrainer::takeMetrics)
      .function("parameters", &JsTrainer::parameters)
      .function("setParameter", &JsTrainer::setParameter)
      .function("evaluate", &JsTrainer::evaluate)
      .function("predict", &JsTrainer::predict)
      .function("gridPredictions", &JsTrainer::gridPredictions)
      .function("neuronGrids", &JsTrainer::neuronGrids)
      .function("weightHistogram", &JsTrainer::weightHistogram)
      .function("data", &JsTrainer::data)
      .function("network", &JsTrainer::network)
      .function("update", &JsTrainer::update)
      .function("reset", &JsTrainer::reset);
  emscripten::function("describe", &describe);
  emscripten::function("loadDataSet", &loadDataSet);
  emscripten::function("dataSetLoaded", &dataSetLoaded);
  emscripten::function("normalizeSpec", &normalizeSpec);
  emscripten::function("parseCsv", &parseCsvText);
  emscripten::function("gemmKernel", &gemmKernel);
  emscripten::function("version", &version);
  emscripten::function("simd", &simd);
}
