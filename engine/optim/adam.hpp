// Adam / AMSGrad / AdamW, matching torch.optim.Adam and torch.optim.AdamW (PyTorch 1.13).
//   L2 mode:        g ← g + λθ                (Adam's weight_decay enters the gradient)
//   decoupled mode: θ ← θ(1 − γλ)             (AdamW: first, never enters m or v)
//   m ← β1·m + (1−β1)·g      v ← β2·v + (1−β2)·g²      v̂max ← max(v̂max, v) if AMSGrad
//   θ ← θ − γ/(1−β1^t) · m / (√v/√(1−β2^t) + ε)       ε outside the root, as torch
// AMSGrad keeps the running max of the raw v (not of the bias-corrected one), as torch 1.13.
// Kingma & Ba 2014; Reddi et al. 2018 (AMSGrad); Loshchilov & Hutter 2019 (AdamW).
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "core/param.hpp"
#include "optim/slot_optimizer.hpp"

namespace engine {

struct AdamHyper {
  double beta1 = 0.9;
  double beta2 = 0.999;
  double eps = 1e-8;
  bool amsgrad = false;
  bool decoupledWeightDecay = false;  // true: AdamW
};

struct AdamState {
  long t = 0;   // steps taken by this slot
  Matrix m;     // exp_avg
  Matrix v;     // exp_avg_sq
  Matrix vMax;  // max_exp_avg_sq, AMSGrad only
};

// One update of θ in place from its gradient g with learning rate γ = lr and weight decay
// λ = weightDecay (L2 or decoupled per hyper). Allocates only on a slot's first step.
void adamUpdate(Matrix& theta, const Matrix& g, AdamState& state, const AdamHyper& hyper, double lr,
                double weightDecay);

// Hyper-parameters are checked by the spec schema (makeOptimizer validates "optimizer.*").
class Adam : public SlotOptimizer<AdamHyper, AdamState> {
 public:
  Adam(std::vector<ParamGroup> groups, const AdamHyper& hyper)
      : SlotOptimizer(std::move(groups), hyper, &adamUpdate) {}
  std::string kind() const override { return hyper().decoupledWeightDecay ? "adamw" : "adam"; }
};

}  // namespace engine
