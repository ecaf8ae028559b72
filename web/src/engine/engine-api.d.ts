// The engine's JavaScript surface, as Embind exposes it (bindings.cpp). Hand-written because
// em++ 3.1.6 has no --emit-tsd; tests/node/engine-api.test.mjs checks every name here exists on
// the real module and tests/web/api-usage.ts must type-check against it.

export type DataKind =
  | 'circle' | 'xor' | 'gauss' | 'spiral' | 'moons' | 'regression1d' | 'sparseLinear'
  | 'diabetes' | 'breastCancer' | 'digits' | 'shapes' | 'custom';
export type Feature2D = 'x1' | 'x2' | 'x1Squared' | 'x2Squared' | 'x1x2' | 'sinX1' | 'sinX2';
export type ActivationKind = 'relu' | 'leakyRelu' | 'tanh' | 'sigmoid' | 'linear';
export type InitKind = 'xavierUniform' | 'xavierNormal' | 'heUniform' | 'heNormal';
export type PenaltyKind = 'none' | 'l1' | 'l2' | 'elasticNet' | 'lp';
export type OptimizerKind = 'sgd' | 'adam' | 'adamw' | 'rmsprop' | 'adagrad';
export type ScheduleKind = 'constant' | 'step' | 'exponential' | 'cosine';

// The kinds of model.hidden's entries (engine/spec/experiment_spec.hpp, LayerSpec):
//   dense          Linear(units) → [BatchNorm1d] → activation → Dropout; flattens an image
//   conv           Conv2d(channels, kernel × kernel, stride, padding) → [BatchNorm2d] →
//                  activation → Dropout2d(dropout) → DropBlock(dropBlock, blockSize)
//   maxPool/avgPool MaxPool2d / AvgPool2d(size), stride = size
//   globalAvgPool  the mean of each channel (AdaptiveAvgPool2d(1) + Flatten)
//   flatten        Flatten
// The output layer is a dense layer after the last entry. Which fields matter for a kind is in
// the schema (layerFields[].relevantWhen, op 'layerOneOf'); the others are ignored.
export type LayerKind = 'dense' | 'conv' | 'maxPool' | 'avgPool' | 'globalAvgPool' | 'flatten';

export interface LayerSpec {
  kind: LayerKind;
  units: number;
  channels: number;
  kernel: number;
  stride: number;
  padding: number;
  size: number;
  activation: ActivationKind;
  dropout: number; // dense: Dropout; conv: Dropout2d (whole channels)
  dropBlock: number; // conv: DropBlock's drop rate 1 − keep_prob
  blockSize: number; // conv: DropBlock's odd block side
  penaltyScale: number;
  batchNorm: boolean;
}

