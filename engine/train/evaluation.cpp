#include "train/evaluation.hpp"

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
                         const Matrix& targets) {
  Evaluation e;
  e.samples = static_cast<int>(set.rows());
  if (set.rows() == 0) return e;
  Rng unused(0);  // eval mode draws nothing
  const Matrix& z = model.forward(set.x, false, unused);
  e.loss = loss.value(z, targets);
  e.accuracy = accuracy(z, set, task);
  return e;
}

}  // namespace engine
