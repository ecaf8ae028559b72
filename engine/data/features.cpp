#include "data/features.hpp"

#include <cmath>
#include <stdexcept>

namespace engine {

const std::vector<std::string>& feature2dNames() {
  static const std::vector<std::string> kNames = {"x1",   "x2",    "x1Squared", "x2Squared",
                                                  "x1x2", "sinX1", "sinX2"};
  return kNames;
}

Feature2d parseFeature2d(const std::string& name) {
  const auto& names = feature2dNames();
  for (std::size_t i = 0; i < names.size(); ++i) {
    if (names[i] == name) return static_cast<Feature2d>(i);
  }
  std::string allowed;
  for (const auto& n : names) allowed += (allowed.empty() ? "" : ", ") + n;
  throw std::invalid_argument("data.features: unknown feature \"" + name +
                              "\", must be one of: " + allowed);
}

std::vector<Feature2d> parseFeatures2d(const std::vector<std::string>& names) {
  if (names.empty()) throw std::invalid_argument("data.features: must name at least one feature");
  std::vector<Feature2d> out;
  for (const auto& name : names) {
    Feature2d f = parseFeature2d(name);
    for (Feature2d g : out) {
      if (g == f) throw std::invalid_argument("data.features: \"" + name + "\" is listed twice");
    }
    out.push_back(f);
  }
  return out;
}

Matrix expandFeatures2d(const Matrix& raw, const std::vector<Feature2d>& features) {
  if (raw.cols() != 2) {
    throw std::invalid_argument("expandFeatures2d: raw inputs must have 2 columns, got " +
                                std::to_string(raw.cols()));
  }
  Matrix x(raw.rows(), static_cast<Index>(features.size()));
  for (Index i = 0; i < raw.rows(); ++i) {
    const Scalar x1 = raw(i, 0);
    const Scalar x2 = raw(i, 1);
    for (std::size_t c = 0; c < features.size(); ++c) {
      Scalar v = 0;
      switch (features[c]) {
        case Feature2d::X1: v = x1; break;
        case Feature2d::X2: v = x2; break;
        case Feature2d::X1Squared: v = x1 * x1; break;
        case Feature2d::X2Squared: v = x2 * x2; break;
        case Feature2d::X1X2: v = x1 * x2; break;
        case Feature2d::SinX1: v = std::sin(x1); break;
        case Feature2d::SinX2: v = std::sin(x2); break;
      }
      x(i, static_cast<Index>(c)) = v;
    }
  }
  return x;
}

Matrix polynomialFeatures(const Matrix& raw, int degree) {
  if (raw.cols() != 1) {
    throw std::invalid_argument("polynomialFeatures: raw inputs must have 1 column, got " +
                                std::to_string(raw.cols()));
  }
  if (degree < 1) {
    throw std::invalid_argument("data.degree: must be at least 1, got " + std::to_string(degree));
  }
  Matrix x(raw.rows(), degree);
  for (Index i = 0; i < raw.rows(); ++i) {
    // Powers by repeated multiplication in double: exact for small degrees, no pow() drift.
    const double v = static_cast<double>(raw(i, 0));
    double p = 1.0;
    for (int d = 0; d < degree; ++d) {
      p *= v;
      x(i, d) = static_cast<Scalar>(p);
    }
  }
  return x;
}

std::vector<std::string> polynomialFeatureNames(int degree) {
  std::vector<std::string> names;
  for (int d = 1; d <= degree; ++d) names.push_back(d == 1 ? "x" : "x^" + std::to_string(d));
  return names;
}

}  // namespace engine
