// Feature expansion: from the raw inputs a data set generates to the columns the model sees.
//   2D sets, by name, as the TensorFlow Playground's INPUTS table (playground.ts):
//     x1, x2, x1Squared = x1², x2Squared = x2², x1x2 = x1·x2, sinX1 = sin(x1), sinX2 = sin(x2)
//   1D regression: x, x², …, x^degree, as sklearn.preprocessing.PolynomialFeatures(degree,
//     include_bias=False) on one column (the constant is the model's bias, not a feature).
// Columns come out in the order the names are given; a name may appear once.
// Bishop, PRML §1.1 (polynomial curve fitting) for why high degree overfits.
#pragma once

#include <string>
#include <vector>

#include "core/eigen.hpp"

namespace engine {

enum class Feature2d { X1, X2, X1Squared, X2Squared, X1X2, SinX1, SinX2 };

// "x1", "x2", "x1Squared", "x2Squared", "x1x2", "sinX1", "sinX2", in this order.
const std::vector<std::string>& feature2dNames();
// The feature with that name; throws std::invalid_argument naming data.features and the allowed
// names otherwise.
Feature2d parseFeature2d(const std::string& name);
// Parses a whole list: not empty, every name known, no name twice (else std::invalid_argument).
std::vector<Feature2d> parseFeatures2d(const std::vector<std::string>& names);

// raw: n × 2 (x1, x2). Returns n × features.size().
Matrix expandFeatures2d(const Matrix& raw, const std::vector<Feature2d>& features);

// raw: n × 1 (x). Returns n × degree: x, x², …, x^degree. degree ≥ 1.
Matrix polynomialFeatures(const Matrix& raw, int degree);
// "x", "x^2", …, "x^degree".
std::vector<std::string> polynomialFeatureNames(int degree);

}  // namespace engine
