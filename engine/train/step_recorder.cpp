#include "train/step_recorder.hpp"

#include <cmath>
#include <limits>

#include "metrics/weight_stats.hpp"

namespace engine {
namespace {

double norm(const Matrix& m) { return std::sqrt(static_cast<double>(m.squaredNorm())); }

}  // namespace

void StepRecorder::reset(int layers) {
  layers_ = layers;
  log_ = MetricsLog(layers);
  current_.assign(static_cast<std::size_t>(layers), LayerStats{});
  previousWeights_.assign(static_cast<std::size_t>(layers), Matrix());
  trace_.assign(kMaxTrace, Traced{MetricsRow{}, current_});
  traceStart_ = traced_ = 0;
  gradNormTotal_ = gradNormClipped_ = 0.0;
}

bool StepRecorder::records(const TrainingSpec& training, long stepIndex, bool epochEnds) {
  return (epochEnds && training.recordEpochs) || (stepIndex + 1) % training.recordEvery == 0;
}

void StepRecorder::gradientsBeforeClip(const std::vector<Param*>& params) {
  for (LayerStats& s : current_) s.gradNorm = 0.0;
  double total = 0.0;
  for (const Param* p : params) {
    const double squares = static_cast<double>(p->grad.squaredNorm());
    total += squares;
    if (p->layer >= 0 && p->layer < layers_)
      current_[static_cast<std::size_t>(p->layer)].gradNorm += squares;
  }
  for (LayerStats& s : current_) s.gradNorm = std::sqrt(s.gradNorm);
  gradNormTotal_ = gradNormClipped_ = std::sqrt(total);
}

void StepRecorder::gradientsAfterClip(const std::vector<Param*>& params) {
  double total = 0.0;
  for (const Param* p : params) total += static_cast<double>(p->grad.squaredNorm());
  gradNormClipped_ = std::sqrt(total);
}

void StepRecorder::weightsBeforeStep(const std::vector<Param*>& weights) {
  for (std::size_t k = 0; k < weights.size() && k < previousWeights_.size(); ++k)
    previousWeights_[k] = weights[k]->value;  // no allocation once sized
}

void StepRecorder::weightsAfterStep(const std::vector<Param*>& weights) {
  for (std::size_t k = 0; k < weights.size() && k < current_.size(); ++k) {
    const Matrix& w = weights[k]->value;
    const double delta = std::sqrt(static_cast<double>((w - previousWeights_[k]).squaredNorm()));
    const double n = norm(w);
    current_[k].updateRatio = n > 0.0 ? delta / n : 0.0;
  }
}

void StepRecorder::trace(double step, double epoch, double lr, double batchLoss,
                         const std::vector<Param*>& weights) {
  if (trace_.empty()) return;
  // The next free slot, or the oldest one once the ring is full.
  Traced& t = trace_[(traceStart_ + traced_) % trace_.size()];
  if (traced_ < trace_.size())
    ++traced_;
  else
    traceStart_ = (traceStart_ + 1) % trace_.size();
  const double nan = std::numeric_limits<double>::quiet_NaN();
  t.row.step = step;
  t.row.epoch = epoch;
  t.row.lr = lr;
  t.row.batchLoss = batchLoss;
  t.row.trainLoss = t.row.trainPenalty = t.row.valLoss = t.row.testLoss = t.row.lossGap = nan;
  t.row.trainAccuracy = t.row.valAccuracy = t.row.testAccuracy = nan;
  t.row.gradNormTotal = gradNormTotal_;
  t.row.gradNormClipped = gradNormClipped_;
  t.layers = current_;  // same size: no allocation
  for (std::size_t k = 0; k < t.layers.size(); ++k) {
    LayerStats& s = t.layers[k];
    s.weightL1 = s.zeroFraction = s.smallFraction = s.updateRatio = nan;
    s.weightL2 = k < weights.size() ? norm(weights[k]->value) : nan;
  }
}

void StepRecorder::record(MetricsRow row, const std::vector<Param*>& weights, bool afterStep) {
  std::vector<LayerStats> stats = current_;
  if (afterStep) {
    row.gradNormTotal = gradNormTotal_;
    row.gradNormClipped = gradNormClipped_;
  } else {
    for (LayerStats& s : stats) s.gradNorm = s.updateRatio = 0.0;
  }
  for (std::size_t k = 0; k < weights.size() && k < stats.size(); ++k)
    weightStats(weights[k]->value, stats[k]);
  log_.append(row, stats);
  traceStart_ = traced_ = 0;
}

void StepRecorder::flushTrace() {
  for (std::size_t i = 0; i < traced_; ++i) {
    const Traced& t = trace_[(traceStart_ + i) % trace_.size()];
    log_.append(t.row, t.layers);
  }
  traceStart_ = traced_ = 0;
}

}  // namespace engine
