// Ridge regression in closed form, as scikit-learn 1.2's Ridge(alpha, solver="cholesky"):
//   minimise ‖y − Xw − b‖² + α‖w‖²,  α ≥ 0, b unpenalised
//   ⇒ w = (X_cᵀX_c + αI)⁻¹ X_cᵀy_c by Cholesky (Eigen LLT), b = ȳ − x̄ᵀw.
// Scaling pin: sklearn's Ridge has no 1/(2n) and no ½ on the penalty, so Ridge(alpha = a) is the
// elastic net of elastic_net.hpp at ρ = 0 and α_enet = a/n (its objective times 2n):
//   1/(2n)‖y − Xw − b‖² + (α_enet/2)‖w‖²  has the same minimiser as  ‖y − Xw − b‖² + n·α_enet‖w‖².
// Both conventions are exposed: ridgeFit / ridgePath take sklearn Ridge's α; ridgeAlphaFromEnet
// converts. At α = 0 (least squares) the solve is a complete orthogonal decomposition of
// X_cᵀX_c instead, rank-revealing: a rank-deficient X_c gets the minimum-norm solution, as
// sklearn's Ridge(solver="svd"). Deviation: sklearn's solver="cholesky" falls back to that only
// when the factorisation reports failure, and rounding can leave a tiny positive pivot instead,
// giving an arbitrary least-squares solution (two equal columns, y = 2x + 1: (0, 2), not (1, 1)).
// A path factorises Q + αI once per α (p³/3 each) from one Gram matrix; the playground's
// p ≤ 64 keeps that well below a millisecond per point.
// Reference: Hoerl & Kennard (1970), Technometrics 12(1); scikit-learn sklearn.linear_model.Ridge.
#pragma once

#include <Eigen/Core>

#include "linear/gram_problem.hpp"

namespace engine::linear {

struct RidgeFit {
  Eigen::VectorXd coef;
  double intercept = 0.0;
};

struct RidgePath {
  Eigen::VectorXd alphas;      // sklearn Ridge's α, as given
  Eigen::MatrixXd coefs;       // p × alphas.size()
  Eigen::VectorXd intercepts;  // one per α
};

RidgeFit ridgeFit(const Eigen::MatrixXd& x, const Eigen::VectorXd& y, double alpha,
                  bool fitIntercept = true);
RidgePath ridgePath(const GramProblem& g, const Eigen::VectorXd& alphas);
RidgePath ridgePath(const Eigen::MatrixXd& x, const Eigen::VectorXd& y,
                    const Eigen::VectorXd& alphas, bool fitIntercept = true);

// sklearn Ridge's α for the elastic net's α at ρ = 0 on n rows: n·α_enet.
inline double ridgeAlphaFromEnet(double enetAlpha, Eigen::Index n) {
  return enetAlpha * static_cast<double>(n);
}

}  // namespace engine::linear
