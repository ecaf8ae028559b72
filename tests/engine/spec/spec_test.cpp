#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "spec/describe_schema.hpp"
#include "spec/experiment_spec.hpp"
#include "spec/spec_schema.hpp"

namespace engine {

TEST_CASE("The default spec is valid", "[spec]") { CHECK(validate(ExperimentSpec{}).empty()); }

TEST_CASE("Each out-of-range value is reported with its key path and range", "[spec]") {
  ExperimentSpec spec;
  spec.optimizer.lr = 0;
  spec.penalty.p = 1;
  spec.data.kind = "mnist";
  spec.model.hidden[1].units = 0;
  spec.training.batchSize = -3;
  const std::vector<std::string> errors = validate(spec);
  auto has = [&](const std::string& text) {
    for (const auto& e : errors)
      if (e.find(text) != std::string::npos) return true;
    return false;
  };
  CHECK(has("optimizer.lr: must be a number in (0, 10], got 0"));
  CHECK(has("penalty.p: must be a number in (0, 1), got 1"));
  CHECK(has("data.kind: must be one of: circle"));
  CHECK(has("model.hidden[1].units: must be an integer in [1, 1024], got 0"));
  CHECK(has("training.batchSize"));
  CHECK(errors.size() == 5);
}

TEST_CASE("NaN and infinity are never valid numbers", "[spec]") {
  ExperimentSpec spec;
  spec.optimizer.lr = std::nan("");
  spec.penalty.lambda = INFINITY;
  CHECK(validate(spec).size() == 2);
}

TEST_CASE("Cross-field rules: split shares, sparse sizes, Nesterov", "[spec]") {
  ExperimentSpec spec;
  spec.data.kind = "sparseLinear";
  spec.data.valFraction = 0.5;
  spec.data.testFraction = 0.4;
  spec.data.nonZeros = 200;
  spec.data.dimensions = 100;
  spec.optimizer.nesterov = true;
  const std::vector<std::string> errors = validate(spec);
  REQUIRE(errors.size() == 3);
  CHECK(errors[0] == "data.valFraction + data.testFraction: must be at most 0.8, got 0.9");
  CHECK(errors[1].find("optimizer.momentum: must be above 0 for Nesterov") == 0);
  CHECK(errors[2] == "data.nonZeros: must be at most data.dimensions, got 200");
}

TEST_CASE("Early stopping needs a validation split", "[spec]") {
  ExperimentSpec spec;
  spec.training.earlyStopping.enabled = true;
  spec.data.valFraction = 0.0;
  const std::vector<std::string> errors = validate(spec);
  REQUIRE(errors.size() == 1);
  CHECK(errors[0].find("data.valFraction: must be above 0 for early stopping") == 0);
  spec.data.valFraction = 0.1;
  CHECK(validate(spec).empty());
}

TEST_CASE("describe() lists every field with its default and range as JSON", "[spec]") {
  const auto schema = nlohmann::json::parse(describeJson());
  CHECK(schema["fields"].size() == specFields().size());
  CHECK(schema["layerFields"].size() == layerFields().size());
  bool found = false;
  for (const auto& f : schema["fields"]) {
    if (f["path"] == "optimizer.lr") {
      found = true;
      CHECK(f["min"] == 0);
      CHECK(f["minExclusive"] == true);
      CHECK(f["default"] == ExperimentSpec{}.optimizer.lr);
    }
  }
  CHECK(found);
}

}  // namespace engine
