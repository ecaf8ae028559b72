// Learning-rate schedules as closed forms of torch.optim.lr_scheduler (PyTorch 1.13).
//   constant γ0     step (StepLR) γ0·γ^⌊t/stepSize⌋     exponential (ExponentialLR) γ0·γ^t
//   cosine (CosineAnnealingLR) η_min + (γ0 − η_min)(1 + cos(π t / tMax))/2, periodic past tMax
//   warm-up (LinearLR, via ChainedScheduler) × f0 + (1 − f0)·min(t, warmupSteps)/warmupSteps;
//   exact for η_min = 0 (torch's chain with η_min > 0 is not a product: ≲1% apart until tMax).
// The engine counts schedule time t in optimizer steps (t = 0 for the first step), not epochs,
// as torch with scheduler.step() after every optimizer.step().
// Loshchilov & Hutter 2017, "SGDR" (cosine); Goyal et al. 2017 (linear warm-up).
#pragma once

#include "spec/experiment_spec.hpp"

namespace engine {

class LrSchedule {
 public:
  enum class Kind { Constant, Step, Exponential, Cosine };

  // Throws std::invalid_argument naming the schedule.* field for an unknown kind or a value
  // outside the range torch's scheduler accepts.
  LrSchedule(const ScheduleSpec& spec, double baseLr);
  // The lr for the optimizer step with 0-based index t.
  double at(long t) const;
  Kind kind() const { return kind_; }
  double baseLr() const { return baseLr_; }

 private:
  Kind kind_;
  ScheduleSpec spec_;
  double baseLr_;
};

}  // namespace engine
