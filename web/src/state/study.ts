// "Choosing λ": the studies behind the path and cross-validation views. A study is a batch of
// jobs on the worker pool (worker/jobs.ts): the exact solver's path, its CV folds, or the
// network trained once per grid point and fold; the engine reduces the folds (combineCv), so
// no CV arithmetic happens here. Results, progress and errors live in the store
// (AppState.study, topic 'study'), so views draw them like everything else and the tests read
// them there.
// When a study runs: the runner watches the store. The study of the shown stage view starts
// when its inputs (the selected run's data, seed and penalty, the view's settings) differ from
// those of the result it holds: on opening the view, on a settings change, never per frame. A
// study under way is cancelled when its inputs change or its view is left.
import type { CustomData, ExperimentSpec, LinearPathOptions } from '../engine/engine-api';
import { field, setPath, type SpecPath } from '../spec/experiment-spec';
import { repairWarnings } from '../spec/repair';
import type { GridParam, StudyOptions } from '../spec/study-options';
import type { JobBatch, JobRunner } from '../worker/pool';
import type {
  CombineCvResult,
  JobRequest,
  JobResult,
  LinearPathResult,
  NetworkFoldJob,
  NetworkFoldResult,
} from '../worker/jobs';
import type { AppState, Run, Store } from './store';

export type StudyPhase = 'idle' | 'running' | 'done' | 'failed' | 'cancelled' | 'unavailable';

// Why a study cannot run on this run's data (shown with the next step to take).
export type StudyBlocker =
  | 'waiting' // the run has not started yet: its task is not known
  | 'multiclass' // a linear model needs a regression target or two classes
  | 'multiOutput'
  | 'noPenalty' // network CV over penalty.lambda with penalty.kind none
  | 'noHidden'; // network CV over dropout without a hidden layer

export interface StudySlot<R> {
  key: string; // the inputs the result (or the study under way) belongs to
  phase: StudyPhase;
  progress: number; // 0..1 of the batch
  jobs: number; // jobs in the batch
  error: string | null; // the engine's message when failed
  blocker: StudyBlocker | null; // when unavailable
  result: R | null;
  ms: number; // wall time of the last finished study
  // After a Cancel: how long the workers took to stop the study's running jobs (null until
  // they have all confirmed).
  stopMs: number | null;
}

// The model the path and its CV fit, resolved from 'auto'.
export interface ResolvedModel {
  options: LinearPathOptions;
  label: 'lasso' | 'elasticNet' | 'ridge' | 'logistic';
  l1Ratio: number; // ρ of the model (1 lasso, 0 ridge)
}

export interface PathResult {
  model: ResolvedModel;
  path: LinearPathResult;
  // The network's λ at grid value 1 (engine's linearPenalty; null where it has none: a
  // regression model on class labels). λ grows as α (lasso, ridge) or as 1/C (logistic), so
  // the run's own λ sits at α = λ / lambdaAtOne, or C = lambdaAtOne / λ (runGridValue).
  lambdaAtOne: number | null;
}

// Where the selected run's own penalty sits on the path: its grid value (α, or C for
// logistic), or null when its penalty is not the path's model (another kind, elastic net,
// λ = 0).
export function runGridValue(r: PathResult, penalty: ExperimentSpec['penalty']): number | null {
  if (r.lambdaAtOne === null || !(penalty.lambda > 0)) return null;
  const kind =
    r.model.label === 'lasso'
      ? 'l1'
      : r.model.label === 'ridge'
        ? 'l2'
        : r.model.label === 'logistic' && (r.model.l1Ratio === 1 || r.model.l1Ratio === 0)
          ? r.model.l1Ratio === 1
            ? 'l1'
            : 'l2'
          : null;
  if (kind === null || penalty.kind !== kind) return null;
  return r.model.label === 'logistic'
    ? r.lambdaAtOne / penalty.lambda
    : penalty.lambda / r.lambdaAtOne;
}

export interface PathCvResult {
  target: 'path';
  model: ResolvedModel;
  folds: number;
  path: LinearPathResult; // the grid, and the non-zero counts at each grid point
  cv: CombineCvResult;
  score: 'mse' | 'logLoss';
}

// A grid point of the network's CV: the value of param (and of param2).
export interface GridPoint {
  value: number;
  value2: number | null;
}

