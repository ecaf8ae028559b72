#include "optim/lr_schedule.hpp"

#include <algorithm>
#include <cmath>
#include <stdexcept>
#include <string>

namespace engine {
namespace {

constexpr double kPi = 3.14159265358979323846;

LrSchedule::Kind parseKind(const std::string& kind) {
  if (kind == "constant") return LrSchedule::Kind::Constant;
  if (kind == "step") return LrSchedule::Kind::Step;
  if (kind == "exponential") return LrSchedule::Kind::Exponential;
  if (kind == "cosine") return LrSchedule::Kind::Cosine;
  throw std::invalid_argument(
      "schedule.kind: must be one of: constant, step, exponential, cosine, got \"" + kind + "\"");
}

}  // namespace

LrSchedule::LrSchedule(const ScheduleSpec& spec, double baseLr)
    : kind_(parseKind(spec.kind)), spec_(spec), baseLr_(baseLr) {
  if (kind_ == Kind::Step && spec.stepSize < 1)
    throw std::invalid_argument("schedule.stepSize: must be >= 1, got " +
                                std::to_string(spec.stepSize));
  if ((kind_ == Kind::Step || kind_ == Kind::Exponential) && !(spec.gamma > 0.0))
    throw std::invalid_argument("schedule.gamma: must be > 0, got " + std::to_string(spec.gamma));
  if (kind_ == Kind::Cosine && spec.tMax < 1)
    throw std::invalid_argument("schedule.tMax: must be >= 1, got " + std::to_string(spec.tMax));
  if (spec.warmupSteps < 0)
    throw std::invalid_argument("schedule.warmupSteps: must be >= 0, got " +
                                std::to_string(spec.warmupSteps));
  // LinearLR's own bounds: start_factor in (0, 1].
  if (spec.warmupSteps > 0 && !(spec.warmupStartFactor > 0.0 && spec.warmupStartFactor <= 1.0))
    throw std::invalid_argument("schedule.warmupStartFactor: must be in (0, 1], got " +
                                std::to_string(spec.warmupStartFactor));
}

double LrSchedule::at(long t) const {
  const double tt = static_cast<double>(std::max(t, 0L));
  double lr = baseLr_;
  switch (kind_) {
    case Kind::Constant: break;
    case Kind::Step: lr = baseLr_ * std::pow(spec_.gamma, std::floor(tt / spec_.stepSize)); break;
    case Kind::Exponential: lr = baseLr_ * std::pow(spec_.gamma, tt); break;
    case Kind::Cosine:
      lr = spec_.etaMin + (baseLr_ - spec_.etaMin) * (1.0 + std::cos(kPi * tt / spec_.tMax)) / 2.0;
      break;
  }
  if (spec_.warmupSteps > 0) {
    const double f0 = spec_.warmupStartFactor;
    const double n = static_cast<double>(spec_.warmupSteps);
    lr *= f0 + (1.0 - f0) * std::min(tt, n) / n;
  }
  return lr;
}

}  // namespace engine
