#include "linear/ridge.hpp"

#include <Eigen/Cholesky>
#include <Eigen/QR>
#include <stdexcept>

#include "linear/elastic_net.hpp"

namespace engine::linear {

namespace {

Eigen::VectorXd solveRidge(const GramProblem& g, double alpha) {
  if (alpha == 0.0) {
    // Least squares: rank-revealing, so a singular Q gives the minimum-norm solution
    // pinv(Q)·q = pinv(X_c)·y_c. (A Cholesky of a singular Q need not fail: rounding can leave
    // a tiny positive pivot and an arbitrary solution.)
    return Eigen::CompleteOrthogonalDecomposition<Eigen::MatrixXd>(g.gram).solve(g.xty);
  }
  Eigen::MatrixXd a = g.gram;
  a.diagonal().array() += alpha;
  // Q + αI with α > 0 is positive definite (its smallest eigenvalue is at least α).
  return a.llt().solve(g.xty);
}

}  // namespace

RidgePath ridgePath(const GramProblem& g, const Eigen::VectorXd& alphas) {
  if (alphas.size() == 0) throw std::invalid_argument("ridgePath: alphas is empty");
  for (Eigen::Index i = 0; i < alphas.size(); ++i) checkAlpha(alphas(i), "ridgePath");
  RidgePath path;
  path.alphas = alphas;
  path.coefs.resize(g.features(), alphas.size());
  path.intercepts.resize(alphas.size());
  for (Eigen::Index i = 0; i < alphas.size(); ++i) {
    path.coefs.col(i) = solveRidge(g, alphas(i));
    path.intercepts(i) = g.intercept(path.coefs.col(i));
  }
  return path;
}

RidgePath ridgePath(const Eigen::MatrixXd& x, const Eigen::VectorXd& y,
                    const Eigen::VectorXd& alphas, bool fitIntercept) {
  return ridgePath(makeGramProblem(x, y, fitIntercept), alphas);
}

RidgeFit ridgeFit(const Eigen::MatrixXd& x, const Eigen::VectorXd& y, double alpha,
                  bool fitIntercept) {
  checkAlpha(alpha, "ridgeFit");
  const GramProblem g = makeGramProblem(x, y, fitIntercept);
  RidgeFit fit;
  fit.coef = solveRidge(g, alpha);
  fit.intercept = g.intercept(fit.coef);
  return fit;
}

}  // namespace engine::linear
