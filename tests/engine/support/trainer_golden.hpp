// Whole-run golden cases (tests/golden/trainer.json, cnn_trainer.json): PyTorch's initial
// weights put into a Trainer, and its batch losses and final parameters compared step for
// step, the first mismatches printed side by side.
#pragma once

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <cmath>
#include <sstream>
#include <vector>

#include "train/trainer.hpp"

namespace engine::test {

// Sets every parameter to the case's "initial" values and drops the metrics row recorded at
// construction (random initial weights).
inline void useGoldenInitialWeights(Trainer& trainer, const nlohmann::json& c) {
  for (auto it = c["initial"].begin(); it != c["initial"].end(); ++it) {
    const auto values = it.value().get<std::vector<float>>();
    trainer.setParameter(it.key(), values.data(), static_cast<long>(values.size()));
  }
  trainer.takeMetrics();
}

// Row s of the metrics (recordEvery = 1) holds the batch loss of step s + 1: each within
// `tolerance` (relative, absolute below 1) of the case's "batchLoss".
inline void checkGoldenBatchLosses(const MetricsColumns& m, const nlohmann::json& c, int steps,
                                   double tolerance) {
  const auto expected = c["batchLoss"].get<std::vector<double>>();
  REQUIRE(m.rows >= steps);
  std::ostringstream report;
  int bad = 0;
  for (int s = 0; s < steps; ++s) {
    const double got = m["batchLoss"][static_cast<std::size_t>(s)];
    const double want = expected[static_cast<std::size_t>(s)];
    if (std::abs(got - want) > tolerance * std::max(1.0, std::abs(want))) {
      if (bad++ < 5)
        report << "  step " << s + 1 << ": engine " << got << "  torch " << want << "\n";
    }
  }
  INFO("batch losses\n" << report.str());
  CHECK(bad == 0);
}

// Every parameter after `steps` steps within `tolerance` (relative, absolute below 1) of the
// case's "final" values.
inline void checkGoldenFinalParameters(Trainer& trainer, const nlohmann::json& c, int steps,
                                       double tolerance) {
  REQUIRE(trainer.parameters().size() == c["final"].size());
  for (Param* p : trainer.parameters()) {
    const auto want = c["final"][p->name].get<std::vector<double>>();
    REQUIRE(static_cast<Index>(want.size()) == p->value.size());
    std::ostringstream diff;
    int mismatches = 0;
    for (Index i = 0; i < p->value.size(); ++i) {
      const double got = p->value.data()[i];
      const double w = want[static_cast<std::size_t>(i)];
      if (std::abs(got - w) > tolerance * std::max(1.0, std::abs(w))) {
        if (mismatches++ < 5) diff << "  [" << i << "] engine " << got << "  torch " << w << "\n";
      }
    }
    INFO(p->name << " after " << steps << " steps\n" << diff.str());
    CHECK(mismatches == 0);
  }
}

}  // namespace engine::test
