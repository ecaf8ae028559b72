#include "data/standardize.hpp"

#include <cmath>
#include <limits>
#include <stdexcept>
#include <string>

namespace engine {

Standardizer Standardizer::fit(const Matrix& x) {
  if (x.rows() == 0) throw std::invalid_argument("Standardizer::fit: no rows to fit on");
  const Index n = x.rows();
  const Index d = x.cols();
  Standardizer s;
  s.mean.resize(d);
  s.scale.resize(d);
  const double eps = std::numeric_limits<double>::epsilon();
  for (Index j = 0; j < d; ++j) {
    // Two passes in double: the one-pass Σx² − nμ² formula cancels badly for large means.
    double mu = 0.0;
    for (Index i = 0; i < n; ++i) mu += static_cast<double>(x(i, j));
    mu /= static_cast<double>(n);
    double var = 0.0;
    for (Index i = 0; i < n; ++i) {
      double c = static_cast<double>(x(i, j)) - mu;
      var += c * c;
    }
    var /= static_cast<double>(n);  // population variance (ddof = 0)
    // sklearn 1.2 _is_constant_feature: a variance below its own rounding error counts as 0.
    const double nd = static_cast<double>(n);
    const double bound = nd * eps * var + (nd * mu * eps) * (nd * mu * eps);
    s.mean(j) = static_cast<Scalar>(mu);
    s.scale(j) = (var <= bound) ? Scalar(1) : static_cast<Scalar>(std::sqrt(var));
  }
  return s;
}

Standardizer Standardizer::fitChannels(const Matrix& x, int channels, int plane) {
  if (x.rows() == 0) throw std::invalid_argument("Standardizer::fitChannels: no rows to fit on");
  if (channels < 1 || plane < 1 || x.cols() != static_cast<Index>(channels) * plane) {
    throw std::invalid_argument("Standardizer::fitChannels: " + std::to_string(x.cols()) +
                                " columns are not " + std::to_string(channels) + " channels of " +
                                std::to_string(plane) + " pixels");
  }
  Standardizer s;
  s.mean.resize(x.cols());
  s.scale.resize(x.cols());
  const double eps = std::numeric_limits<double>::epsilon();
  const double nd = static_cast<double>(x.rows()) * plane;
  for (int c = 0; c < channels; ++c) {
    const Index first = static_cast<Index>(c) * plane;
    double mu = 0.0;
    for (Index i = 0; i < x.rows(); ++i)
      for (Index j = first; j < first + plane; ++j) mu += static_cast<double>(x(i, j));
    mu /= nd;
    double var = 0.0;
    for (Index i = 0; i < x.rows(); ++i) {
      for (Index j = first; j < first + plane; ++j) {
        const double d = static_cast<double>(x(i, j)) - mu;
        var += d * d;
      }
    }
    var /= nd;
    const double bound = nd * eps * var + (nd * mu * eps) * (nd * mu * eps);
    const Scalar sigma = (var <= bound) ? Scalar(1) : static_cast<Scalar>(std::sqrt(var));
    s.mean.segment(first, plane).setConstant(static_cast<Scalar>(mu));
    s.scale.segment(first, plane).setConstant(sigma);
  }
  return s;
}

Standardizer Standardizer::identity(Index columns) {
  Standardizer s;
  s.mean = RowVector::Zero(columns);
  s.scale = RowVector::Ones(columns);
  return s;
}

void Standardizer::transform(Matrix& x) const {
  if (empty()) return;
  if (x.cols() != mean.size()) {
    throw std::invalid_argument("Standardizer::transform: fitted on " +
                                std::to_string(mean.size()) + " columns, got " +
                                std::to_string(x.cols()));
  }
  for (Index i = 0; i < x.rows(); ++i) {
    x.row(i) = (x.row(i) - mean).cwiseQuotient(scale);
  }
}

Matrix Standardizer::transformed(const Matrix& x) const {
  Matrix out = x;
  transform(out);
  return out;
}

void Standardizer::inverseTransform(Matrix& x) const {
  if (empty()) return;
  if (x.cols() != mean.size()) {
    throw std::invalid_argument("Standardizer::inverseTransform: fitted on " +
                                std::to_string(mean.size()) + " columns, got " +
                                std::to_string(x.cols()));
  }
  for (Index i = 0; i < x.rows(); ++i) {
    x.row(i) = x.row(i).cwiseProduct(scale) + mean;
  }
}

}  // namespace engine
