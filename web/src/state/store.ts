// The page's state: the runs (spec, status, recorded metrics, latest visuals), what is selected,
// playback and view flags, warnings. No DOM: views subscribe and read; the controller writes.
// Metrics are stored as the engine reported them; when a run grows past kMaxRows the store keeps
// every other row (a new `generation` tells charts to redraw from scratch).
import type {
  DataView2D,
  ExperimentSpec,
  MetricName,
  MetricsBatch,
  NetworkInfo,
  RunStatus,
} from '../engine/engine-api';
import { schema, type SpecPath } from '../spec/experiment-spec';
import type { Language, SharedExperiment, ViewOptions } from '../spec/url-codec';
import type { SpecWarning } from '../spec/validate';
import type { RunFrame, RunId, SplitData, Visuals } from '../worker/protocol';
import type { CustomDataset } from './custom-data';
import { emptyStudy, type StudyState } from './study';

export const kMaxRows = 6000;

// Every metric column, in the engine's order (describe().metrics): one value per row, then the
// per-layer ones. Exports list them in this order.
export type MetricColumn = MetricName;
export const kScalarColumns: readonly MetricColumn[] = schema.metrics.map((m) => m.name);
export const kLayerColumns: readonly MetricColumn[] = schema.metrics
  .filter((m) => m.perLayer)
  .map((m) => m.name);

// One run's recorded metrics, column by column. A column the engine reports per layer is kept
// as one array per layer in `perLayer` (and not in `columns`).
export interface Series {
  generation: number;
  length: number;
  layers: number;
  hasValidation: boolean;
  hasTest: boolean;
  hasAccuracy: boolean;
  columns: Partial<Record<MetricColumn, number[]>>;
  perLayer: Partial<Record<MetricColumn, number[][]>>;
  stride: number; // rows kept: one in `stride` of those the engine sent (plus each batch's last)
  seen: number; // rows the engine sent
}

export function emptySeries(generation = 0): Series {
  return {
    generation,
    length: 0,
    layers: 0,
    hasValidation: false,
    hasTest: false,
    hasAccuracy: false,
    columns: {},
    perLayer: {},
    stride: 1,
    seen: 0,
  };
}

// Appends a batch from the engine. Returns true when rows were thinned (a redraw is needed).
// Past kMaxRows the store keeps every other row (always the newest) and from then on keeps one
// incoming row in `stride` (and the last row of every batch, so the newest value is exact):
// memory stays bounded and thinning, which makes charts redraw from scratch, gets rarer.
export function appendMetrics(series: Series, batch: MetricsBatch): boolean {
  const { rows, layers } = batch;
  if (rows <= 0) return false;
  series.layers = layers;
  series.hasValidation = batch.hasValidation;
  series.hasTest = batch.hasTest;
  series.hasAccuracy = batch.hasAccuracy;
  const kept: number[] = [];
  for (let r = 0; r < rows; r++) {
    if ((series.seen + r) % series.stride === 0 || r === rows - 1) kept.push(r);
  }
  series.seen += rows;
  for (const name of kScalarColumns) {
    const col = batch[name];
    if (!col) continue;
    if (kLayerColumns.includes(name) && col.length === rows * layers) {
      const per = (series.perLayer[name] ??= []);
      for (let l = 0; l < layers; l++) {
        const dst = (per[l] ??= new Array<number>(series.length).fill(NaN));
        for (const r of kept) dst.push(col[r * layers + l]!);
      }
    } else if (col.length === rows) {
      const dst = (series.columns[name] ??= new Array<number>(series.length).fill(NaN));
      for (const r of kept) dst.push(col[r]!);
    }
  }
  series.length += kept.length;
  if (series.length <= kMaxRows) return false;
  const keep = (arr: number[]) => arr.filter((_, i) => (series.length - 1 - i) % 2 === 0);
  for (const name of kScalarColumns) {
    const c = series.columns[name];
    if (c) series.columns[name] = keep(c);
    const p = series.perLayer[name];
    if (p) series.perLayer[name] = p.map(keep);
  }
  series.length = series.columns.step?.length ?? Math.ceil(series.length / 2);
  series.stride *= 2;
  series.generation++;
  return true;
}

export type EditMode = 'none' | 'add0' | 'add1' | 'remove';