// Every key is optional when passed to the engine: a missing key takes its default
// (describe().fields[].default). Unknown keys and out-of-range values throw an Error.
export interface ExperimentSpec {
  version: 1;
  seed: number;
  data: {
    kind: DataKind;
    samples: number;
    noise: number;
    labelNoise: number;
    valFraction: number; // not used when folds > 0
    testFraction: number;
    // Share of the training split kept (per class, in the split's order), in (0, 1].
    trainFraction: number;
    // k-fold cross-validation of the network: with folds = k (2..10) the validation split is
    // fold `fold` (0..k−1) of a seeded k-fold partition of the non-test rows (stratified by
    // class for classification; the test split is unchanged); 0 = off.
    folds: number;
    fold: number;
    features: Feature2D[];
    degree: number;
    dimensions: number;
    nonZeros: number;
    standardize: boolean;
    task: 'classification' | 'regression';
  };
  model: {
    hidden: LayerSpec[];
    outputPenaltyScale: number;
    init: InitKind;
    leakySlope: number;
    batchNormMomentum: number;
    batchNormEps: number;
    dropBlockRampSteps: number; // DropBlock's keep_prob falls from 1 to its target over these steps
  };
  penalty: {
    kind: PenaltyKind;
    lambda: number;
    l1Mode: 'subgradient' | 'proximal';
    l1Ratio: number;
    p: number;
    applyToBiases: boolean;
  };
  optimizer: {
    kind: OptimizerKind;
    lr: number;
    momentum: number;
    dampening: number;
    nesterov: boolean;
    beta1: number;
    beta2: number;
    eps: number;
    amsgrad: boolean;
    alpha: number;
    centered: boolean;
    lrDecay: number;
    initialAccumulator: number;
    weightDecay: number;
    decayScope: 'all' | 'weights'; // weight decay on every parameter, or on weights only
  };
  schedule: {
    kind: ScheduleKind;
    stepSize: number;
    gamma: number;
    tMax: number;
    etaMin: number;
    warmupSteps: number;
    warmupStartFactor: number;
  };
  training: {
    batchSize: number;
    shuffle: boolean;
    clipNorm: number;
    clipValue: number;
    maxNorm: number;
    jitter: number;
    mixupAlpha: number;
    // Image data: random shifts (pixels), rotations (degrees) and left-right flips of every
    // training batch; pixel noise is `jitter`.
    augmentShift: number;
    augmentRotation: number;
    augmentFlip: boolean;
    earlyStopping: { enabled: boolean; patience: number; minDelta: number; restoreBest: boolean };
    recordEvery: number;
    recordEpochs: boolean;
    maxEpochs: number;
  };
}

// Arrays of objects (model.hidden) take partial entries too: a missing field keeps its default.
export type DeepPartial<T> = {
  [K in keyof T]?: T[K] extends (infer U)[]
    ? ([U] extends [object] ? DeepPartial<U>[] : U[])
    : T[K] extends object ? DeepPartial<T[K]> : T[K];
};

// A condition on the spec (relevance of a field, guard of a rule); see
// engine/spec/field_desc.hpp. anyLayer* conditions name a layer field and hold when some hidden
// layer for which that field matters satisfies them (true: a non-zero value). layer* conditions
// are for layer fields and layer rules: they hold on the layer the field belongs to.
export interface SpecCondition {
  op:
    | 'oneOf' | 'noneOf' | 'isTrue' | 'positive' | 'notPositive' | 'anyLayerOneOf' | 'anyLayerIsTrue'
    | 'layerOneOf' | 'layerPositive';
  path: string;
  values?: string[];
}

export interface FieldSchema {
  path: string;
  type: 'number' | 'integer' | 'boolean' | 'enum' | 'stringList';
  min?: number;
  max?: number;
  minExclusive?: boolean;
  maxExclusive?: boolean;
  options?: string[];
  minItems?: number; // stringList: fewest items allowed
  default: number | boolean | string | string[];
  // What a change does to a running network: applied live, a fresh optimizer state, or a
  // new network from step 0.
  effect: 'live' | 'newState' | 'rebuild';
  relevantWhen?: SpecCondition[]; // all must hold for the field to matter; absent: always
  doc: string;
}

// A rule tying fields together (engine/spec/cross_field_rules.hpp): when every `when` holds,
// (sum or product of terms) <relation> (bound, or the field at boundPath plus boundOffset) must
// hold; the repair sets fix.path to fix.value, or clamps it to meet the bound.
export interface CrossFieldRule {
  id: string;
  when: SpecCondition[];
  terms: string[];
  combine: 'sum' | 'product';
  relation: 'atMost' | 'above' | 'equals';
  bound?: number;
  boundPath?: string;
  boundOffset?: number; // with boundPath; absent: 0
  fix: { path: string; kind: 'clamp' | 'set'; value?: number };
  message: string;
}

