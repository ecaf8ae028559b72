#include "linear/logistic.hpp"

#include <Eigen/Cholesky>
#include <algorithm>
#include <cmath>
#include <limits>
#include <stdexcept>
#include <string>
#include <vector>

#include "linear/alpha_grid.hpp"
#include "linear/design.hpp"
#include "linear/elastic_net.hpp"

namespace engine::linear {

namespace {

double softplus(double e) {
  return e > 0.0 ? e + std::log1p(std::exp(-e)) : std::log1p(std::exp(e));
}

double sigmoid(double e) {
  if (e >= 0.0) return 1.0 / (1.0 + std::exp(-e));
  const double z = std::exp(e);
  return z / (1.0 + z);
}

double penalty(const Eigen::VectorXd& w, double rho) {
  return rho * w.lpNorm<1>() + 0.5 * (1.0 - rho) * w.squaredNorm();
}

double lossSum(const Eigen::VectorXd& eta, const Eigen::VectorXd& y) {
  double s = 0.0;
  for (Eigen::Index i = 0; i < eta.size(); ++i) s += softplus(eta(i)) - y(i) * eta(i);
  return s;
}

// dist(0, ∂_j F) for the weights (g = gradient of the smooth data term) and |∂F/∂b|.
double kkt(const Eigen::VectorXd& g, double gb, const Eigen::VectorXd& w, double rho,
           bool fitIntercept) {
  double res = fitIntercept ? std::abs(gb) : 0.0;
  for (Eigen::Index j = 0; j < w.size(); ++j) {
    const double smooth = g(j) + (1.0 - rho) * w(j);
    const double r = w(j) != 0.0 ? std::abs(smooth + std::copysign(rho, w(j)))
                                 : std::max(std::abs(g(j)) - rho, 0.0);
    res = std::max(res, r);
  }
  return res;
}

void checkC(double c, const char* where) {
  if (!(c > 0.0) || !std::isfinite(c)) {
    throw std::invalid_argument(std::string(where) + ": C must be > 0 and finite, got " +
                                std::to_string(c));
  }
}

void checkOptions(const LogisticOptions& o, const char* where) {
  checkL1Ratio(o.l1Ratio, where);
  if (!(o.tol > 0.0) || !std::isfinite(o.tol)) {
    throw std::invalid_argument(std::string(where) + ": tol must be > 0 and finite, got " +
                                std::to_string(o.tol));
  }
  if (o.maxIter < 1) throw std::invalid_argument(std::string(where) + ": maxIter must be >= 1");
  if (o.maxSweeps < 1) {
    throw std::invalid_argument(std::string(where) + ": maxSweeps must be >= 1");
  }
}

// The fitting state on centred data: η = X_c w + c, the model's b = c − x̄ᵀw.
struct Centred {
  Eigen::MatrixXd xa;  // [X_c 1] with an intercept, else X
  Eigen::RowVectorXd xMean;
  Eigen::Index p = 0;
};

Centred centre(const Eigen::MatrixXd& x, bool fitIntercept) {
  Centred c;
  c.p = x.cols();
  if (fitIntercept) {
    c.xMean = x.colwise().sum() / static_cast<double>(x.rows());
    c.xa.resize(x.rows(), x.cols() + 1);
    c.xa.leftCols(x.cols()) = x.rowwise() - c.xMean;
    c.xa.col(x.cols()).setOnes();
  } else {
    c.xMean = Eigen::RowVectorXd::Zero(x.cols());
    c.xa = x;
  }
  return c;
}

// The proximal-Newton subproblem for ρ > 0: the step d (size p, plus 1 with an intercept) that
// minimises  gᵀd + ½dᵀHd + ρ‖w + d_w‖₁ + (1−ρ)/2‖w + d_w‖².
// Cyclic coordinate descent with covariance updates (Hd kept up to date) finds the support; as
// soon as two consecutive sweeps end with the same signs, the smooth problem on that support is
// solved exactly (one Cholesky of its block of H) and kept if it is the subproblem's solution:
// its signs agree and every zero satisfies |g_j + (Hd)_j| ≤ ρ. Otherwise the sweeps go on, until
// the subproblem's KKT residual is ≤ innerTol or maxSweeps. On strongly correlated columns
// (breast cancer) coordinate descent alone needs thousands of sweeps for a tight inner solve.
void proximalNewtonDirection(const Eigen::MatrixXd& h, const Eigen::VectorXd& g,
                             const Eigen::VectorXd& w, double rho, bool icpt, double innerTol,
                             int maxSweeps, Eigen::VectorXd& d) {
  const Eigen::Index p = w.size();
  const Eigen::Index m = h.cols();
  d.setZero(m);
  Eigen::VectorXd hd = Eigen::VectorXd::Zero(m);
  std::vector<signed char> signs(static_cast<std::size_t>(p), 0), previous;
  auto residual = [&](const Eigen::VectorXd& step, const Eigen::VectorXd& hStep) {
    return kkt(g.head(p) + hStep.head(p), icpt ? g(p) + hStep(p) : 0.0, w + step.head(p), rho,
               icpt);
  };
  for (int sweep = 0; sweep < maxSweeps; ++sweep) {
    for (Eigen::Index j = 0; j < p; ++j) {
      const double a = h(j, j);
      const double denom = a + (1.0 - rho);
      const double uj = w(j) + d(j);
      double t = 0.0;
      if (denom > 0.0) {
        const double z = a * uj - (g(j) + hd(j));
        t = std::abs(z) <= rho ? 0.0 : std::copysign(std::abs(z) - rho, z) / denom;
      }
      const double delta = t - uj;
      if (delta != 0.0) {
        d(j) += delta;
        hd.noalias() += delta * h.col(j);
      }
    }
    if (icpt && h(p, p) > 0.0) {
      const double delta = -(g(p) + hd(p)) / h(p, p);
      d(p) += delta;
      hd.noalias() += delta * h.col(p);
    }
    if (residual(d, hd) <= innerTol) return;

    previous = signs;
    for (Eigen::Index j = 0; j < p; ++j) {
      const double u = w(j) + d(j);
      signs[static_cast<std::size_t>(j)] = u > 0.0 ? 1 : (u < 0.0 ? -1 : 0);
    }
    if (signs != previous) continue;
    // Exact solve on the support S (and the intercept), d_j = −w_j off it:
    //   (H_SS + (1−ρ)I_w) d_S = −(g_S + H_S,off d_off + ρ·s_S + (1−ρ) w_S).
    std::vector<Eigen::Index> support;
    for (Eigen::Index j = 0; j < p; ++j) {
      if (signs[static_cast<std::size_t>(j)] != 0) support.push_back(j);
    }
    if (icpt) support.push_back(p);
    const auto k = static_cast<Eigen::Index>(support.size());
    if (k == 0) continue;
    Eigen::VectorXd full = Eigen::VectorXd::Zero(m);
    for (Eigen::Index j = 0; j < p; ++j) {
      if (signs[static_cast<std::size_t>(j)] == 0) full(j) = -w(j);
    }
    const Eigen::VectorXd hOff = h * full;
    Eigen::MatrixXd a(k, k);
    Eigen::VectorXd rhs(k);
    for (Eigen::Index r = 0; r < k; ++r) {
      const Eigen::Index jr = support[static_cast<std::size_t>(r)];
      for (Eigen::Index c = 0; c < k; ++c) a(r, c) = h(jr, support[static_cast<std::size_t>(c)]);
      rhs(r) = -(g(jr) + hOff(jr));
      if (jr < p) {
        a(r, r) += 1.0 - rho;
        rhs(r) -= rho * signs[static_cast<std::size_t>(jr)] + (1.0 - rho) * w(jr);
      }
    }
    Eigen::LLT<Eigen::MatrixXd> llt(a);
    if (llt.info() != Eigen::Success) continue;
    const Eigen::VectorXd ds = llt.solve(rhs);
    bool signsHold = true;
    for (Eigen::Index r = 0; r < k; ++r) {
      const Eigen::Index jr = support[static_cast<std::size_t>(r)];
      full(jr) = ds(r);
      if (jr < p && (w(jr) + ds(r)) * signs[static_cast<std::size_t>(jr)] <= 0.0) signsHold = false;
    }
    if (!signsHold) continue;
    const Eigen::VectorXd hFull = h * full;
    // On the support the residual is rounding; off it, the zeros' subgradient condition.
    if (residual(full, hFull) <= std::max(innerTol, 1e-12 * (1.0 + g.cwiseAbs().maxCoeff()))) {
      d = full;
      return;
    }
  }
}

// Solves one C from the coefficients theta = (w, c) (c only with an intercept), in place.
LogisticFit solve(const Centred& cx, const Eigen::VectorXd& y, double bigC,
                  const LogisticOptions& o, Eigen::VectorXd& theta) {
  const Eigen::Index p = cx.p;
  const Eigen::Index m = cx.xa.cols();  // p or p + 1
  const bool icpt = o.fitIntercept;
  const double rho = o.l1Ratio;
  const double eps = std::numeric_limits<double>::epsilon();

  Eigen::VectorXd eta = cx.xa * theta;
  Eigen::VectorXd prob(eta.size()), v(eta.size()), gAll(m), d(m);
  Eigen::MatrixXd h(m, m), hLower(m, m), xv(cx.xa.rows(), m);
  LogisticFit fit;
  for (int it = 0;; ++it) {
    for (Eigen::Index i = 0; i < eta.size(); ++i) {
      prob(i) = sigmoid(eta(i));
      v(i) = prob(i) * (1.0 - prob(i));
    }
    gAll.noalias() = bigC * (cx.xa.transpose() * (prob - y));
    const Eigen::VectorXd w = theta.head(p);
    const double gb = icpt ? gAll(p) : 0.0;
    const double res = kkt(gAll.head(p), gb, w, rho, icpt);
    fit.kktResidual = res;
    fit.nIter = it;
    if (res <= o.tol) {
      fit.converged = true;
      break;
    }
    if (it == o.maxIter) break;

    // H = C·Aᵀdiag(v)A as a symmetric rank-n update (lower triangle, then mirrored).
    xv = cx.xa.array().colwise() * (bigC * v).array().sqrt();
    hLower.setZero();
    hLower.selfadjointView<Eigen::Lower>().rankUpdate(xv.transpose());
    h = hLower.selfadjointView<Eigen::Lower>();

    // Newton / proximal-Newton direction d for theta.
    if (rho == 0.0) {
      Eigen::MatrixXd a = h;
      a.diagonal().head(p).array() += 1.0;
      Eigen::VectorXd rhs = -gAll;
      rhs.head(p) -= w;
      Eigen::LLT<Eigen::MatrixXd> llt(a);
      d = llt.info() == Eigen::Success ? Eigen::VectorXd(llt.solve(rhs))
                                       : Eigen::VectorXd(a.ldlt().solve(rhs));
    } else {
      proximalNewtonDirection(h, gAll, w, rho, icpt, std::min(0.1 * res, res * res), o.maxSweeps,
                              d);
    }

    // Backtracking on F(θ + t·d).
    const double p0 = penalty(w, rho);
    const double f0 = bigC * lossSum(eta, y) + p0;
    const Eigen::VectorXd wFull = w + d.head(p);
    const double decrement = gAll.dot(d) + penalty(wFull, rho) - p0;
    const Eigen::VectorXd xd = cx.xa * d;
    double t = 1.0;
    bool accepted = false;
    Eigen::VectorXd etaT(eta.size());
    for (int ls = 0; ls < 60; ++ls) {
      etaT = eta + t * xd;
      const Eigen::VectorXd wT = w + t * d.head(p);
      const double fT = bigC * lossSum(etaT, y) + penalty(wT, rho);
      const bool armijo = fT <= f0 + 1e-4 * t * decrement;
      const bool belowRounding = t == 1.0 && std::abs(decrement) <= 64.0 * eps * std::abs(f0);
      if (armijo || belowRounding) {
        accepted = true;
        break;
      }
      t *= 0.5;
    }
    if (!accepted) break;  // no descent left at this precision: converged stays false
    theta += t * d;
    eta = etaT;
  }
  return fit;
}

}  // namespace

double logisticObjective(const Eigen::MatrixXd& x, const Eigen::VectorXd& y, double c,
                         double l1Ratio, const Eigen::VectorXd& w, double b) {
  checkDesign(x, y, "logisticObjective");
  if (w.size() != x.cols()) throw std::invalid_argument("logisticObjective: w has the wrong size");
  const Eigen::VectorXd eta = (x * w).array() + b;
  return c * lossSum(eta, y) + penalty(w, l1Ratio);
}

double logisticKktResidual(const Eigen::MatrixXd& x, const Eigen::VectorXd& y, double c,
                           const LogisticOptions& options, const Eigen::VectorXd& w, double b) {
  checkDesign(x, y, "logisticKktResidual");
  if (w.size() != x.cols()) {
    throw std::invalid_argument("logisticKktResidual: w has the wrong size");
  }
  const Eigen::VectorXd eta = (x * w).array() + (options.fitIntercept ? b : 0.0);
  Eigen::VectorXd r(eta.size());
  for (Eigen::Index i = 0; i < eta.size(); ++i) r(i) = sigmoid(eta(i)) - y(i);
  const Eigen::VectorXd g = c * (x.transpose() * r);
  return kkt(g, c * r.sum(), w, options.l1Ratio, options.fitIntercept);
}

LogisticPath logisticPath(const Eigen::MatrixXd& x, const Eigen::VectorXd& y,
                          const Eigen::VectorXd& cs, const LogisticOptions& options) {
  checkDesign(x, y, "logisticPath");
  checkBinaryLabels(y, "logisticPath");
  checkOptions(options, "logisticPath");
  if (cs.size() == 0) throw std::invalid_argument("logisticPath: cs is empty");
  for (Eigen::Index i = 0; i < cs.size(); ++i) checkC(cs(i), "logisticPath");
  const Centred cx = centre(x, options.fitIntercept);
  const Eigen::Index p = x.cols();
  Eigen::VectorXd theta = Eigen::VectorXd::Zero(cx.xa.cols());
  if (options.fitIntercept) {
    const double ybar = y.mean();
    theta(p) = std::log(ybar / (1.0 - ybar));
  }
  LogisticPath path;
  path.cs = cs;
  path.coefs.resize(p, cs.size());
  path.intercepts.resize(cs.size());
  path.kktResiduals.resize(cs.size());
  for (Eigen::Index i = 0; i < cs.size(); ++i) {
    const LogisticFit f = solve(cx, y, cs(i), options, theta);
    path.coefs.col(i) = theta.head(p);
    path.intercepts(i) = options.fitIntercept ? theta(p) - cx.xMean.dot(theta.head(p)) : 0.0;
    path.kktResiduals(i) = f.kktResidual;
    path.nIters.push_back(f.nIter);
    path.converged.push_back(f.converged);
  }
  return path;
}

LogisticFit logisticFit(const Eigen::MatrixXd& x, const Eigen::VectorXd& y, double c,
                        const LogisticOptions& options, const LogisticFit* warmStart) {
  checkDesign(x, y, "logisticFit");
  checkBinaryLabels(y, "logisticFit");
  checkOptions(options, "logisticFit");
  checkC(c, "logisticFit");
  const Centred cx = centre(x, options.fitIntercept);
  const Eigen::Index p = x.cols();
  Eigen::VectorXd theta = Eigen::VectorXd::Zero(cx.xa.cols());
  if (warmStart) {
    if (warmStart->coef.size() != p) {
      throw std::invalid_argument("logisticFit: warm start has " +
                                  std::to_string(warmStart->coef.size()) + " weights, expected " +
                                  std::to_string(p));
    }
    theta.head(p) = warmStart->coef;
    if (options.fitIntercept) theta(p) = warmStart->intercept + cx.xMean.dot(warmStart->coef);
  } else if (options.fitIntercept) {
    const double ybar = y.mean();
    theta(p) = std::log(ybar / (1.0 - ybar));
  }
  LogisticFit fit = solve(cx, y, c, options, theta);
  fit.coef = theta.head(p);
  fit.intercept = options.fitIntercept ? theta(p) - cx.xMean.dot(fit.coef) : 0.0;
  return fit;
}

double logisticCMin(const Eigen::MatrixXd& x, const Eigen::VectorXd& y, double l1Ratio,
                    bool fitIntercept) {
  checkDesign(x, y, "logisticCMin");
  checkBinaryLabels(y, "logisticCMin");
  if (!(l1Ratio > 0.0 && l1Ratio <= 1.0)) {
    throw std::invalid_argument(
        "logisticCMin: l1Ratio must be in (0, 1] (with l1Ratio = 0 every C gives w != 0), got " +
        std::to_string(l1Ratio));
  }
  Eigen::VectorXd corr;
  if (fitIntercept) {
    const Eigen::MatrixXd xc = x.rowwise() - x.colwise().mean();
    corr = xc.transpose() * (y.array() - y.mean()).matrix();
  } else {
    corr = x.transpose() * (y.array() - 0.5).matrix();
  }
  const double top = corr.cwiseAbs().maxCoeff();
  if (top == 0.0) throw std::invalid_argument("logisticCMin: no column of x correlates with y");
  return l1Ratio / top;
}

Eigen::VectorXd logisticCGrid(const Eigen::MatrixXd& x, const Eigen::VectorXd& y, double l1Ratio,
                              int nCs, double eps, bool fitIntercept) {
  if (nCs < 1) throw std::invalid_argument("logisticCGrid: nCs must be >= 1");
  if (!(eps > 0.0 && eps <= 1.0)) {
    throw std::invalid_argument("logisticCGrid: eps must be in (0, 1], got " + std::to_string(eps));
  }
  const double cMin = logisticCMin(x, y, l1Ratio, fitIntercept);
  // λ from λ_max down to eps·λ_max is C from C_min up to C_min/eps.
  return logspace(cMin, cMin / eps, nCs);
}

double logLoss(const Eigen::MatrixXd& x, const Eigen::VectorXd& y, const Eigen::VectorXd& w,
               double b) {
  checkDesign(x, y, "logLoss");
  const Eigen::VectorXd eta = (x * w).array() + b;
  return lossSum(eta, y) / static_cast<double>(y.size());
}

double misclassification(const Eigen::MatrixXd& x, const Eigen::VectorXd& y,
                         const Eigen::VectorXd& w, double b) {
  checkDesign(x, y, "misclassification");
  const Eigen::VectorXd eta = (x * w).array() + b;
  Eigen::Index wrong = 0;
  for (Eigen::Index i = 0; i < eta.size(); ++i) {
    const double predicted = eta(i) > 0.0 ? 1.0 : 0.0;
    if (predicted != y(i)) ++wrong;
  }
  return static_cast<double>(wrong) / static_cast<double>(y.size());
}

}  // namespace engine::linear
