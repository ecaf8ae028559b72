// Why a run stops, as the trainer asks in step order:
//   divergence      the batch loss is NaN or ±inf: stop before the update, name the step
//   early stopping  at an epoch end, no validation improvement for `patience` epochs
//                   (early_stopping.hpp); the best weights are kept and, if asked, restored
//   epoch limit     training.maxEpochs reached (0 = no limit)
// Each returns "" while the run may go on, else the message the page shows with its next step.
#pragma once

#include <memory>
#include <string>

#include "nn/model.hpp"
#include "spec/experiment_spec.hpp"
#include "train/early_stopping.hpp"

namespace engine {

std::string divergenceMessage(double batchLoss, long step);
std::string epochLimitMessage(const TrainingSpec& training, long epoch);

class EarlyStopper {
 public:
  // Keeps the patience count and the best weights when only patience or minDelta change.
  void configure(const EarlyStoppingSpec& spec);
  bool enabled() const { return rule_ != nullptr; }
  // One epoch's validation loss. Snapshots a new best; returns the stop message when patience
  // runs out (restoring the best weights first when restoreBest), else "".
  std::string epochEnded(double validationLoss, long epoch, Model& model);
  // Step of the best validation loss so far (-1 before the first epoch ends).
  long bestStep() const { return bestStep_; }
  void setStep(long step) { step_ = step; }

 private:
  EarlyStoppingSpec spec_;
  std::unique_ptr<EarlyStopping> rule_;
  std::unique_ptr<ModelSnapshot> best_;
  long bestStep_ = -1;
  long step_ = 0;
};

}  // namespace engine
