// Whole training runs against PyTorch 1.13 (tests/golden/make_trainer_golden.py): the step
// order (penalty gradient, clipping, optimizer, prox), the losses, batch norm and the
// optimizers working together inside the Trainer.
#include <catch2/catch.hpp>

#include "engine/support/golden.hpp"
#include "engine/support/spec_json.hpp"
#include "engine/support/trainer_golden.hpp"
#include "train/trainer.hpp"

using engine::test::specFromJson;

namespace engine {
namespace {

std::unique_ptr<Trainer> trainerFor(const nlohmann::json& c) {
  CustomData data;
  data.x = c["x"].get<std::vector<float>>();
  data.y = c["y"].get<std::vector<float>>();
  data.rows = c["rows"].get<int>();
  data.cols = c["cols"].get<int>();
  data.targetCols = c["targets"].get<int>();
  auto trainer = std::make_unique<Trainer>(specFromJson(c["spec"]), data);
  test::useGoldenInitialWeights(*trainer, c);
  return trainer;
}

}  // namespace

TEST_CASE("Trainer reproduces PyTorch training runs step by step", "[train][golden]") {
  const nlohmann::json& golden = test::golden("trainer.json");
  for (const auto& c : golden["cases"]) {
    SECTION(c["name"].get<std::string>()) {
      auto trainer = trainerFor(c);
      const int steps = c["steps"].get<int>();
      const RunStatus status = trainer->runSteps(steps);
      REQUIRE(status.state == RunState::Running);
      REQUIRE(status.step == steps);

      const MetricsColumns m = trainer->takeMetrics();
      test::checkGoldenBatchLosses(m, c, steps, 1e-4);

      test::checkGoldenFinalParameters(*trainer, c, steps, 2e-4);
    }
  }
}

}  // namespace engine
