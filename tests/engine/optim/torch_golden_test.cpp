// Every optimizer against torch.optim (PyTorch 1.13, float32) on recorded gradients:
// tests/golden/optimizers.json, made by tests/golden/make_optimizer_golden.py. Each case feeds
// torch's per-step gradients and compares both parameters after every one of the 25 steps.
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <cmath>
#include <fstream>
#include <sstream>
#include <string>

#include "engine/support/golden.hpp"
#include "optim/lr_schedule.hpp"
#include "optim/make_optimizer.hpp"

namespace engine {
namespace {

using nlohmann::json;

const json& golden() { return test::golden("optimizers.json"); }

Matrix toMatrix(const json& rows) { return test::goldenMatrix(rows); }

OptimizerSpec toSpec(const json& o) {
  OptimizerSpec s;
  s.kind = o.at("kind").get<std::string>();
  s.momentum = o.value("momentum", 0.0);
  s.dampening = o.value("dampening", 0.0);
  s.nesterov = o.value("nesterov", false);
  s.beta1 = o.value("beta1", 0.9);
  s.beta2 = o.value("beta2", 0.999);
  s.eps = o.value("eps", 1e-8);
  s.amsgrad = o.value("amsgrad", false);
  s.alpha = o.value("alpha", 0.99);
  s.centered = o.value("centered", false);
  s.lrDecay = o.value("lrDecay", 0.0);
  s.initialAccumulator = o.value("initialAccumulator", 0.0);
  return s;
}

ScheduleSpec toSchedule(const json& o) {
  ScheduleSpec s;
  s.kind = o.at("kind").get<std::string>();
  s.stepSize = o.value("stepSize", s.stepSize);
  s.gamma = o.value("gamma", s.gamma);
  s.tMax = o.value("tMax", s.tMax);
  s.etaMin = o.value("etaMin", s.etaMin);
  s.warmupSteps = o.value("warmupSteps", 0);
  s.warmupStartFactor = o.value("warmupStartFactor", s.warmupStartFactor);
  return s;
}

// |ours − torch| ≤ 1e-5 · max(1, |torch|): float32 rounding, accumulated over 25 steps.
constexpr double kTol = 1e-5;

// Returns the number of mismatching entries; prints the first ones side by side.
int compare(const Matrix& ours, const Matrix& ref, std::ostringstream& report,
            const std::string& what) {
  int bad = 0;
  for (Index i = 0; i < ref.size(); ++i) {
    const double a = ours.data()[i];
    const double b = ref.data()[i];
    if (!(std::abs(a - b) <= kTol * std::max(1.0, std::abs(b)))) {
      if (bad < 4) report << "  " << what << "[" << i << "] ours " << a << "  torch " << b << "\n";
      ++bad;
    }
  }
  return bad;
}

// Replays every golden case accepted by `select`; returns how many ran.
template <typename Select>
int replay(Select select) {
  int ran = 0;
  for (const json& c : golden().at("cases")) {
    if (!select(c)) continue;
    ++ran;
    const std::string name = c.at("name").get<std::string>();
    Param weight{"weight", ParamRole::Weight, 0, toMatrix(c.at("init").at("weight")), Matrix()};
    Param bias{"bias", ParamRole::Bias, 0, toMatrix(c.at("init").at("bias")), Matrix()};
    weight.grad.setZero(weight.value.rows(), weight.value.cols());
    bias.grad.setZero(bias.value.rows(), bias.value.cols());
    const json& g = c.at("groups");
    std::vector<ParamGroup> groups(2);
    groups[0].params = {&weight};
    groups[1].params = {&bias};
    for (int gi = 0; gi < 2; ++gi) {
      groups[gi].lr = g.at(gi).at("lr").get<double>();
      groups[gi].weightDecay = g.at(gi).at("weightDecay").get<double>();
    }
    auto opt = makeOptimizer(toSpec(c.at("optimizer")), groups);

    // Schedule cases: the lr comes from our LrSchedule, per group, as the trainer drives it.
    std::vector<LrSchedule> schedules;
    if (c.contains("schedule"))
      for (int gi = 0; gi < 2; ++gi)
        schedules.emplace_back(toSchedule(c.at("schedule")), groups[gi].lr);

    const json& steps = c.at("steps");
    int firstBadStep = -1;
    std::ostringstream report;
    for (std::size_t t = 0; t < steps.size(); ++t) {
      const json& s = steps.at(t);
      for (int gi = 0; gi < 2; ++gi) {
        opt->groups()[gi].lr = schedules.empty() ? s.at("lr").at(gi).get<double>()
                                                 : schedules[gi].at(static_cast<long>(t));
      }
      weight.grad = toMatrix(s.at("grad").at("weight"));
      bias.grad = toMatrix(s.at("grad").at("bias"));
      opt->step();
      const int bad =
          compare(weight.value, toMatrix(s.at("value").at("weight")), report, "weight") +
          compare(bias.value, toMatrix(s.at("value").at("bias")), report, "bias");
      if (bad > 0) {
        firstBadStep = static_cast<int>(t);
        break;
      }
    }
    INFO(name << ": first mismatch after step " << firstBadStep << "\n" << report.str());
    CHECK(firstBadStep == -1);
  }
  return ran;
}

bool plainCase(const json& c, const std::string& kind) {
  return c.at("optimizer").at("kind") == kind && !c.contains("schedule");
}

}  // namespace

TEST_CASE("SGD (plain, momentum, dampening, Nesterov, weight decay) follows torch.optim.SGD",
          "[optim][golden]") {
  CHECK(replay([](const json& c) { return plainCase(c, "sgd"); }) == 8);
}

TEST_CASE("Adam (L2 weight decay, AMSGrad, large eps) follows torch.optim.Adam",
          "[optim][golden]") {
  CHECK(replay([](const json& c) { return plainCase(c, "adam"); }) == 5);
}

TEST_CASE("AdamW (default and large decoupled decay, AMSGrad) follows torch.optim.AdamW",
          "[optim][golden]") {
  CHECK(replay([](const json& c) { return plainCase(c, "adamw"); }) == 3);
}

TEST_CASE("RMSprop (weight decay, centered, momentum, large eps) follows torch.optim.RMSprop",
          "[optim][golden]") {
  CHECK(replay([](const json& c) { return plainCase(c, "rmsprop"); }) == 6);
}

TEST_CASE("Adagrad (lr decay, initial accumulator, weight decay, eps) follows torch.optim.Adagrad",
          "[optim][golden]") {
  CHECK(replay([](const json& c) { return plainCase(c, "adagrad"); }) == 5);
}

TEST_CASE("Optimizers driven by LrSchedule follow torch optimizers driven by torch schedulers",
          "[optim][golden]") {
  CHECK(replay([](const json& c) { return c.contains("schedule"); }) == 6);
}

}  // namespace engine
