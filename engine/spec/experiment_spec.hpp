// The experiment spec: everything that defines a run, as plain data. The same object (in
// camelCase JSON) is what the web app puts in its URL and what a tutorial passes to
// `new engine.Trainer(spec)`; bindings.cpp converts it field by field using spec_schema.
// Same spec + same seed ⇒ the same run, bit for bit, in the same build.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace engine {

struct DataSpec {
  // circle | xor | gauss | spiral | moons | regression1d | sparseLinear | shapes |
  // diabetes | breastCancer | digits | custom
  std::string kind = "circle";
  int samples = 200;         // generated sets only
  double noise = 0.1;        // input noise (2D sets) or target noise std (regression sets)
  double labelNoise = 0.0;   // fraction of flipped labels (2D sets)
  double valFraction = 0.2;  // not used when folds > 0
  double testFraction = 0.2;
  // Share of the training split kept for training, in (0, 1]: per class the first
  // max(1, round(f·n_c)) rows of the split's (shuffled) order, so that overfitting can be
  // provoked on purpose; validation and test keep every row (data/make_data.hpp).
  double trainFraction = 1.0;
  // k-fold cross-validation of a network: with folds = k > 0 the validation split is fold
  // `fold` (0..k−1) of a seeded k-fold partition of the non-test rows (data/make_data.hpp).
  int folds = 0;  // 0 = off (valFraction decides the validation split), else 2..10
  int fold = 0;
  // 2D input features: x1 x2 x1Squared x2Squared x1x2 sinX1 sinX2
  std::vector<std::string> features = {"x1", "x2"};
  int degree = 1;                       // regression1d: polynomial feature expansion degree
  int dimensions = 100;                 // sparseLinear: p
  int nonZeros = 5;                     // sparseLinear: k true non-zeros
  bool standardize = true;              // fitted on the training split only
  std::string task = "classification";  // custom data only: classification | regression
};

// One entry of model.hidden. `kind` decides which fields matter (the schema's relevance says
// so; the others keep their defaults and are ignored):
//   dense:          Linear(units) → [BatchNorm1d] → activation → Dropout(dropout); flattens an
//                   image input first (as torch.nn.Flatten then Linear)
//   conv:           Conv2d(channels, kernel × kernel, stride, padding) → [BatchNorm2d] →
//                   activation → Dropout2d(dropout) → DropBlock(dropBlock, blockSize)
//   maxPool/avgPool: MaxPool2d / AvgPool2d(size), stride = size
//   globalAvgPool:  AdaptiveAvgPool2d(1) + Flatten: a vector of the channels' means
//   flatten:        Flatten (the identity on a vector)
// The output layer is a dense layer after the last entry (flattening an image input).
struct LayerSpec {
  std::string kind = "dense";       // dense | conv | maxPool | avgPool | globalAvgPool | flatten
  int units = 8;                    // dense
  int channels = 8;                 // conv: output channels
  int kernel = 3;                   // conv: square kernel side
  int stride = 1;                   // conv
  int padding = 0;                  // conv: zeros on every side
  int size = 2;                     // maxPool / avgPool: window side and stride
  std::string activation = "tanh";  // dense, conv: relu | leakyRelu | tanh | sigmoid | linear
  // Inverted dropout rate after the activation: Dropout (dense) or Dropout2d (conv: whole
  // channels per sample).
  double dropout = 0.0;
  double dropBlock = 0.0;     // conv: DropBlock drop rate 1 − keep_prob (0 = off)
  int blockSize = 3;          // conv: DropBlock block side (odd, ≤ the feature map's side)
  double penaltyScale = 1.0;  // multiplies the penalty strength for this layer's weights
  bool batchNorm = false;     // BatchNorm1d (dense) or BatchNorm2d (conv) before the activation
};

struct ModelSpec {
  std::vector<LayerSpec> hidden = {LayerSpec{}, LayerSpec{}};  // empty: linear / logistic model
  double outputPenaltyScale = 1.0;
  // xavierUniform | xavierNormal | heUniform | heNormal
  std::string init = "xavierUniform";
  double leakySlope = 0.01;
  double batchNormMomentum = 0.1;  // PyTorch's convention: running = (1-m)·running + m·batch
  double batchNormEps = 1e-5;
  // DropBlock's keep_prob falls linearly from 1 to 1 − dropBlock over this many steps (the
  // paper's schedule); 0 = the target rate from the first step.
  int dropBlockRampSteps = 0;
};

