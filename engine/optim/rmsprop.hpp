// RMSprop, plain / centered / with momentum, matching torch.optim.RMSprop (PyTorch 1.13).
//   g ← g + λθ                          (weight_decay enters the gradient)
//   s ← α·s + (1−α)·g²                  centered: ḡ ← α·ḡ + (1−α)·g,  a ← √(s − ḡ²) + ε
//                                       plain:    a ← √s + ε          (ε outside the root)
//   momentum μ > 0: b ← μ·b + g/a,  θ ← θ − γ·b        else θ ← θ − γ·g/a
// All buffers start at zero. Where rounding makes s − ḡ² slightly negative (torch: NaN) it is
// clamped to 0. Hinton, Lecture 6e (2012); Graves 2013, "Generating sequences…" (centered).
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "core/param.hpp"
#include "optim/slot_optimizer.hpp"

namespace engine {

struct RmspropHyper {
  double alpha = 0.99;
  double eps = 1e-8;
  double momentum = 0.0;
  bool centered = false;
};

struct RmspropState {
  long t = 0;             // steps taken by this slot
  Matrix squareAvg;       // s
  Matrix gradAvg;         // ḡ, centered only
  Matrix momentumBuffer;  // b, momentum > 0 only
};

// One update of θ in place from its gradient g with learning rate γ = lr and L2 coefficient
// λ = weightDecay. Allocates only on a slot's first step.
void rmspropUpdate(Matrix& theta, const Matrix& g, RmspropState& state, const RmspropHyper& hyper,
                   double lr, double weightDecay);

// Hyper-parameters are checked by the spec schema (makeOptimizer validates "optimizer.*").
class Rmsprop : public SlotOptimizer<RmspropHyper, RmspropState> {
 public:
  Rmsprop(std::vector<ParamGroup> groups, const RmspropHyper& hyper)
      : SlotOptimizer(std::move(groups), hyper, &rmspropUpdate) {}
  std::string kind() const override { return "rmsprop"; }
};

}  // namespace engine
