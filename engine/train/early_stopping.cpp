#include "train/early_stopping.hpp"

namespace engine {

bool EarlyStopping::observe(double validationLoss, long epoch) {
  newBest_ = validationLoss < best_ - minDelta_;
  if (newBest_) {
    best_ = validationLoss;
    bestEpoch_ = epoch;
    wait_ = 0;
    return false;
  }
  ++wait_;
  return wait_ >= patience_;
}

}  // namespace engine
