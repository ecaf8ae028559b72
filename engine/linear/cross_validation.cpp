#include "linear/cross_validation.hpp"

#include <algorithm>
#include <cmath>
#include <stdexcept>
#include <string>

#include "linear/alpha_grid.hpp"
#include "linear/design.hpp"
#include "linear/folds.hpp"
#include "linear/gram_problem.hpp"

namespace engine::linear {

namespace {

void checkSpec(const CvSpec& spec, const char* where) {
  if (spec.grid.size() == 0) throw std::invalid_argument(std::string(where) + ": grid is empty");
  const bool regression = spec.model == CvModel::ElasticNet;
  if (regression != (spec.score == CvScore::MeanSquaredError)) {
    throw std::invalid_argument(std::string(where) +
                                ": score must be meanSquaredError for the elastic net and " +
                                "logLoss or misclassification for logistic regression");
  }
}

}  // namespace

CvSpec enetCvSpec(const Eigen::MatrixXd& x, const Eigen::VectorXd& y, const EnetOptions& enet,
                  int nAlphas, double eps) {
  CvSpec spec;
  spec.model = CvModel::ElasticNet;
  spec.enet = enet;
  spec.score = CvScore::MeanSquaredError;
  AlphaGridOptions grid;
  grid.l1Ratio = enet.l1Ratio;
  grid.nAlphas = nAlphas;
  grid.eps = eps;
  spec.grid = alphaGrid(x, y, grid, enet.fitIntercept);
  return spec;
}

CvSpec logisticCvSpec(const Eigen::MatrixXd& x, const Eigen::VectorXd& y,
                      const LogisticOptions& logistic, CvScore score, int nCs, double eps) {
  CvSpec spec;
  spec.model = CvModel::Logistic;
  spec.logistic = logistic;
  spec.score = score;
  spec.grid = logisticCGrid(x, y, logistic.l1Ratio, nCs, eps, logistic.fitIntercept);
  return spec;
}

FoldErrors cvFold(const Eigen::MatrixXd& x, const Eigen::VectorXd& y,
                  const std::vector<int>& foldIds, int fold, const CvSpec& spec) {
  checkDesign(x, y, "cvFold");
  checkSpec(spec, "cvFold");
  if (static_cast<Eigen::Index>(foldIds.size()) != x.rows()) {
    throw std::invalid_argument("cvFold: foldIds has " + std::to_string(foldIds.size()) +
                                " entries but x has " + std::to_string(x.rows()) + " rows");
  }
  const int k = foldCount(foldIds);
  if (fold < 0 || fold >= k) {
    throw std::invalid_argument("cvFold: fold must be in [0, " + std::to_string(k) + "), got " +
                                std::to_string(fold));
  }
  std::vector<int> train, test;
  for (int i = 0; i < static_cast<int>(foldIds.size()); ++i) {
    (foldIds[static_cast<std::size_t>(i)] == fold ? test : train).push_back(i);
  }
  const Eigen::MatrixXd xTrain = selectRows(x, train);
  const Eigen::VectorXd yTrain = selectRows(y, train);
  const Eigen::MatrixXd xTest = selectRows(x, test);
  const Eigen::VectorXd yTest = selectRows(y, test);

  Eigen::MatrixXd coefs;
  Eigen::VectorXd intercepts;
  if (spec.model == CvModel::ElasticNet) {
    const GramProblem g = makeGramProblem(xTrain, yTrain, spec.enet.fitIntercept);
    EnetPath path = enetPath(g, spec.grid, spec.enet);
    coefs = std::move(path.coefs);
    intercepts = std::move(path.intercepts);
  } else {
    LogisticPath path = logisticPath(xTrain, yTrain, spec.grid, spec.logistic);
    coefs = std::move(path.coefs);
    intercepts = std::move(path.intercepts);
  }

  FoldErrors out;
  out.fold = fold;
  out.trainSize = static_cast<int>(train.size());
  out.testSize = static_cast<int>(test.size());
  out.error.resize(static_cast<std::size_t>(spec.grid.size()));
  const Eigen::MatrixXd eta = (xTest * coefs).rowwise() + intercepts.transpose();  // n_f × m
  const double nf = static_cast<double>(test.size());
  for (Eigen::Index j = 0; j < eta.cols(); ++j) {
    double e = 0.0;
    for (Eigen::Index i = 0; i < eta.rows(); ++i) {
      const double t = eta(i, j);
      switch (spec.score) {
        case CvScore::MeanSquaredError: e += (yTest(i) - t) * (yTest(i) - t); break;
        case CvScore::LogLoss:
          e += (t > 0.0 ? t + std::log1p(std::exp(-t)) : std::log1p(std::exp(t))) - yTest(i) * t;
          break;
        case CvScore::Misclassification:
          e += ((t > 0.0 ? 1.0 : 0.0) != yTest(i)) ? 1.0 : 0.0;
          break;
      }
    }
    out.error[static_cast<std::size_t>(j)] = e / nf;
  }
  return out;
}

CvResult combineFolds(const std::vector<FoldErrors>& folds, const Eigen::VectorXd& grid) {
  const int k = static_cast<int>(folds.size());
  if (k < 2)
    throw std::invalid_argument("combineFolds: needs k >= 2 folds, got " + std::to_string(k));
  const Eigen::Index m = grid.size();
  if (m == 0) throw std::invalid_argument("combineFolds: grid is empty");
  std::vector<const FoldErrors*> byId(static_cast<std::size_t>(k), nullptr);
  for (const FoldErrors& f : folds) {
    if (f.fold < 0 || f.fold >= k) {
      throw std::invalid_argument("combineFolds: fold id " + std::to_string(f.fold) +
                                  " outside [0, " + std::to_string(k) + ")");
    }
    if (byId[static_cast<std::size_t>(f.fold)]) {
      throw std::invalid_argument("combineFolds: fold " + std::to_string(f.fold) + " given twice");
    }
    if (static_cast<Eigen::Index>(f.error.size()) != m) {
      throw std::invalid_argument("combineFolds: fold " + std::to_string(f.fold) + " has " +
                                  std::to_string(f.error.size()) + " errors for a grid of " +
                                  std::to_string(m));
    }
    byId[static_cast<std::size_t>(f.fold)] = &f;
  }
  CvResult r;
  r.grid = grid;
  r.foldError.resize(k, m);
  for (int f = 0; f < k; ++f) {
    for (Eigen::Index j = 0; j < m; ++j) {
      r.foldError(f, j) = byId[static_cast<std::size_t>(f)]->error[static_cast<std::size_t>(j)];
    }
  }
  r.meanError.resize(m);
  r.stdError.resize(m);
  const double kd = static_cast<double>(k);
  for (Eigen::Index j = 0; j < m; ++j) {
    double sum = 0.0;
    for (int f = 0; f < k; ++f) sum += r.foldError(f, j);
    const double mean = sum / kd;
    double ss = 0.0;
    for (int f = 0; f < k; ++f) ss += (r.foldError(f, j) - mean) * (r.foldError(f, j) - mean);
    r.meanError(j) = mean;
    r.stdError(j) = std::sqrt(ss / (kd - 1.0)) / std::sqrt(kd);
  }
  r.bestIndex = 0;
  for (Eigen::Index j = 1; j < m; ++j) {
    if (r.meanError(j) < r.meanError(r.bestIndex)) r.bestIndex = static_cast<int>(j);
  }
  const double bound = r.meanError(r.bestIndex) + r.stdError(r.bestIndex);
  r.oneSeIndex = r.bestIndex;
  for (Eigen::Index j = 0; j < r.bestIndex; ++j) {
    if (r.meanError(j) <= bound) {
      r.oneSeIndex = static_cast<int>(j);
      break;
    }
  }
  return r;
}

CvResult crossValidate(const Eigen::MatrixXd& x, const Eigen::VectorXd& y,
                       const std::vector<int>& foldIds, const CvSpec& spec) {
  checkDesign(x, y, "crossValidate");
  checkSpec(spec, "crossValidate");
  if (static_cast<Eigen::Index>(foldIds.size()) != x.rows()) {
    throw std::invalid_argument("crossValidate: foldIds has " + std::to_string(foldIds.size()) +
                                " entries but x has " + std::to_string(x.rows()) + " rows");
  }
  const int k = foldCount(foldIds);
  std::vector<FoldErrors> folds;
  folds.reserve(static_cast<std::size_t>(k));
  for (int f = 0; f < k; ++f) folds.push_back(cvFold(x, y, foldIds, f, spec));
  return combineFolds(folds, spec.grid);
}

}  // namespace engine::linear
