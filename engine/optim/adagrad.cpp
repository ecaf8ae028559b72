#include "optim/adagrad.hpp"

#include <stdexcept>

namespace engine {

void adagradUpdate(Matrix& theta, const Matrix& g, AdagradState& state, const AdagradHyper& hyper,
                   double lr, double weightDecay) {
  if (state.t == 0) {
    state.sum.setConstant(theta.rows(), theta.cols(),
                          static_cast<Scalar>(hyper.initialAccumulator));
  }
  const long t = ++state.t;
  const Scalar lambda = static_cast<Scalar>(weightDecay);
  const Scalar eps = static_cast<Scalar>(hyper.eps);
  // The decayed rate is computed in double, as torch does from Python floats.
  const Scalar clr = static_cast<Scalar>(lr / (1.0 + static_cast<double>(t - 1) * hyper.lrDecay));

  const auto gt = g.array() + lambda * theta.array();
  state.sum.array() += gt.square();
  theta.array() -= clr * gt / (state.sum.array().sqrt() + eps);
}

Adagrad::Adagrad(std::vector<ParamGroup> groups, const AdagradHyper& hyper) : hyper_(hyper) {
  if (!(hyper.lrDecay >= 0.0))
    throw std::invalid_argument("optimizer.lrDecay: must be >= 0, got " +
                                std::to_string(hyper.lrDecay));
  if (!(hyper.initialAccumulator >= 0.0))
    throw std::invalid_argument("optimizer.initialAccumulator: must be >= 0, got " +
                                std::to_string(hyper.initialAccumulator));
  if (!(hyper.eps >= 0.0))
    throw std::invalid_argument("optimizer.eps: must be >= 0, got " + std::to_string(hyper.eps));
  groups_ = std::move(groups);
}

void Adagrad::step() {
  state_.resize(groups_.size());
  for (std::size_t gi = 0; gi < groups_.size(); ++gi) {
    const ParamGroup& group = groups_[gi];
    std::vector<AdagradState>& slots = state_[gi];
    if (slots.size() < group.params.size()) slots.resize(group.params.size());
    for (std::size_t i = 0; i < group.params.size(); ++i) {
      Param& p = *group.params[i];
      if (p.grad.rows() != p.value.rows() || p.grad.cols() != p.value.cols())
        throw std::logic_error(p.name + ": gradient shape differs from the parameter's");
      adagradUpdate(p.value, p.grad, slots[i], hyper_, group.lr, group.weightDecay);
    }
  }
}

}  // namespace engine
