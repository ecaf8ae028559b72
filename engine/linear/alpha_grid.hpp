// The default penalty grid of a lasso / elastic-net path, as glmnet (Friedman, Hastie &
// Tibshirani 2010, JSS 33(1), §2.5) and scikit-learn 1.2's _alpha_grid:
//   α_max = max_j |x_cjᵀ y_c| / (n·ρ)      (centred data when fitIntercept; ρ = l1Ratio)
// the smallest α at which w = 0 solves the elastic net, then nAlphas values log-spaced from
// α_max down to eps·α_max, decreasing:
//   α_i = 10^(log10(eps·α_max) + i·Δ), Δ = (log10(α_max) − log10(eps·α_max))/(nAlphas − 1),
// listed from i = nAlphas − 1 to 0 (numpy.logspace reversed, the last exponent exactly
// log10(α_max)). Defaults: nAlphas = 100, eps = 1e-3. When α_max ≤ 1e-15 (y constant or
// orthogonal to X) every α is 1e-15, as sklearn (np.finfo(float).resolution).
// ρ = 0 (ridge) has no finite α_max: std::invalid_argument, as sklearn refuses it.
#pragma once

#include <Eigen/Core>

#include "linear/gram_problem.hpp"

namespace engine::linear {

struct AlphaGridOptions {
  double l1Ratio = 1.0;  // ρ in (0, 1]
  int nAlphas = 100;     // ≥ 1
  double eps = 1e-3;     // α_min / α_max, in (0, 1]
};

// α_max from the centred statistics (q = X_cᵀy_c, n).
double alphaMax(const GramProblem& g, double l1Ratio);
double alphaMax(const Eigen::MatrixXd& x, const Eigen::VectorXd& y, double l1Ratio,
                bool fitIntercept = true);

// The decreasing grid.
Eigen::VectorXd alphaGrid(const GramProblem& g, const AlphaGridOptions& options = {});
Eigen::VectorXd alphaGrid(const Eigen::MatrixXd& x, const Eigen::VectorXd& y,
                          const AlphaGridOptions& options = {}, bool fitIntercept = true);

// numpy.logspace(log10(lo), log10(hi), count): count values from lo up to hi, log-spaced,
// increasing (the grid above is this reversed). Requires 0 < lo ≤ hi and count ≥ 1.
Eigen::VectorXd logspace(double lo, double hi, int count);

}  // namespace engine::linear
