// The optimizer contract, shaped like torch.optim.Optimizer.
// step() runs once per batch, after gradients are in Param::grad; every state slot's step
// count t advances exactly once per call. State is one struct per parameter slot (index within
// its group), created lazily on the first step, as PyTorch's optimizer.state.
// The kernels are free functions of (value, grad, state, hyper-parameters) so tests call them
// without a model.
#pragma once

#include <string>
#include <vector>

#include "core/param.hpp"

namespace engine {

class Optimizer {
 public:
  virtual ~Optimizer() = default;
  virtual void step() = 0;
  // Forgets all state (moments, step counts), as constructing a fresh torch optimizer.
  virtual void resetState() = 0;
  virtual std::string kind() const = 0;
  std::vector<ParamGroup>& groups() { return groups_; }
  const std::vector<ParamGroup>& groups() const { return groups_; }

 protected:
  std::vector<ParamGroup> groups_;
};

}  // namespace engine
