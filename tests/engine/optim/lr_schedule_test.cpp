// LrSchedule against torch.optim.lr_scheduler's recorded lrs (tests/golden/optimizers.json) and
// against each schedule's defining values.
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <cmath>
#include <fstream>
#include <string>

#include "optim/lr_schedule.hpp"

namespace engine {
namespace {

ScheduleSpec make(const std::string& kind) {
  ScheduleSpec s;
  s.kind = kind;
  return s;
}

}  // namespace

TEST_CASE(
    "LrSchedule gives torch's lr at every step: StepLR, ExponentialLR, CosineAnnealingLR "
    "and LinearLR warm-up chained with them",
    "[optim][golden]") {
  std::ifstream in(std::string(PROJECT_SOURCE_DIR) + "/tests/golden/optimizers.json");
  REQUIRE(in.good());
  const nlohmann::json golden = nlohmann::json::parse(in);
  int cases = 0;
  for (const auto& c : golden.at("cases")) {
    if (!c.contains("schedule")) continue;
    ++cases;
    const auto& js = c.at("schedule");
    ScheduleSpec spec = make(js.at("kind").get<std::string>());
    spec.stepSize = js.value("stepSize", spec.stepSize);
    spec.gamma = js.value("gamma", spec.gamma);
    spec.tMax = js.value("tMax", spec.tMax);
    spec.etaMin = js.value("etaMin", spec.etaMin);
    spec.warmupSteps = js.value("warmupSteps", 0);
    spec.warmupStartFactor = js.value("warmupStartFactor", spec.warmupStartFactor);
    for (int gi = 0; gi < 2; ++gi) {
      const LrSchedule schedule(spec, c.at("groups").at(gi).at("lr").get<double>());
      const auto& steps = c.at("steps");
      for (std::size_t t = 0; t < steps.size(); ++t) {
        const double torchLr = steps.at(t).at("lr").at(gi).get<double>();
        const double ours = schedule.at(static_cast<long>(t));
        INFO(c.at("name").get<std::string>()
             << ", group " << gi << ", step " << t << ": ours " << ours << "  torch " << torchLr);
        REQUIRE(ours == Approx(torchLr).epsilon(1e-12).margin(1e-15));
      }
    }
  }
  CHECK(cases == 6);
}

TEST_CASE("StepLR decays by γ every stepSize steps, starting from step stepSize", "[optim]") {
  ScheduleSpec s = make("step");
  s.stepSize = 3;
  s.gamma = 0.1;
  const LrSchedule lr(s, 2.0);
  CHECK(lr.at(0) == 2.0);
  CHECK(lr.at(2) == 2.0);
  CHECK(lr.at(3) == Approx(0.2));
  CHECK(lr.at(6) == Approx(0.02));
}

TEST_CASE("ExponentialLR is base·γ^t and constant is base", "[optim]") {
  ScheduleSpec s = make("exponential");
  s.gamma = 0.5;
  CHECK(LrSchedule(s, 1.0).at(3) == Approx(0.125));
  CHECK(LrSchedule(make("constant"), 0.3).at(12345) == 0.3);
}

TEST_CASE("Cosine annealing reaches etaMin at tMax and rises again after, as CosineAnnealingLR",
          "[optim]") {
  ScheduleSpec s = make("cosine");
  s.tMax = 100;
  s.etaMin = 0.01;
  const LrSchedule lr(s, 0.21);
  CHECK(lr.at(0) == Approx(0.21));
  CHECK(lr.at(50) == Approx(0.11));  // half way: the mean of base and etaMin
  CHECK(lr.at(100) == Approx(0.01));
  CHECK(lr.at(150) == Approx(0.11));
  CHECK(lr.at(200) == Approx(0.21));
}

TEST_CASE("Linear warm-up multiplies the schedule by a factor rising from start to 1", "[optim]") {
  ScheduleSpec s = make("exponential");
  s.gamma = 0.9;
  s.warmupSteps = 4;
  s.warmupStartFactor = 0.2;
  const LrSchedule lr(s, 1.0);
  CHECK(lr.at(0) == Approx(0.2));
  CHECK(lr.at(2) == Approx(0.6 * 0.81));
  CHECK(lr.at(4) == Approx(std::pow(0.9, 4)));
  CHECK(lr.at(10) == Approx(std::pow(0.9, 10)));
}

TEST_CASE("LrSchedule rejects an unknown kind and out-of-range fields, naming them", "[optim]") {
  CHECK_THROWS_WITH(LrSchedule(make("linear"), 0.1), Catch::Contains("schedule.kind"));
  ScheduleSpec step = make("step");
  step.stepSize = 0;
  CHECK_THROWS_WITH(LrSchedule(step, 0.1), Catch::Contains("schedule.stepSize"));
  ScheduleSpec cosine = make("cosine");
  cosine.tMax = 0;
  CHECK_THROWS_WITH(LrSchedule(cosine, 0.1), Catch::Contains("schedule.tMax"));
  ScheduleSpec warm = make("constant");
  warm.warmupSteps = 5;
  warm.warmupStartFactor = 0.0;
  CHECK_THROWS_WITH(LrSchedule(warm, 0.1), Catch::Contains("schedule.warmupStartFactor"));
}

}  // namespace engine
