#include "linear/alpha_grid.hpp"

#include <cmath>
#include <stdexcept>
#include <string>

namespace engine::linear {

namespace {

void checkL1RatioForGrid(double l1Ratio, const char* where) {
  if (!(l1Ratio > 0.0 && l1Ratio <= 1.0)) {
    throw std::invalid_argument(std::string(where) + ": l1Ratio must be in (0, 1] for an " +
                                "automatic grid (ridge, l1Ratio = 0, has no finite alpha_max), " +
                                "got " + std::to_string(l1Ratio));
  }
}

}  // namespace

Eigen::VectorXd logspace(double lo, double hi, int count) {
  if (count < 1) throw std::invalid_argument("logspace: count must be >= 1");
  if (!(lo > 0.0 && lo <= hi && std::isfinite(hi))) {
    throw std::invalid_argument("logspace: needs 0 < lo <= hi, finite");
  }
  // numpy.linspace: y_i = i·step + start, the last value set to stop exactly; then 10^y.
  const double start = std::log10(lo);
  const double stop = std::log10(hi);
  Eigen::VectorXd out(count);
  if (count == 1) {
    out(0) = std::pow(10.0, start);
    return out;
  }
  const double step = (stop - start) / static_cast<double>(count - 1);
  for (int i = 0; i < count; ++i) {
    const double e = (i == count - 1) ? stop : static_cast<double>(i) * step + start;
    out(i) = std::pow(10.0, e);
  }
  return out;
}

double alphaMax(const GramProblem& g, double l1Ratio) {
  checkL1RatioForGrid(l1Ratio, "alphaMax");
  return g.xty.cwiseAbs().maxCoeff() / (static_cast<double>(g.n) * l1Ratio);
}

double alphaMax(const Eigen::MatrixXd& x, const Eigen::VectorXd& y, double l1Ratio,
                bool fitIntercept) {
  return alphaMax(makeGramProblem(x, y, fitIntercept), l1Ratio);
}

Eigen::VectorXd alphaGrid(const GramProblem& g, const AlphaGridOptions& options) {
  checkL1RatioForGrid(options.l1Ratio, "alphaGrid");
  if (options.nAlphas < 1) {
    throw std::invalid_argument("alphaGrid: nAlphas must be >= 1, got " +
                                std::to_string(options.nAlphas));
  }
  if (!(options.eps > 0.0 && options.eps <= 1.0)) {
    throw std::invalid_argument("alphaGrid: eps must be in (0, 1], got " +
                                std::to_string(options.eps));
  }
  const double top = alphaMax(g, options.l1Ratio);
  constexpr double kResolution = 1e-15;  // numpy.finfo(float).resolution
  if (top <= kResolution) return Eigen::VectorXd::Constant(options.nAlphas, kResolution);
  return logspace(top * options.eps, top, options.nAlphas).reverse();
}

Eigen::VectorXd alphaGrid(const Eigen::MatrixXd& x, const Eigen::VectorXd& y,
                          const AlphaGridOptions& options, bool fitIntercept) {
  return alphaGrid(makeGramProblem(x, y, fitIntercept), options);
}

}  // namespace engine::linear
