// The engine's JavaScript API (Embind): the Trainer and the schema. The exact linear solvers
// have their own file (linear_bindings.cpp); both share js_values.hpp. Everything here converts
// between plain JS values and the C++ core, which never sees emscripten::val. Declared for
// TypeScript in web/src/engine/engine-api.d.ts.
//   - A spec arrives as a plain object; every key is read through the schema table
//     (spec/spec_schema.hpp), unknown keys and wrong types are errors naming the key path.
//   - C++ exceptions are caught here and rethrown as JS Errors with their message (em++ 3.1.6
//     would otherwise deliver a bare number).
//   - Results leave as copied typed arrays: a view into the heap breaks when memory grows.
#include <emscripten/bind.h>
#include <emscripten/val.h>

#include <cmath>
#include <memory>
#include <string>
#include <vector>

#include "bindings/js_values.hpp"
#include "data/csv.hpp"
#include "data/real_sets.hpp"
#include "metrics/metric_columns.hpp"
#include "spec/describe_schema.hpp"
#include "spec/experiment_spec.hpp"
#include "spec/spec_schema.hpp"
#include "train/trainer.hpp"

using emscripten::val;

namespace engine {
namespace {

using namespace engine::js;

constexpr double kMaxStepsPerCall = 10000000;

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

val shapeToJs(const Shape& s) {
  val out = val::object();
  out.set("channels", s.channels);
  out.set("height", s.height);
  out.set("width", s.width);
  return out;
}

// A seed: an integer in [0, 2³² − 1].
double seedFrom(const val& v, const std::string& what) {
  if (!v.isNumber()) throwJsError(what + ": must be an integer in [0, 4294967295]");
  const double s = v.as<double>();
  if (!(s >= 0 && s <= 4294967295.0) || s != std::floor(s))
    throwJsError(what + ": must be an integer in [0, 4294967295]");
  return s;
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

  val firstConvFilters() const {
    const ConvFilters f = trainer_->firstConvFilters();
    if (f.hidden < 0) return val::null();
    val out = val::object();
    out.set("hidden", f.hidden);
    out.set("outChannels", f.outChannels);
    out.set("inChannels", f.inChannels);
    out.set("kernel", f.kernel);
    out.set("values", float32Array(f.values.data(), f.values.size()));
    return out;
  }

  val featureMaps(const std::string& split, const val& row, bool training, const val& seed) {
    const Split which = splitFrom(split);
    const int r = positiveInt(row, "featureMaps(row)", SpecLimits::kMaxSamples);
    const double s = seedFrom(seed, "featureMaps(seed)");
    const FeatureMaps f = guarded(
        [&] { return trainer_->featureMaps(which, r, training, static_cast<std::uint32_t>(s)); });
    val out = val::object();
    out.set("inputShape", shapeToJs(f.inputShape));
    out.set("input", float32Array(f.input.data(), f.input.size()));
    val maps = val::array();
    for (const FeatureMap& m : f.maps) {
      val entry = val::object();
      entry.set("hidden", m.hidden);
      entry.set("kind", m.kind);
      entry.set("shape", shapeToJs(m.shape));
      entry.set("values", float32Array(m.values.data(), m.values.size()));
      entry.set("droppedChannels",
                m.droppedChannels.empty()
                    ? val::null()
                    : float32Array(m.droppedChannels.data(), m.droppedChannels.size()));
      entry.set("blockMask", m.blockMask.empty()
                                 ? val::null()
                                 : float32Array(m.blockMask.data(), m.blockMask.size()));
      maps.call<void>("push", entry);
    }
    out.set("maps", maps);
    return out;
  }

  val augmentedBatch(const val& count, const val& seed) {
    const int n = positiveInt(count, "augmentedBatch(count)", 256);
    const double s = seedFrom(seed, "augmentedBatch(seed)");
    const AugmentedBatch b =
        guarded([&] { return trainer_->augmentedBatch(n, static_cast<std::uint32_t>(s)); });
    val out = val::object();
    out.set("shape", shapeToJs(b.shape));
    out.set("rows", int32Array(b.rows));
    out.set("labels", float32Array(b.labels.data(), b.labels.size()));
    out.set("images", float32Array(b.images.data(), b.images.size()));
    out.set("inputs", float32Array(b.inputs.data(), b.inputs.size()));
    val transforms = val::array();
    for (const ImageTransform& t : b.transforms) {
      val entry = val::object();
      entry.set("flip", t.flip);
      entry.set("angle", t.angle);
      entry.set("dx", t.dx);
      entry.set("dy", t.dy);
      transforms.call<void>("push", entry);
    }
    out.set("transforms", transforms);
    return out;
  }

  val confusionMatrix(const std::string& split) {
    const Split which = splitFrom(split);
    int classes = 0;
    const std::vector<long> counts =
        guarded([&] { return trainer_->confusionMatrix(which, classes); });
    std::vector<int> values(counts.begin(), counts.end());
    val out = val::object();
    out.set("classes", classes);
    out.set("counts", int32Array(values));
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
    out.set("inputShape", shapeToJs(n.inputShape));
    out.set("imageInput", n.imageInput);
    val layers = val::array();
    for (const LayerInfo& l : n.layers) {
      val entry = val::object();
      entry.set("kind", l.kind);
      entry.set("hidden", l.hidden);
      entry.set("trainable", l.trainable);
      entry.set("input", shapeToJs(l.input));
      entry.set("output", shapeToJs(l.output));
      entry.set("imageOutput", l.imageOutput);
      entry.set("parameters", static_cast<double>(l.parameters));
      layers.call<void>("push", entry);
    }
    out.set("layers", layers);
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
  CustomData custom = customDataFrom(data);
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
      .function("firstConvFilters", &JsTrainer::firstConvFilters)
      .function("featureMaps", &JsTrainer::featureMaps)
      .function("augmentedBatch", &JsTrainer::augmentedBatch)
      .function("confusionMatrix", &JsTrainer::confusionMatrix)
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
