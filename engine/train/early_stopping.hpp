// Early stopping on the validation loss (Prechelt 1998; Keras' EarlyStopping semantics):
// after each epoch, a loss below best − minDelta is an improvement (it becomes the best and
// resets the wait); otherwise the wait grows, and training stops once it reaches `patience`
// epochs. The caller snapshots the weights when isNewBest() and restores them on stop when
// restoreBest is set.
#pragma once

#include <limits>

namespace engine {

class EarlyStopping {
 public:
  EarlyStopping(int patience, double minDelta) : patience_(patience), minDelta_(minDelta) {}

  // Feeds one epoch's validation loss; returns true when training should stop.
  bool observe(double validationLoss, long epoch);
  bool isNewBest() const { return newBest_; }
  double bestLoss() const { return best_; }
  long bestEpoch() const { return bestEpoch_; }
  int wait() const { return wait_; }
  void setPatience(int patience, double minDelta) {
    patience_ = patience;
    minDelta_ = minDelta;
  }

 private:
  int patience_;
  double minDelta_;
  double best_ = std::numeric_limits<double>::infinity();
  long bestEpoch_ = -1;
  int wait_ = 0;
  bool newBest_ = false;
};

}  // namespace engine
