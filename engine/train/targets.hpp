// The loss targets of a split: one-hot rows for multiclass (as CrossEntropyLoss needs them once
// mixup blends two classes), the class (0 or 1) for binary, the standardised values for
// regression (one column per output).
#pragma once

#include "core/eigen.hpp"
#include "data/dataset.hpp"
#include "loss/make_loss.hpp"

namespace engine {

// Task of a data set: regression without classes, binary with 2, multiclass past that.
Task taskOf(const Dataset& d);
// Raw network outputs the task needs: K for multiclass, the target columns for regression, else 1.
int outputsFor(const Dataset& d);
Matrix lossTargets(const Dataset& d);

}  // namespace engine
