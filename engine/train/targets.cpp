#include "train/targets.hpp"

namespace engine {

Task taskOf(const Dataset& d) {
  return d.numClasses == 0 ? Task::Regression : d.numClasses == 2 ? Task::Binary : Task::Multiclass;
}

int outputsFor(const Dataset& d) {
  switch (taskOf(d)) {
    case Task::Multiclass: return d.numClasses;
    case Task::Regression: return d.targetCols;
    case Task::Binary: return 1;
  }
  return 1;
}

Matrix lossTargets(const Dataset& d) {
  const Index n = d.rows();
  Matrix targets;
  if (taskOf(d) == Task::Multiclass) {
    targets = Matrix::Zero(n, d.numClasses);
    for (Index i = 0; i < n; ++i)
      targets(i, static_cast<Index>(d.target[static_cast<std::size_t>(i)])) = Scalar(1);
    return targets;
  }
  const Index k = d.targetCols;
  targets.resize(n, k);
  for (Index i = 0; i < n * k; ++i) targets.data()[i] = d.target[static_cast<std::size_t>(i)];
  return targets;
}

}  // namespace engine