// A rule on the shapes a network's layers receive (engine/spec/layer_rules.hpp). Repairs go layer
// by layer from the first, each on the shape its layer receives after the earlier repairs;
// then the batch budget. Checks:
//   imageInput        a layer of `kinds` needs an image (an image data kind, and no layer
//                     before it that outputs a vector); fix 'removeLayer'
//   windowFits        the layer's window fits its input: window size ≤ min(H, W) + 2·padding
//                     (layerKinds[].window names the fields); fix 'clamp' `field` to that bound
//   blockFits         (when `when` holds on the layer) `field` is odd and ≤ min(H', W') of the
//                     layer's output; fix 'clampOdd': the largest odd number ≤ min(value, H', W')
//   batchActivations  when some layer is of `kinds` and the input is an image:
//                     training.batchSize × (C·H·W of the input + of every hidden entry's output
//                     + for each conv entry its im2col matrix, C_in·kernel²·H'·W' with C_in its
//                     input's channels and H' × W' its output's sides) ≤ bound; fix 'clamp'
//                     training.batchSize to ⌊bound / that sum⌋
export interface LayerRule {
  id: string;
  check: 'imageInput' | 'windowFits' | 'blockFits' | 'batchActivations';
  kinds: LayerKind[];
  when?: SpecCondition[];
  field: string; // a layer field, or training.batchSize
  bound?: number; // batchActivations
  fix: 'removeLayer' | 'clamp' | 'clampOdd';
  message: string;
}

// What a layer kind outputs (engine/spec/network_shapes.hpp), so shapes follow from the spec:
//   units     a vector of the layer field `units`
//   window    an image: channels from the field `channels` (absent: unchanged), each side
//             ⌊(side + 2·padding − size)/stride⌋ + 1 with size, stride and padding read from the
//             fields `window` names (padding absent: 0)
//   flatten   a vector of C·H·W;   channels  a vector of C
// needsImage: refused on a vector input (layer rule imageInput).
export interface LayerKindSchema {
  kind: LayerKind;
  output: 'units' | 'window' | 'flatten' | 'channels';
  needsImage: boolean;
  units?: string;
  window?: { size: string; stride: string; padding?: string };
  channels?: string;
}

export interface ImageShape {
  channels: number;
  height: number;
  width: number;
}

export type DataFamily = 'plane' | 'curve' | 'sparse' | 'image' | 'real' | 'custom';

export interface MetricColumnSchema {
  name: MetricName;
  perLayer: boolean;
  doc: string;
}

export interface SpecSchema {
  version: number;
  fields: FieldSchema[];
  layerFields: FieldSchema[];
  defaultHidden: number;
  rules: CrossFieldRule[];
  layerKinds: LayerKindSchema[];
  layerRules: LayerRule[];
  // file: real sets only, the CSV in engine/data/sets/ that loadDataSet needs in the browser.
  // image: image sets only (digits, shapes): one image's shape; a row is its pixels in NCHW
  // order (channel by channel, each row-major from the top-left).
  dataKinds: { kind: DataKind; family: DataFamily; file?: string; image?: ImageShape }[];
  metrics: MetricColumnSchema[];
  limits: {
    maxHiddenLayers: number;
    maxSamples: number;
    maxParameters: number;
    maxDataValues: number;
    maxBatchActivations: number; // the bound of the batchActivations layer rule
  };
}

// 'running': more steps may follow; 'diverged': the loss became NaN/inf at divergedAtStep and
// the run is frozen; 'earlyStopped': validation loss stopped improving; 'finished': maxEpochs.
export type RunState = 'running' | 'diverged' | 'earlyStopped' | 'finished';

export interface RunStatus {
  state: RunState;
  step: number;          // optimizer steps taken so far
  epoch: number;         // completed epochs
  stepsRun: number;      // steps taken by this call
  divergedAtStep: number; // -1 unless diverged
  bestStep: number;      // early stopping: step of the best validation loss so far, else -1
  message: string;       // human-readable reason when not 'running', with the next action
}

// Every metric column, in describe().metrics order (engine/metrics/metric_columns.cpp); the
// Node tests check this list against the engine's table.
export type ScalarMetricName =
  | 'step' | 'epoch' | 'lr' | 'batchLoss' | 'trainLoss' | 'trainPenalty' | 'valLoss'
  | 'testLoss' | 'lossGap' | 'trainAccuracy' | 'valAccuracy' | 'testAccuracy'
  | 'gradNormTotal' | 'gradNormClipped';
