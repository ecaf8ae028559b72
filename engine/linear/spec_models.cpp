#include "linear/spec_models.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <stdexcept>
#include <string>
#include <utility>

#include "linear/alpha_grid.hpp"
#include "linear/cross_validation.hpp"
#include "linear/elastic_net.hpp"
#include "linear/folds.hpp"
#include "linear/gram_problem.hpp"
#include "linear/logistic.hpp"
#include "linear/ridge.hpp"

namespace engine::linear {

namespace {

// glmnet's stand-in ρ for the grid of a penalty without an L1 part.
constexpr double kGridRatioFloor = 1e-3;

std::string classesText(int numClasses) {
  return numClasses == 0 ? std::string("a regression target")
                         : std::to_string(numClasses) + " classes";
}

double squaredError(const Eigen::MatrixXd& x, const Eigen::VectorXd& y, const Eigen::VectorXd& w,
                    double b) {
  return ((x * w).array() + b - y.array()).square().sum() / static_cast<double>(y.size());
}

}  // namespace

SpecDesign specDesign(const ExperimentSpec& spec, const CustomData* custom) {
  ExperimentSpec s = spec;
  if (custom) s.data.kind = "custom";
  const std::vector<std::string> errors = validate(s);
  if (!errors.empty()) throw std::invalid_argument(describeErrors(errors));
  // The network's float scaler (and its standardised regression target) are not wanted here:
  // the rows come unscaled and designFrom standardises them in double.
  DataSpec unscaled = s.data;
  unscaled.standardize = false;
  const SplitData data = makeSpecData(unscaled, s.seed, custom);
  if (data.train.targetCols != 1) {
    throw std::invalid_argument("data: the linear models take one target column, this data has " +
                                std::to_string(data.train.targetCols));
  }

  // Training and validation rows together, in increasing row order.
  std::vector<std::pair<int, std::pair<const Dataset*, Index>>> rows;
  for (std::size_t i = 0; i < data.trainRows.size(); ++i)
    rows.push_back({data.trainRows[i], {&data.train, static_cast<Index>(i)}});
  for (std::size_t i = 0; i < data.validationRows.size(); ++i)
    rows.push_back({data.validationRows[i], {&data.validation, static_cast<Index>(i)}});
  std::sort(rows.begin(), rows.end(),
            [](const auto& a, const auto& b) { return a.first < b.first; });
  Dataset fit;
  fit.x.resize(static_cast<Index>(rows.size()), data.train.x.cols());
  fit.target.resize(rows.size());
  for (std::size_t r = 0; r < rows.size(); ++r) {
    const Dataset& from = *rows[r].second.first;
    const Index i = rows[r].second.second;
    fit.x.row(static_cast<Index>(r)) = from.x.row(i);
    fit.target[r] = from.target[static_cast<std::size_t>(i)];
  }
  fit.numClasses = data.train.numClasses;
  fit.featureNames = data.train.featureNames;

  SpecDesign out;
  out.fit = designFrom(fit, s.data.standardize);
  out.featureNames = fit.featureNames;
  out.numClasses = fit.numClasses;
  if (out.numClasses > 0) {
    out.labels.reserve(rows.size());
    for (Eigen::Index i = 0; i < out.fit.y.size(); ++i)
      out.labels.push_back(static_cast<int>(out.fit.y(i)));
  }
  const Dataset& test = data.test;
  out.testX = test.x.cast<double>();
  for (Eigen::Index j = 0; j < out.testX.cols(); ++j)
    out.testX.col(j) = (out.testX.col(j).array() - out.fit.mean(j)) / out.fit.scale(j);
  out.testY.resize(static_cast<Eigen::Index>(test.target.size()));
  for (Eigen::Index i = 0; i < out.testY.size(); ++i)
    out.testY(i) = static_cast<double>(test.target[static_cast<std::size_t>(i)]);
  return out;
}

void checkLinearOptions(const LinearModelOptions& o, const SpecDesign& design) {
  if (o.nAlphas < 1 || o.nAlphas > 1000)
    throw std::invalid_argument("options.nAlphas: must be an integer in [1, 1000], got " +
                                std::to_string(o.nAlphas));
  if (!(o.eps > 0.0 && o.eps < 1.0))
    throw std::invalid_argument("options.eps: must be in (0, 1), got " + std::to_string(o.eps));
  if (!(o.tol <= 0.0 || (o.tol > 0.0 && o.tol < 1.0)))
    throw std::invalid_argument("options.tol: must be in (0, 1)");
  if (o.maxIter > 1000000)
    throw std::invalid_argument("options.maxIter: must be an integer in [1, 1000000]");
  const bool logistic = o.model == LinearModel::Logistic;
  switch (o.model) {
    case LinearModel::Lasso:
      if (o.l1Ratio != 1.0) throw std::invalid_argument("options.l1Ratio: the lasso has ρ = 1");
      break;
    case LinearModel::Ridge:
      if (o.l1Ratio != 0.0) throw std::invalid_argument("options.l1Ratio: ridge has ρ = 0");
      break;
    case LinearModel::ElasticNet:
      if (!(o.l1Ratio > 0.0 && o.l1Ratio <= 1.0))
        throw std::invalid_argument("options.l1Ratio: must be in (0, 1] for the elastic net, got " +
                                    std::to_string(o.l1Ratio));
      break;
    case LinearModel::Logistic:
      if (!(o.l1Ratio >= 0.0 && o.l1Ratio <= 1.0))
        throw std::invalid_argument("options.l1Ratio: must be in [0, 1], got " +
                                    std::to_string(o.l1Ratio));
      break;
  }
  if (logistic == (o.score == LinearScore::MeanSquaredError))
    throw std::invalid_argument(
        "options.score: mean squared error for the regression models, misclassification or log "
        "loss for logistic regression");
  if (logistic && design.numClasses != 2) {
    throw std::invalid_argument(
        "options.model: logistic regression needs a data set with two classes, this one has " +
        classesText(design.numClasses));
  }
  if (!logistic && design.numClasses > 2) {
    throw std::invalid_argument(
        "options.model: the lasso, elastic net and ridge need a regression target (or two "
        "classes), this data set has " +
        classesText(design.numClasses));
  }
}

Eigen::VectorXd specGrid(const SpecDesign& design, const LinearModelOptions& o) {
  checkLinearOptions(o, design);
  const Design& d = design.fit;
  if (o.model == LinearModel::Logistic) {
    return logisticCGrid(d.x, d.y, std::max(o.l1Ratio, kGridRatioFloor), o.nAlphas, o.eps);
  }
  AlphaGridOptions g;
  g.l1Ratio = o.model == LinearModel::Ridge ? kGridRatioFloor : o.l1Ratio;
  g.nAlphas = o.nAlphas;
  g.eps = o.eps;
  return alphaGrid(d.x, d.y, g);
}

namespace {

EnetOptions enetOptions(const LinearModelOptions& o) {
  EnetOptions e;
  e.l1Ratio = o.l1Ratio;
  if (o.tol > 0.0) e.tol = o.tol;
  if (o.maxIter > 0) e.maxIter = o.maxIter;
  return e;
}

LogisticOptions logisticOptions(const LinearModelOptions& o) {
  LogisticOptions l;
  l.l1Ratio = o.l1Ratio;
  if (o.tol > 0.0) l.tol = o.tol;
  if (o.maxIter > 0) l.maxIter = o.maxIter;
  return l;
}

// Ridge on (x, y) at the elastic net's α (sklearn Ridge's α = n·α).
RidgePath ridgeInEnetUnits(const Eigen::MatrixXd& x, const Eigen::VectorXd& y,
                           const Eigen::VectorXd& grid) {
  return ridgePath(x, y, grid * static_cast<double>(x.rows()));
}

}  // namespace

LinearPath specPath(const SpecDesign& design, const LinearModelOptions& o) {
  const Eigen::VectorXd grid = specGrid(design, o);
  const Design& d = design.fit;
  Eigen::MatrixXd coefs;  // p × m
  LinearPath out;
  switch (o.model) {
    case LinearModel::Lasso:
    case LinearModel::ElasticNet: {
      EnetPath p = enetPath(makeGramProblem(d.x, d.y, true), grid, enetOptions(o));
      coefs = std::move(p.coefs);
      out.intercepts = std::move(p.intercepts);
      for (bool c : p.converged) out.converged = out.converged && c;
      break;
    }
    case LinearModel::Ridge: {
      RidgePath p = ridgeInEnetUnits(d.x, d.y, grid);
      coefs = std::move(p.coefs);
      out.intercepts = std::move(p.intercepts);
      break;
    }
    case LinearModel::Logistic: {
      LogisticPath p = logisticPath(d.x, d.y, grid, logisticOptions(o));
      coefs = std::move(p.coefs);
      out.intercepts = std::move(p.intercepts);
      for (bool c : p.converged) out.converged = out.converged && c;
      break;
    }
  }
  out.alphas = grid;
  out.coefs = coefs.transpose();
  const Eigen::Index m = grid.size();
  out.nonZeros.resize(static_cast<std::size_t>(m));
  out.testError.resize(m);
  for (Eigen::Index i = 0; i < m; ++i) {
    const Eigen::VectorXd w = coefs.col(i);
    out.nonZeros[static_cast<std::size_t>(i)] = static_cast<int>((w.array() != 0.0).count());
    const double b = out.intercepts(i);
    if (design.testY.size() == 0) {
      out.testError(i) = std::numeric_limits<double>::quiet_NaN();
    } else if (o.model == LinearModel::Logistic) {
      out.testError(i) = misclassification(design.testX, design.testY, w, b);
    } else {
      out.testError(i) = squaredError(design.testX, design.testY, w, b);
    }
  }
  return out;
}

std::vector<int> specFoldIds(const SpecDesign& design, int folds, std::uint64_t seed) {
  const int n = static_cast<int>(design.fit.y.size());
  if (folds < 2 || folds > n) {
    throw std::invalid_argument("options.folds: must be an integer in [2, " + std::to_string(n) +
                                "] (the rows outside the test split), got " +
                                std::to_string(folds));
  }
  return foldIds(n, folds, seed, design.labels);
}

LinearCvFold specCvFold(const SpecDesign& design, const LinearModelOptions& o, int folds,
                        std::uint64_t seed, int fold) {
  const std::vector<int> ids = specFoldIds(design, folds, seed);
  if (fold < 0 || fold >= folds) {
    throw std::invalid_argument("fold: must be an integer in [0, " + std::to_string(folds - 1) +
                                "], got " + std::to_string(fold));
  }
  LinearCvFold out;
  out.fold = fold;
  out.alphas = specGrid(design, o);
  const Design& d = design.fit;
  if (o.model == LinearModel::Ridge) {
    std::vector<int> train, test;
    for (int i = 0; i < static_cast<int>(ids.size()); ++i)
      (ids[static_cast<std::size_t>(i)] == fold ? test : train).push_back(i);
    const Eigen::MatrixXd xTest = selectRows(d.x, test);
    const Eigen::VectorXd yTest = selectRows(d.y, test);
    const RidgePath p =
        ridgeInEnetUnits(selectRows(d.x, train), selectRows(d.y, train), out.alphas);
    for (Eigen::Index i = 0; i < out.alphas.size(); ++i)
      out.errors.push_back(squaredError(xTest, yTest, p.coefs.col(i), p.intercepts(i)));
    return out;
  }
  CvSpec spec;
  spec.grid = out.alphas;
  if (o.model == LinearModel::Logistic) {
    spec.model = CvModel::Logistic;
    spec.logistic = logisticOptions(o);
    spec.score = o.score == LinearScore::LogLoss ? CvScore::LogLoss : CvScore::Misclassification;
  } else {
    spec.model = CvModel::ElasticNet;
    spec.enet = enetOptions(o);
    spec.score = CvScore::MeanSquaredError;
  }
  out.errors = cvFold(d.x, d.y, ids, fold, spec).error;
  return out;
}

NetworkPenalty networkPenalty(const ExperimentSpec& spec, const SpecDesign& design,
                              const LinearModelOptions& o, double alpha) {
  checkLinearOptions(o, design);
  if (!(alpha > 0.0) || !std::isfinite(alpha))
    throw std::invalid_argument("alpha: must be a finite number > 0");
  const double scale = spec.model.outputPenaltyScale;
  if (!(scale > 0.0))
    throw std::invalid_argument(
        "model.outputPenaltyScale: is 0, so no penalty reaches the output layer");
  NetworkPenalty out;
  if (o.model == LinearModel::Logistic) {
    const double n = static_cast<double>(design.fit.y.size());
    out.lambda = 1.0 / (n * alpha) / scale;
    out.l1Ratio = o.l1Ratio;
    out.kind = o.l1Ratio == 1.0 ? "l1" : o.l1Ratio == 0.0 ? "l2" : "elasticNet";
    out.targetScale = 1.0;
    return out;
  }
  if (design.numClasses != 0)
    throw std::invalid_argument(
        "options.model: the network trains cross-entropy on class labels, the path least squares: "
        "use model 'logistic' for the network's penalty");
  // The network's regression target is standardised when data.standardize (make_data.cpp:
  // population std of its training rows; these rows when it trains on the fit rows), so its
  // weights are w / σ: the L1 part of the penalty then weighs σ times less than on w.
  double sigma = 1.0;
  if (spec.data.standardize) {
    const Eigen::VectorXd& y = design.fit.y;
    const double sd = std::sqrt((y.array() - y.mean()).square().mean());
    if (sd > 1e-12) sigma = sd;
  }
  const double rho = o.model == LinearModel::Lasso   ? 1.0
                     : o.model == LinearModel::Ridge ? 0.0
                                                     : o.l1Ratio;
  // Network: λ·s·(ρ'‖w/σ‖₁ + (1 − ρ')/2‖w/σ‖²) over 1/(nσ²)‖r‖², the path α(ρ‖w‖₁ +
  // (1 − ρ)/2‖w‖²) over 1/(2n)‖r‖²: λ·s·ρ' = 2αρ/σ and λ·s·(1 − ρ') = 2α(1 − ρ).
  const double l1Part = 2.0 * alpha * rho / sigma;
  const double l2Part = 2.0 * alpha * (1.0 - rho);
  out.lambda = (l1Part + l2Part) / scale;
  out.kind = o.model == LinearModel::Lasso   ? "l1"
             : o.model == LinearModel::Ridge ? "l2"
                                             : "elasticNet";
  out.l1Ratio = out.kind == "l1" ? 1.0 : out.kind == "l2" ? 0.0 : l1Part / (l1Part + l2Part);
  out.targetScale = sigma;
  return out;
}

}  // namespace engine::linear
