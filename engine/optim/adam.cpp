#include "optim/adam.hpp"

#include <cmath>

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

}  // namespace engine
