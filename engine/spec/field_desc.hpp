// One setting of the experiment spec, described once: key path, type, range or options, what a
// change does to a running network, and when the setting matters at all. The schema table
// (spec_schema.cpp) is a list of these; validation, the JS reader, hot updates and the web
// app's controls, link decoder and relevance rules all read them, and nothing else states a
// range or a default.
#pragma once

#include <functional>
#include <string>
#include <vector>

namespace engine {

enum class FieldType { Number, Integer, Boolean, Enum, StringList };

// What changing the field does to a network that is already training.
enum class FieldEffect {
  Live,      // applied to the running network as it is (learning rate, λ, dropout rate, ...)
  NewState,  // a new optimizer: its moments start afresh (β₁, momentum, optimizer kind, ...)
  Rebuild,   // a new network from step 0 (data, architecture, seed, initialiser, ...)
};

// A condition on the spec, for "this field matters only when ..." and for rule guards.
struct Condition {
  enum class Op {
    OneOf,           // the enum at `path` is one of `values`
    NoneOf,          // the enum at `path` is none of `values`
    IsTrue,          // the boolean at `path` is true
    Positive,        // the number at `path` is > 0
    NotPositive,     // the number at `path` is ≤ 0 (an integer switch that is off)
    AnyLayerOneOf,   // some hidden layer's field `path` (a layer key) is one of `values`
    AnyLayerIsTrue,  // some hidden layer's field `path` is true (or a non-zero number)
    // Layer fields only, on the layer the field belongs to:
    LayerOneOf,     // this layer's enum `path` (a layer key) is one of `values`
    LayerPositive,  // this layer's number `path` is > 0
  };
  Op op = Op::OneOf;
  std::string path;
  std::vector<std::string> values;
};

struct FieldDesc {
  std::string path;  // "optimizer.lr"; layer fields: "units" within model.hidden[]
  FieldType type = FieldType::Number;
  double min = 0.0;
  double max = 0.0;
  bool minExclusive = false;
  bool maxExclusive = false;
  std::vector<std::string> options;  // Enum: the allowed values; StringList: allowed items
  std::string doc;
  FieldEffect effect = FieldEffect::Live;
  std::vector<Condition> relevantWhen;  // all must hold for the field to matter; empty: always
  // Numbers, integers and booleans travel as double; enums as string; lists as vector<string>.
  std::function<double(const void*)> getNumber;
  std::function<void(void*, double)> setNumber;
  std::function<std::string(const void*)> getString;
  std::function<void(void*, const std::string&)> setString;
  std::function<std::vector<std::string>(const void*)> getList;
  std::function<void(void*, const std::vector<std::string>&)> setList;

  // Builders, so a schema row reads as one sentence.
  FieldDesc& withEffect(FieldEffect e) {
    effect = e;
    return *this;
  }
  FieldDesc& when(Condition c) {
    relevantWhen.push_back(std::move(c));
    return *this;
  }
};

// "must be a number in [0, 10]" / "must be one of: a, b" / "must be true or false".
std::string describeRange(const FieldDesc& field);
// Checks one value against a field's range; returns "" when allowed, else
// "<path>: <range>, got <value>".
std::string checkNumber(const FieldDesc& field, double value);
// A number as JSON writes it: shortest round-trip text, "null" when not finite.
std::string jsonNumber(double value);

}  // namespace engine
