#include "linear/design.hpp"

#include <cmath>
#include <limits>
#include <stdexcept>

namespace engine::linear {

void standardizeColumns(Eigen::MatrixXd& x, Eigen::RowVectorXd& mean, Eigen::RowVectorXd& scale) {
  const Eigen::Index n = x.rows();
  if (n == 0) throw std::invalid_argument("standardizeColumns: x has no rows");
  const double nd = static_cast<double>(n);
  const double eps = std::numeric_limits<double>::epsilon();
  mean.resize(x.cols());
  scale.resize(x.cols());
  for (Eigen::Index j = 0; j < x.cols(); ++j) {
    const double mu = x.col(j).sum() / nd;
    const double var = (x.col(j).array() - mu).square().sum() / nd;  // population variance
    // sklearn 1.2 _is_constant_feature: a variance below its own rounding error counts as 0.
    const double bound = nd * eps * var + (nd * mu * eps) * (nd * mu * eps);
    mean(j) = mu;
    scale(j) = var <= bound ? 1.0 : std::sqrt(var);
    x.col(j) = (x.col(j).array() - mu) / scale(j);
  }
}

Design designFrom(const Dataset& data, bool standardize) {
  if (data.rows() == 0 || data.features() == 0) {
    throw std::invalid_argument("designFrom: the data set is empty");
  }
  if (static_cast<Eigen::Index>(data.target.size()) != data.rows()) {
    throw std::invalid_argument("designFrom: " + std::to_string(data.target.size()) +
                                " targets for " + std::to_string(data.rows()) + " rows");
  }
  Design d;
  d.x = data.x.cast<double>();
  d.y.resize(data.rows());
  for (Eigen::Index i = 0; i < data.rows(); ++i) {
    d.y(i) = static_cast<double>(data.target[static_cast<std::size_t>(i)]);
  }
  if (standardize) {
    standardizeColumns(d.x, d.mean, d.scale);
  } else {
    d.mean = Eigen::RowVectorXd::Zero(d.x.cols());
    d.scale = Eigen::RowVectorXd::Ones(d.x.cols());
  }
  return d;
}

void checkDesign(const Eigen::MatrixXd& x, const Eigen::VectorXd& y, const std::string& where) {
  if (x.rows() == 0) throw std::invalid_argument(where + ": x has no rows (empty data)");
  if (x.cols() == 0) throw std::invalid_argument(where + ": x has no columns");
  if (y.size() != x.rows()) {
    throw std::invalid_argument(where + ": y has " + std::to_string(y.size()) +
                                " entries but x has " + std::to_string(x.rows()) + " rows");
  }
  if (!x.allFinite()) throw std::invalid_argument(where + ": x has a NaN or infinite value");
  if (!y.allFinite()) throw std::invalid_argument(where + ": y has a NaN or infinite value");
}

void checkBinaryLabels(const Eigen::VectorXd& y, const std::string& where) {
  bool zero = false, one = false;
  for (Eigen::Index i = 0; i < y.size(); ++i) {
    if (y(i) == 0.0) {
      zero = true;
    } else if (y(i) == 1.0) {
      one = true;
    } else {
      throw std::invalid_argument(where + ": y must hold class labels 0 or 1, got " +
                                  std::to_string(y(i)) + " at row " + std::to_string(i));
    }
  }
  if (!zero || !one) throw std::invalid_argument(where + ": y needs both classes, 0 and 1");
}

Eigen::MatrixXd selectRows(const Eigen::MatrixXd& x, const std::vector<int>& rows) {
  Eigen::MatrixXd out(static_cast<Eigen::Index>(rows.size()), x.cols());
  for (Eigen::Index j = 0; j < x.cols(); ++j) {
    for (std::size_t i = 0; i < rows.size(); ++i) {
      out(static_cast<Eigen::Index>(i), j) = x(rows[i], j);
    }
  }
  return out;
}

Eigen::VectorXd selectRows(const Eigen::VectorXd& y, const std::vector<int>& rows) {
  Eigen::VectorXd out(static_cast<Eigen::Index>(rows.size()));
  for (std::size_t i = 0; i < rows.size(); ++i) out(static_cast<Eigen::Index>(i)) = y(rows[i]);
  return out;
}

}  // namespace engine::linear
