// The engine's JavaScript surface, as Embind exposes it (bindings.cpp). Hand-written because
// em++ 3.1.6 has no --emit-tsd; tests/node/engine-api.test.mjs checks every name here exists on
// the real module and tests/web/api-usage.ts must type-check against it.

export type DataKind =
  | 'circle' | 'xor' | 'gauss' | 'spiral' | 'moons' | 'regression1d' | 'sparseLinear'
  | 'diabetes' | 'breastCancer' | 'digits' | 'custom';
export type Feature2D = 'x1' | 'x2' | 'x1Squared' | 'x2Squared' | 'x1x2' | 'sinX1' | 'sinX2';
export type ActivationKind = 'relu' | 'leakyRelu' | 'tanh' | 'sigmoid' | 'linear';
export type InitKind = 'xavierUniform' | 'xavierNormal' | 'heUniform' | 'heNormal';
export type PenaltyKind = 'none' | 'l1' | 'l2' | 'elasticNet' | 'lp';
export type OptimizerKind = 'sgd' | 'adam' | 'adamw' | 'rmsprop' | 'adagrad';
export type ScheduleKind = 'constant' | 'step' | 'exponential' | 'cosine';

export interface LayerSpec {
  units: number;
  activation: ActivationKind;
  dropout: number;
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
    valFraction: number;
    testFraction: number;
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
    earlyStopping: { enabled: boolean; patience: number; minDelta: number; restoreBest: boolean };
    recordEvery: number;
    recordEpochs: boolean;
    maxEpochs: number;
  };
}

export type DeepPartial<T> = { [K in keyof T]?: T[K] extends (infer U)[] ? U[] : T[K] extends object ? DeepPartial<T[K]> : T[K] };

// A condition on the spec (relevance of a field, guard of a rule); see
// engine/spec/field_desc.hpp. anyLayer* conditions name a layer field and hold when some hidden
// layer satisfies them.
export interface SpecCondition {
  op: 'oneOf' | 'noneOf' | 'isTrue' | 'positive' | 'anyLayerOneOf' | 'anyLayerIsTrue';
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
// (sum or product of terms) <relation> (bound or the field at boundPath) must hold; the repair
// sets fix.path to fix.value, or clamps it to meet the bound.
export interface CrossFieldRule {
  id: string;
  when: SpecCondition[];
  terms: string[];
  combine: 'sum' | 'product';
  relation: 'atMost' | 'above' | 'equals';
  bound?: number;
  boundPath?: string;
  fix: { path: string; kind: 'clamp' | 'set'; value?: number };
  message: string;
}

export type DataFamily = 'plane' | 'curve' | 'sparse' | 'real' | 'custom';

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
  // file: real sets only, the CSV in engine/data/sets/ that loadDataSet needs in the browser.
  dataKinds: { kind: DataKind; family: DataFamily; file?: string }[];
  metrics: MetricColumnSchema[];
  limits: { maxHiddenLayers: number; maxSamples: number; maxParameters: number; maxDataValues: number };
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
// Per-layer columns are row-major rows × layers (layers = trainable dense layers). Gradient
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

export interface NetworkInfo {
  inputs: number;
  outputs: number;
  task: 'binary' | 'multiclass' | 'regression';
  featureNames: string[];
  targetNames: string[];  // regression: one per output ('y' for a single target); else empty
  layerSizes: number[];   // inputs, hidden..., outputs
  parameterCount: number;
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