export interface NetworkCvResult {
  target: 'network';
  folds: number;
  epochs: number;
  param: GridParam;
  values: number[]; // in the order of the grid (penalty-like params: strongest first)
  param2: GridParam | null;
  values2: number[];
  points: GridPoint[]; // values2-major: point i·values.length + j = (values[j], values2[i])
  diverged: boolean[]; // per point: a fold diverged, the point has no score
  // The engine's reduction over the points that did not diverge, indexed by point (NaN for a
  // diverged one); best and oneSe are point indices (oneSe −1 where the 1SE rule does not
  // apply: a 2D grid or the learning rate).
  mean: number[];
  se: number[];
  best: number;
  oneSe: number;
}

export type CvResult = PathCvResult | NetworkCvResult;

export interface StudyState {
  path: StudySlot<PathResult>;
  cv: StudySlot<CvResult>;
}

export function emptySlot<R>(): StudySlot<R> {
  return {
    key: '',
    phase: 'idle',
    progress: 0,
    jobs: 0,
    error: null,
    blocker: null,
    result: null,
    ms: 0,
    stopMs: null,
  };
}

export function emptyStudy(): StudyState {
  return { path: emptySlot(), cv: emptySlot() };
}

// Parameters whose larger values regularize more: their grid runs strongest first, as the
// path's, so the one-standard-error rule (the strongest setting within 1 SE) applies.
const kPenaltyLike: readonly GridParam[] = ['penalty.lambda', 'dropout', 'optimizer.weightDecay'];

export function oneSeApplies(param: GridParam, param2: GridParam | null): boolean {
  return param2 === null && kPenaltyLike.includes(param);
}

// The linear model a run asks for: 'auto' follows the run's penalty (lasso for L1 and Lp,
// elastic net with the run's ρ, ridge for L2 or none) and its task (logistic for two classes,
// with the run's penalty's L1 share).
// How the path's cross-validation scores a fold: log loss for logistic regression, the mean
// squared error otherwise.
export function pathCvScore(model: ResolvedModel): 'mse' | 'logLoss' {
  return model.label === 'logistic' ? 'logLoss' : 'mse';
}

export function resolveModel(
  run: Run,
  o: StudyOptions['path'],
): { model: ResolvedModel } | { blocker: StudyBlocker } {
  const info = run.network;
  if (!info) return { blocker: 'waiting' };
  if (info.task === 'multiclass') return { blocker: 'multiclass' };
  if (info.task === 'regression' && info.outputs > 1) return { blocker: 'multiOutput' };
  const penalty = run.spec.penalty;
  const runRatio =
    penalty.kind === 'l1' || penalty.kind === 'lp'
      ? 1
      : penalty.kind === 'elasticNet'
        ? penalty.l1Ratio
        : 0;
  let label = o.model;
  if (label === 'auto') {
    if (info.task === 'binary') label = 'logistic';
    else label = runRatio === 1 ? 'lasso' : runRatio === 0 ? 'ridge' : 'elasticNet';
  }
  const ratio = (r: number) => Math.min(1, Math.max(0.01, r));
  switch (label) {
    case 'lasso':
      return { model: { label, l1Ratio: 1, options: { model: 'lasso' } } };
    case 'ridge':
      // glmnet's ridge grid (from α_max at ρ = 0.001, down to 1e-3 of it) ends far from the
      // unpenalised fit, and above the network's λ range; 1e-6 reaches both.
      return { model: { label, l1Ratio: 0, options: { model: 'ridge', eps: 1e-6 } } };
    case 'elasticNet': {
      const r = o.model === 'auto' ? ratio(runRatio) : o.l1Ratio;
      return { model: { label, l1Ratio: r, options: { model: 'elasticNet', l1Ratio: r } } };
    }
    case 'logistic': {
      // 'auto' takes the run's L1 share; the explicit choice the view's ρ.
      const r = o.model === 'auto' ? runRatio : o.l1Ratio;
      return { model: { label, l1Ratio: r, options: { model: 'logistic', l1Ratio: r } } };
    }
  }
}

