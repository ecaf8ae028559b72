// torch.optim param_groups from a model's parameters and the optimizer spec's decayScope:
//   "all"     one group, every parameter decays: torch's default for model.parameters()
//   "weights" weights decay; biases and batch-norm scale/shift get weight_decay 0, the usual
//             AdamW recipe (Loshchilov & Hutter 2019; "no_decay" groups in most codebases)
// Both groups take spec.lr; the trainer's schedule overwrites lr before every step.
#pragma once

#include <vector>

#include "core/param.hpp"
#include "spec/experiment_spec.hpp"

namespace engine {

std::vector<ParamGroup> paramGroups(const std::vector<Param*>& params, const OptimizerSpec& spec);
// Sets every group's weight decay from the spec (a live change of optimizer.weightDecay).
void setWeightDecay(std::vector<ParamGroup>& groups, const OptimizerSpec& spec);

}  // namespace engine
