// The loss of a task: Binary → BCEWithLogits (one logit per row), Multiclass → softmax
// cross-entropy (K logits per row), Regression → MSE. The network's raw outputs z are what the
// loss sees; predict() turns them into probabilities or values.
#pragma once

#include <memory>

#include "loss/loss.hpp"

namespace engine {

enum class Task { Binary, Multiclass, Regression };

std::unique_ptr<Loss> makeLoss(Task task);

}  // namespace engine
