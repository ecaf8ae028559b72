// What the charts see of the steps: a full metrics row (losses on every split, accuracies,
// per-layer statistics) every training.recordEvery steps and at each epoch end, plus a cheap
// trace of every step in between (batch loss, learning rate, gradient norms and each layer's
// weight norm: a pass over the parameters, no evaluation). When a run diverges the trace since the
// last record is written to the log too, with the evaluated columns NaN, so the explosion is on the
// chart step by step. Gradient norms are taken before clipping (per layer and global) and after it
// (global); a layer's gradient norm covers all of its parameters (weight, bias, batch-norm
// scale/shift).
#pragma once

#include <vector>

#include "core/param.hpp"
#include "metrics/metrics_log.hpp"
#include "spec/experiment_spec.hpp"

namespace engine {

class StepRecorder {
 public:
  // At most this many traced steps are kept between records.
  static constexpr int kMaxTrace = 256;

  void reset(int layers);
  // Whether the step with 0-based index `stepIndex` ends with a full record.
  static bool records(const TrainingSpec& training, long stepIndex, bool epochEnds);

  // After backward, before clipping.
  void gradientsBeforeClip(const std::vector<Param*>& params);
  // After clipping, before the optimizer step.
  void gradientsAfterClip(const std::vector<Param*>& params);
  // Around the optimizer step (with prox and max-norm), for ‖Δw‖ / ‖w‖. `weights`: one weight
  // matrix per trainable layer (Model::layerWeights).
  void weightsBeforeStep(const std::vector<Param*>& weights);
  void weightsAfterStep(const std::vector<Param*>& weights);

  // A traced step: everything above plus the step's numbers. `full` is then filled in by the
  // trainer's evaluation and appended with record(); otherwise the row stays in the trace.
  void trace(double step, double epoch, double lr, double batchLoss,
             const std::vector<Param*>& weights);
  // Appends a full row: `row` carries the evaluated columns; the step's gradient and update
  // statistics come from this step's trace, the weight statistics from the layers now.
  void record(MetricsRow row, const std::vector<Param*>& weights, bool afterStep);
  // Writes the trace since the last record to the log (evaluated columns NaN).
  void flushTrace();

  MetricsColumns take() { return log_.takeRows(); }

 private:
  struct Traced {
    MetricsRow row;
    std::vector<LayerStats> layers;
  };

  MetricsLog log_;
  int layers_ = 0;
  std::vector<LayerStats> current_;  // this step's per-layer statistics
  double gradNormTotal_ = 0.0;
  double gradNormClipped_ = 0.0;
  std::vector<Matrix> previousWeights_;
  // Steps since the last record: a ring of kMaxTrace preallocated slots (no allocation per
  // step), `traced_` of them in use, the oldest at `traceStart_`.
  std::vector<Traced> trace_;
  std::size_t traceStart_ = 0;
  std::size_t traced_ = 0;
};

}  // namespace engine
