#include "train/evaluation.hpp"

#include <algorithm>

#include "core/rng.hpp"

namespace engine {

double accuracy(const Matrix& z, const Dataset& set, Task task) {
  if (task == Task::Regression || z.rows() == 0) return 0.0;
  Index correct = 0;
  for (Index i = 0; i < z.rows(); ++i) {
    const auto label = static_cast<Index>(set.target[static_cast<std::size_t>(i)]);
    Index predicted = 0;
    if (task == Task::Binary) {
      predicted = z(i, 0) > Scalar(0) ? 1 : 0;
    } else {
      z.row(i).maxCoeff(&predicted);
    }
    correct += predicted == label;
  }
  return static_cast<double>(correct) / static_cast<double>(z.rows());
}

Evaluation evaluateSplit(Model& model, const Loss& loss, Task task, const Dataset& set,
                         const Matrix& targets, Index chunkRows) {
  Evaluation e;
  e.samples = static_cast<int>(set.rows());
  if (set.rows() == 0) return e;
  Rng unused(0);  // eval mode draws nothing
  const Index n = set.rows();
  if (chunkRows <= 0 || chunkRows >= n) {
    const Matrix& z = model.forward(set.x, false, unused);
    e.loss = loss.value(z, targets);
    e.accuracy = accuracy(z, set, task);
    return e;
  }
  double lossSum = 0.0, correct = 0.0;
  Dataset part;
  part.numClasses = set.numClasses;
  for (Index lo = 0; lo < n; lo += chunkRows) {
    const Index rows = std::min(chunkRows, n - lo);
    const Matrix& z = model.forward(set.x.middleRows(lo, rows), false, unused);
    lossSum += loss.value(z, targets.middleRows(lo, rows)) * static_cast<double>(rows);
    if (task != Task::Regression) {
      part.target.assign(set.target.begin() + lo, set.target.begin() + lo + rows);
      correct += accuracy(z, part, task) * static_cast<double>(rows);
    }
  }
  e.loss = lossSum / static_cast<double>(n);
  e.accuracy = correct / static_cast<double>(n);
  return e;
}

}  // namespace engine
