// Trainer::update: a changed spec applied to the running network as far as its cost allows
// (spec/spec_diff.hpp): live changes keep weights, optimizer state and batch order; a changed
// optimizer starts fresh moments; a new batch size or shuffle flag starts a new batch order
// from the current step; anything that needs a new network is refused (the caller rebuilds).
#include <stdexcept>

#include "optim/param_groups.hpp"
#include "spec/spec_diff.hpp"
#include "train/trainer.hpp"

namespace engine {

bool Trainer::update(const ExperimentSpec& next) {
  const ChangeCost cost = changeCost(spec_, next);
  if (cost == ChangeCost::Rebuild) return false;
  const std::vector<std::string> errors = validate(next);
  if (!errors.empty()) throw std::invalid_argument(describeErrors(errors));

  const TrainingSpec before = spec_.training;
  spec_ = next;
  if (cost == ChangeCost::NewState) buildOptimizer();
  if (before.batchSize != next.training.batchSize || before.shuffle != next.training.shuffle)
    batcher_ = makeBatcher(spec_, static_cast<int>(data_.train.rows()), step_);
  configureLive();
  // A run stopped by its epoch limit goes on once the limit is lifted; a diverged or
  // early-stopped run needs a reset.
  if (state_ == RunState::Finished && epochLimitMessage(spec_.training, epoch_).empty()) {
    state_ = RunState::Running;
    message_.clear();
  }
  return true;
}

}  // namespace engine