export type LayerMetricName =
  | 'weightL1' | 'weightL2' | 'gradNorm' | 'updateRatio' | 'zeroFraction' | 'smallFraction';
export type MetricName = ScalarMetricName | LayerMetricName;

// Metrics rows recorded since the previous takeMetrics() call, column by column. A row is a
// full record (every recordEvery steps and at each epoch end) or, just before a divergence, a
// traced step: batch loss, lr, gradient norms and weightL2 only, NaN in the evaluated columns.
// Per-layer columns are row-major rows × layers (layers = trainable layers: the dense and conv
// entries of model.hidden, then the output layer; a conv layer's weight is its filters). Gradient
// norms: per layer and gradNormTotal before clipping, gradNormClipped after.
export type MetricsBatch = {
  rows: number;
  layers: number;
  hasValidation: boolean;
  hasTest: boolean;
  hasAccuracy: boolean; // false for regression: the accuracy columns hold zeros
} & Record<MetricName, Float64Array>;

export interface ParamTensor {
  name: string;           // 'layers.0.weight', 'layers.0.bias', 'layers.1.bnScale', ...
  role: 'weight' | 'bias' | 'normScale' | 'normShift';
  rows: number;           // weight: out
  cols: number;           // weight: in (PyTorch layout, row-major)
  values: Float32Array;   // a copy
}

export interface Evaluation {
  loss: number;
  penalty: number;
  accuracy: number;       // 0 for regression
  samples: number;
}

export interface DataView2D {
  rows: number;
  cols: number;           // raw input columns (before feature expansion), 2 for the 2D sets
  x: Float32Array;        // row-major raw inputs, as generated (not standardized)
  // Class index (one per row), or the regression targets, rows × yCols row-major, in the
  // target's own units as predict() returns them (the loss sees them standardized when
  // data.standardize, with the training split's mean and std).
  y: Float32Array;
  yCols: number;
}

// Every weight matrix's entries (biases and batch-norm parameters excluded). The bins span
// [−m, m]: m is the largest |w| within 10 times the 90th percentile of the non-zero |w|, so a
// healthy network's histogram spans its largest weight and a few exploded weights (up to 10%)
// are counted in below / above instead of squashing the rest (engine/metrics/weight_stats.hpp).
// total = Σ counts + zeros + below + above + nonFinite.
export interface Histogram {
  edges: Float64Array;    // bins + 1 edges, −m + 2m·i/bins
  counts: Float64Array;   // bins; non-zero finite weights in [−m, m]
  zeros: number;          // weights exactly 0 (in no bin): what proximal L1 / Lp produce
  below: number;          // w < −m
  above: number;          // w > m
  nonFinite: number;      // NaN or ±inf
  total: number;          // every weight
}

// Trainer.neuronGrids: every unit's value over the grid of gridPredictions, one picture of
// resolution² values (row by row from yMin) per unit, as the TensorFlow Playground draws its
// neurons. 2D data sets only, in eval mode.
export interface NeuronGrids {
  // The inputs as the first layer sees them (after feature expansion and standardisation: x1,
  // x2, x1², sin x1, ... in network().featureNames order), then each hidden layer's units.
  layerSizes: number[];
  resolution: number;
  // Layer by layer, unit by unit, resolution² values each: the input's standardised value, or
  // the hidden unit's output after its activation (after batch norm; dropout is off).
  values: Float32Array;
}

// One entry of model.hidden as built, or the output layer (kind 'output', hidden −1): the
// shapes the page shows at each step. A vector of n is {channels: n, height: 1, width: 1}.
export interface LayerInfo {
  kind: LayerKind | 'output';
  hidden: number;     // index in model.hidden, −1 for the output layer
  trainable: number;  // k of its parameters layers.<k>.* (and of the per-layer metrics); −1: none
  input: ImageShape;
  output: ImageShape;
  imageOutput: boolean; // an image (conv / pooling may follow), else a vector
  parameters: number;
}

