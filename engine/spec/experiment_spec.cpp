#include "spec/experiment_spec.hpp"
#include "core/text_out.hpp"

#include <algorithm>

#include "spec/cross_field_rules.hpp"
#include "spec/spec_schema.hpp"

namespace engine {
namespace {

bool contains(const std::vector<std::string>& options, const std::string& v) {
  return std::find(options.begin(), options.end(), v) != options.end();
}

bool startsWith(const std::string& s, const std::string& prefix) {
  return s.compare(0, prefix.size(), prefix) == 0;
}

void checkField(const FieldDesc& f, const void* owner, const std::string& prefix,
                std::vector<std::string>& errors) {
  const std::string path = prefix + f.path;
  switch (f.type) {
    case FieldType::Number:
    case FieldType::Integer:
    case FieldType::Boolean: {
      const std::string msg = checkNumber(f, f.getNumber(owner));
      if (!msg.empty()) errors.push_back(prefix + msg);
      break;
    }
    case FieldType::Enum: {
      const std::string v = f.getString(owner);
      if (!contains(f.options, v))
        errors.push_back(path + ": " + describeRange(f) + ", got \"" + v.substr(0, 64) + "\"");
      break;
    }
    case FieldType::StringList: {
      const std::vector<std::string> list = f.getList(owner);
      for (const std::string& v : list)
        if (!contains(f.options, v))
          errors.push_back(path + ": " + describeRange(f) + ", got \"" + v.substr(0, 64) + "\"");
      if (static_cast<double>(list.size()) < f.min)
        errors.push_back(path + ": must name at least " + jsonNumber(f.min) + " item(s)");
      break;
    }
  }
}

}  // namespace

std::vector<std::string> validateSection(const ExperimentSpec& spec, const std::string& prefix) {
  std::vector<std::string> errors;
  for (const FieldDesc& f : specFields())
    if (startsWith(f.path, prefix)) checkField(f, &spec, "", errors);
  if (!errors.empty()) return errors;  // the rules read fields that must be in range first
  for (const CrossFieldRule& rule : crossFieldRules()) {
    const bool inSection = std::all_of(rule.terms.begin(), rule.terms.end(),
                                       [&](const auto& t) { return startsWith(t, prefix); });
    if (inSection && !ruleHolds(rule, spec)) errors.push_back(ruleError(rule, spec));
  }
  return errors;
}

std::vector<std::string> validate(const ExperimentSpec& spec) {
  std::vector<std::string> errors;
  const auto& hidden = spec.model.hidden;
  if (static_cast<int>(hidden.size()) > SpecLimits::kMaxHiddenLayers) {
    TextOut os;
    os << "model.hidden: at most " << SpecLimits::kMaxHiddenLayers << " hidden layers, got "
       << hidden.size();
    errors.push_back(os.str());
  }
  for (std::size_t i = 0; i < hidden.size() && i < SpecLimits::kMaxHiddenLayers; ++i) {
    for (const FieldDesc& f : layerFields())
      checkField(f, &hidden[i], "model.hidden[" + std::to_string(i) + "].", errors);
  }
  const std::vector<std::string> rest = validateSection(spec, "");
  errors.insert(errors.end(), rest.begin(), rest.end());
  return errors;
}

std::string describeErrors(const std::vector<std::string>& errors) {
  TextOut os;
  os << "invalid experiment spec: ";
  for (std::size_t i = 0; i < errors.size(); ++i) os << (i ? "; " : "") << errors[i];
  return os.str();
}

}  // namespace engine
