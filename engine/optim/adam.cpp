#include "optim/adam.hpp"

#include <cmath>
#include <stdexcept>

namespace engine {

void adamUpdate(Matrix& theta, const Matrix& g, AdamState& state, const AdamHyper& hyper, double lr,
                double weightDecay) {
  if (state.t == 0) {
    state.m.setZero(theta.rows(), theta.cols());
    state.v.setZero(theta.rows(), theta.cols());
    if (hyper.amsgrad) state.vMax.setZero(theta.rows(), theta.cols());
  }
  const long t = ++state.t;
  const Scalar beta1 = static_cast<Scalar>(hyper.beta1);
  const Scalar beta2 = static_cast<Scalar>(hyper.beta2);
  // 1 − β rounded once from double, as torch's alpha=1-beta1 argument.
  const Scalar oneMinusBeta1 = static_cast<Scalar>(1.0 - hyper.beta1);
  const Scalar oneMinusBeta2 = static_cast<Scalar>(1.0 - hyper.beta2);

  // AdamW shrinks θ before anything else, with the current lr, so the decay never passes
  // through the moments; Adam's L2 term instead becomes part of g below.
  Scalar lambdaL2 = static_cast<Scalar>(weightDecay);
  if (hyper.decoupledWeightDecay) {
    if (weightDecay != 0.0) theta *= static_cast<Scalar>(1.0 - lr * weightDecay);
    lambdaL2 = Scalar(0);
  }
  const auto gt = g.array() + lambdaL2 * theta.array();
  state.m.array() = beta1 * state.m.array() + oneMinusBeta1 * gt;
  state.v.array() = beta2 * state.v.array() + oneMinusBeta2 * gt.square();

  // Bias corrections in double, as torch computes them from Python floats.
  const double biasCorrection1 = 1.0 - std::pow(hyper.beta1, static_cast<double>(t));
  const double biasCorrection2 = 1.0 - std::pow(hyper.beta2, static_cast<double>(t));
  const Scalar stepSize = static_cast<Scalar>(lr / biasCorrection1);
  const Scalar sqrtBc2 = static_cast<Scalar>(std::sqrt(biasCorrection2));
  const Scalar eps = static_cast<Scalar>(hyper.eps);

  if (hyper.amsgrad) {
    state.vMax.array() = state.vMax.array().max(state.v.array());
    theta.array() -= stepSize * state.m.array() / (state.vMax.array().sqrt() / sqrtBc2 + eps);
  } else {
    theta.array() -= stepSize * state.m.array() / (state.v.array().sqrt() / sqrtBc2 + eps);
  }
}

Adam::Adam(std::vector<ParamGroup> groups, const AdamHyper& hyper) : hyper_(hyper) {
  if (!(hyper.beta1 >= 0.0 && hyper.beta1 < 1.0))
    throw std::invalid_argument("optimizer.beta1: must be in [0, 1), got " +
                                std::to_string(hyper.beta1));
  if (!(hyper.beta2 >= 0.0 && hyper.beta2 < 1.0))
    throw std::invalid_argument("optimizer.beta2: must be in [0, 1), got " +
                                std::to_string(hyper.beta2));
  if (!(hyper.eps >= 0.0))
    throw std::invalid_argument("optimizer.eps: must be >= 0, got " + std::to_string(hyper.eps));
  groups_ = std::move(groups);
}

void Adam::step() {
  state_.resize(groups_.size());
  for (std::size_t gi = 0; gi < groups_.size(); ++gi) {
    const ParamGroup& group = groups_[gi];
    std::vector<AdamState>& slots = state_[gi];
    if (slots.size() < group.params.size()) slots.resize(group.params.size());
    for (std::size_t i = 0; i < group.params.size(); ++i) {
      Param& p = *group.params[i];
      if (p.grad.rows() != p.value.rows() || p.grad.cols() != p.value.cols())
        throw std::logic_error(p.name + ": gradient shape differs from the parameter's");
      adamUpdate(p.value, p.grad, slots[i], hyper_, group.lr, group.weightDecay);
    }
  }
}

}  // namespace engine