export interface NetworkInfo {
  inputs: number;
  outputs: number;
  task: 'binary' | 'multiclass' | 'regression';
  featureNames: string[];
  targetNames: string[];  // regression: one per output ('y' for a single target); else empty
  // inputs, then each hidden entry's output size (a dense layer's units, a feature map's
  // C·H·W), then outputs
  layerSizes: number[];
  parameterCount: number;
  inputShape: ImageShape; // an image data set's image, else {channels: inputs, height: 1, width: 1}
  imageInput: boolean;
  layers: LayerInfo[];    // every hidden entry, then the output layer
}

// The first conv layer's weight, torch's [out][in][kernel][kernel] row-major.
export interface ConvFilters {
  hidden: number; // its index in model.hidden
  outChannels: number;
  inChannels: number;
  kernel: number;
  values: Float32Array;
}

export interface FeatureMap {
  hidden: number; // index in model.hidden
  kind: LayerKind;
  shape: ImageShape;
  // The entry's output, C·H·W in NCHW order (a conv: after its activation, Dropout2d and
  // DropBlock; the dropouts act only on a training-mode pass).
  values: Float32Array;
  // Training-mode pass, conv entries whose rate is above 0, else null: 1 for each channel
  // Dropout2d dropped (C values); DropBlock's mask, C·H·W values, 0 where a block was dropped.
  droppedChannels: Float32Array | null;
  blockMask: Float32Array | null;
}

export interface FeatureMaps {
  inputShape: ImageShape;
  input: Float32Array; // the input as the network sees it (scaled per channel)
  maps: FeatureMap[];  // every hidden entry whose output is an image, in order
}

// Training images as a batch sees them: the spec's augmentation, then its jitter (pixel noise).
export interface AugmentedBatch {
  shape: ImageShape;
  rows: Int32Array;     // rows of the training split
  labels: Float32Array; // their classes
  images: Float32Array; // rows × C·H·W, in the data's own units (as data().x)
  inputs: Float32Array; // the same images as the network sees them (scaled)
  transforms: { flip: boolean; angle: number; dx: number; dy: number }[]; // drawn per row
}

export interface ConfusionMatrix {
  classes: number; // K (2 for a binary task)
  counts: Int32Array; // K × K row-major: counts[t·K + p] = rows of true class t predicted as p
}

export interface Trainer {
  runSteps(steps: number): RunStatus;
  runEpochs(epochs: number): RunStatus;
  status(): RunStatus;
  takeMetrics(): MetricsBatch;
  parameters(): ParamTensor[];
  setParameter(name: string, values: Float32Array | number[]): void;
  evaluate(split: 'train' | 'validation' | 'test'): Evaluation;
  predict(x: Float32Array | number[], rows: number): Float32Array; // raw inputs, row-major
  gridPredictions(resolution: number, xMin: number, xMax: number, yMin: number, yMax: number): Float32Array;
  // resolution in [2, 128]; throws an Error for data that is not 2D.
  neuronGrids(resolution: number, xMin: number, xMax: number, yMin: number, yMax: number): NeuronGrids;
  weightHistogram(bins: number): Histogram;
  data(split: 'train' | 'validation' | 'test'): DataView2D;
  network(): NetworkInfo;
  // The first conv layer's filters, or null when the network has none.
  firstConvFilters(): ConvFilters | null;
  // Row `row` of a split through the network (image data only). training false: eval mode.
  // training true: Dropout, Dropout2d and DropBlock (at the scheduled rate the last training
  // step used; step 0's rate before any step) drop with masks drawn from `seed` (same seed, same masks); batch norm keeps its running
  // statistics, and nothing of the run changes. Throws for other data or a row out of range.
  featureMaps(split: 'train' | 'validation' | 'test', row: number, training: boolean, seed: number): FeatureMaps;
  // `count` (1..256) training rows drawn with `seed`, after the spec's augmentation and jitter,
  // drawn from `seed` as a training batch draws them (image data only).
  augmentedBatch(count: number, seed: number): AugmentedBatch;
  // Classification only (throws for regression): true class × predicted class counts, eval mode.
  confusionMatrix(split: 'train' | 'validation' | 'test'): ConfusionMatrix;
  // Applies a new spec to the running network when only hyper-parameters changed (learning
  // rate, penalty, dropout, schedule, clipping, ...). Returns false, changing nothing, when the
  // change needs a rebuild (data, architecture, seed); then construct a new Trainer.
  update(spec: DeepPartial<ExperimentSpec>): boolean;
  // Back to the initial weights and step 0 (same seed ⇒ same initial weights).
  reset(): void;
  delete(): void;
}

