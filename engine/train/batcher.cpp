#include "train/batcher.hpp"

#include "train/random_streams.hpp"

#include <algorithm>
#include <stdexcept>

namespace engine {

Batcher::Batcher(int samples, int batchSize, bool shuffle, Rng rng)
    : samples_(samples),
      batchSize_(batchSize <= 0 || batchSize > samples ? samples : batchSize),
      shuffle_(shuffle),
      rng_(rng),
      cursor_(samples) {
  if (samples <= 0) throw std::invalid_argument("training split is empty: nothing to train on");
  batch_.reserve(static_cast<std::size_t>(batchSize_));
}

const std::vector<int>& Batcher::next() {
  if (cursor_ >= samples_) {
    if (shuffle_) {
      rng_.permutation(order_, samples_);
    } else if (static_cast<int>(order_.size()) != samples_) {
      order_.resize(static_cast<std::size_t>(samples_));
      for (int i = 0; i < samples_; ++i) order_[static_cast<std::size_t>(i)] = i;
    }
    cursor_ = 0;
  }
  const int end = std::min(cursor_ + batchSize_, samples_);
  batch_.assign(order_.begin() + cursor_, order_.begin() + end);
  cursor_ = end;
  return batch_;
}

std::unique_ptr<Batcher> makeBatcher(const ExperimentSpec& spec, int rows, long fromStep) {
  const std::uint64_t seed = spec.seed + (static_cast<std::uint64_t>(fromStep) << 32);
  return std::make_unique<Batcher>(rows, spec.training.batchSize, spec.training.shuffle,
                                   Rng(seed, kShuffleStream));
}

}  // namespace engine
