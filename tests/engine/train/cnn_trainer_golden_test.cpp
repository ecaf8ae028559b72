// Whole CNN runs from a spec against PyTorch 1.13 (tests/golden/make_cnn_trainer_golden.py):
// the layer list built into a network, the digits read as 1×8×8 images standardised per
// channel, the penalty on conv weights, batch norm's running statistics and the trainer's step.
#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <sstream>

#include "engine/support/golden.hpp"
#include "engine/support/spec_json.hpp"
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
      for (auto it = c["initial"].begin(); it != c["initial"].end(); ++it) {
        const auto values = it.value().get<std::vector<float>>();
        trainer.setParameter(it.key(), values.data(), static_cast<long>(values.size()));
      }
      trainer.takeMetrics();  // the row recorded at construction (random initial weights)
      const int steps = c["steps"].get<int>();
      const RunStatus status = trainer.runSteps(steps);
      REQUIRE(status.state == RunState::Running);
      REQUIRE(status.step == steps);

      const MetricsColumns m = trainer.takeMetrics();
      REQUIRE(m.rows >= steps);
      const auto expected = c["batchLoss"].get<std::vector<double>>();
      std::ostringstream report;
      int bad = 0;
      for (int s = 0; s < steps; ++s) {
        const double got = m["batchLoss"][static_cast<std::size_t>(s)];
        const double want = expected[static_cast<std::size_t>(s)];
        if (std::abs(got - want) > 2e-4 * std::max(1.0, std::abs(want))) {
          if (bad++ < 5)
            report << "  step " << s + 1 << ": engine " << got << "  torch " << want << "\n";
        }
      }
      INFO("batch losses\n" << report.str());
      CHECK(bad == 0);
      // Eval mode after the last step: batch norm with its running statistics.
      const double trainLoss = m["trainLoss"][static_cast<std::size_t>(steps - 1)];
      CHECK(trainLoss == Approx(c["finalTrainLoss"].get<double>()).epsilon(5e-4));

      REQUIRE(trainer.parameters().size() == c["final"].size());
      for (Param* p : trainer.parameters()) {
        const auto want = c["final"][p->name].get<std::vector<double>>();
        REQUIRE(static_cast<Index>(want.size()) == p->value.size());
        std::ostringstream diff;
        int mismatches = 0;
        for (Index i = 0; i < p->value.size(); ++i) {
          const double got = p->value.data()[i];
          const double w = want[static_cast<std::size_t>(i)];
          if (std::abs(got - w) > 1e-3 * std::max(1.0, std::abs(w))) {
            if (mismatches++ < 5)
              diff << "  [" << i << "] engine " << got << "  torch " << w << "\n";
          }
        }
        INFO(p->name << " after " << steps << " steps\n" << diff.str());
        CHECK(mismatches == 0);
      }
    }
  }
}

}  // namespace engine
