#include "spec/spec_reader.hpp"

#include <stdexcept>

#include "spec/spec_schema.hpp"

namespace engine {
namespace {

// True for "data", "optimizer", "training.earlyStopping", ...: a path that has fields below.
bool isObjectPrefix(const std::string& path) {
  for (const FieldDesc& f : specFields())
    if (f.path.size() > path.size() && f.path.compare(0, path.size(), path) == 0 &&
        f.path[path.size()] == '.')
      return true;
  return path == "model";
}

std::string shown(const std::string& path) { return path.substr(0, 200); }

class SpecReader {
 public:
  explicit SpecReader(const ExperimentSpec& base) : spec_(base) {}

  ExperimentSpec read(const InputValue& input) {
    if (input.type() != "object") fail("spec: must be an object, got " + input.type());
    readObject(input, "");
    if (errors_.empty()) errors_ = validate(spec_);
    if (!errors_.empty()) throw std::invalid_argument(describeErrors(errors_));
    return spec_;
  }

 private:
  [[noreturn]] void fail(const std::string& error) {
    throw std::invalid_argument(describeErrors({error}));
  }

  void readObject(const InputValue& obj, const std::string& prefix) {
    const std::vector<std::string> keys = obj.keys();
    if (static_cast<int>(keys.size()) > kMaxKeysPerObject) {
      errors_.push_back((prefix.empty() ? "spec" : prefix) + ": too many keys");
      return;
    }
    for (const std::string& key : keys) {
      const std::string path = prefix.empty() ? key : prefix + "." + key;
      const std::unique_ptr<InputValue> value = obj.get(key);
      if (path == "model.hidden") {
        readHidden(*value);
      } else if (const FieldDesc* f = findSpecField(path)) {
        readField(*f, *value, path, &spec_);
      } else if (isObjectPrefix(path)) {
        if (value->type() != "object")
          errors_.push_back(shown(path) + ": must be an object, got " + value->type());
        else
          readObject(*value, path);
      } else {
        errors_.push_back(shown(path) + ": unknown key");
      }
    }
  }

  void readHidden(const InputValue& list) {
    if (list.type() != "array") {
      errors_.push_back("model.hidden: must be an array of layers, got " + list.type());
      return;
    }
    const long long n = list.length();
    if (n > SpecLimits::kMaxHiddenLayers) {
      errors_.push_back("model.hidden: at most " + std::to_string(SpecLimits::kMaxHiddenLayers) +
                        " hidden layers, got " + std::to_string(n));
      return;
    }
    std::vector<LayerSpec> layers;
    for (long long i = 0; i < n; ++i) {
      const std::string prefix = "model.hidden[" + std::to_string(i) + "]";
      LayerSpec layer = i < static_cast<long long>(spec_.model.hidden.size())
                            ? spec_.model.hidden[static_cast<std::size_t>(i)]
                            : LayerSpec{};
      const std::unique_ptr<InputValue> entry = list.at(i);
      if (entry->type() != "object") {
        errors_.push_back(prefix + ": must be an object, got " + entry->type());
        continue;
      }
      const std::vector<std::string> keys = entry->keys();
      if (static_cast<int>(keys.size()) > kMaxKeysPerObject) {
        errors_.push_back(prefix + ": too many keys");
        continue;
      }
      for (const std::string& key : keys) {
        const std::string path = prefix + "." + key;
        if (const FieldDesc* f = findLayerField(key))
          readField(*f, *entry->get(key), path, &layer);
        else
          errors_.push_back(shown(path) + ": unknown key");
      }
      layers.push_back(layer);
    }
    spec_.model.hidden = layers;
  }

  void readField(const FieldDesc& f, const InputValue& v, const std::string& path, void* owner) {
    const std::string type = v.type();
    switch (f.type) {
      case FieldType::Number:
      case FieldType::Integer: {
        if (type != "number") {
          errors_.push_back(path + ": must be a number, got " + type);
          return;
        }
        const double x = v.number();
        const std::string msg = checkNumber(f, x);
        if (!msg.empty()) {
          errors_.push_back(path + msg.substr(f.path.size()));
          return;
        }
        f.setNumber(owner, x);
        return;
      }
      case FieldType::Boolean:
        if (type != "boolean") {
          errors_.push_back(path + ": must be true or false, got " + type);
          return;
        }
        f.setNumber(owner, v.boolean() ? 1.0 : 0.0);
        return;
      case FieldType::Enum: {
        if (type != "string") {
          errors_.push_back(path + ": " + describeRange(f) + ", got " + type);
          return;
        }
        std::string s = v.string();
        if (s.size() > kMaxStringLength) s = s.substr(0, kMaxStringLength) + "…";
        f.setString(owner, s);  // validate() reports a value outside the options
        return;
      }
      case FieldType::StringList: {
        if (type != "array" || v.length() > 32) {
          errors_.push_back(path + ": must be an array of at most 32 names");
          return;
        }
        std::vector<std::string> items;
        for (long long i = 0; i < v.length(); ++i) {
          const std::unique_ptr<InputValue> item = v.at(i);
          if (item->type() != "string") {
            errors_.push_back(path + "[" + std::to_string(i) + "]: must be a string");
            return;
          }
          std::string s = item->string();
          if (s.size() > kMaxStringLength) s = s.substr(0, kMaxStringLength);
          items.push_back(s);
        }
        f.setList(owner, items);
        return;
      }
    }
  }

  ExperimentSpec spec_;
  std::vector<std::string> errors_;
};

}  // namespace

ExperimentSpec readSpec(const InputValue& input, const ExperimentSpec& base) {
  return SpecReader(base).read(input);
}

}  // namespace engine
