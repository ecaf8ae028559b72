// InputValue over parsed JSON (nlohmann::json), for native code: tools, tests, benchmarks and
// the spec fuzzer read a spec exactly as the browser's engine does. Header-only, so the WASM
// build (which reads JS objects instead) never needs the JSON library.
#pragma once

#include <nlohmann/json.hpp>

#include <memory>
#include <string>
#include <vector>

#include "spec/input_value.hpp"
#include "spec/spec_reader.hpp"

namespace engine {

class JsonInput : public InputValue {
 public:
  explicit JsonInput(const nlohmann::json& value) : value_(value) {}

  std::string type() const override {
    if (value_.is_object()) return "object";
    if (value_.is_array()) return "array";
    if (value_.is_number()) return "number";
    if (value_.is_string()) return "string";
    if (value_.is_boolean()) return "boolean";
    if (value_.is_null()) return "null";
    return "undefined";
  }
  double number() const override { return value_.get<double>(); }
  bool boolean() const override { return value_.get<bool>(); }
  std::string string() const override { return value_.get<std::string>(); }
  std::vector<std::string> keys() const override {
    std::vector<std::string> out;
    for (auto it = value_.begin(); it != value_.end(); ++it) out.push_back(it.key());
    return out;
  }
  std::unique_ptr<InputValue> get(const std::string& key) const override {
    return std::make_unique<JsonInput>(value_.at(key));
  }
  long long length() const override { return static_cast<long long>(value_.size()); }
  std::unique_ptr<InputValue> at(long long i) const override {
    return std::make_unique<JsonInput>(value_.at(static_cast<std::size_t>(i)));
  }

 private:
  const nlohmann::json& value_;
};

// A spec from JSON text; throws std::invalid_argument for text that is not JSON, too deep, or
// not a valid spec.
inline ExperimentSpec readSpecJson(const std::string& text) {
  nlohmann::json parsed;
  try {
    // A spec is 3 levels deep; anything far deeper is refused while parsing.
    parsed =
        nlohmann::json::parse(text, [](int depth, nlohmann::json::parse_event_t, nlohmann::json&) {
          if (depth > 16) throw std::invalid_argument("spec: nested too deeply");
          return true;
        });
  } catch (const nlohmann::json::exception& e) {
    throw std::invalid_argument(std::string("spec: not JSON: ") + e.what());
  }
  return readSpec(JsonInput(parsed));
}

}  // namespace engine
