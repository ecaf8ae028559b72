#include "optim/rmsprop.hpp"

#include <stdexcept>

namespace engine {

void rmspropUpdate(Matrix& theta, const Matrix& g, RmspropState& state, const RmspropHyper& hyper,
                   double lr, double weightDecay) {
  const bool useMomentum = hyper.momentum > 0.0;
  if (state.t == 0) {
    state.squareAvg.setZero(theta.rows(), theta.cols());
    if (hyper.centered) state.gradAvg.setZero(theta.rows(), theta.cols());
    if (useMomentum) state.momentumBuffer.setZero(theta.rows(), theta.cols());
  }
  ++state.t;
  const Scalar gamma = static_cast<Scalar>(lr);
  const Scalar lambda = static_cast<Scalar>(weightDecay);
  const Scalar alpha = static_cast<Scalar>(hyper.alpha);
  const Scalar oneMinusAlpha = static_cast<Scalar>(1.0 - hyper.alpha);
  const Scalar eps = static_cast<Scalar>(hyper.eps);
  const Scalar mu = static_cast<Scalar>(hyper.momentum);

  // θ is only written at the end, so the L2 term can stay an unevaluated expression.
  const auto gt = g.array() + lambda * theta.array();
  state.squareAvg.array() = alpha * state.squareAvg.array() + oneMinusAlpha * gt.square();

  auto update = [&](const auto& a) {
    if (useMomentum) {
      state.momentumBuffer.array() = mu * state.momentumBuffer.array() + gt / a;
      theta.array() -= gamma * state.momentumBuffer.array();
    } else {
      theta.array() -= gamma * gt / a;
    }
  };
  if (hyper.centered) {
    state.gradAvg.array() = alpha * state.gradAvg.array() + oneMinusAlpha * gt;
    // s − ḡ² ≥ 0 in exact arithmetic (Jensen); the clamp only removes rounding's NaN.
    update((state.squareAvg.array() - state.gradAvg.array().square()).max(Scalar(0)).sqrt() + eps);
  } else {
    update(state.squareAvg.array().sqrt() + eps);
  }
}

Rmsprop::Rmsprop(std::vector<ParamGroup> groups, const RmspropHyper& hyper) : hyper_(hyper) {
  if (!(hyper.alpha >= 0.0))
    throw std::invalid_argument("optimizer.alpha: must be >= 0, got " +
                                std::to_string(hyper.alpha));
  if (!(hyper.eps >= 0.0))
    throw std::invalid_argument("optimizer.eps: must be >= 0, got " + std::to_string(hyper.eps));
  if (!(hyper.momentum >= 0.0))
    throw std::invalid_argument("optimizer.momentum: must be >= 0, got " +
                                std::to_string(hyper.momentum));
  groups_ = std::move(groups);
}

void Rmsprop::step() {
  state_.resize(groups_.size());
  for (std::size_t gi = 0; gi < groups_.size(); ++gi) {
    const ParamGroup& group = groups_[gi];
    std::vector<RmspropState>& slots = state_[gi];
    if (slots.size() < group.params.size()) slots.resize(group.params.size());
    for (std::size_t i = 0; i < group.params.size(); ++i) {
      Param& p = *group.params[i];
      if (p.grad.rows() != p.value.rows() || p.grad.cols() != p.value.cols())
        throw std::logic_error(p.name + ": gradient shape differs from the parameter's");
      rmspropUpdate(p.value, p.grad, slots[i], hyper_, group.lr, group.weightDecay);
    }
  }
}

}  // namespace engine
