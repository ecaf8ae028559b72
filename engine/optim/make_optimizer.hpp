// Builds the optimizer an OptimizerSpec names: sgd | adam | adamw | rmsprop | adagrad, each
// with torch.optim's semantics (see the file of each kind). The groups arrive with lr and
// weightDecay already set by the caller (spec.lr and spec.weightDecay are not read here, so a
// caller can exempt biases): adamw applies weightDecay decoupled, θ ← θ(1 − γλ), the others
// add λθ to the gradient. spec.eps is used as given for every kind (torch's defaults differ:
// 1e-8 for Adam/RMSprop, 1e-10 for Adagrad).
#pragma once

#include <memory>
#include <vector>

#include "core/param.hpp"
#include "optim/optimizer.hpp"
#include "spec/experiment_spec.hpp"

namespace engine {

// Throws std::invalid_argument naming "optimizer.kind" for an unknown kind, or the field of an
// out-of-range hyper-parameter.
std::unique_ptr<Optimizer> makeOptimizer(const OptimizerSpec& spec, std::vector<ParamGroup> groups);

}  // namespace engine
