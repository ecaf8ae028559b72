// Adagrad, matching torch.optim.Adagrad (PyTorch 1.13), dense gradients.
//   g ← g + λθ                          (weight_decay enters the gradient)
//   γ_t ← γ / (1 + (t − 1)·η)           (η = lr_decay, t = 1 on the first step)
//   G ← G + g²                          (G starts at initial_accumulator_value)
//   θ ← θ − γ_t · g / (√G + ε)          (ε outside the root; torch's default ε is 1e-10)
// Duchi, Hazan & Singer 2011, "Adaptive subgradient methods for online learning…".
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "core/param.hpp"
#include "optim/slot_optimizer.hpp"

namespace engine {

struct AdagradHyper {
  double lrDecay = 0.0;
  double initialAccumulator = 0.0;
  double eps = 1e-10;
};

struct AdagradState {
  long t = 0;  // steps taken by this slot
  Matrix sum;  // G, filled with initialAccumulator on the first step
};

// One update of θ in place from its gradient g with learning rate γ = lr and L2 coefficient
// λ = weightDecay. Allocates only on a slot's first step.
void adagradUpdate(Matrix& theta, const Matrix& g, AdagradState& state, const AdagradHyper& hyper,
                   double lr, double weightDecay);

// Hyper-parameters are checked by the spec schema (makeOptimizer validates "optimizer.*").
class Adagrad : public SlotOptimizer<AdagradHyper, AdagradState> {
 public:
  Adagrad(std::vector<ParamGroup> groups, const AdagradHyper& hyper)
      : SlotOptimizer(std::move(groups), hyper, &adagradUpdate) {}
  std::string kind() const override { return "adagrad"; }
};

}  // namespace engine