export interface Run {
  id: RunId;
  spec: ExperimentSpec;
  status: RunStatus | null;
  network: NetworkInfo | null;
  splits: SplitData | null;
  series: Series;
  visuals: Visuals;
  notice: 'rebuilt' | 'applied' | null;
  error: string | null;
  starting: boolean;
}

type BannerKind = 'workerDied' | 'diverged' | 'engineError' | 'loadFailed';
interface Banner {
  kind: BannerKind;
  message: string;
  runIndex: number | null;
}

// What a cross-field rule changed after the user's last edit, by the field it changed, shown
// under that field's control until the next edit.
export type FieldNotes = Partial<Record<SpecPath, SpecWarning>>;

export interface AppState {
  runs: Run[];
  selected: number;
  playing: boolean;
  view: ViewOptions;
  lang: Language;
  custom: CustomDataset | null;
  editMode: EditMode;
  warnings: SpecWarning[];
  fieldNotes: FieldNotes;
  banner: Banner | null;
  engine: { ready: boolean; simd: boolean; version: string };
  study: StudyState; // the "Choosing λ" studies: results, progress, errors (study.ts)
}

export type Topic =
  | 'runs' // runs added, removed, selected, or a spec changed
  | 'metrics' // new metric rows
  | 'visuals' // new decision surface, weights, histogram
  | 'status' // step, epoch, state of a run
  | 'playback'
  | 'view'
  | 'lang'
  | 'data' // custom data or splits
  | 'warnings'
  | 'banner'
  | 'engine'
  | 'study'; // a "Choosing λ" study started, progressed, finished or failed

type Listener = (topics: ReadonlySet<Topic>, state: AppState) => void;

export function emptyVisuals(): Visuals {
  return { grid: null, curve: null, weights: null, neurons: null, histogram: null };
}

let nextRunId = 1;

export function newRun(spec: ExperimentSpec): Run {
  return {
    id: nextRunId++,
    spec,
    status: null,
    network: null,
    splits: null,
    series: emptySeries(),
    visuals: emptyVisuals(),
    notice: null,
    error: null,
    starting: true,
  };
}

export class Store {
  private state: AppState;
  private listeners = new Set<Listener>();

  constructor(experiment: SharedExperiment, lang: Language) {
    this.state = {
      runs: experiment.runs.map(newRun),
      selected: 0,
      playing: false,
      view: { ...experiment.view },
      lang,
      custom: null,
      editMode: 'none',
      warnings: [],
      fieldNotes: {},
      banner: null,
      engine: { ready: false, simd: false, version: '' },
      study: emptyStudy(),
    };
  }

  get(): AppState {
    return this.state;
  }

  subscribe(fn: Listener): () => void {
    this.listeners.add(fn);
    return () => this.listeners.delete(fn);
  }

  // Applies a change and tells every listener which topics it touched.
  update(topics: Topic[], change: (s: AppState) => void): void {
    change(this.state);
    const set = new Set(topics);
    for (const fn of this.listeners) fn(set, this.state);
  }

  run(id: RunId): Run | undefined {
    return this.state.runs.find((r) => r.id === id);
  }

  selectedRun(): Run {
    return this.state.runs[this.state.selected] ?? this.state.runs[0]!;
  }

  // Frames collected during one animation frame, applied together.
  applyFrames(frames: RunFrame[][]): void {
    const topics = new Set<Topic>();
    for (const runs of frames) {
      for (const f of runs) {
        const run = this.run(f.runId);
        if (!run) continue;
        if (f.restarted) {
          run.series = emptySeries(run.series.generation + 1);
          topics.add('metrics');
        }
        run.status = f.status;
        topics.add('status');
        if (f.metrics) {
          appendMetrics(run.series, f.metrics);
          topics.add('metrics');
        }
        if (f.visuals) {
          const v = f.visuals;
          run.visuals = {
            grid: v.grid ?? run.visuals.grid,
            curve: v.curve ?? run.visuals.curve,
            weights: v.weights ?? run.visuals.weights,
            neurons: v.neurons ?? run.visuals.neurons,
            histogram: v.histogram ?? run.visuals.histogram,
            images: v.images ?? run.visuals.images ?? null,
          };
          topics.add('visuals');
        }
      }
    }
    if (topics.size) this.update([...topics], () => {});
  }
}

export function splitList(splits: SplitData | null): DataView2D[] {
  return splits ? [splits.train, splits.validation, splits.test] : [];
}