// Grid points in job order: values2-major.
export function gridPoints(cv: StudyOptions['cv']): {
  values: number[];
  values2: number[];
  points: GridPoint[];
} {
  const order = (param: GridParam, v: number[]) =>
    kPenaltyLike.includes(param) ? [...v].sort((a, b) => b - a) : [...v];
  const values = order(cv.param, cv.values);
  const values2 = cv.param2 ? order(cv.param2, cv.values2) : [];
  const points: GridPoint[] = [];
  for (const v2 of cv.param2 ? values2 : [null])
    for (const v of values) points.push({ value: v, value2: v2 });
  return { values, values2, points };
}

// The run's spec with one grid parameter set (dropout on every hidden layer).
export function withParam(spec: ExperimentSpec, param: GridParam, value: number): ExperimentSpec {
  if (param === 'dropout')
    return {
      ...spec,
      model: { ...spec.model, hidden: spec.model.hidden.map((l) => ({ ...l, dropout: value })) },
    };
  return setPath(spec, param as SpecPath, value);
}

// One network fold: the k-fold split's fold f as validation, the study's epoch limit, and no
// early stopping (it would choose its step on the very fold that scores it).
export function foldSpec(spec: ExperimentSpec, k: number, f: number, epochs: number) {
  let s = setPath(spec, 'data.folds', k);
  s = setPath(s, 'data.fold', f);
  s = setPath(s, 'training.maxEpochs', epochs);
  s = { ...s, training: { ...s.training, earlyStopping: { ...s.training.earlyStopping } } };
  s.training.earlyStopping.enabled = false;
  return repairWarnings(s, []);
}

// The jobs of a network grid CV, point-major then fold.
export function networkCvJobs(
  spec: ExperimentSpec,
  data: CustomData | null,
  cv: StudyOptions['cv'],
): NetworkFoldJob[] {
  const { points } = gridPoints(cv);
  return points.flatMap((p) => {
    let s = withParam(spec, cv.param, p.value);
    if (cv.param2 && p.value2 !== null) s = withParam(s, cv.param2, p.value2);
    return Array.from({ length: cv.folds }, (_, f) => ({
      kind: 'networkFold' as const,
      spec: foldSpec(s, cv.folds, f, cv.epochs),
      data,
    }));
  });
}

// Identity of the user's own table, for the study keys.
const tableIds = new WeakMap<object, number>();
let nextTableId = 1;
function tableId(s: AppState): number {
  if (!s.custom) return 0;
  let id = tableIds.get(s.custom);
  if (!id) tableIds.set(s.custom, (id = nextTableId++));
  return id;
}

const kPathJob = { nAlphas: 100 } as const;

type DataFor = (spec: ExperimentSpec) => CustomData | null;

export class StudyRunner {
  private batches: Partial<Record<keyof StudyState, JobBatch>> = {};
  private pending = false;
  private shown: Record<keyof StudyState, boolean> = { path: false, cv: false };

  constructor(
    private readonly store: Store,
    private readonly jobs: JobRunner | null,
    private readonly dataFor: DataFor,
  ) {
    store.subscribe((topics) => {
      if (!['runs', 'view', 'data', 'engine'].some((t) => topics.has(t as never))) return;
      // After the change that notified us has finished (a store write inside a notification
      // would reach the other listeners out of order).
      if (this.pending) return;
      this.pending = true;
      queueMicrotask(() => {
        this.pending = false;
        this.sync();
      });
    });
  }

  // Starts the shown view's study when its inputs changed; cancels studies whose view is not
  // shown or whose inputs changed.
  sync(): void {
    const s = this.store.get();
    for (const which of ['path', 'cv'] as const) {
      const shown = s.view.stage === which && s.engine.ready && !!this.jobs;
      const slot = s.study[which];
      const opened = shown && !this.shown[which];
      this.shown[which] = shown;
      if (!shown) {
        if (slot.phase === 'running') this.cancel(which);
        continue;
      }
      const plan = which === 'path' ? this.planPath(s) : this.planCv(s);
      // A cancelled study stays cancelled until its view is opened again or its inputs change.
      if (plan.key === slot.key && !(opened && slot.phase === 'cancelled')) continue;
      if (slot.phase === 'running') this.cancel(which, false);
      if ('blocker' in plan) {
        this.write(which, {
          ...emptySlot(),
          key: plan.key,
          phase: 'unavailable',
          blocker: plan.blocker,
        });
        continue;
      }
      void this.start(which, plan.key, plan.requests, plan.finish);
    }
  }

