// The reference scenario the WASM engine is checked against (tools/reference_run.cpp writes its
// native trajectory) trains as intended: running, loss going down.
#include <catch2/catch.hpp>

#include "engine/support/golden.hpp"
#include "engine/support/spec_json.hpp"
#include "train/trainer.hpp"

namespace engine {

TEST_CASE("The reference scenario trains", "[train][reference]") {
  const nlohmann::json& scenario = test::golden("reference_scenario.json");
  Trainer t(test::specFromJson(scenario["spec"]));
  const RunStatus s = t.runSteps(scenario["steps"].get<long>());
  REQUIRE(s.state == RunState::Running);
  const MetricsColumns m = t.takeMetrics();
  CHECK(m["trainLoss"].back() < m["trainLoss"].front());
}

}  // namespace engine
