// Whole training runs against PyTorch 1.13 (tests/golden/make_trainer_golden.py): the step
// order (penalty gradient, clipping, optimizer, prox), the losses, batch norm and the
// optimizers working together inside the Trainer.
#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <sstream>

#include "engine/support/golden.hpp"
#include "engine/support/spec_json.hpp"
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
  for (auto it = c["initial"].begin(); it != c["initial"].end(); ++it) {
    const auto values = it.value().get<std::vector<float>>();
    trainer->setParameter(it.key(), values.data(), static_cast<long>(values.size()));
  }
  trainer->takeMetrics();  // drop the row recorded at construction (random initial weights)
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
      const auto expectedLoss = c["batchLoss"].get<std::vector<double>>();
      REQUIRE(m.rows >= steps);
      // recordEvery = 1: row s holds the batch loss of step s + 1.
      std::ostringstream report;
      int bad = 0;
      for (int s = 0; s < steps; ++s) {
        const double got = m["batchLoss"][static_cast<std::size_t>(s)];
        const double want = expectedLoss[static_cast<std::size_t>(s)];
        if (std::abs(got - want) > 1e-4 * std::max(1.0, std::abs(want))) {
          if (bad++ < 5)
            report << "  step " << s + 1 << ": engine " << got << "  torch " << want << "\n";
        }
      }
      INFO("batch losses\n" << report.str());
      CHECK(bad == 0);

      REQUIRE(trainer->parameters().size() == c["final"].size());
      for (Param* p : trainer->parameters()) {
        const auto want = c["final"][p->name].get<std::vector<double>>();
        REQUIRE(static_cast<Index>(want.size()) == p->value.size());
        std::ostringstream diff;
        int mismatches = 0;
        for (Index i = 0; i < p->value.size(); ++i) {
          const double got = p->value.data()[i];
          const double w = want[static_cast<std::size_t>(i)];
          if (std::abs(got - w) > 2e-4 * std::max(1.0, std::abs(w))) {
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
