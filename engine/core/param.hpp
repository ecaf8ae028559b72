// A trainable tensor and its gradient, as torch.nn.Parameter with .grad.
// The role decides what a penalty or weight decay touches by default: weights only, never
// biases or batch-norm scale/shift (the convention of most references, e.g. AdamW paper §3).
#pragma once

#include <string>
#include <vector>

#include "core/eigen.hpp"

namespace engine {

enum class ParamRole { Weight, Bias, NormScale, NormShift };

struct Param {
  std::string name;  // "layers.0.weight", as PyTorch's state_dict names it
  ParamRole role = ParamRole::Weight;
  int layer = 0;  // index of the trainable layer it belongs to (for per-layer metrics)
  Matrix value;
  Matrix grad;  // same shape as value; zeroed by the trainer before each backward
};

// A set of parameters sharing hyper-parameters, as torch.optim param_groups.
struct ParamGroup {
  std::vector<Param*> params;
  double lr = 0.01;
  double weightDecay = 0.0;
};

}  // namespace engine
