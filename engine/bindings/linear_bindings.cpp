// The exact solvers' JavaScript API (Embind), for "Choosing λ": regularization paths and
// cross-validation of linear models on an experiment's data (engine/linear/spec_models.hpp),
// the CV reduction (cross_validation.hpp's combineFolds), and the two-weight geometry picture
// (engine/linear/geometry.hpp). Only conversion and argument checks live here; every error is
// a JS Error naming the argument. Declared in web/src/engine/engine-api.d.ts.
#include <emscripten/bind.h>
#include <emscripten/val.h>

#include <cmath>
#include <cstdint>
#include <string>
#include <vector>

#include "bindings/js_values.hpp"
#include "linear/cross_validation.hpp"
#include "linear/geometry.hpp"
#include "linear/spec_models.hpp"

using emscripten::val;

namespace engine {
namespace {

using namespace engine::js;
using linear::LinearModel;
using linear::LinearModelOptions;
using linear::LinearScore;

const std::vector<std::string> kPathKeys = {"model", "l1Ratio", "penalty", "nAlphas",
                                            "eps",   "tol",     "maxIter"};

// options → LinearModelOptions; `cv` also allows folds, seed and score (read by the caller).
LinearModelOptions modelOptionsFrom(const val& options, bool cv) {
  if (!isPlainObject(options)) throwJsError("options: must be an object {model, ...}");
  std::vector<std::string> keys = kPathKeys;
  if (cv) keys.insert(keys.end(), {"folds", "seed", "score"});
  checkKeys(options, keys, "options");
  LinearModelOptions o;
  const std::string model =
      oneOf(options["model"], "options.model", {"lasso", "elasticNet", "ridge", "logistic"}, "");
  const bool hasRatio = !options["l1Ratio"].isUndefined();
  const bool hasPenalty = !options["penalty"].isUndefined();
  if (hasPenalty && model != "logistic")
    throwJsError("options.penalty: only for model 'logistic' (the others name their penalty)");
  if (model == "lasso" || model == "ridge") {
    if (hasRatio) throwJsError("options.l1Ratio: only for models 'elasticNet' and 'logistic'");
    o.model = model == "lasso" ? LinearModel::Lasso : LinearModel::Ridge;
    o.l1Ratio = model == "lasso" ? 1.0 : 0.0;
  } else if (model == "elasticNet") {
    o.model = LinearModel::ElasticNet;
    o.l1Ratio = numberIn(options["l1Ratio"], "options.l1Ratio", 0.0, 1.0, 0.5);
    if (!(o.l1Ratio > 0.0))
      throwJsError("options.l1Ratio: must be in (0, 1] for the elastic net (0 is 'ridge')");
  } else {
    o.model = LinearModel::Logistic;
    if (hasRatio && hasPenalty)
      throwJsError("options.penalty: give either penalty ('l1' | 'l2') or l1Ratio, not both");
    o.l1Ratio = hasRatio ? numberIn(options["l1Ratio"], "options.l1Ratio", 0.0, 1.0, 1.0)
                : oneOf(options["penalty"], "options.penalty", {"l1", "l2"}, "l1") == "l1" ? 1.0
                                                                                           : 0.0;
  }
  o.nAlphas = intIn(options["nAlphas"], "options.nAlphas", 1, 1000, 100);
  o.eps = numberIn(options["eps"], "options.eps", 0.0, 1.0, 1e-3);
  if (!(o.eps > 0.0 && o.eps < 1.0)) throwJsError("options.eps: must be in (0, 1)");
  if (!options["tol"].isUndefined()) {
    o.tol = numberIn(options["tol"], "options.tol", 0.0, 1.0, 0.0);
    if (!(o.tol > 0.0 && o.tol < 1.0)) throwJsError("options.tol: must be in (0, 1)");
  }
  o.maxIter = intIn(options["maxIter"], "options.maxIter", 1, 1000000, 0);
  if (o.model == LinearModel::Logistic) {
    const std::string score = cv ? oneOf(options["score"], "options.score",
                                         {"misclassification", "logLoss"}, "misclassification")
                                 : "misclassification";
    o.score = score == "logLoss" ? LinearScore::LogLoss : LinearScore::Misclassification;
  } else {
    if (cv && !options["score"].isUndefined())
      oneOf(options["score"], "options.score", {"mse"}, "mse");
    o.score = LinearScore::MeanSquaredError;
  }
  return o;
}

linear::SpecDesign specDesignFrom(const ExperimentSpec& s, const val& data) {
  if (data.isUndefined()) return guarded([&] { return linear::specDesign(s); });
  const CustomData custom = customDataFrom(data);
  return guarded([&] { return linear::specDesign(s, &custom); });
}

val vectorArray(const Eigen::VectorXd& v) {
  return float64Array(v.data(), static_cast<std::size_t>(v.size()));
}

val linearPath(val spec, val options, val data) {
  const LinearModelOptions o = modelOptionsFrom(options, false);
  const linear::SpecDesign design = specDesignFrom(readSpecFromJs(spec), data);
  const linear::LinearPath path = guarded([&] { return linear::specPath(design, o); });
  // Row-major grid points × features.
  std::vector<double> coefs(static_cast<std::size_t>(path.coefs.size()));
  for (Eigen::Index i = 0; i < path.coefs.rows(); ++i)
    for (Eigen::Index j = 0; j < path.coefs.cols(); ++j)
      coefs[static_cast<std::size_t>(i * path.coefs.cols() + j)] = path.coefs(i, j);
  val out = val::object();
  out.set("alphas", vectorArray(path.alphas));
  out.set("coefs", float64Array(coefs));
  out.set("intercepts", vectorArray(path.intercepts));
  out.set("nonZeros", int32Array(path.nonZeros));
  out.set("featureNames", stringArray(design.featureNames));
  out.set("testError", vectorArray(path.testError));
  out.set("converged", path.converged);
  out.set("fitRows", static_cast<int>(design.fit.y.size()));
  out.set("testRows", static_cast<int>(design.testY.size()));
  return out;
}

val linearCvFold(val spec, val options, val foldValue, val data) {
  const LinearModelOptions o = modelOptionsFrom(options, true);
  if (options["folds"].isUndefined()) throwJsError("options.folds: required, an integer >= 2");
  const int folds = intIn(options["folds"], "options.folds", 2, 1000, 0);
  if (foldValue.isUndefined()) throwJsError("fold: required, an integer in [0, folds − 1]");
  const int fold = intIn(foldValue, "fold", 0, folds - 1, 0);
  const ExperimentSpec s = readSpecFromJs(spec);
  std::uint64_t seed = s.seed;
  if (!options["seed"].isUndefined()) {
    const double v = numberIn(options["seed"], "options.seed", 0.0, 4294967295.0, 0.0);
    if (v != std::floor(v)) throwJsError("options.seed: must be an integer in [0, 4294967295]");
    seed = static_cast<std::uint64_t>(v);
  }
  const linear::SpecDesign design = specDesignFrom(s, data);
  const linear::LinearCvFold r =
      guarded([&] { return linear::specCvFold(design, o, folds, seed, fold); });
  val out = val::object();
  out.set("fold", r.fold);
  out.set("alphas", vectorArray(r.alphas));
  out.set("errors", float64Array(r.errors));
  return out;
}

val linearPathOf(val spec, val options) { return linearPath(spec, options, val::undefined()); }

val linearCvFoldOf(val spec, val options, val fold) {
  return linearCvFold(spec, options, fold, val::undefined());
}

val combineCv(val folds) {
  if (typeOf(folds) != "array")
    throwJsError("folds: must be an array of {fold, errors}, one per fold");
  const int k = folds["length"].as<int>();
  if (k < 2 || k > 1000) throwJsError("folds: must hold 2 to 1000 folds, got " + std::to_string(k));
  std::vector<linear::FoldErrors> list;
  std::size_t m = 0;
  for (int i = 0; i < k; ++i) {
    const val f = folds[i];
    const std::string where = "folds[" + std::to_string(i) + "]";
    if (!isPlainObject(f)) throwJsError(where + ": must be an object {fold, errors}");
    linear::FoldErrors e;
    if (f["fold"].isUndefined()) throwJsError(where + ".fold: required");
    e.fold = intIn(f["fold"], where + ".fold", 0, k - 1, 0);
    e.error = doublesFrom(f["errors"], where + ".errors", 1, 100000);
    if (i > 0 && e.error.size() != m)
      throwJsError(where + ".errors: " + std::to_string(e.error.size()) +
                   " values, the first fold has " + std::to_string(m));
    m = e.error.size();
    list.push_back(std::move(e));
  }
  const linear::CvResult r = guarded([&] {
    return linear::combineFolds(list, Eigen::VectorXd::Zero(static_cast<Eigen::Index>(m)));
  });
  val out = val::object();
  out.set("mean", vectorArray(r.meanError));
  out.set("se", vectorArray(r.stdError));
  out.set("best", r.bestIndex);
  out.set("oneSe", r.oneSeIndex);
  return out;
}

// The network's penalty with the path model's minimiser at `alpha` (spec_models.hpp).
val linearPenalty(val spec, val options, val alphaValue, val data) {
  const LinearModelOptions o = modelOptionsFrom(options, false);
  if (typeOf(alphaValue) != "number") throwJsError("alpha: required, a number > 0");
  const double alpha = alphaValue.as<double>();
  const ExperimentSpec s = readSpecFromJs(spec);
  const linear::SpecDesign design = specDesignFrom(s, data);
  const linear::NetworkPenalty p =
      guarded([&] { return linear::networkPenalty(s, design, o, alpha); });
  val out = val::object();
  out.set("kind", p.kind);
  out.set("lambda", p.lambda);
  out.set("l1Ratio", p.l1Ratio);
  out.set("targetScale", p.targetScale);
  return out;
}

val linearPenaltyOf(val spec, val options, val alpha) {
  return linearPenalty(spec, options, alpha, val::undefined());
}

val geometry2d(val options) {
  if (!isPlainObject(options)) throwJsError("options: must be an object {center, hessian, ...}");
  checkKeys(options,
            {"center", "hessian", "penalty", "l1Ratio", "p", "lambdas", "bounds", "resolution",
             "outlinePoints"},
            "options");
  linear::Quadratic2d q;
  const std::vector<double> c = doublesFrom(options["center"], "options.center", 2, 2);
  const std::vector<double> h = doublesFrom(options["hessian"], "options.hessian", 3, 3);
  q.center = Eigen::Vector2d(c[0], c[1]);
  q.a = h[0];
  q.b = h[1];
  q.d = h[2];
  linear::Penalty2d r;
  const std::string kind =
      oneOf(options["penalty"], "options.penalty", {"l1", "l2", "elasticNet", "lp"}, "");
  r.kind = kind == "l1"           ? linear::Penalty2dKind::L1
           : kind == "l2"         ? linear::Penalty2dKind::L2
           : kind == "elasticNet" ? linear::Penalty2dKind::ElasticNet
                                  : linear::Penalty2dKind::Lp;
  if (!options["l1Ratio"].isUndefined() && kind != "elasticNet")
    throwJsError("options.l1Ratio: only for penalty 'elasticNet'");
  if (!options["p"].isUndefined() && kind != "lp") throwJsError("options.p: only for penalty 'lp'");
  r.l1Ratio = numberIn(options["l1Ratio"], "options.l1Ratio", 0.0, 1.0, 0.5);
  r.p = numberIn(options["p"], "options.p", 0.1, 4.0, 0.5);
  try {
    linear::checkQuadratic(q);
  } catch (const std::exception& e) {
    throwJsError(std::string("options.") + e.what());
  }
  const std::vector<double> lambdas = doublesFrom(options["lambdas"], "options.lambdas", 1, 1000);
  for (double l : lambdas)
    if (!(l >= 0.0)) throwJsError("options.lambdas: every λ must be >= 0");
  const std::vector<double> b = doublesFrom(options["bounds"], "options.bounds", 4, 4);
  if (!(b[1] > b[0]) || !(b[3] > b[2]))
    throwJsError("options.bounds: [xMin, xMax, yMin, yMax] with xMin < xMax and yMin < yMax");
  const int resolution = intIn(options["resolution"], "options.resolution", 2, 512, 64);
  const int points = intIn(options["outlinePoints"], "options.outlinePoints", 8, 4096, 256);
  if (points % 4 != 0) throwJsError("options.outlinePoints: must be a multiple of 4");
  if (static_cast<double>(points) * static_cast<double>(lambdas.size()) > 1e6)
    throwJsError("options.outlinePoints × options.lambdas.length: at most 1,000,000 points");

  return guarded([&] {
    std::vector<double> optima, radii, lossAt, outlines;
    for (double lambda : lambdas) {
      const Eigen::Vector2d w = linear::penalizedOptimum(q, r, lambda);
      const double t = linear::penaltyValue(r, w);
      optima.push_back(w(0));
      optima.push_back(w(1));
      radii.push_back(t);
      lossAt.push_back(linear::quadraticLoss(q, w));
      const std::vector<double> line = linear::ballOutline(r, t, points);
      outlines.insert(outlines.end(), line.begin(), line.end());
    }
    val out = val::object();
    out.set("resolution", resolution);
    out.set("loss", float64Array(linear::lossGrid(q, resolution, b[0], b[1], b[2], b[3])));
    out.set("optima", float64Array(optima));
    out.set("radii", float64Array(radii));
    out.set("lossAtOptima", float64Array(lossAt));
    out.set("outlinePoints", points);
    out.set("outlines", float64Array(outlines));
    return out;
  });
}

}  // namespace
}  // namespace engine

EMSCRIPTEN_BINDINGS(linear) {
  using namespace engine;
  // The optional last argument (custom data) as an overload: Embind checks the argument count.
  emscripten::function("linearPath", &linearPathOf);
  emscripten::function("linearPath", &linearPath);
  emscripten::function("linearCvFold", &linearCvFoldOf);
  emscripten::function("linearCvFold", &linearCvFold);
  emscripten::function("combineCv", &combineCv);
  emscripten::function("linearPenalty", &linearPenaltyOf);
  emscripten::function("linearPenalty", &linearPenalty);
  emscripten::function("geometry2d", &geometry2d);
}
