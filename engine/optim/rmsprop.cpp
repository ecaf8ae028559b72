#include "optim/rmsprop.hpp"

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

}  // namespace engine
