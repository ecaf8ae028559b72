// Whole CNN runs from a spec against PyTorch 1.13 (tests/golden/make_cnn_trainer_golden.py):
// the layer list built into a network, the digits read as 1×8×8 images standardised per
// channel, the penalty on conv weights, batch norm's running statistics and the trainer's step.
#include <catch2/catch.hpp>

#include "engine/support/golden.hpp"
#include "engine/support/spec_json.hpp"
#include "engine/support/trainer_golden.hpp"
#include "train/trainer.hpp"

using engine::test::specFromJson;

namespace engine {

TEST_CASE("Trainer reproduces PyTorch's training of small CNNs on the digits images",
          "[train][golden][cnn]") {
  const nlohmann::json& golden = test::golden("cnn_trainer.json");
  for (const auto& c : golden["cases"]) {
    SECTION(c["name"].get<std::string>()) {
      Trainer trainer(specFromJson(c["spec"]));
      REQUIRE(trainer.network().imageInput);
      test::useGoldenInitialWeights(trainer, c);
      const int steps = c["steps"].get<int>();
      const RunStatus status = trainer.runSteps(steps);
      REQUIRE(status.state == RunState::Running);
      REQUIRE(status.step == steps);

      const MetricsColumns m = trainer.takeMetrics();
      test::checkGoldenBatchLosses(m, c, steps, 2e-4);
      // Eval mode after the last step: batch norm with its running statistics.
      const double trainLoss = m["trainLoss"][static_cast<std::size_t>(steps - 1)];
      CHECK(trainLoss == Approx(c["finalTrainLoss"].get<double>()).epsilon(5e-4));

      test::checkGoldenFinalParameters(trainer, c, steps, 1e-3);
    }
  }
}

}  // namespace engine
