#include "linear/gram_problem.hpp"

#include "linear/design.hpp"

namespace engine::linear {

GramProblem makeGramProblem(const Eigen::MatrixXd& x, const Eigen::VectorXd& y, bool fitIntercept) {
  checkDesign(x, y, "makeGramProblem");
  GramProblem g;
  g.n = x.rows();
  g.fitIntercept = fitIntercept;
  const double nd = static_cast<double>(x.rows());
  if (fitIntercept) {
    g.xMean = x.colwise().sum() / nd;
    g.yMean = y.sum() / nd;
    const Eigen::MatrixXd xc = x.rowwise() - g.xMean;
    const Eigen::VectorXd yc = y.array() - g.yMean;
    g.gram = xc.transpose() * xc;
    g.xty = xc.transpose() * yc;
    g.yNorm2 = yc.squaredNorm();
  } else {
    g.xMean = Eigen::RowVectorXd::Zero(x.cols());
    g.yMean = 0.0;
    g.gram = x.transpose() * x;
    g.xty = x.transpose() * y;
    g.yNorm2 = y.squaredNorm();
  }
  return g;
}

}  // namespace engine::linear