struct PenaltySpec {
  std::string kind = "none";  // none | l1 | l2 | elasticNet | lp
  double lambda = 0.0;
  std::string l1Mode = "proximal";  // subgradient | proximal (l1 and elasticNet)
  double l1Ratio = 0.5;             // elasticNet mixing, as sklearn's l1_ratio
  double p = 0.5;                   // lp bridge exponent, 0 < p < 1
  bool applyToBiases = false;
};

struct OptimizerSpec {
  std::string kind = "sgd";  // sgd | adam | adamw | rmsprop | adagrad
  double lr = 0.03;
  double momentum = 0.0;            // sgd, rmsprop
  double dampening = 0.0;           // sgd
  bool nesterov = false;            // sgd
  double beta1 = 0.9;               // adam, adamw
  double beta2 = 0.999;             // adam, adamw
  double eps = 1e-8;                // adam, adamw, rmsprop, adagrad (torch's defaults differ)
  bool amsgrad = false;             // adam, adamw
  double alpha = 0.99;              // rmsprop smoothing
  bool centered = false;            // rmsprop
  double lrDecay = 0.0;             // adagrad
  double initialAccumulator = 0.0;  // adagrad
  double weightDecay = 0.0;         // coupled (in the gradient) except adamw: decoupled
  // What weight decay shrinks: "all" parameters (torch's default for a model's parameters()),
  // or "weights" only, leaving biases and normalization parameters out (AdamW practice).
  std::string decayScope = "all";
};

struct ScheduleSpec {
  std::string kind = "constant";  // constant | step | exponential | cosine
  int stepSize = 100;             // step
  double gamma = 0.5;             // step, exponential
  int tMax = 1000;                // cosine
  double etaMin = 0.0;            // cosine
  int warmupSteps = 0;            // linear warm-up, multiplies any schedule
  double warmupStartFactor = 0.1;
};

struct EarlyStoppingSpec {
  bool enabled = false;
  int patience = 10;  // epochs without improvement
  double minDelta = 0.0;
  bool restoreBest = true;
};

struct TrainingSpec {
  int batchSize = 10;       // 0 = full batch
  bool shuffle = true;      // false: fixed batch order, to compare with other frameworks
  double clipNorm = 0.0;    // clip_grad_norm_ max norm; 0 = off
  double clipValue = 0.0;   // clip_grad_value_; 0 = off
  double maxNorm = 0.0;     // max-norm constraint on each unit's incoming weights; 0 = off
  double jitter = 0.0;      // Gaussian input noise std (augmentation)
  double mixupAlpha = 0.0;  // mixup Beta(α, α); 0 = off
  // Image augmentation of each training batch (image data kinds only; train/image_augment.hpp),
  // on the images before scaling: random shifts of up to augmentShift pixels, rotations of up
  // to augmentRotation degrees, horizontal flips of half the images. Pixel noise is `jitter`.
  int augmentShift = 0;
  double augmentRotation = 0.0;
  bool augmentFlip = false;
  EarlyStoppingSpec earlyStopping;
  int recordEvery = 10;      // record metrics every N steps
  bool recordEpochs = true;  // and at every epoch end
  int maxEpochs = 0;         // stop after N epochs; 0 = no limit
};

struct ExperimentSpec {
  int version = 1;
  std::uint32_t seed = 1;
  DataSpec data;
  ModelSpec model;
  PenaltySpec penalty;
  OptimizerSpec optimizer;
  ScheduleSpec schedule;
  TrainingSpec training;
};

// Every problem with the spec, each naming the key path and the allowed range,
// e.g. "optimizer.lr: must be in [0, 10], got -1": the schema's fields (spec_schema.hpp) and
// cross-field rules (cross_field_rules.hpp). Empty when the spec is valid.
std::vector<std::string> validate(const ExperimentSpec& spec);
// The same, restricted to the fields under one prefix ("optimizer.") and the rules whose terms
// all lie there: for builders that take one part of a spec.
std::vector<std::string> validateSection(const ExperimentSpec& spec, const std::string& prefix);
// "invalid experiment spec: <error>; <error>", the message a refused spec throws with.
std::string describeErrors(const std::vector<std::string>& errors);

}  // namespace engine
