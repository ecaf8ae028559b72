// A model's data loss and accuracy on one split, in eval mode (dropout off, batch norm on its
// running statistics), as model.eval() + torch.no_grad() would give.
#pragma once

#include "core/eigen.hpp"
#include "data/dataset.hpp"
#include "loss/loss.hpp"
#include "loss/make_loss.hpp"
#include "nn/model.hpp"

namespace engine {

struct Evaluation {
  double loss = 0.0;      // data loss, eval mode
  double penalty = 0.0;   // R(w), the same for every split
  double accuracy = 0.0;  // 0 for regression
  int samples = 0;
};

// Share of rows whose arg-max output (binary: logit > 0) is the row's class; 0 for regression.
double accuracy(const Matrix& z, const Dataset& set, Task task);
// Loss and accuracy of the model on `set` against its loss targets (penalty left 0).
// chunkRows > 0: the split goes through the model that many rows at a time (a CNN's feature
// maps of a whole split would not fit in memory); the loss is then the row-weighted mean of the
// chunks' means, the same value up to rounding. 0: one pass.
Evaluation evaluateSplit(Model& model, const Loss& loss, Task task, const Dataset& set,
                         const Matrix& targets, Index chunkRows = 0);

}  // namespace engine
