// The design of a linear model in float64: X (n × p, column-major: coordinate descent reads one
// column at a time) and y, plus the input checks every solver here shares.
//   designFrom(dataset, standardize): X = the dataset's x, in double; with standardize, each
//     column becomes (x − μ)/σ with μ the mean and σ the population std (ddof = 0), a constant
//     column keeping σ = 1, as sklearn.preprocessing.StandardScaler (1.2). Computed in double,
//     unlike data/standardize, which stores μ and σ in the engine's float Scalar.
//   y = the target as double (class index 0/1 for a binary set).
// Convention pin: the engine holds data in float32, so a real set reaches the solvers as the
// float32 rounding of its CSV values; the golden script (make_linear_path_golden.py) fits those
// same rounded values in float64 (numpy's astype(float32).astype(float64)).
// Intercepts are never penalised: with fitIntercept the solvers centre X and y on their means
// (sklearn's _preprocess_data) and recover b = ȳ − x̄ᵀw afterwards.
#pragma once

#include <Eigen/Core>
#include <string>
#include <vector>

#include "data/dataset.hpp"

namespace engine::linear {

struct Design {
  Eigen::MatrixXd x;         // n × p, column-major
  Eigen::VectorXd y;         // n
  Eigen::RowVectorXd mean;   // μ per column (zeros when not standardised)
  Eigen::RowVectorXd scale;  // σ per column (ones when not standardised)
};

// X and y from a Dataset (x and target); standardize as StandardScaler, in double.
Design designFrom(const Dataset& data, bool standardize);

// StandardScaler in double on x in place; returns {μ, σ} through the out-parameters.
void standardizeColumns(Eigen::MatrixXd& x, Eigen::RowVectorXd& mean, Eigen::RowVectorXd& scale);

// std::invalid_argument unless x has at least one row and one column, y has x.rows() entries,
// and every value is finite. `where` prefixes the message ("enetPath: ...").
void checkDesign(const Eigen::MatrixXd& x, const Eigen::VectorXd& y, const std::string& where);

// std::invalid_argument unless every y is exactly 0 or 1 and both classes occur.
void checkBinaryLabels(const Eigen::VectorXd& y, const std::string& where);

// The rows of x and y listed in rows, in that order.
Eigen::MatrixXd selectRows(const Eigen::MatrixXd& x, const std::vector<int>& rows);
Eigen::VectorXd selectRows(const Eigen::VectorXd& y, const std::vector<int>& rows);

}  // namespace engine::linear
