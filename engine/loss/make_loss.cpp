#include "loss/make_loss.hpp"

#include "loss/bce_with_logits.hpp"
#include "loss/mse.hpp"
#include "loss/softmax_cross_entropy.hpp"

namespace engine {

std::unique_ptr<Loss> makeLoss(Task task) {
  switch (task) {
    case Task::Binary: return std::make_unique<BceWithLogitsLoss>();
    case Task::Multiclass: return std::make_unique<SoftmaxCrossEntropyLoss>();
    case Task::Regression: return std::make_unique<MseLoss>();
  }
  return std::make_unique<MseLoss>();
}

}  // namespace engine
