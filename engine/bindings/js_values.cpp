#include "bindings/js_values.hpp"

#include <emscripten/bind.h>

#include <algorithm>
#include <cmath>
#include <memory>

#include "spec/spec_reader.hpp"
#include "spec/spec_schema.hpp"

namespace engine::js {

void throwJsError(const std::string& message) {
  val::global("Error").new_(message).throw_();
  std::abort();  // throw_ does not return
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

void checkKeys(const val& obj, const std::vector<std::string>& allowed, const std::string& what) {
  for (const std::string& key : objectKeys(obj)) {
    if (std::find(allowed.begin(), allowed.end(), key) == allowed.end()) {
      std::string list;
      for (const std::string& a : allowed) list += (list.empty() ? "" : ", ") + a;
      throwJsError(what + "." + key.substr(0, 64) + ": unknown key (allowed: " + list + ")");
    }
  }
}

// ---- spec: JS object → ExperimentSpec ---------------------------------------------------------

namespace {

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

}  // namespace

ExperimentSpec readSpecFromJs(const val& input, const ExperimentSpec& base) {
  return guarded([&] { return readSpec(JsInput(input), base); });
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

val float64Array(const double* data, std::size_t n) {
  return val::global("Float64Array").new_(emscripten::typed_memory_view(n, data));
}

val float64Array(const std::vector<double>& v) { return float64Array(v.data(), v.size()); }

val float32Array(const float* data, std::size_t n) {
  return val::global("Float32Array").new_(emscripten::typed_memory_view(n, data));
}

val float32Array(const Matrix& m) {
  static_assert(sizeof(Scalar) == sizeof(float), "the WASM engine is float32");
  return float32Array(m.data(), static_cast<std::size_t>(m.size()));
}

val int32Array(const std::vector<int>& v) {
  return val::global("Int32Array").new_(emscripten::typed_memory_view(v.size(), v.data()));
}

val stringArray(const std::vector<std::string>& v) {
  val list = val::array();
  for (const std::string& s : v) list.call<void>("push", s);
  return list;
}

namespace {

// The length of an array or typed array of numbers, else a JS Error naming `what`.
long long arrayLength(const val& v, const std::string& what) {
  const std::string type = typeOf(v);
  if (type != "array" && !(type == "object" && v["length"].typeOf().as<std::string>() == "number"))
    throwJsError(what + ": must be an array or typed array of numbers, got " + type);
  return static_cast<long long>(v["length"].as<double>());
}

}  // namespace

std::vector<float> numbersFrom(const val& v, const std::string& what, long long expected) {
  const long long length = arrayLength(v, what);
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

std::vector<double> doublesFrom(const val& v, const std::string& what, long long minLength,
                                long long maxLength) {
  const long long length = arrayLength(v, what);
  if (length < minLength || length > maxLength)
    throwJsError(what + ": must hold " +
                 (minLength == maxLength
                      ? std::to_string(minLength)
                      : std::to_string(minLength) + " to " + std::to_string(maxLength)) +
                 " numbers, got " + std::to_string(length));
  std::vector<double> out = emscripten::convertJSArrayToNumberVector<double>(v);
  for (double x : out)
    if (!std::isfinite(x)) throwJsError(what + ": values must be finite numbers");
  return out;
}

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

int intIn(const val& v, const std::string& what, int lo, int hi, int fallback) {
  if (v.isUndefined()) return fallback;
  const std::string range = "[" + std::to_string(lo) + ", " + std::to_string(hi) + "]";
  if (typeOf(v) != "number") throwJsError(what + ": must be an integer in " + range);
  const double x = v.as<double>();
  if (!(x >= lo && x <= hi) || std::floor(x) != x)
    throwJsError(what + ": must be an integer in " + range + ", got " + jsonNumber(x));
  return static_cast<int>(x);
}

double numberIn(const val& v, const std::string& what, double lo, double hi, double fallback) {
  if (v.isUndefined()) return fallback;
  const std::string range = "[" + jsonNumber(lo) + ", " + jsonNumber(hi) + "]";
  if (typeOf(v) != "number") throwJsError(what + ": must be a number in " + range);
  const double x = v.as<double>();
  if (!(x >= lo && x <= hi))
    throwJsError(what + ": must be in " + range + ", got " + jsonNumber(x));
  return x;
}

std::string oneOf(const val& v, const std::string& what, const std::vector<std::string>& options,
                  const std::string& fallback) {
  std::string list;
  for (const std::string& o : options) list += (list.empty() ? "" : ", ") + o;
  if (v.isUndefined() && !fallback.empty()) return fallback;
  if (typeOf(v) != "string") throwJsError(what + ": must be one of: " + list);
  const std::string s = v.call<val>("slice", 0, 64).as<std::string>();
  if (std::find(options.begin(), options.end(), s) == options.end())
    throwJsError(what + ": must be one of: " + list + ", got \"" + s + "\"");
  return s;
}

CustomData customDataFrom(const val& data) {
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
  return custom;
}

}  // namespace engine::js
