// The one table of spec fields: key path, type, allowed range or options, default, a line of
// doc. validate() checks against it, bindings.cpp reads a JS object through it, and
// describe() hands it to the web app (which builds its controls and URL codec from it), so a
// range is written once, here.
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "spec/experiment_spec.hpp"

namespace engine {

enum class FieldType { Number, Integer, Boolean, Enum, StringList };

struct FieldDesc {
  std::string path;  // "optimizer.lr"; layer fields: "units" within model.hidden[]
  FieldType type = FieldType::Number;
  double min = 0.0;
  double max = 0.0;
  bool minExclusive = false;
  bool maxExclusive = false;
  std::vector<std::string> options;  // Enum: the allowed values; StringList: allowed items
  std::string doc;
  // Numbers, integers and booleans travel as double; enums as string; lists as vector<string>.
  std::function<double(const void*)> getNumber;
  std::function<void(void*, double)> setNumber;
  std::function<std::string(const void*)> getString;
  std::function<void(void*, const std::string&)> setString;
  std::function<std::vector<std::string>(const void*)> getList;
  std::function<void(void*, const std::vector<std::string>&)> setList;
};

// Fields of ExperimentSpec (the accessors take ExperimentSpec*).
const std::vector<FieldDesc>& specFields();
// Fields of one entry of model.hidden (the accessors take LayerSpec*).
const std::vector<FieldDesc>& layerFields();

// Limits that keep a run inside a browser tab's memory and time.
struct SpecLimits {
  static constexpr int kMaxHiddenLayers = 8;
  static constexpr int kMaxSamples = 20000;
  static constexpr long long kMaxParameters = 2000000;
  static constexpr long long kMaxDataValues = 4000000;  // rows × features after expansion
};

// "must be in [0, 10]" / "must be in (0, 1)" / "must be one of: a, b".
std::string describeRange(const FieldDesc& field);
// Checks one value against a field's range; returns "" when allowed, else the message.
std::string checkNumber(const FieldDesc& field, double value);

// The schema as JSON (fields, layer fields, limits, defaults), for the web app and tests.
std::string describeJson();

}  // namespace engine