  // The Cancel button: stops the study; it starts again when its view is opened or its
  // settings change (or with restart()).
  cancel(which: keyof StudyState, mark = true): void {
    const batch = this.batches[which];
    delete this.batches[which];
    if (!batch) return;
    const t0 = performance.now();
    const stopped = batch.cancel();
    if (!mark) return;
    this.patch(which, { phase: 'cancelled', stopMs: null });
    const key = this.store.get().study[which].key;
    void stopped.then(() => {
      const slot = this.store.get().study[which];
      if (slot.phase === 'cancelled' && slot.key === key)
        this.patch(which, { stopMs: performance.now() - t0 });
    });
  }

  // Runs the shown study again (after a cancel or a failure).
  restart(which: keyof StudyState): void {
    this.patch(which, { key: '' });
    this.sync();
  }

  private write(which: keyof StudyState, slot: StudySlot<unknown>): void {
    this.store.update(['study'], (s) => {
      (s.study as Record<keyof StudyState, StudySlot<unknown>>)[which] = slot;
    });
  }

  private patch(which: keyof StudyState, change: Partial<StudySlot<unknown>>): void {
    this.write(which, { ...this.store.get().study[which], ...change });
  }

  private async start<K extends keyof StudyState>(
    which: K,
    key: string,
    requests: JobRequest[],
    finish: (results: JobResult[]) => Promise<NonNullable<StudyState[K]['result']>>,
  ): Promise<void> {
    const t0 = performance.now();
    const batch = this.jobs!.runJobs(requests, (fraction) => {
      if (this.batches[which] === batch) this.patch(which, { progress: fraction });
    });
    this.batches[which] = batch;
    const previous = this.store.get().study[which].result;
    this.write(which, {
      ...emptySlot(),
      key,
      phase: 'running',
      jobs: requests.length,
      // The old picture stays while the new one is computed (faded by the view).
      result: previous,
    });
    try {
      const result = await finish(await batch.results);
      if (this.batches[which] !== batch) return;
      delete this.batches[which];
      this.write(which, {
        ...emptySlot(),
        key,
        phase: 'done',
        progress: 1,
        jobs: requests.length,
        result,
        ms: performance.now() - t0,
      });
    } catch (e) {
      if (this.batches[which] !== batch) return; // cancelled or replaced: already written
      delete this.batches[which];
      const message = e instanceof Error ? e.message : String(e);
      this.write(which, {
        ...emptySlot(),
        key,
        phase: 'failed',
        jobs: requests.length,
        error: message,
      });
    }
  }

  private planPath(s: AppState) {
    const run = s.runs[s.selected] ?? s.runs[0]!;
    const resolved = resolveModel(run, s.view.study.path);
    const base = { data: run.spec.data, seed: run.spec.seed, table: tableId(s) };
    if ('blocker' in resolved)
      return { key: JSON.stringify({ ...base, blocker: resolved.blocker }), ...resolved };
    const model = resolved.model;
    const options = { ...model.options, ...kPathJob };
    const data = this.dataFor(run.spec);
    const requests: JobRequest[] = [{ kind: 'linearPath', spec: run.spec, data, options }];
    // The network has a penalty with the path's minimiser only where it trains the same loss.
    const mapped = model.label === 'logistic' || run.network?.task === 'regression';
    if (mapped) requests.push({ kind: 'linearPenalty', spec: run.spec, data, options, alpha: 1 });
    return {
      key: JSON.stringify({ ...base, options }),
      requests,
      finish: (results: JobResult[]) =>
        Promise.resolve({
          model,
          path: results[0] as LinearPathResult,
          lambdaAtOne: mapped
            ? (results[1] as Extract<JobResult, { kind: 'linearPenalty' }>).penalty.lambda
            : null,
        }),
    };
  }

