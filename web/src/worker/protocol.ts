// Every message between the page and the training worker, typed in this one file. Both sides
// switch on `type` exhaustively (assertNever). Metrics and visuals travel as typed arrays whose
// buffers are transferred, not copied; the worker sends at most one frame per animation frame
// of the page (the page acknowledges what it has drawn; see run-loop.ts).
import type {
  AugmentedBatch,
  ConfusionMatrix,
  ConvFilters,
  CustomData,
  DataView2D,
  ExperimentSpec,
  FeatureMaps,
  Histogram,
  MetricsBatch,
  NetworkInfo,
  NeuronGrids,
  RunStatus,
} from '../engine/engine-api';
import type { JobRequest, JobResult } from './jobs';

export type RunId = number;

// What the page wants drawn for a run, computed by the engine in the worker.
export interface VisualRequest {
  grid: number; // decision-surface resolution per side (2D data), 0 = none
  curve: number; // points of the fitted curve (1D regression), 0 = none
  network: boolean; // weights for the network drawing
  neurons: number; // resolution of each neuron's picture over the plane (2D data), 0 = none
  histogramBins: number; // 0 = none
  images?: ImageViewRequest | null; // "What the network sees" (image data), absent = none
}

// "What the network sees": what the run's trainer computes for it (image data sets only). None
// of these calls changes the run (engine-api.d.ts); the worker refreshes them at most every
// kImagesMs while training, and at once when the request changes.
export interface ImageViewRequest {
  samples: number; // training images as a batch sees them (augmented), 0..256
  sampleSeed: number; // which rows and transforms augmentedBatch draws
  row: number; // the test row whose feature maps are shown (clamped to the split)
  training: boolean; // feature maps as in training: dropout masks drawn from maskSeed
  maskSeed: number;
  thumbnails: number; // test images shown to pick from: the page of this many holding `row`
}

export interface ImageViews {
  step: number; // the run's step when these were computed
  batch: AugmentedBatch | null; // null when samples is 0
  filters: ConvFilters | null; // null: the network has no conv layer
  maps: FeatureMaps;
  confusion: ConfusionMatrix | null; // null for regression or an empty test split
  row: number; // the row shown (the request's, clamped)
  testRows: number;
  // Where the shown row comes from: the test split, or the training split when there is none.
  split: 'test' | 'train';
  rows: number; // that split's rows
  testLabels: Float32Array; // that split's classes, one per row
  thumbnailStart: number; // first test row of `thumbnails`
  thumbnails: Float32Array; // that page of test images, rows × C·H·W, in the data's units
}

export interface Bounds {
  xMin: number;
  xMax: number;
  yMin: number;
  yMax: number;
}

// The first rows × cols block of a weight matrix ([out][in], row-major), enough to draw it.
export interface WeightBlock {
  rows: number; // full size
  cols: number;
  shownRows: number; // size of `values`
  shownCols: number;
  values: Float32Array;
}

export interface Visuals {
  grid: { resolution: number; bounds: Bounds; values: Float32Array } | null;
  // 1D regression: predictions at x, n × outputs row-major (one curve per target column).
  curve: { x: Float32Array; y: Float32Array; outputs: number } | null;
  weights: WeightBlock[] | null;
  // Every input feature and hidden unit evaluated over the plane: layerSizes[l] pictures per
  // layer (inputs first), each resolution² values, concatenated (Trainer.neuronGrids).
  neurons: NeuronGrids | null;
  histogram: Histogram | null;
  images?: ImageViews | null;
}

export interface SplitData {
  train: DataView2D;
  validation: DataView2D;
  test: DataView2D;
  bounds: Bounds; // square view around every point, for the 2D and 1D views
}

export interface RunFrame {
  runId: RunId;
  status: RunStatus;
  restarted: boolean; // back at step 0 (reset or rebuild): drop the curves drawn so far
  metrics: MetricsBatch | null;
  visuals: Visuals | null;
}

export interface ParsedCsv {
  columns: string[];
  rows: number;
  cols: number;
  values: Float32Array; // rows × cols, row-major; label index in a text column
  // One per column: the sorted labels of a text column (values hold their indices), else null.
  categories: (string[] | null)[];
}

export type StepUnit = 'batch' | 'epoch';

export type ToWorker =
  | {
      type: 'start';
      runId: RunId;
      spec: ExperimentSpec;
      data: CustomData | null;
      view: VisualRequest;
    }
  | {
      type: 'configure';
      runId: RunId;
      spec: ExperimentSpec;
      data: CustomData | null;
      dataChanged: boolean;
    }
  | { type: 'view'; runId: RunId; view: VisualRequest }
  | { type: 'dispose'; runId: RunId }
  // untilStep: pause once every run has taken that many steps (a lesson's length); 0 = never.
  | { type: 'play'; stepsPerFrame: number; untilStep?: number }
  | { type: 'speed'; stepsPerFrame: number }
  | { type: 'pause' }
  | { type: 'step'; unit: StepUnit; count: number }
  | { type: 'reset' }
  | { type: 'ack'; seq: number }
  | { type: 'parseCsv'; requestId: number; text: string; maxRows: number }
  // A study's piece of work (jobs.ts), run beside the runs; a cancel stops it between slices.
  | { type: 'job'; jobId: number; job: JobRequest }
  | { type: 'cancelJob'; jobId: number };

// What the run loop handles: every message but a study's jobs.
export type RunMessage = Exclude<ToWorker, { type: 'job' } | { type: 'cancelJob' }>;

export type FromWorker =
  | { type: 'ready'; simd: boolean; version: string }
  | {
      type: 'started';
      runId: RunId;
      network: NetworkInfo;
      data: SplitData | null;
      rebuilt: boolean; // true when a configure needed a new network
    }
  | { type: 'configured'; runId: RunId; applied: boolean }
  | { type: 'frame'; seq: number; playing: boolean; runs: RunFrame[] }
  | { type: 'playback'; playing: boolean }
  | { type: 'csv'; requestId: number; result: ParsedCsv }
  | { type: 'csvError'; requestId: number; message: string }
  | { type: 'error'; runId: RunId | null; message: string; recoverable: boolean }
  | { type: 'jobProgress'; jobId: number; fraction: number }
  | { type: 'jobDone'; jobId: number; result: JobResult }
  | { type: 'jobFailed'; jobId: number; message: string; cancelled: boolean };

export function assertNever(x: never): never {
  throw new Error(`unexpected message ${JSON.stringify(x)}`);
}

// The buffers of every typed array in a message, each once, to hand to postMessage as its
// transfer list.
export function transferables(
  value: unknown,
  out = new Set<ArrayBuffer>(),
  depth = 0,
): ArrayBuffer[] {
  // Deep enough for a frame's feature maps (frame → runs → visuals → images → maps → values).
  if (depth > 10 || value === null || typeof value !== 'object') return [...out];
  if (ArrayBuffer.isView(value)) {
    if (value.buffer instanceof ArrayBuffer) out.add(value.buffer);
    return [...out];
  }
  for (const v of Array.isArray(value) ? value : Object.values(value))
    transferables(v, out, depth + 1);
  return [...out];
}
