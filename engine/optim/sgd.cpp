#include "optim/sgd.hpp"

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

}  // namespace engine
