// The sufficient statistics of a least-squares problem, computed once and shared by every α of a
// path (and by one CV fold): the Gram (covariance) matrix and Xᵀy of the centred data,
//   Q = X_cᵀX_c  (p × p),   q = X_cᵀy_c,   ‖y_c‖²,
// with X_c = X − 1x̄ᵀ and y_c = y − ȳ when fitIntercept (sklearn's _preprocess_data), else X and
// y as given (x̄ = 0, ȳ = 0). This is the "covariance updating" form of coordinate descent of
// Friedman, Hastie & Tibshirani (2010, JSS 33(1), §2.2) and scikit-learn's
// enet_coordinate_descent_gram (precompute=True, the default of its paths when n > p): after
// the O(np²) set-up no step touches the n rows again.
// Float64 throughout; X and y are not kept.
#pragma once

#include <Eigen/Core>

namespace engine::linear {

struct GramProblem {
  Eigen::MatrixXd gram;      // Q = X_cᵀX_c
  Eigen::VectorXd xty;       // q = X_cᵀy_c
  double yNorm2 = 0.0;       // ‖y_c‖²
  Eigen::RowVectorXd xMean;  // x̄ (zeros without an intercept)
  double yMean = 0.0;        // ȳ (0 without an intercept)
  Eigen::Index n = 0;        // rows
  bool fitIntercept = true;

  Eigen::Index features() const { return gram.cols(); }
  // The intercept that goes with w: b = ȳ − x̄ᵀw (0 without an intercept).
  double intercept(const Eigen::VectorXd& w) const {
    return fitIntercept ? yMean - xMean.dot(w) : 0.0;
  }
};

// Throws std::invalid_argument for empty or mismatched x and y, or non-finite values.
GramProblem makeGramProblem(const Eigen::MatrixXd& x, const Eigen::VectorXd& y, bool fitIntercept);

}  // namespace engine::linear