export interface CustomData {
  x: Float32Array | number[]; // row-major rows × cols
  // rows × targetCols row-major: the class index (0..K-1, one column) or regression targets
  y: Float32Array | number[];
  rows: number;
  cols: number;
  targetCols?: number; // regression outputs, 1 to 16 (default 1)
  featureNames?: string[]; // one per input column (default x1, x2, ...)
  targetNames?: string[]; // one per target column (default y, or y1, y2, ...)
}

export interface CsvTable {
  columns: string[];
  rows: number;
  cols: number;
  values: Float32Array; // rows × cols, row-major; label index in a text column
  categories: (string[] | null)[]; // one per column: sorted labels of a text column, else null
}

// ---- Exact linear solvers ("Choosing λ"): engine/linear, engine/bindings/linear_bindings.cpp --

// The model of linearPath / linearCvFold. Objectives are scikit-learn 1.2's, intercept never
// penalised (engine/linear/README.md):
//   lasso       1/(2n)‖y − Xw − b‖² + α‖w‖₁                         (Lasso, lasso_path)
//   elasticNet  1/(2n)‖y − Xw − b‖² + α(ρ‖w‖₁ + (1−ρ)/2‖w‖²), ρ = l1Ratio ∈ (0, 1], default 0.5
//   ridge       1/(2n)‖y − Xw − b‖² + (α/2)‖w‖²      (sklearn Ridge(alpha = n·α)), solved exactly
//   logistic    C·Σ logloss + ρ‖w‖₁ + (1−ρ)/2‖w‖², ρ = 1 for penalty 'l1' (default), 0 for 'l2',
//               or l1Ratio (elastic-net logistic); two classes only
export interface LinearPathOptions {
  model: 'lasso' | 'elasticNet' | 'ridge' | 'logistic';
  l1Ratio?: number; // elasticNet (default 0.5) and logistic; not with penalty
  penalty?: 'l1' | 'l2'; // logistic only (default 'l1')
  nAlphas?: number; // grid points, 1..1000 (default 100)
  eps?: number; // smallest / largest penalty of the grid, in (0, 1) (default 1e-3)
  // Stopping tolerance in (0, 1): lasso / elastic net sklearn's duality-gap tol (default 1e-4),
  // logistic the KKT residual (default 1e-8); ridge is exact and ignores it.
  tol?: number;
  // Iteration limit, 1..1e6: coordinate-descent sweeps per α (default 1000, sklearn's
  // max_iter) or Newton iterations per C (logistic, default 100). Small tol needs more.
  maxIter?: number;
}

export interface LinearPath {
  // The grid, strongest penalty first: α decreasing (lasso, elasticNet, ridge), or for logistic
  // the C values, increasing (C is an inverse penalty). Lasso / elastic net: sklearn's default
  // grid from α_max (every weight 0) down to eps·α_max; ridge: glmnet's grid for ridge
  // (α_max at ρ = 0.001); logistic: from C_min (every weight 0; at ρ = 0, C_min of ρ = 0.001)
  // up to C_min/eps.
  alphas: Float64Array;
  coefs: Float64Array; // nAlphas × p, row-major: coefs[i·p + j] = weight of feature j at alphas[i]
  intercepts: Float64Array; // one per grid point
  nonZeros: Int32Array; // exactly non-zero weights per grid point
  featureNames: string[]; // p names, as network().featureNames
  // Error of each grid point's fit on the held-out test split: mean squared error in the
  // target's units (lasso, elasticNet, ridge) or misclassification rate (logistic). NaN when
  // data.testFraction is 0.
  testError: Float64Array;
  converged: boolean; // every grid point met its tolerance
  fitRows: number; // rows fitted (training + validation)
  testRows: number; // rows of the test split
}

