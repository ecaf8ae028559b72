#include "optim/adagrad.hpp"

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

}  // namespace engine
