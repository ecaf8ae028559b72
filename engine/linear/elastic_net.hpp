// Lasso and elastic net by cyclic coordinate descent, one α or a warm-started path of α.
// Objective (scikit-learn 1.2 ElasticNet / Lasso, glmnet's gaussian family with λ = α):
//   1/(2n)‖y − Xw − b‖² + α(ρ‖w‖₁ + (1−ρ)/2‖w‖²),   ρ = l1Ratio ∈ [0, 1], α ≥ 0,
// intercept b unpenalised (fitIntercept: centre X and y, b = ȳ − x̄ᵀw). ρ = 1 is Lasso(alpha);
// ρ = 0 is ridge, equal to sklearn Ridge(alpha = n·α) (see ridge.hpp).
// Algorithm: scikit-learn's enet_coordinate_descent_gram, i.e. Friedman et al. (2010, JSS) with
// covariance updates, on the n-scaled objective ½‖y_c − X_c w‖² + l1‖w‖₁ + (l2/2)‖w‖²,
// l1 = αρn, l2 = α(1−ρ)n. Keeping H = Qw (Q = X_cᵀX_c), one update of w_j is
//   w_j ← S(q_j − H_j + Q_jj w_j, l1) / (Q_jj + l2),  S the soft threshold (exact zeros),
//   H ← H + Δw_j·Q_:j  only when w_j changed,
// so a coordinate that stays 0 costs O(1) and a sweep costs O(p + p·#changed). That is why there
// is no separate active-set loop (glmnet's): with covariance updates the full sweep already
// skips inactive coordinates in O(1) each, and it keeps sklearn's exact iteration. Columns with
// Q_jj = 0 are skipped (their w_j stays at its start value, 0 from a cold start).
// Stopping, as sklearn (tol pin): after a sweep, if max_j|Δw_j| < tol·max_j|w_j| (or w = 0, or
// the last sweep), compute the duality gap G of the n-scaled problem (sklearn's formula) and stop
// when G ≤ tol·‖y_c‖², i.e. the gap of the 1/(2n) objective is at most tol·‖y_c‖²/n (sklearn
// has <; ≤ differs only when y_c = 0, where < never holds). At ρ = 0 sklearn's gap formula
// degenerates (its dual point is 0), so ridge uses the ridge dual at θ = residual; at α = 0 only
// the update test applies and the gap is NaN. The reported dual gap is in 1/(2n) units
// (sklearn's dual_gap_ / enet_path's dual_gaps). With l1 > 0 the gap needs
// ‖y_c − X_cw‖² = ‖y_c‖² − 2qᵀw + wᵀQw, whose rounding (≈1e-16·‖y_c‖²) makes tol below ~1e-14
// unreachable; H is recomputed as Qw at every gap check so that update drift never adds to it.
// Warm starts: a path fits its α in the order given, each from the previous solution; a
// decreasing grid (alpha_grid.hpp) is fastest (glmnet's pathwise strategy).
#pragma once

#include <Eigen/Core>
#include <vector>

#include "linear/gram_problem.hpp"

namespace engine::linear {

struct EnetOptions {
  double l1Ratio = 1.0;  // ρ ∈ [0, 1]; 1 = lasso
  bool fitIntercept = true;
  double tol = 1e-4;   // sklearn's tol (default 1e-4)
  int maxIter = 1000;  // sweeps per α (sklearn's max_iter)
};

struct EnetFit {
  Eigen::VectorXd coef;  // w
  double intercept = 0.0;
  double dualGap = 0.0;  // of the 1/(2n) objective, at the last check
  int nIter = 0;         // sweeps
  bool converged = false;
};

struct EnetPath {
  Eigen::VectorXd alphas;      // as given
  Eigen::MatrixXd coefs;       // p × alphas.size(), column i at alphas(i) (enet_path's layout)
  Eigen::VectorXd intercepts;  // one per α
  Eigen::VectorXd dualGaps;    // 1/(2n) units
  std::vector<int> nIters;
  std::vector<bool> converged;
};

struct CdResult {
  double dualGap = 0.0;  // n-scaled units, as cd_fast returns it
  int nIter = 0;
  bool converged = false;
};

// One α on a GramProblem, w warm start in / solution out (size p). Validates α, ρ, tol, maxIter.
CdResult enetCoordinateDescent(const GramProblem& g, double alpha, double l1Ratio, double tol,
                               int maxIter, Eigen::VectorXd& w);

// One α; warmStart (size p) optional.
EnetFit enetFit(const Eigen::MatrixXd& x, const Eigen::VectorXd& y, double alpha,
                const EnetOptions& options = {}, const Eigen::VectorXd* warmStart = nullptr);

// A path over alphas (any order, warm-started in that order, from w = 0). options.fitIntercept
// is the GramProblem's own when called with one.
EnetPath enetPath(const GramProblem& g, const Eigen::VectorXd& alphas,
                  const EnetOptions& options = {});
EnetPath enetPath(const Eigen::MatrixXd& x, const Eigen::VectorXd& y, const Eigen::VectorXd& alphas,
                  const EnetOptions& options = {});

// The objective above at (w, b), for tests and displays.
double enetObjective(const Eigen::MatrixXd& x, const Eigen::VectorXd& y, const Eigen::VectorXd& w,
                     double b, double alpha, double l1Ratio);

// Shared argument checks (std::invalid_argument naming the argument).
void checkAlpha(double alpha, const char* where);
void checkL1Ratio(double l1Ratio, const char* where);

}  // namespace engine::linear
