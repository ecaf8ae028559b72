// The engine's training reaches scikit-learn's ridge, lasso and elastic-net solutions
// (tests/golden/make_linear_golden.py, with the λ mapping written there): a linear model
// (no hidden layer, unpenalised bias = fit_intercept) trained by full-batch proximal gradient
// descent, with L2 through its gradient and L1 / elastic net through their prox.
#include <catch2/catch.hpp>

#include <cmath>
#include <sstream>

#include "engine/support/golden.hpp"
#include "engine/support/spec_json.hpp"
#include "train/trainer.hpp"

namespace engine {

TEST_CASE("Training reaches scikit-learn's ridge, lasso and elastic-net solutions",
          "[train][golden][sklearn]") {
  const nlohmann::json& golden = test::golden("linear_models.json");
  int checked = 0;
  for (const auto& c : golden["cases"]) {
    if (!c["fitIntercept"].get<bool>()) continue;  // our linear model always has its bias
    SECTION(c["name"].get<std::string>()) {
      ++checked;
      const int n = c["n"].get<int>();
      const int p = c["p"].get<int>();
      CustomData data;
      data.rows = n;
      data.cols = p;
      for (const auto& row : c["X"])
        for (const auto& v : row) data.x.push_back(v.get<float>());
      data.y = c["y"].get<std::vector<float>>();

      ExperimentSpec spec;
      spec.data.task = "regression";
      spec.data.valFraction = 0.0;
      spec.data.testFraction = 0.0;
      spec.data.standardize = false;
      spec.model.hidden.clear();
      spec.penalty.kind = c["ours"]["kind"].get<std::string>();
      spec.penalty.lambda = c["ours"]["lambda"].get<double>();
      if (c["ours"].contains("l1Ratio")) spec.penalty.l1Ratio = c["ours"]["l1Ratio"].get<double>();
      spec.penalty.l1Mode = "proximal";
      spec.optimizer.kind = "sgd";
      spec.optimizer.lr = 0.05;
      spec.training.batchSize = 0;
      spec.training.recordEvery = 100000;
      spec.training.recordEpochs = false;
      Trainer t(spec, data);
      REQUIRE(t.runSteps(20000).state == RunState::Running);

      const auto coef = c["coef"].get<std::vector<double>>();
      std::ostringstream diff;
      int bad = 0;
      for (Param* param : t.parameters()) {
        if (param->name == "layers.0.bias") {
          INFO("intercept");
          CHECK(param->value(0, 0) == Approx(c["intercept"].get<double>()).margin(2e-4));
          continue;
        }
        for (int j = 0; j < p; ++j) {
          const double got = param->value(0, j);
          const double want = coef[static_cast<std::size_t>(j)];
          const bool ok = want == 0.0 ? got == 0.0 : std::abs(got - want) < 2e-4;
          if (!ok && bad++ < 6)
            diff << "  w[" << j << "] engine " << got << "  sklearn " << want << "\n";
        }
      }
      INFO(c["name"].get<std::string>() << "\n" << diff.str());
      CHECK(bad == 0);
    }
  }
}

}  // namespace engine
