// A JSON-like value from outside the engine, as the spec reader walks it: a JavaScript object
// (engine/bindings) or parsed JSON text (json_input.hpp, native tools, tests and fuzzers). The
// reader only asks these questions, so both front doors check a spec the same way.
#pragma once

#include <memory>
#include <string>
#include <vector>

namespace engine {

class InputValue {
 public:
  virtual ~InputValue() = default;
  // "object", "array", "number", "string", "boolean", "null", or another type name.
  virtual std::string type() const = 0;
  virtual double number() const = 0;
  virtual bool boolean() const = 0;
  virtual std::string string() const = 0;
  // Objects: own keys in order, and the value at one of them.
  virtual std::vector<std::string> keys() const = 0;
  virtual std::unique_ptr<InputValue> get(const std::string& key) const = 0;
  // Arrays: length and the element at an index below it.
  virtual long long length() const = 0;
  virtual std::unique_ptr<InputValue> at(long long index) const = 0;
};

}  // namespace engine
