// Trainer::firstConvFilters, featureMaps and augmentedBatch: what a CNN's pictures show, read
// from the running network without changing it (weights, running statistics and the run's
// random streams stay as they are; each view draws from its own seeded stream).
#include <algorithm>
#include <stdexcept>
#include <string>

#include "nn/dropout.hpp"
#include "nn/dropout2d.hpp"
#include "train/augment.hpp"
#include "train/random_streams.hpp"
#include "train/trainer.hpp"

namespace engine {
namespace {

std::vector<float> floats(const Scalar* p, Index n) { return std::vector<float>(p, p + n); }

}  // namespace

ConvFilters Trainer::firstConvFilters() const {
  ConvFilters out;
  for (std::size_t i = 0; i < hidden_.size(); ++i) {
    const Conv2d* conv = hidden_[i].conv;
    if (!conv) continue;
    out.hidden = static_cast<int>(i);
    out.outChannels = conv->options().outChannels;
    out.inChannels = conv->inputShape().channels;
    out.kernel = conv->options().kernelH;
    const Matrix& w = const_cast<Conv2d*>(conv)->weight().value;
    out.values = floats(w.data(), w.size());
    break;
  }
  return out;
}

FeatureMaps Trainer::featureMaps(Split split, int row, bool training, std::uint32_t seed) {
  if (!imageInput_) throw std::invalid_argument("featureMaps: only for image data sets");
  const Dataset& d = dataset(split);
  if (row < 0 || row >= d.rows()) {
    throw std::invalid_argument("featureMaps(row): must be in [0, " + std::to_string(d.rows() - 1) +
                                "] for this split, got " + std::to_string(row));
  }
  FeatureMaps out;
  out.inputShape = inputShape_;
  const Matrix x = d.x.row(row);
  out.input = floats(x.data(), x.size());
  int lastImage = -1;  // the model layer after which nothing more is recorded
  for (const HiddenLayerMap& h : hidden_)
    if (h.imageOutput) lastImage = h.last;
  // Layer by layer: only the dropout kinds see training = true, so batch norm keeps its
  // running statistics (a training-mode batch norm would update them).
  Rng rng(seed, kViewStream);
  const Matrix* h = &x;
  std::size_t entry = 0;
  for (int i = 0; i <= lastImage; ++i) {
    Layer& layer = model_->layer(i);
    const bool drops = dynamic_cast<Dropout*>(&layer) || dynamic_cast<Dropout2d*>(&layer) ||
                       dynamic_cast<DropBlock2d*>(&layer);
    h = &layer.forward(*h, training && drops, rng);
    while (entry < hidden_.size() && hidden_[entry].last < i) ++entry;
    if (entry >= hidden_.size() || hidden_[entry].last != i || !hidden_[entry].imageOutput)
      continue;
    const HiddenLayerMap& m = hidden_[entry];
    FeatureMap f;
    f.hidden = static_cast<int>(entry);
    f.kind = m.kind;
    f.shape = m.output;
    f.values = floats(h->data(), h->size());
    if (training && m.dropout2d && m.dropout2d->rate() > 0.0) {
      const Matrix& mask = m.dropout2d->mask();  // 1 × C: 0 or 1/(1 − p)
      for (Index c = 0; c < mask.cols(); ++c) f.droppedChannels.push_back(mask(0, c) == 0 ? 1 : 0);
    }
    if (training && m.dropBlock && m.dropBlock->rate() > 0.0) {
      const Matrix& mask = m.dropBlock->blockMask();
      f.blockMask = floats(mask.data(), mask.size());
    }
    out.maps.push_back(std::move(f));
  }
  return out;
}

AugmentedBatch Trainer::augmentedBatch(int count, std::uint32_t seed) {
  if (!imageInput_) throw std::invalid_argument("augmentedBatch: only for image data sets");
  if (count < 1 || count > 256)
    throw std::invalid_argument("augmentedBatch(count): must be in [1, 256], got " +
                                std::to_string(count));
  const int n = static_cast<int>(data_.train.rows());
  const int rows = std::min(count, n);
  // The rows: the first of a seeded shuffle; the draws: a batch's, from a stream of the seed.
  Rng pick(seed, kShuffleStream);
  std::vector<int> order;
  pick.permutation(order, n);
  AugmentedBatch out;
  out.shape = inputShape_;
  Matrix batch(rows, inputs_);
  for (int i = 0; i < rows; ++i) {
    const int r = order[static_cast<std::size_t>(i)];
    out.rows.push_back(r);
    out.labels.push_back(data_.train.target[static_cast<std::size_t>(r)]);
    batch.row(i) = data_.train.x.row(r);
  }
  Rng rng(seed, kAugmentStream);
  const TrainingSpec& t = spec_.training;
  const bool geometric = t.augmentShift > 0 || t.augmentRotation > 0.0 || t.augmentFlip;
  augmentImages(batch, rng);
  if (geometric) {
    out.transforms = imageAugmenter_.lastTransforms();
  } else {
    out.transforms.assign(static_cast<std::size_t>(rows), ImageTransform{});
  }
  addJitter(batch, t.jitter, rng);
  out.inputs = floats(batch.data(), batch.size());
  data_.transform.scaler.inverseTransform(batch);
  out.images = floats(batch.data(), batch.size());
  return out;
}

}  // namespace engine
