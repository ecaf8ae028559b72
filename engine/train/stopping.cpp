#include "train/stopping.hpp"
#include "core/text_out.hpp"

#include <cmath>

namespace engine {

std::string divergenceMessage(double batchLoss, long step) {
  if (std::isfinite(batchLoss)) return "";
  TextOut os;
  os << "training diverged: the loss became " << (std::isnan(batchLoss) ? "NaN" : "infinite")
     << " at step " << step << "; lower the learning rate, add gradient clipping, or reset";
  return os.str();
}

std::string epochLimitMessage(const TrainingSpec& training, long epoch) {
  if (training.maxEpochs <= 0 || epoch < training.maxEpochs) return "";
  return "finished: reached " + std::to_string(training.maxEpochs) +
         " epochs; raise the epoch limit to go on, or reset";
}

void EarlyStopper::configure(const EarlyStoppingSpec& spec) {
  spec_ = spec;
  if (!spec.enabled) {
    rule_.reset();
    best_.reset();
    bestStep_ = -1;
    return;
  }
  if (!rule_) rule_ = std::make_unique<EarlyStopping>(spec.patience, spec.minDelta);
  rule_->setPatience(spec.patience, spec.minDelta);
}

std::string EarlyStopper::epochEnded(double validationLoss, long epoch, Model& model) {
  if (!rule_) return "";
  const bool stop = rule_->observe(validationLoss, epoch);
  if (rule_->isNewBest()) {
    best_ = std::make_unique<ModelSnapshot>(model.snapshot());
    bestStep_ = step_;
  }
  if (!stop) return "";
  TextOut os;
  os << "early stopping: no validation improvement for " << spec_.patience << " epochs; best loss "
     << rule_->bestLoss() << " at epoch " << rule_->bestEpoch();
  if (spec_.restoreBest && best_) {
    model.restore(*best_);
    os << " (weights restored)";
  }
  os << "; reset to train again";
  return os.str();
}

}  // namespace engine
