// A training run: data, model, loss, penalties, optimizer, schedule and metrics, built from an
// ExperimentSpec. One step is PyTorch's loop with the playground's hooks, in this order (each
// hook its own file):
//   batch (batcher) → image augmentation (image_augment: shifts, rotations, flips, on image
//   data) → augment (augment: jitter, mixup) → DropBlock's scheduled rate → zero grads →
//   forward (train mode)
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

#include <cstdint>
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
#include "nn/network.hpp"
#include "optim/lr_schedule.hpp"
#include "optim/optimizer.hpp"
#include "spec/experiment_spec.hpp"
#include "train/augment.hpp"
#include "train/batcher.hpp"
#include "train/evaluation.hpp"
#include "train/image_augment.hpp"
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

// One entry of model.hidden, or the output layer, as built: what the page shows at each step.
struct LayerInfo {
  std::string kind;    // the entry's kind; "output" for the output layer
  int hidden = -1;     // index in model.hidden; −1 for the output layer
  int trainable = -1;  // k of its parameters layers.<k>.*; −1 for pooling / flatten
  Shape input, output;
  bool imageOutput = false;
  long parameters = 0;
};

struct NetworkInfo {
  int inputs = 0;
  int outputs = 0;
  Task task = Task::Binary;
  std::vector<std::string> featureNames;
  std::vector<std::string> targetNames;  // regression: one per output
  // The input, then the size of each hidden entry's output (a dense layer's units, a feature
  // map's C·H·W), then the outputs.
  std::vector<int> layerSizes;
  long parameterCount = 0;
  Shape inputShape;  // an image data set's image; else {inputs, 1, 1}
  bool imageInput = false;
  std::vector<LayerInfo> layers;  // every hidden entry, then the output layer
};

// The first conv layer's filters (Trainer::firstConvFilters): torch's [out][in][k][k] weight.
struct ConvFilters {
  int hidden = -1;  // its index in model.hidden; −1: the network has no conv layer
  int outChannels = 0, inChannels = 0, kernel = 0;
  std::vector<float> values;  // out·in·k·k, row-major
};

// One input through the network (Trainer::featureMaps).
struct FeatureMap {
  int hidden = 0;  // index in model.hidden
  std::string kind;
  Shape shape;
  // The entry's output for the input (a conv: after its activation, Dropout2d and DropBlock,
  // which only act on a training-mode pass), C·H·W values in NCHW order.
  std::vector<float> values;
  // Training-mode pass, conv entries only: 1 per channel Dropout2d dropped, else 0 (C values;
  // empty when its rate is 0), and DropBlock's 0/1 block mask (C·H·W, 0 = dropped; empty when
  // its rate is 0).
  std::vector<float> droppedChannels;
  std::vector<float> blockMask;
};

struct FeatureMaps {
  Shape inputShape;
  std::vector<float> input;      // the input as the network sees it (scaled), C·H·W values
  std::vector<FeatureMap> maps;  // every hidden entry whose output is an image
};

// Training images as a batch sees them (Trainer::augmentedBatch).
struct AugmentedBatch {
  Shape shape;
  std::vector<int> rows;      // rows of the training split
  std::vector<float> labels;  // their classes
  std::vector<float> images;  // rows × C·H·W, augmented, in the data's own units (as data())
  std::vector<float> inputs;  // the same as the network sees them: scaled, then jitter
  std::vector<ImageTransform> transforms;  // per row: flip, angle, shift drawn
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
  // Image data and a conv layer: see ConvFilters (hidden = −1 when there is no conv layer).
  ConvFilters firstConvFilters() const;
  // Row `row` of a split through the network. training = false: eval mode (dropout off, batch
  // norm with its running statistics). training = true: a training-mode pass for the picture of
  // what dropout does: Dropout, Dropout2d and DropBlock (at the scheduled rate of the current
  // step) drop with masks drawn from `seed` (the same seed, the same masks), while batch norm
  // still uses its running statistics and nothing of the run changes (weights, running
  // statistics, random streams). Image data only; throws std::invalid_argument otherwise or
  // for a row out of range.
  FeatureMaps featureMaps(Split split, int row, bool training, std::uint32_t seed);
  // `count` (1..256) rows of the training split, drawn without replacement with `seed`, after
  // the image augmentation and jitter of the spec, drawn with `seed` as a training batch draws
  // them. Image data only.
  AugmentedBatch augmentedBatch(int count, std::uint32_t seed);
  // Classification: counts[t·K + p] = rows of the split with true class t predicted as p (K×K;
  // binary: K = 2). Throws std::invalid_argument for regression.
  std::vector<long> confusionMatrix(Split split, int& classes);
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
  void augmentImages(Matrix& batch, Rng& rng);
  void setDropBlockRates(long step);
  Index evaluationChunk() const;
  Matrix evalOutputs(const Matrix& x);
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
  std::vector<HiddenLayerMap> hidden_;  // where each model.hidden entry lives in model_
  Shape inputShape_;
  bool imageInput_ = false;
  ImageAugmenter imageAugmenter_;
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