  private planCv(s: AppState) {
    const run = s.runs[s.selected] ?? s.runs[0]!;
    const cv = s.view.study.cv;
    const table = tableId(s);
    if (cv.target === 'path') {
      const resolved = resolveModel(run, s.view.study.path);
      const base = { target: 'path', data: run.spec.data, seed: run.spec.seed, table };
      if ('blocker' in resolved)
        return { key: JSON.stringify({ ...base, blocker: resolved.blocker }), ...resolved };
      const model = resolved.model;
      const score = pathCvScore(model);
      const options = { ...model.options, ...kPathJob };
      const data = this.dataFor(run.spec);
      const requests: JobRequest[] = [
        { kind: 'linearPath', spec: run.spec, data, options },
        ...Array.from({ length: cv.folds }, (_, fold) => ({
          kind: 'linearCvFold' as const,
          spec: run.spec,
          data,
          options: { ...options, folds: cv.folds, score },
          fold,
        })),
      ];
      return {
        key: JSON.stringify({ ...base, options, folds: cv.folds }),
        requests,
        finish: async (results: JobResult[]): Promise<CvResult> => {
          const [path, ...folds] = results as [LinearPathResult, ...JobResult[]];
          const summary = await this.combine(
            folds.map((f) => {
              const r = f as Extract<JobResult, { kind: 'linearCvFold' }>;
              return { fold: r.fold, errors: r.errors };
            }),
          );
          return { target: 'path', model, folds: cv.folds, path, cv: summary, score };
        },
      };
    }
    // The network over the grid.
    const spec = run.spec;
    const base = { target: 'network', spec, table, cv: { ...cv, target: undefined } };
    if (cv.param === 'penalty.lambda' || cv.param2 === 'penalty.lambda')
      if (spec.penalty.kind === 'none')
        return {
          key: JSON.stringify({ ...base, blocker: 'noPenalty' }),
          blocker: 'noPenalty' as const,
        };
    if ((cv.param === 'dropout' || cv.param2 === 'dropout') && spec.model.hidden.length === 0)
      return {
        key: JSON.stringify({ ...base, blocker: 'noHidden' }),
        blocker: 'noHidden' as const,
      };
    const requests = networkCvJobs(spec, this.dataFor(spec), cv);
    const grid = gridPoints(cv);
    return {
      key: JSON.stringify(base),
      requests,
      finish: async (results: JobResult[]): Promise<CvResult> => {
        const losses = results as NetworkFoldResult[];
        const k = cv.folds;
        const diverged = grid.points.map((_, p) =>
          losses.slice(p * k, p * k + k).some((r) => !Number.isFinite(r.loss)),
        );
        // The points every fold scored, reduced by the engine.
        const kept = grid.points.flatMap((_, p) => (diverged[p] ? [] : [p]));
        const mean = grid.points.map(() => NaN);
        const se = grid.points.map(() => NaN);
        let best = -1;
        let oneSe = -1;
        if (kept.length) {
          const summary = await this.combine(
            Array.from({ length: k }, (_, fold) => ({
              fold,
              errors: kept.map((p) => losses[p * k + fold]!.loss),
            })),
          );
          kept.forEach((p, i) => {
            mean[p] = summary.mean[i]!;
            se[p] = summary.se[i]!;
          });
          best = kept[summary.best]!;
          oneSe = oneSeApplies(cv.param, cv.param2) ? kept[summary.oneSe]! : -1;
        }
        return {
          target: 'network',
          folds: k,
          epochs: cv.epochs,
          param: cv.param,
          values: grid.values,
          param2: cv.param2,
          values2: grid.values2,
          points: grid.points,
          diverged,
          mean,
          se,
          best,
          oneSe,
        };
      },
    };
  }

  // The engine's CV reduction, as a job (the page has no engine of its own).
  private async combine(folds: { fold: number; errors: number[] }[]): Promise<CombineCvResult> {
    const [r] = await this.jobs!.runJobs([{ kind: 'combineCv', folds }]).results;
    return r as CombineCvResult;
  }

  // "Apply" of a path grid value: the network's penalty with the same minimiser (the engine's
  // linearPenalty, as a job). Rejects with the engine's message (a regression model on class
  // labels) or when λ lies beyond the network's range.
  async networkPenalty(model: ResolvedModel, alpha: number) {
    const s = this.store.get();
    const run = s.runs[s.selected] ?? s.runs[0]!;
    if (!this.jobs) throw new Error('no workers');
    const [r] = await this.jobs.runJobs([
      {
        kind: 'linearPenalty',
        spec: run.spec,
        data: this.dataFor(run.spec),
        options: { ...model.options, ...kPathJob },
        alpha,
      },
    ]).results;
    const penalty = (r as Extract<JobResult, { kind: 'linearPenalty' }>).penalty;
    const max = field('penalty.lambda').max ?? Infinity;
    return { penalty, inRange: penalty.lambda <= max, max };
  }
}
