// Penalised binary logistic regression, exactly solved, as scikit-learn 1.2's
// LogisticRegression(penalty = "l2" | "l1" | "elasticnet", C, fit_intercept=True):
//   minimise  C·Σᵢ ℓ(yᵢ, xᵢᵀw + b) + ρ‖w‖₁ + (1−ρ)/2‖w‖²,   ℓ(y, η) = log(1 + e^η) − yη,
// y ∈ {0, 1}, C > 0, ρ = l1Ratio (0 = "l2", 1 = "l1"), intercept b unpenalised. That is
// glmnet's binomial family (1/n Σℓ + λ(ρ‖w‖₁ + (1−ρ)/2‖w‖²)) with λ = 1/(n·C).
// Which sklearn solution is matched: L2 as solver="newton-cholesky" (and lbfgs, newton-cg, sag,
// saga), L1 and elastic net as solver="saga" — solvers whose intercept is unpenalised, so all
// give the minimiser of the one strictly convex objective above (the golden script checks its
// KKT conditions). liblinear is NOT matched: it penalises the intercept as a weight.
// Algorithm: proximal Newton (glmnet's IRLS + coordinate descent; Friedman et al. 2010 §3;
// with the line search of newGLMNET, Yuan, Ho & Lin 2012, and Lee, Sun & Saunders 2014). At
// (w, b): p = σ(η), gradient g = C·X_cᵀ(p − y), Hessian H = C·[X_c 1]ᵀdiag(p(1−p))[X_c 1]
// (X centred; b is mapped back as b − x̄ᵀw). The quadratic model gᵀd + ½dᵀHd + P(w + d) is
// minimised exactly when ρ = 0 (Newton: Cholesky of H + diag(1,…,1,0)). When ρ > 0, cyclic
// coordinate descent with covariance updates finds the support and, once two sweeps agree on
// the signs, one Cholesky on the support finishes it exactly (kept only if it satisfies the
// subproblem's optimality conditions); otherwise the sweeps continue to a subproblem KKT residual
// ≤ min(0.1·r, r²), r the outer one (inexact proximal Newton, superlinear forcing term). Then
// backtracking (halving) until
// F(w + t·d) ≤ F(w) + 10⁻⁴·t·Δ, Δ = gᵀd + P(w + d) − P(w); when |Δ| is below F's own rounding
// (64ε|F|) the full step is taken without the test (the quadratic phase; the test would only
// compare noise). Stopping (tol pin): the KKT residual of the objective above,
//   max( max_j dist(0, ∂_j F), |∂F/∂b| ),  dist = |g_j + ρ·sign(w_j) + (1−ρ)w_j| for w_j ≠ 0,
//   max(|g_j| − ρ, 0) for w_j = 0,
// is ≤ tol. Its unit is the penalty's (an L1 weight enters at residual 1), so tol is relative to
// the penalty, independent of n and C. Exact zeros come from the soft threshold.
// Start: w = 0, b = log(ȳ/(1 − ȳ)) (the optimum at w = 0), or a warm start.
#pragma once

#include <Eigen/Core>
#include <vector>

namespace engine::linear {

struct LogisticOptions {
  double l1Ratio = 0.0;  // ρ ∈ [0, 1]: 0 = "l2", 1 = "l1"
  bool fitIntercept = true;
  double tol = 1e-8;      // on the KKT residual, penalty units
  int maxIter = 100;      // outer (Newton) iterations per C
  int maxSweeps = 10000;  // coordinate-descent sweeps per inner solve (ρ > 0)
};

struct LogisticFit {
  Eigen::VectorXd coef;
  double intercept = 0.0;
  double kktResidual = 0.0;
  int nIter = 0;  // Newton iterations
  bool converged = false;
};

struct LogisticPath {
  Eigen::VectorXd cs;     // as given
  Eigen::MatrixXd coefs;  // p × cs.size()
  Eigen::VectorXd intercepts;
  Eigen::VectorXd kktResiduals;
  std::vector<int> nIters;
  std::vector<bool> converged;
};

// y must hold 0/1 with both classes. warmStart: a previous fit (its coef and intercept).
LogisticFit logisticFit(const Eigen::MatrixXd& x, const Eigen::VectorXd& y, double c,
                        const LogisticOptions& options = {},
                        const LogisticFit* warmStart = nullptr);

// A path over cs (any order, warm-started in that order; increasing C, i.e. decreasing penalty,
// is fastest).
LogisticPath logisticPath(const Eigen::MatrixXd& x, const Eigen::VectorXd& y,
                          const Eigen::VectorXd& cs, const LogisticOptions& options = {});

// The KKT residual above at (w, b) (b ignored without an intercept), for tests.
double logisticKktResidual(const Eigen::MatrixXd& x, const Eigen::VectorXd& y, double c,
                           const LogisticOptions& options, const Eigen::VectorXd& w, double b);

// The objective above at (w, b).
double logisticObjective(const Eigen::MatrixXd& x, const Eigen::VectorXd& y, double c,
                         double l1Ratio, const Eigen::VectorXd& w, double b);

// The smallest C at which w ≠ 0 (ρ > 0): ρ / max_j |x_cjᵀ(y − ȳ)| with an intercept,
// ρ / max_j |x_jᵀ(y − ½)| without (glmnet's λ_max = 1/(n·C_min); sklearn's l1_min_c for an
// unpenalised intercept).
double logisticCMin(const Eigen::MatrixXd& x, const Eigen::VectorXd& y, double l1Ratio,
                    bool fitIntercept = true);

// nCs values of C log-spaced from C_min up to C_min/eps, increasing (penalty decreasing, as the
// α grid): glmnet's λ sequence in C units.
Eigen::VectorXd logisticCGrid(const Eigen::MatrixXd& x, const Eigen::VectorXd& y, double l1Ratio,
                              int nCs = 100, double eps = 1e-3, bool fitIntercept = true);

// Mean log loss (1/n Σ ℓ) and misclassification rate (η > 0 predicts 1, as sklearn's predict)
// of (w, b) on x, y.
double logLoss(const Eigen::MatrixXd& x, const Eigen::VectorXd& y, const Eigen::VectorXd& w,
               double b);
double misclassification(const Eigen::MatrixXd& x, const Eigen::VectorXd& y,
                         const Eigen::VectorXd& w, double b);

}  // namespace engine::linear
