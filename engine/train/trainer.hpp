// A training run: data, model, loss, penalties, optimizer, schedule and metrics, built from an
// ExperimentSpec. One step is PyTorch's loop with the playground's hooks, in this order (each
// hook its own file):
//   batch (batcher) → augment (augment: jitter, mixup) → zero grads → forward (train mode)
//   → loss → divergence check (stopping: a NaN/inf loss stops the run before the update)
//   → backward → penalty subgradients (layer_penalties, gradient mode)
//   → gradient norms before clipping (step_recorder) → clip by norm, then value (grad_clip)
//   → optimizer.step() at the scheduled lr, weight decay inside (optim/)
//   → prox of penalties in proximal mode with step γ·λ (layer_penalties)
//   → max-norm projection of each unit's incoming weights (max_norm)
//   → record or trace the step (step_recorder) → early stopping at an epoch end, then the
//     epoch limit (stopping)
// Same spec + seed ⇒ the same run, bit for bit, in the same build. Evaluation and prediction
// live in evaluation.cpp and prediction.cpp, hot updates in hot_update.cpp.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "core/rng.hpp"
#include "data/dataset.hpp"
#include "data/make_data.hpp"
#include "loss/loss.hpp"
#include "loss/make_loss.hpp"
#include "metrics/metrics_log.hpp"
#include "metrics/weight_stats.hpp"
#include "nn/model.hpp"
#include "optim/lr_schedule.hpp"
#include "optim/optimizer.hpp"
#include "spec/experiment_spec.hpp"
#include "train/augment.hpp"
#include "train/batcher.hpp"
#include "train/evaluation.hpp"
#include "train/layer_penalties.hpp"
#include "train/step_recorder.hpp"
#include "train/stopping.hpp"

namespace engine {

enum class RunState { Running, Diverged, EarlyStopped, Finished };
const char* runStateName(RunState state);

struct RunStatus {
  RunState state = RunState::Running;
  long step = 0;      // optimizer steps taken so far
  long epoch = 0;     // completed epochs
  long stepsRun = 0;  // steps taken by the call that returned this
  long divergedAtStep = -1;
  long bestStep = -1;  // early stopping: step of the best validation loss so far
  std::string message;
};

enum class Split { Train, Validation, Test };

struct NetworkInfo {
  int inputs = 0;
  int outputs = 0;
  Task task = Task::Binary;
  std::vector<std::string> featureNames;
  std::vector<std::string> targetNames;  // regression: one per output
  std::vector<int> layerSizes;
  long parameterCount = 0;
};

// What every unit of the network computes over a grid of the input plane (Trainer::neuronGrids),
// one picture of resolution² values per unit, as the TensorFlow Playground draws its neurons.
struct NeuronGrids {
  int resolution = 0;
  // The network's inputs (after feature expansion and standardisation: what the first layer
  // sees), then each hidden layer's units.
  std::vector<int> layerSizes;
  // Layer by layer, unit by unit, each picture resolution² values in gridPredictions' order.
  std::vector<float> values;
};

class Trainer {
 public:
  // Throws std::invalid_argument naming every invalid field.
  explicit Trainer(const ExperimentSpec& spec);
  Trainer(const ExperimentSpec& spec, CustomData data);
  ~Trainer();
  Trainer(const Trainer&) = delete;
  Trainer& operator=(const Trainer&) = delete;

  RunStatus runSteps(long steps);
  RunStatus runEpochs(long epochs);
  RunStatus status() const;

  MetricsColumns takeMetrics() { return recorder_.take(); }
  bool hasValidation() const { return data_.validation.x.rows() > 0; }
  bool hasTest() const { return data_.test.x.rows() > 0; }
  bool hasAccuracy() const { return task_ != Task::Regression; }

  std::vector<Param*> parameters() { return model_->params(); }
  // Replaces a parameter's values (PyTorch layout); throws on unknown name or wrong size.
  void setParameter(const std::string& name, const float* values, long count);

  Evaluation evaluate(Split split);
  // Predictions (probabilities for classification, values in the target's units for
  // regression; rows × outputs) for raw inputs in the data set's original columns; the trainer
  // applies feature expansion and standardisation.
  Matrix predict(const Matrix& raw);
  // Predictions on a resolution × resolution grid over [xMin, xMax] × [yMin, yMax], row by row
  // from yMin; 2D data sets only. Binary: P(class 1); multiclass: the arg-max class.
  std::vector<float> gridPredictions(int resolution, double xMin, double xMax, double yMin,
                                     double yMax);
  // For 2D data sets, on the same grid as gridPredictions (resolution in [2, 128]), in eval
  // mode: each input feature's value (x1, x2, x1², sin x1, ... standardised as the first layer
  // sees them), then each hidden unit's value after its activation (after batch norm when the
  // layer has it; dropout is the identity in eval mode). Throws std::invalid_argument as
  // gridPredictions does.
  NeuronGrids neuronGrids(int resolution, double xMin, double xMax, double yMin, double yMax);
  Histogram histogram(int bins) const;
  const Dataset& dataset(Split split) const;
  // A split's targets as predict() gives them: class indices, or regression values in the
  // target's own units (the dataset holds them standardised, as the loss sees them).
  std::vector<float> targets(Split split) const;
  NetworkInfo network() const;
  const ExperimentSpec& spec() const { return spec_; }
  const SplitData& splitData() const { return data_; }

  // Applies a changed spec to the running network, as far as spec_diff allows: live changes
  // keep everything, optimizer changes start fresh moments. Returns false (changing nothing)
  // when the change needs a new network (data, architecture, seed): build a new Trainer.
  bool update(const ExperimentSpec& next);
  // Back to the initial weights of the seed and step 0.
  void reset();

 private:
  void build();
  void buildModel();
  void buildOptimizer();
  void configureLive();
  void trainStep();
  void gatherBatch(const std::vector<int>& batch);
  void record(bool afterStep);
  const Matrix& targetsFor(Split split) const;

  ExperimentSpec spec_;
  bool custom_ = false;
  CustomData customData_;
  SplitData data_;
  Task task_ = Task::Binary;
  int inputs_ = 0;
  int outputs_ = 0;
  Matrix trainTargets_, validationTargets_, testTargets_;

  std::unique_ptr<Model> model_;
  std::unique_ptr<Loss> loss_;
  std::unique_ptr<Optimizer> optimizer_;
  std::unique_ptr<LrSchedule> schedule_;
  std::unique_ptr<Batcher> batcher_;
  LayerPenalties penalties_;
  EarlyStopper earlyStopper_;
  StepRecorder recorder_;
  Mixup mixup_;
  Rng dropoutRng_{1};
  Rng augmentRng_{2};
  Matrix batchX_, batchY_, dz_;

  long step_ = 0;
  long epoch_ = 0;
  double lastBatchLoss_ = 0.0;
  double lastLr_ = 0.0;
  RunState state_ = RunState::Running;
  long divergedAtStep_ = -1;
  std::string message_;
};

}  // namespace engine