export interface LinearCvOptions extends LinearPathOptions {
  folds: number; // k, 2..(fit rows)
  seed?: number; // fold seed (default: the spec's seed, which gives the folds of data.folds = k)
  // CV error: 'mse' for the regression models; logistic 'misclassification' (default) or 'logLoss'.
  score?: 'mse' | 'misclassification' | 'logLoss';
}

export interface LinearCvFold {
  fold: number;
  alphas: Float64Array; // the grid of linearPath on the same rows and options (all folds share it)
  errors: Float64Array; // per grid point, the error on this fold of the path fitted on the others
}

export interface CvSummary {
  mean: Float64Array; // per grid point, the unweighted mean over the folds
  se: Float64Array; // standard error: sd over the folds (ddof 1) / √k
  best: number; // index of the smallest mean (the first, i.e. strongest penalty, on ties)
  oneSe: number; // glmnet's lambda.1se: the strongest penalty with mean ≤ mean[best] + se[best]
}

// The two-weight picture of why L1 gives zeros (engine/linear/geometry.hpp): the loss
// L(w) = ½(w − c)ᵀH(w − c) and a penalty R at strengths λ:
//   l1 R = |w₁| + |w₂|; l2 R = ½(w₁² + w₂²); elasticNet R = ρ(|w₁| + |w₂|) + (1−ρ)/2(w₁² + w₂²);
//   lp R = |w₁|^p + |w₂|^p (non-convex for p < 1).
export interface Geometry2dOptions {
  center: [number, number] | Float64Array; // c, the unpenalised optimum
  hessian: [number, number, number] | Float64Array; // [a, b, d]: H = [[a, b], [b, d]], positive definite
  penalty: 'l1' | 'l2' | 'elasticNet' | 'lp';
  l1Ratio?: number; // elasticNet: ρ in [0, 1] (default 0.5)
  p?: number; // lp: p in [0.1, 4] (default 0.5)
  lambdas: number[] | Float64Array; // 1..1000 strengths, each ≥ 0
  bounds: [number, number, number, number]; // [xMin, xMax, yMin, yMax] of the loss grid
  resolution?: number; // loss grid size, 2..512 (default 64)
  // Points per ball outline, a multiple of 4 in [8, 4096] (default 256); outlinePoints ×
  // lambdas.length at most 1,000,000.
  outlinePoints?: number;
}

export interface Geometry2d {
  resolution: number;
  // L on resolution² points, row by row from yMin (as gridPredictions):
  // loss[r·resolution + c] = L(xMin + (xMax − xMin)·c/(resolution − 1), yMin + (yMax − yMin)·r/(resolution − 1)).
  loss: Float64Array;
  // w*(λ) = argmin L(w) + λR(w) per λ, (w₁, w₂) interleaved; exact (float64), l1 zeros exactly 0.
  optima: Float64Array;
  // The constrained view: t = R(w*(λ)) per λ, so w* minimises L over the ball R(w) ≤ t.
  radii: Float64Array;
  lossAtOptima: Float64Array; // L(w*(λ)): the contour level that touches the ball
  outlinePoints: number;
  // Per λ, the curve R(w) = radii[i] as a closed polyline of outlinePoints + 1 points (x, y)
  // interleaved, the last equal to the first; (outlinePoints + 1)·2 values per λ. Axis points
  // (the l1 corners) are exact; for lp with p < 1 the curve is non-convex.
  outlines: Float64Array;
}

