#include "optim/sgd.hpp"

#include <stdexcept>

namespace engine {

void sgdUpdate(Matrix& theta, const Matrix& g, SgdState& state, const SgdHyper& hyper, double lr,
               double weightDecay) {
  ++state.t;
  const Scalar gamma = static_cast<Scalar>(lr);
  const Scalar lambda = static_cast<Scalar>(weightDecay);
  const Scalar mu = static_cast<Scalar>(hyper.momentum);
  // The L2 term is folded into an expression, never stored: θ is read before it is written.
  const auto d = g.array() + lambda * theta.array();

  if (hyper.momentum == 0.0) {
    theta.array() -= gamma * d;
    return;
  }
  Matrix& b = state.momentumBuffer;
  if (b.size() == 0) {
    // torch clones the first gradient into the buffer: no dampening on step 1.
    b = d.matrix();
  } else {
    b.array() = mu * b.array() + static_cast<Scalar>(1.0 - hyper.dampening) * d;
  }
  if (hyper.nesterov) {
    theta.array() -= gamma * (d + mu * b.array());
  } else {
    theta.array() -= gamma * b.array();
  }
}

Sgd::Sgd(std::vector<ParamGroup> groups, const SgdHyper& hyper) : hyper_(hyper) {
  if (!(hyper.momentum >= 0.0))
    throw std::invalid_argument("optimizer.momentum: must be >= 0, got " +
                                std::to_string(hyper.momentum));
  if (!(hyper.dampening >= 0.0 && hyper.dampening <= 1.0))
    throw std::invalid_argument("optimizer.dampening: must be in [0, 1], got " +
                                std::to_string(hyper.dampening));
  if (hyper.nesterov && (hyper.momentum <= 0.0 || hyper.dampening != 0.0))
    throw std::invalid_argument(
        "optimizer.nesterov: needs optimizer.momentum > 0 and optimizer.dampening = 0");
  groups_ = std::move(groups);
}

void Sgd::step() {
  // Lazy state, one struct per slot, as torch's optimizer.state (resize is a no-op once sized).
  state_.resize(groups_.size());
  for (std::size_t gi = 0; gi < groups_.size(); ++gi) {
    const ParamGroup& group = groups_[gi];
    std::vector<SgdState>& slots = state_[gi];
    if (slots.size() < group.params.size()) slots.resize(group.params.size());
    for (std::size_t i = 0; i < group.params.size(); ++i) {
      Param& p = *group.params[i];
      if (p.grad.rows() != p.value.rows() || p.grad.cols() != p.value.cols())
        throw std::logic_error(p.name + ": gradient shape differs from the parameter's");
      sgdUpdate(p.value, p.grad, slots[i], hyper_, group.lr, group.weightDecay);
    }
  }
}

}  // namespace engine
