// The step loop every optimizer here shares: for each group and each parameter slot, the
// family's kernel update(θ, g, state, hyper, group lr, group weight decay), with torch's lazy
// state (one State per slot, created on the first step) and a shape check. A family is then a
// header comment, a Hyper, a State, a kernel and a kind name (see README.md).
#pragma once

#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

#include "core/param.hpp"
#include "optim/optimizer.hpp"

namespace engine {

template <typename Hyper, typename State>
class SlotOptimizer : public Optimizer {
 public:
  using Kernel = void (*)(Matrix& theta, const Matrix& g, State& state, const Hyper& hyper,
                          double lr, double weightDecay);

  SlotOptimizer(std::vector<ParamGroup> groups, const Hyper& hyper, Kernel kernel)
      : hyper_(hyper), kernel_(kernel) {
    groups_ = std::move(groups);
  }

  void step() override {
    state_.resize(groups_.size());  // a no-op once sized
    for (std::size_t gi = 0; gi < groups_.size(); ++gi) {
      const ParamGroup& group = groups_[gi];
      std::vector<State>& slots = state_[gi];
      if (slots.size() < group.params.size()) slots.resize(group.params.size());
      for (std::size_t i = 0; i < group.params.size(); ++i) {
        Param& p = *group.params[i];
        if (p.grad.rows() != p.value.rows() || p.grad.cols() != p.value.cols())
          throw std::logic_error(p.name + ": gradient shape differs from the parameter's");
        kernel_(p.value, p.grad, slots[i], hyper_, group.lr, group.weightDecay);
      }
    }
  }
  void resetState() override { state_.clear(); }
  const Hyper& hyper() const { return hyper_; }
  // state()[group][slot]; empty before the first step.
  const std::vector<std::vector<State>>& state() const { return state_; }

 private:
  Hyper hyper_;
  Kernel kernel_;
  std::vector<std::vector<State>> state_;
};

}  // namespace engine