export interface EngineModule {
  Trainer: {
    new (spec: DeepPartial<ExperimentSpec>): Trainer;
    new (spec: DeepPartial<ExperimentSpec>, data: CustomData): Trainer;
  };
  describe(): SpecSchema;
  // The WASM engine carries no real data set: hand it a set's CSV text (the file named in
  // describe().dataKinds) before a Trainer uses that data.kind. Throws an Error when the text is
  // not that set's table.
  loadDataSet(kind: DataKind, csvText: string): void;
  dataSetLoaded(kind: DataKind): boolean;
  // Fills in every default and validates; throws an Error naming each bad field.
  normalizeSpec(spec: DeepPartial<ExperimentSpec>): ExperimentSpec;
  // A CSV table with a header row (engine/data/csv.hpp). A column of numbers stays numeric; a
  // column with no number at all holds text labels: categories[c] lists its distinct labels
  // sorted by their UTF-8 bytes (at most 1000, each at most 200 bytes, longer ones cut with
  // "…"), and its values are the label indices 0..K−1. A column mixing numbers and text,
  // empty fields, NaN and missing-value markers (NA, null, ...) throw an Error naming the line.
  parseCsv(text: string, maxRows: number): CsvTable;
  // Regularization path of a linear model on the data set of `spec` (data section and seed;
  // `data` for kind 'custom'), generated, split and feature-expanded exactly as a Trainer
  // would, fitted on the training + validation rows together (the test split held out). The
  // features are standardised on those rows in float64 (StandardScaler) when data.standardize
  // (the default); coefs are in those standardised units. Throws an Error naming the argument
  // (unknown option keys too): logistic needs two classes, the others a regression target or
  // two classes; multi-output custom data is refused.
  linearPath(spec: DeepPartial<ExperimentSpec>, options: LinearPathOptions, data?: CustomData): LinearPath;
  // One fold of k-fold cross-validation over the same rows (as LassoCV: the grid of all those
  // rows; the path fitted on the other folds, scored on this one). Fold ids are seeded
  // (stratified by class for classification data); with the spec's seed they are the folds
  // the network gets from data.folds = k (fold f = the validation split of data.fold = f).
  // Folds can run on different workers in any order: combineCv gives bit-identical results.
  linearCvFold(
    spec: DeepPartial<ExperimentSpec>,
    options: LinearCvOptions,
    fold: number,
    data?: CustomData,
  ): LinearCvFold;
  // Reduces every fold (each once, any order; linearCvFold results can be passed as they are).
  combineCv(folds: { fold: number; errors: Float64Array | number[] }[]): CvSummary;
  // "Apply" of a path's grid value: the network penalty with the same minimiser as `options`'
  // model at `alpha` (an α of lasso / elasticNet / ridge, or a C of logistic), for a network
  // with no hidden layer on the same rows (engine/linear/spec_models.hpp, networkPenalty). The
  // network standardises a regression target (σ = its std, 1 without data.standardize), so:
  // lasso l1 with λ = 2α/σ; ridge l2 with λ = 2α; elasticNet with λρ' = 2αρ/σ and
  // λ(1 − ρ') = 2α(1 − ρ); logistic l1 / l2 / elasticNet by its ρ with λ = 1/(n·C), n the fit
  // rows; λ divided by model.outputPenaltyScale. The network's weights times targetScale (σ)
  // are the path's coefficients. Throws an Error naming the argument: alpha not > 0, a
  // regression model on class labels (the network trains cross-entropy there: use logistic).
  linearPenalty(
    spec: DeepPartial<ExperimentSpec>,
    options: LinearPathOptions,
    alpha: number,
    data?: CustomData,
  ): { kind: 'l1' | 'l2' | 'elasticNet'; lambda: number; l1Ratio: number; targetScale: number };
  geometry2d(options: Geometry2dOptions): Geometry2d;
  // Multiplies two n × n float matrices `repeats` times with the engine's own kernel (Eigen)
  // and returns a checksum; the benchmark times it to measure the GEMM ceiling.
  gemmKernel(n: number, repeats: number): number;
  version(): string;
  simd(): boolean;
}

export type CreateEngine = (options?: {
  wasmBinary?: ArrayBuffer | Uint8Array;
  locateFile?: (path: string, prefix: string) => string;
}) => Promise<EngineModule>;
