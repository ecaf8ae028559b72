// Stochastic gradient descent with momentum, matching torch.optim.SGD (PyTorch 1.13).
//   g ← g + λθ                                  (weight_decay enters the gradient)
//   b ← g on the first step, else b ← μ·b + (1 − τ)·g      (τ = dampening; none on step 1)
//   g ← g + μ·b if nesterov, else g ← b         (only when μ > 0)
//   θ ← θ − γ·g
// Full-batch gradient descent is this with the whole set as one batch. Nesterov needs μ > 0 and
// τ = 0, as torch. Sutskever et al. 2013, "On the importance of initialization and momentum".
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "core/param.hpp"
#include "optim/slot_optimizer.hpp"

namespace engine {

struct SgdHyper {
  double momentum = 0.0;   // μ
  double dampening = 0.0;  // τ
  bool nesterov = false;
};

struct SgdState {
  long t = 0;             // steps taken by this slot
  Matrix momentumBuffer;  // b, allocated on the first step when μ > 0
};

// One update of θ in place from its gradient g with learning rate γ = lr and L2 coefficient
// λ = weightDecay. Allocates only on a slot's first step (the momentum buffer).
void sgdUpdate(Matrix& theta, const Matrix& g, SgdState& state, const SgdHyper& hyper, double lr,
               double weightDecay);

// Hyper-parameters are checked by the spec schema (makeOptimizer validates "optimizer.*").
class Sgd : public SlotOptimizer<SgdHyper, SgdState> {
 public:
  Sgd(std::vector<ParamGroup> groups, const SgdHyper& hyper)
      : SlotOptimizer(std::move(groups), hyper, &sgdUpdate) {}
  std::string kind() const override { return "sgd"; }
};

}  // namespace engine
