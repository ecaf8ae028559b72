// Runs the reference scenario natively and leaves its trajectory in the build tree, where the
// Node tests of the WASM build compare against it (the two builds must agree to 1e-5).
#include <catch2/catch.hpp>

#include <fstream>

#include "engine/support/golden.hpp"
#include "engine/support/spec_json.hpp"
#include "train/trainer.hpp"

namespace engine {

TEST_CASE("The reference scenario trains and its trajectory is written for the WASM check",
          "[train][reference]") {
  const nlohmann::json& scenario = test::golden("reference_scenario.json");
  const ExperimentSpec spec = test::specFromJson(scenario["spec"]);
  Trainer t(spec);
  const RunStatus s = t.runSteps(scenario["steps"].get<long>());
  REQUIRE(s.state == RunState::Running);
  const MetricsColumns m = t.takeMetrics();
  CHECK(m["trainLoss"].back() < m["trainLoss"].front());

  nlohmann::json out;
  out["trainLoss"] = m["trainLoss"];
  out["valLoss"] = m["valLoss"];
  out["step"] = m["step"];
  for (Param* p : t.parameters())
    out["final"][p->name] = std::vector<float>(p->value.data(), p->value.data() + p->value.size());
  std::ofstream file(std::string(PROJECT_BINARY_DIR) + "/reference_run.json");
  REQUIRE(file.good());
  file << out.dump();
}

}  // namespace engine
