// Mini-batch order over the training split, as torch.utils.data.DataLoader with
// drop_last=False: every epoch visits each sample once, in batches of batchSize (the last one
// may be smaller); shuffle=true draws a fresh permutation per epoch from its own Rng stream,
// shuffle=false keeps 0..n-1 so a trajectory can be compared step for step with another
// framework. batchSize 0 means the whole split (full-batch gradient descent).
#pragma once

#include <memory>
#include <vector>

#include "core/rng.hpp"
#include "spec/experiment_spec.hpp"

namespace engine {

class Batcher {
 public:
  Batcher(int samples, int batchSize, bool shuffle, Rng rng);

  // Indices of the next batch; starts a new epoch (and reshuffles) when the last one ran out.
  const std::vector<int>& next();
  // True when the batch just returned by next() was the last of its epoch.
  bool epochEnded() const { return cursor_ >= samples_; }
  int stepsPerEpoch() const { return (samples_ + batchSize_ - 1) / batchSize_; }
  int batchSize() const { return batchSize_; }

 private:
  int samples_;
  int batchSize_;
  bool shuffle_;
  Rng rng_;
  std::vector<int> order_;
  std::vector<int> batch_;
  int cursor_;
};

// The run's batcher, the one way the trainer makes one: the spec's batch size and shuffle flag,
// on the shuffle stream of the spec's seed. One rebuilt mid-run (the batch size changed at step
// `fromStep`) draws from a seed of its own, so its order is not the start's replayed.
std::unique_ptr<Batcher> makeBatcher(const ExperimentSpec& spec, int rows, long fromStep);

}  // namespace engine
