// k-fold cross-validation of an exact-solver path, fold by fold (glmnet's cv.glmnet; scikit-learn
// 1.2's LassoCV / ElasticNetCV for the elastic net):
//   one grid for all folds, computed on the FULL data (LassoCV: _alpha_grid on X, y), ordered from
//   the strongest penalty to the weakest (α decreasing; for logistic regression C increasing);
//   for fold f: fit the warm-started path on the rows with id ≠ f (centred on their own means,
//   as LassoCV's _path_residuals), and score every grid point on the rows with id = f:
//     meanSquaredError  1/n_f Σ (y − x̂ᵀw − b)²   (LassoCV's mse_path_)
//     logLoss           1/n_f Σ ℓ(y, xᵀw + b)
//     misclassification fraction with (xᵀw + b > 0) ≠ y
//   then, per grid point, over the k folds (unweighted, as LassoCV's mean of mse_path_):
//     mean  m = (1/k) Σ_f e_f,   standard error  se = sd(e_1..e_k; ddof 1)/√k   (glmnet's cvsd
//     with equal fold weights), bestIndex = the first argmin of m (ties: the stronger penalty),
//     oneSeIndex = the first index (strongest penalty) with m ≤ m[best] + se[best] (glmnet's
//     lambda.1se: "largest λ within one SE of the minimum").
// Order independence (pin): cvFold reads only its arguments, and combineFolds sorts the folds
// by id before summing in that fixed order, so folds computed in any order, one at a time, or by
// different workers give bit-identical results.
// Data pin: x is used as given (standardise once beforehand if wanted, as StandardScaler then
// LassoCV does); a fold's test rows never enter its fit.
#pragma once

#include <Eigen/Core>
#include <vector>

#include "linear/elastic_net.hpp"
#include "linear/logistic.hpp"

namespace engine::linear {

enum class CvModel { ElasticNet, Logistic };
enum class CvScore { MeanSquaredError, LogLoss, Misclassification };

struct CvSpec {
  CvModel model = CvModel::ElasticNet;
  Eigen::VectorXd grid;      // α (ElasticNet, decreasing) or C (Logistic, increasing)
  EnetOptions enet;          // ElasticNet: l1Ratio, fitIntercept, tol, maxIter
  LogisticOptions logistic;  // Logistic
  CvScore score = CvScore::MeanSquaredError;
};

// A spec with the default grid of the full data: alphaGrid(x, y) for the elastic net.
CvSpec enetCvSpec(const Eigen::MatrixXd& x, const Eigen::VectorXd& y, const EnetOptions& enet = {},
                  int nAlphas = 100, double eps = 1e-3);
// logisticCGrid(x, y) for ρ > 0; with ρ = 0 pass your own grid in spec.grid.
CvSpec logisticCvSpec(const Eigen::MatrixXd& x, const Eigen::VectorXd& y,
                      const LogisticOptions& logistic, CvScore score = CvScore::LogLoss,
                      int nCs = 100, double eps = 1e-3);

struct FoldErrors {
  int fold = -1;
  int trainSize = 0;
  int testSize = 0;
  std::vector<double> error;  // one per grid point
};

// Fold `fold` alone (0 ≤ fold < k, k from foldIds).
FoldErrors cvFold(const Eigen::MatrixXd& x, const Eigen::VectorXd& y,
                  const std::vector<int>& foldIds, int fold, const CvSpec& spec);

struct CvResult {
  Eigen::VectorXd grid;
  Eigen::MatrixXd foldError;  // k × grid.size(), row f = fold f
  Eigen::VectorXd meanError;
  Eigen::VectorXd stdError;
  int bestIndex = -1;
  int oneSeIndex = -1;
};

// Reduces the k folds (each exactly once, in any order) over the given grid.
CvResult combineFolds(const std::vector<FoldErrors>& folds, const Eigen::VectorXd& grid);

// cvFold for every fold, then combineFolds.
CvResult crossValidate(const Eigen::MatrixXd& x, const Eigen::VectorXd& y,
                       const std::vector<int>& foldIds, const CvSpec& spec);

}  // namespace engine::linear
