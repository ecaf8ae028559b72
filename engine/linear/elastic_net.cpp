#include "linear/elastic_net.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <stdexcept>
#include <string>

#include "linear/design.hpp"

namespace engine::linear {

void checkAlpha(double alpha, const char* where) {
  if (!(alpha >= 0.0) || !std::isfinite(alpha)) {
    throw std::invalid_argument(std::string(where) + ": alpha must be >= 0 and finite, got " +
                                std::to_string(alpha));
  }
}

void checkL1Ratio(double l1Ratio, const char* where) {
  if (!(l1Ratio >= 0.0 && l1Ratio <= 1.0)) {
    throw std::invalid_argument(std::string(where) + ": l1Ratio must be in [0, 1], got " +
                                std::to_string(l1Ratio));
  }
}

namespace {

void checkSolverOptions(double tol, int maxIter, const char* where) {
  if (!(tol >= 0.0) || !std::isfinite(tol)) {
    throw std::invalid_argument(std::string(where) + ": tol must be >= 0 and finite, got " +
                                std::to_string(tol));
  }
  if (maxIter < 1) {
    throw std::invalid_argument(std::string(where) + ": maxIter must be >= 1, got " +
                                std::to_string(maxIter));
  }
}

// Duality gap of ½‖y_c − X_c w‖² + l1‖w‖₁ + (l2/2)‖w‖² from the Gram statistics, H = Qw.
double dualGap(const GramProblem& g, const Eigen::VectorXd& w, const Eigen::VectorXd& h, double l1,
               double l2) {
  const double qDotW = w.dot(g.xty);
  const double wDotH = w.dot(h);
  const double wNorm2 = w.squaredNorm();
  if (l1 > 0.0) {
    // scikit-learn's enet_coordinate_descent_gram: the residual R scaled into the dual feasible
    // set |X_cᵀθ − l2·w|∞ ≤ l1 of the lasso on data augmented by √l2·I.
    const double dualNorm = (g.xty - h - l2 * w).cwiseAbs().maxCoeff();
    const double rNorm2 = g.yNorm2 + wDotH - 2.0 * qDotW;
    double c = 1.0;
    double gap = rNorm2;
    if (dualNorm > l1) {
      c = l1 / dualNorm;
      gap = 0.5 * (rNorm2 + rNorm2 * c * c);
    }
    return gap + l1 * w.lpNorm<1>() - c * g.yNorm2 + c * qDotW + 0.5 * l2 * (1.0 + c * c) * wNorm2;
  }
  if (l2 > 0.0) {
    // Ridge (l1 = 0): sklearn's scaling would set θ = 0 (a useless bound). The ridge dual
    // D(θ) = θᵀy − ½‖θ‖² − ‖X_cᵀθ‖²/(2·l2) is unconstrained; at θ = R the gap simplifies to
    // wᵀH − qᵀw + (l2/2)‖w‖² + ‖q − H‖²/(2·l2), with no cancellation against ‖y_c‖².
    return wDotH - qDotW + 0.5 * l2 * wNorm2 + (g.xty - h).squaredNorm() / (2.0 * l2);
  }
  // α = 0 (least squares): no bounded dual to measure against.
  return std::numeric_limits<double>::quiet_NaN();
}

}  // namespace

CdResult enetCoordinateDescent(const GramProblem& g, double alpha, double l1Ratio, double tol,
                               int maxIter, Eigen::VectorXd& w) {
  checkAlpha(alpha, "enetCoordinateDescent");
  checkL1Ratio(l1Ratio, "enetCoordinateDescent");
  checkSolverOptions(tol, maxIter, "enetCoordinateDescent");
  const Eigen::Index p = g.features();
  if (w.size() != p) {
    throw std::invalid_argument("enetCoordinateDescent: warm start has " +
                                std::to_string(w.size()) + " entries, expected " +
                                std::to_string(p));
  }
  const double nd = static_cast<double>(g.n);
  const double l1 = alpha * l1Ratio * nd;
  const double l2 = alpha * (1.0 - l1Ratio) * nd;
  const double gapTol = tol * g.yNorm2;
  const Eigen::MatrixXd& q = g.gram;
  Eigen::VectorXd h = q * w;

  CdResult result;
  // w = 0 solves the problem when every |q_j| ≤ l1 (its optimality condition). At the top of
  // the default grid α is 10^log10(α_max), a few ulps from α_max: accept a relative 1e-12 there,
  // so the path starts exactly at zero, as glmnet and scikit-learn's lasso_path do.
  if (l1 > 0.0 && g.xty.cwiseAbs().maxCoeff() <= l1 * (1.0 + 1e-12)) {
    w.setZero();
    h.setZero();
    result.nIter = 1;  // one sweep that would leave every coordinate at 0
    result.dualGap = dualGap(g, w, h, l1, l2);
    result.converged = true;
    return result;
  }
  for (int iter = 0; iter < maxIter; ++iter) {
    double wMax = 0.0;
    double dwMax = 0.0;
    for (Eigen::Index j = 0; j < p; ++j) {
      const double qjj = q(j, j);
      if (qjj == 0.0) continue;
      const double wOld = w(j);
      // q_j − (Qw)_j without w_j's own term.
      const double tmp = g.xty(j) - h(j) + qjj * wOld;
      const double shrunk = std::max(std::abs(tmp) - l1, 0.0);
      const double wNew = shrunk == 0.0 ? 0.0 : std::copysign(shrunk, tmp) / (qjj + l2);
      if (wNew != wOld) {
        h.noalias() += (wNew - wOld) * q.col(j);
        w(j) = wNew;
      }
      dwMax = std::max(dwMax, std::abs(wNew - wOld));
      wMax = std::max(wMax, std::abs(wNew));
    }
    result.nIter = iter + 1;
    if (wMax == 0.0 || dwMax / wMax < tol || iter == maxIter - 1) {
      h.noalias() = q * w;  // drop the drift of the incremental updates
      if (l1 == 0.0 && l2 == 0.0) {
        // Least squares: only the coordinate-update test is available.
        result.dualGap = dualGap(g, w, h, l1, l2);
        result.converged = wMax == 0.0 || dwMax / wMax < tol;
        if (result.converged) break;
        continue;
      }
      result.dualGap = dualGap(g, w, h, l1, l2);
      // ≤ rather than sklearn's <: the same test except when both sides are 0 (y_c = 0), where
      // sklearn runs to max_iter.
      if (result.dualGap <= gapTol) {
        result.converged = true;
        break;
      }
    }
  }
  return result;
}

EnetPath enetPath(const GramProblem& g, const Eigen::VectorXd& alphas, const EnetOptions& options) {
  checkL1Ratio(options.l1Ratio, "enetPath");
  checkSolverOptions(options.tol, options.maxIter, "enetPath");
  if (alphas.size() == 0) throw std::invalid_argument("enetPath: alphas is empty");
  for (Eigen::Index i = 0; i < alphas.size(); ++i) checkAlpha(alphas(i), "enetPath");
  const Eigen::Index p = g.features();
  const Eigen::Index m = alphas.size();
  EnetPath path;
  path.alphas = alphas;
  path.coefs.resize(p, m);
  path.intercepts.resize(m);
  path.dualGaps.resize(m);
  path.nIters.resize(static_cast<std::size_t>(m));
  path.converged.resize(static_cast<std::size_t>(m));
  Eigen::VectorXd w = Eigen::VectorXd::Zero(p);
  const double nd = static_cast<double>(g.n);
  for (Eigen::Index i = 0; i < m; ++i) {
    const CdResult r =
        enetCoordinateDescent(g, alphas(i), options.l1Ratio, options.tol, options.maxIter, w);
    path.coefs.col(i) = w;
    path.intercepts(i) = g.intercept(w);
    path.dualGaps(i) = r.dualGap / nd;
    path.nIters[static_cast<std::size_t>(i)] = r.nIter;
    path.converged[static_cast<std::size_t>(i)] = r.converged;
  }
  return path;
}

EnetPath enetPath(const Eigen::MatrixXd& x, const Eigen::VectorXd& y, const Eigen::VectorXd& alphas,
                  const EnetOptions& options) {
  return enetPath(makeGramProblem(x, y, options.fitIntercept), alphas, options);
}

EnetFit enetFit(const Eigen::MatrixXd& x, const Eigen::VectorXd& y, double alpha,
                const EnetOptions& options, const Eigen::VectorXd* warmStart) {
  checkL1Ratio(options.l1Ratio, "enetFit");
  checkAlpha(alpha, "enetFit");
  const GramProblem g = makeGramProblem(x, y, options.fitIntercept);
  EnetFit fit;
  fit.coef = warmStart ? *warmStart : Eigen::VectorXd::Zero(g.features());
  const CdResult r =
      enetCoordinateDescent(g, alpha, options.l1Ratio, options.tol, options.maxIter, fit.coef);
  fit.intercept = g.intercept(fit.coef);
  fit.dualGap = r.dualGap / static_cast<double>(g.n);
  fit.nIter = r.nIter;
  fit.converged = r.converged;
  return fit;
}

double enetObjective(const Eigen::MatrixXd& x, const Eigen::VectorXd& y, const Eigen::VectorXd& w,
                     double b, double alpha, double l1Ratio) {
  checkDesign(x, y, "enetObjective");
  if (w.size() != x.cols()) throw std::invalid_argument("enetObjective: w has the wrong size");
  const double n = static_cast<double>(x.rows());
  const Eigen::VectorXd r = (y - x * w).array() - b;
  return r.squaredNorm() / (2.0 * n) +
         alpha * (l1Ratio * w.lpNorm<1>() + 0.5 * (1.0 - l1Ratio) * w.squaredNorm());
}

}  // namespace engine::linear
