// The spec reader on untrusted JSON: every error names its key path; nothing hostile crashes.
#include <catch2/catch.hpp>

#include "spec/json_input.hpp"

namespace engine {

TEST_CASE("A JSON spec is read through the schema, keeping defaults for missing keys", "[spec]") {
  const ExperimentSpec s = readSpecJson(
      R"({"seed": 9, "optimizer": {"kind": "adamw", "lr": 0.003, "decayScope": "weights"},
          "model": {"hidden": [{"units": 4, "activation": "relu", "batchNorm": true}]},
          "data": {"features": ["x1", "sinX2"]}})");
  CHECK(s.seed == 9);
  CHECK(s.optimizer.kind == "adamw");
  CHECK(s.optimizer.lr == 0.003);
  CHECK(s.optimizer.decayScope == "weights");
  REQUIRE(s.model.hidden.size() == 1);
  CHECK(s.model.hidden[0].units == 4);
  CHECK(s.model.hidden[0].batchNorm);
  CHECK(s.data.features == std::vector<std::string>{"x1", "sinX2"});
  CHECK(s.penalty.kind == ExperimentSpec{}.penalty.kind);
}

TEST_CASE("Every problem in a JSON spec is reported with its key path", "[spec]") {
  const auto errorOf = [](const std::string& text) {
    try {
      readSpecJson(text);
    } catch (const std::invalid_argument& e) {
      return std::string(e.what());
    }
    return std::string("no error");
  };
  CHECK(errorOf("[1]") == "invalid experiment spec: spec: must be an object, got array");
  CHECK(errorOf(R"({"optimizer": {"lr": "fast"}})") ==
        "invalid experiment spec: optimizer.lr: must be a number, got string");
  CHECK(errorOf(R"({"optimizer": {"lr": 50}})") ==
        "invalid experiment spec: optimizer.lr: must be a number in (0, 10], got 50");
  CHECK(errorOf(R"({"optimiser": {}})") == "invalid experiment spec: optimiser: unknown key");
  // (nlohmann::json keeps an object's keys sorted.)
  CHECK(errorOf(R"({"model": {"hidden": [{"units": 0, "colour": 1}]}})") ==
        "invalid experiment spec: model.hidden[0].colour: unknown key; "
        "model.hidden[0].units: must be an integer in [1, 1024], got 0");
  CHECK(errorOf(R"({"data": {"valFraction": 0.5, "testFraction": 0.5}})") ==
        "invalid experiment spec: data.valFraction + data.testFraction: must be at most 0.8, "
        "got 1");
  CHECK(errorOf(R"({"penalty": {"kind": "l3"}})").find("penalty.kind: must be one of") !=
        std::string::npos);
  CHECK(errorOf("{\"seed\":").find("not JSON") != std::string::npos);
  CHECK(errorOf(std::string(100, '[') + std::string(100, ']')).find("nested too deeply") !=
        std::string::npos);
}

}  // namespace engine
