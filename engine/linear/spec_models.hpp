// The exact solvers on an experiment's data set, for the "Choosing λ" views (the JS API's
// linearPath and linearCvFold, engine/bindings/linear_bindings.cpp).
// Data pin: the rows a Trainer with the same spec would get (makeSpecData: same generation,
// split and feature expansion, data.folds included), with the network's float scaler replaced:
//   fit rows  = the training and validation rows together (everything but the test split), in
//               increasing row order; designFrom standardises their columns in double
//               (StandardScaler) when data.standardize is set, else uses them as they are;
//   test rows = the test split, scaled with the fit rows' mean and scale; never fitted.
// The target is the raw one (regression in its own units; a class index 0/1 for two classes).
// Models and their grids (from the fit rows, strongest penalty first, as the solvers' headers):
//   lasso        elastic_net.hpp at ρ = 1, alphaGrid(ρ = 1)
//   elasticNet   elastic_net.hpp at ρ = l1Ratio ∈ (0, 1], alphaGrid(ρ)
//   ridge        ridge.hpp, exact; α in the elastic net's units (objective
//                1/(2n)‖y − Xw − b‖² + (α/2)‖w‖², i.e. sklearn Ridge(alpha = n·α)), and the grid
//                glmnet uses for ridge: alphaGrid at ρ = 0.001 (ridge has no α_max)
//   logistic     logistic.hpp at ρ = l1Ratio ∈ [0, 1] (1 = "l1", 0 = "l2"); the grid holds C,
//                increasing: logisticCGrid at max(ρ, 0.001) (glmnet's convention for ρ = 0)
// Test error: mean squared error (regression models) or misclassification rate (logistic) of
// each grid point's fit on the test rows; NaN when the test split is empty.
// Cross-validation (as LassoCV): the grid from all fit rows, fold ids over the fit rows from
// linear/folds.hpp (seeded, stratified by class on a classification set), fold f fits the path
// on the other folds and scores fold f (cross_validation.hpp's cvFold; ridge the same way with
// its exact path). With the spec's seed and data.folds = k these are exactly the folds of the
// network's k-fold split (data/make_data.hpp): fold f here is the validation split of a Trainer
// with data.fold = f.
#pragma once

#include <Eigen/Core>
#include <cstdint>
#include <string>
#include <vector>

#include "data/make_data.hpp"
#include "linear/design.hpp"
#include "spec/experiment_spec.hpp"

namespace engine::linear {

struct SpecDesign {
  Design fit;             // fit rows (x standardised when data.standardize), raw target
  Eigen::MatrixXd testX;  // test rows, scaled as fit.x
  Eigen::VectorXd testY;
  std::vector<std::string> featureNames;
  int numClasses = 0;       // 0 regression, 2 binary, K > 2 multiclass
  std::vector<int> labels;  // class per fit row (classification), else empty
};

// Throws std::invalid_argument naming the field (validation of the spec, the data, custom data
// for kind "custom"; multi-output regression is refused).
SpecDesign specDesign(const ExperimentSpec& spec, const CustomData* custom = nullptr);

enum class LinearModel { Lasso, ElasticNet, Ridge, Logistic };
enum class LinearScore { MeanSquaredError, Misclassification, LogLoss };

struct LinearModelOptions {
  LinearModel model = LinearModel::Lasso;
  double l1Ratio = 1.0;  // elasticNet: (0, 1]; logistic: [0, 1]; lasso 1, ridge 0
  int nAlphas = 100;     // [1, 1000]
  double eps = 1e-3;     // (0, 1)
  double tol = -1.0;     // ≤ 0: the solver's default (1e-4 elastic net, 1e-8 logistic)
  // ≤ 0: the solver's default: 1000 coordinate-descent sweeps per α (elastic net, sklearn's
  // max_iter), 100 Newton iterations per C (logistic). Ridge is exact.
  int maxIter = 0;
  // Cross-validation score of logistic regression (regression models: mean squared error).
  LinearScore score = LinearScore::Misclassification;
};

// std::invalid_argument naming "options.<field>" unless the options fit the model and the data
// (logistic needs two classes, the regression models refuse more than two).
void checkLinearOptions(const LinearModelOptions& options, const SpecDesign& design);

struct LinearPath {
  Eigen::VectorXd alphas;      // α decreasing, or C increasing (logistic)
  Eigen::MatrixXd coefs;       // alphas.size() × p, row i the fit at alphas(i)
  Eigen::VectorXd intercepts;  // one per grid point
  std::vector<int> nonZeros;   // exact non-zero coefficients per grid point
  Eigen::VectorXd testError;   // per grid point, NaN without test rows
  bool converged = true;       // every grid point met its tolerance
};

LinearPath specPath(const SpecDesign& design, const LinearModelOptions& options);

// The grid of specPath (and of every CV fold).
Eigen::VectorXd specGrid(const SpecDesign& design, const LinearModelOptions& options);

// Fold ids of the fit rows: foldIds(n, k, seed, labels). k in [2, n].
std::vector<int> specFoldIds(const SpecDesign& design, int folds, std::uint64_t seed);

struct LinearCvFold {
  int fold = -1;
  Eigen::VectorXd alphas;
  std::vector<double> errors;  // one per grid point
};

// Fold `fold` of k-fold CV (0 ≤ fold < folds).
LinearCvFold specCvFold(const SpecDesign& design, const LinearModelOptions& options, int folds,
                        std::uint64_t seed, int fold);

// The network's penalty with the same minimiser as the path's model at grid value `alpha`, for a
// network with no hidden layer trained on the same rows ("Apply" on the page). The trainer's
// data term is a mean over the rows (MSE 1/n‖r‖², BCE mean) plus λ·s·R, with R the penalty of
// engine/penalty (L2 with its ½, elastic net sklearn's) and s = spec.model.outputPenaltyScale
// (> 0). A regression target is standardised by the network when data.standardize (σ, the
// population std of the fit rows' target; 1 otherwise), so its weights are the path's / σ and:
//   lasso        l1          λ = 2α / (σ·s)
//   ridge        l2          λ = 2α / s
//   elasticNet   elasticNet  λ·s = A + B, ρ' = A / (A + B), A = 2αρ/σ, B = 2α(1 − ρ)
//   logistic     l1 (ρ = 1), l2 (ρ = 0), else elasticNet with ρ; λ = 1/(n·C) / s, n = fit rows
// The features are the design's (standardised as the network's scaler does when
// data.standardize). Exact when the network trains on the fit rows (data.valFraction = 0);
// otherwise its training rows are a part of them. Throws std::invalid_argument: a regression
// model on class labels (the network trains cross-entropy there: use logistic), alpha not > 0,
// s = 0.
struct NetworkPenalty {
  std::string kind;  // "l1", "l2" or "elasticNet"
  double lambda = 0.0;
  double l1Ratio = 1.0;
  double targetScale = 1.0;  // σ: the network's weights times σ are the path's coefficients
};
NetworkPenalty networkPenalty(const ExperimentSpec& spec, const SpecDesign& design,
                              const LinearModelOptions& options, double alpha);

}  // namespace engine::linear
