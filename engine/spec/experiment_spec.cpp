#include "spec/experiment_spec.hpp"

#include <algorithm>
#include <sstream>

#include "spec/spec_schema.hpp"

namespace engine {
namespace {

bool contains(const std::vector<std::string>& options, const std::string& v) {
  return std::find(options.begin(), options.end(), v) != options.end();
}

void checkFields(const std::vector<FieldDesc>& fields, const void* owner, const std::string& prefix,
                 std::vector<std::string>& errors) {
  for (const FieldDesc& f : fields) {
    const std::string path = prefix + f.path;
    switch (f.type) {
      case FieldType::Number:
      case FieldType::Integer:
      case FieldType::Boolean: {
        std::string msg = checkNumber(f, f.getNumber(owner));
        if (!msg.empty()) errors.push_back(prefix + msg);
        break;
      }
      case FieldType::Enum: {
        std::string v = f.getString(owner);
        if (!contains(f.options, v))
          errors.push_back(path + ": " + describeRange(f) + ", got \"" + v + "\"");
        break;
      }
      case FieldType::StringList:
        for (const std::string& v : f.getList(owner))
          if (!contains(f.options, v))
            errors.push_back(path + ": " + describeRange(f) + ", got \"" + v + "\"");
        break;
    }
  }
}

}  // namespace

std::vector<std::string> validate(const ExperimentSpec& spec) {
  std::vector<std::string> errors;
  checkFields(specFields(), &spec, "", errors);
  const auto& hidden = spec.model.hidden;
  if (static_cast<int>(hidden.size()) > SpecLimits::kMaxHiddenLayers) {
    std::ostringstream os;
    os << "model.hidden: at most " << SpecLimits::kMaxHiddenLayers << " hidden layers, got "
       << hidden.size();
    errors.push_back(os.str());
  }
  for (std::size_t i = 0; i < hidden.size(); ++i) {
    checkFields(layerFields(), &hidden[i], "model.hidden[" + std::to_string(i) + "].", errors);
  }

  const DataSpec& d = spec.data;
  if (d.valFraction + d.testFraction > 0.8) {
    errors.push_back("data.valFraction + data.testFraction: must be at most 0.8, got " +
                     std::to_string(d.valFraction + d.testFraction));
  }
  if (d.features.empty()) errors.push_back("data.features: must name at least one feature");
  if (d.nonZeros > d.dimensions) {
    errors.push_back("data.nonZeros: must be at most data.dimensions (" +
                     std::to_string(d.dimensions) + "), got " + std::to_string(d.nonZeros));
  }
  if (d.kind == "sparseLinear" &&
      static_cast<long long>(d.samples) * d.dimensions > SpecLimits::kMaxDataValues) {
    errors.push_back("data.samples × data.dimensions: must be at most " +
                     std::to_string(SpecLimits::kMaxDataValues));
  }
  if (spec.schedule.kind == "cosine" && spec.schedule.etaMin > spec.optimizer.lr) {
    errors.push_back("schedule.etaMin: must be at most optimizer.lr");
  }
  if (spec.training.earlyStopping.enabled && d.valFraction <= 0.0) {
    errors.push_back(
        "training.earlyStopping.enabled: needs a validation split (data.valFraction > 0)");
  }
  if (spec.optimizer.nesterov &&
      (spec.optimizer.momentum <= 0.0 || spec.optimizer.dampening != 0.0)) {
    errors.push_back(
        "optimizer.nesterov: needs optimizer.momentum > 0 and optimizer.dampening = 0 "
        "(as torch.optim.SGD)");
  }
  return errors;
}

std::string describeErrors(const std::vector<std::string>& errors) {
  std::ostringstream os;
  os << "invalid experiment spec: ";
  for (std::size_t i = 0; i < errors.size(); ++i) os << (i ? "; " : "") << errors[i];
  return os.str();
}

}  // namespace engine
