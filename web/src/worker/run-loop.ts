// The worker's training loop: owns one engine Trainer per run and steps them in lockstep.
// While playing, each tick runs `stepsPerFrame` optimizer steps on every live run and posts one
// frame (metrics taken from the engine, plus visuals at most every kVisualsMs). At most
// kMaxInFlight frames wait for the page's ack, so the worker never runs ahead of what the page
// can draw, and the page never waits on training. Everything here is plain logic over the
// EngineModule interface, so it runs the same in Node against the engine's Node build.
import type {
  CustomData,
  DataView2D,
  EngineModule,
  ExperimentSpec,
  Trainer,
} from '../engine/engine-api';
import {
  assertNever,
  transferables,
  type Bounds,
  type FromWorker,
  type ImageViewRequest,
  type ImageViews,
  type ParsedCsv,
  type RunFrame,
  type RunId,
  type SplitData,
  type StepUnit,
  type RunMessage,
  type VisualRequest,
  type Visuals,
  type WeightBlock,
} from './protocol';

interface LoopHost {
  post(message: FromWorker, transfer: ArrayBuffer[]): void;
  schedule(fn: () => void): void; // run soon, after pending messages (setTimeout 0)
  now(): number;
}

type EngineWithCsv = EngineModule & {
  parseCsv?: (text: string, maxRows: number) => ParsedCsv;
};

interface RunEntry {
  trainer: Trainer;
  spec: ExperimentSpec;
  data: CustomData | null;
  view: VisualRequest;
  bounds: Bounds | null;
  restarted: boolean;
  live: boolean; // still 'running' (not diverged, finished or early-stopped)
  imagesAt: number; // when the image views were last computed (-Infinity: due now)
}

export const kMaxInFlight = 2;
const kVisualsMs = 80;
// A tick runs at most this long (estimated from the previous ticks), so a huge network still
// answers pause and step within a fraction of a second; speed is "up to N steps per frame".
export const kTickBudgetMs = 50;
const kMaxStepsPerFrame = 1000;
const kMaxWeightBlock = 24;
// "What the network sees" costs a few forward passes over the test split: twice a second.
export const kImagesMs = 500;

export function errorMessage(e: unknown): string {
  if (e instanceof Error) return e.message;
  if (typeof e === 'string') return e;
  return 'unknown error';
}

// A WebAssembly trap or abort leaves the engine's memory in an unknown state: only a new
// worker recovers. Errors the engine throws on purpose (bad spec, bad CSV) are ordinary Errors.
export function isFatal(e: unknown): boolean {
  return (
    (typeof WebAssembly !== 'undefined' && e instanceof WebAssembly.RuntimeError) ||
    (e instanceof Error && /^(Aborted|RuntimeError|out of memory)/i.test(e.message))
  );
}

// A square around every point (2D) or the x and y range (1D), padded by 10%: where to draw.
export function dataBounds(splits: DataView2D[]): Bounds | null {
  const cols = splits[0]?.cols ?? 0;
  if (cols !== 1 && cols !== 2) return null;
  let xMin = Infinity;
  let xMax = -Infinity;
  let yMin = Infinity;
  let yMax = -Infinity;
  for (const s of splits) {
    for (let i = 0; i < s.rows; i++) {
      const a = s.x[i * cols]!;
      if (a < xMin) xMin = a;
      if (a > xMax) xMax = a;
      // 2D: the second input; 1D: every target column's value.
      const ys =
        cols === 2
          ? [s.x[i * cols + 1]!]
          : Array.from(s.y.subarray(i * s.yCols, (i + 1) * s.yCols));
      for (const b of ys) {
        if (b < yMin) yMin = b;
        if (b > yMax) yMax = b;
      }
    }
  }
  if (!Number.isFinite(xMin) || !Number.isFinite(yMin))
    return { xMin: -1, xMax: 1, yMin: -1, yMax: 1 };
  if (cols === 2) {
    const r = Math.max(Math.abs(xMin), Math.abs(xMax), Math.abs(yMin), Math.abs(yMax), 1e-3) * 1.1;
    return { xMin: -r, xMax: r, yMin: -r, yMax: r };
  }
  const padX = (xMax - xMin) * 0.05 || 1;
  const padY = (yMax - yMin) * 0.1 || 1;
  return { xMin: xMin - padX, xMax: xMax + padX, yMin: yMin - padY, yMax: yMax + padY };
}

function clampSteps(n: number): number {
  return Number.isFinite(n) ? Math.max(1, Math.min(kMaxStepsPerFrame, Math.floor(n))) : 1;
}

export class RunLoop {
  private readonly runs = new Map<RunId, RunEntry>();
  private playing = false;
  private stepsPerFrame = 10;
  private inFlight = 0;
  private seq = 0;
  private tickScheduled = false;
  private lastVisuals = -Infinity;
  private visualsCostMs = 0;
  private msPerStep = 0;
  private untilStep = 0; // pause when every run reaches this step; 0 = no limit

  constructor(
    private readonly engine: EngineWithCsv,
    private readonly host: LoopHost,
  ) {}

  handle(msg: RunMessage): void {
    switch (msg.type) {
      case 'start':
        this.start(msg.runId, msg.spec, msg.data, msg.view, false);
        return;
      case 'configure':
        this.configure(msg.runId, msg.spec, msg.data, msg.dataChanged);
        return;
      case 'view': {
        const run = this.runs.get(msg.runId);
        if (run) {
          run.view = msg.view;
          run.imagesAt = -Infinity;
          this.sendFrame(true);
        }
        return;
      }
      case 'dispose':
        this.dispose(msg.runId);
        return;
      case 'play':
        this.stepsPerFrame = clampSteps(msg.stepsPerFrame);
        this.untilStep = Math.max(0, Math.floor(msg.untilStep ?? 0)) || 0;
        this.setPlaying(this.anyLive());
        return;
      case 'speed':
        this.stepsPerFrame = clampSteps(msg.stepsPerFrame);
        return;
      case 'pause':
        if (this.playing && [...this.runs.values()].some((r) => r.view.images)) {
          // The pictures of "What the network sees" at the step where the run stopped.
          this.setPlaying(false);
          this.refreshImages();
          this.sendFrame(true);
        } else this.setPlaying(false);
        return;
      case 'step':
        this.setPlaying(false);
        this.step(msg.unit, clampSteps(msg.count));
        return;
      case 'reset':
        for (const run of this.runs.values()) {
          run.trainer.reset();
          run.restarted = true;
          run.live = true;
          run.imagesAt = -Infinity;
        }
        this.sendFrame(true);
        return;
      case 'ack':
        if (msg.seq >= this.seq - this.inFlight) this.inFlight = Math.max(0, this.seq - msg.seq);
        this.pump();
        return;
      case 'parseCsv':
        this.parseCsv(msg.requestId, msg.text, msg.maxRows);
        return;
      default:
        assertNever(msg);
    }
  }

  isPlaying(): boolean {
    return this.playing;
  }

  private post(message: FromWorker): void {
    this.host.post(message, transferables(message));
  }

  private anyLive(): boolean {
    for (const run of this.runs.values()) if (run.live) return true;
    return false;
  }

  private setPlaying(playing: boolean): void {
    if (this.playing === playing) return;
    this.playing = playing;
    this.post({ type: 'playback', playing });
    if (playing) this.pump();
  }

  private build(spec: ExperimentSpec, data: CustomData | null): Trainer {
    return data ? new this.engine.Trainer(spec, data) : new this.engine.Trainer(spec);
  }

  private start(
    runId: RunId,
    spec: ExperimentSpec,
    data: CustomData | null,
    view: VisualRequest,
    rebuilt: boolean,
  ): void {
    let trainer: Trainer;
    try {
      trainer = this.build(spec, data);
    } catch (e) {
      if (isFatal(e)) throw e;
      this.post({ type: 'error', runId, message: errorMessage(e), recoverable: true });
      return;
    }
    this.runs.get(runId)?.trainer.delete();
    this.msPerStep = 0;
    const splits = this.splits(trainer);
    const entry: RunEntry = {
      trainer,
      spec,
      data,
      view,
      bounds: splits?.bounds ?? null,
      restarted: true,
      live: true,
      imagesAt: -Infinity,
    };
    this.runs.set(runId, entry);
    this.post({ type: 'started', runId, network: trainer.network(), data: splits, rebuilt });
    this.sendFrame(true);
  }

  private splits(trainer: Trainer): SplitData | null {
    const train = trainer.data('train');
    if (train.cols > 2) return null;
    const validation = trainer.data('validation');
    const test = trainer.data('test');
    const bounds = dataBounds([train, validation, test]);
    return bounds ? { train, validation, test, bounds } : null;
  }

  private configure(
    runId: RunId,
    spec: ExperimentSpec,
    data: CustomData | null,
    dataChanged: boolean,
  ): void {
    const run = this.runs.get(runId);
    if (!run) {
      this.start(
        runId,
        spec,
        data,
        { grid: 0, curve: 0, network: false, neurons: 0, histogramBins: 0 },
        false,
      );
      return;
    }
    let applied = false;
    if (!dataChanged) {
      try {
        applied = run.trainer.update(spec);
      } catch (e) {
        if (isFatal(e)) throw e;
        this.post({ type: 'error', runId, message: errorMessage(e), recoverable: true });
        return;
      }
    }
    if (applied) {
      run.spec = spec;
      // A finished run may go on when the new settings allow it (e.g. a larger epoch limit).
      run.live = run.trainer.status().state === 'running';
      run.imagesAt = -Infinity;
      this.post({ type: 'configured', runId, applied: true });
      this.sendFrame(true);
    } else {
      this.post({ type: 'configured', runId, applied: false });
      this.start(runId, spec, data, run.view, true);
    }
  }

  private dispose(runId: RunId): void {
    const run = this.runs.get(runId);
    if (!run) return;
    run.trainer.delete();
    this.runs.delete(runId);
    if (!this.anyLive()) this.setPlaying(false);
  }

  private step(unit: StepUnit, count: number): void {
    for (const run of this.runs.values()) {
      if (!run.live) continue;
      const status = unit === 'batch' ? run.trainer.runSteps(count) : run.trainer.runEpochs(count);
      run.live = status.state === 'running';
      run.imagesAt = -Infinity; // a step the user asked for: show its result
    }
    this.sendFrame(true);
  }

  private pump(): void {
    if (this.tickScheduled || !this.playing || this.inFlight >= kMaxInFlight) return;
    this.tickScheduled = true;
    this.host.schedule(() => this.tick());
  }

  private tick(): void {
    this.tickScheduled = false;
    if (!this.playing || this.inFlight >= kMaxInFlight) return;
    const steps = this.stepsPerTick();
    const t0 = this.host.now();
    let ran = 0;
    let reached = true;
    for (const run of this.runs.values()) {
      if (!run.live) continue;
      const step = run.trainer.status().step;
      const n = this.untilStep > 0 ? Math.min(steps, this.untilStep - step) : steps;
      if (n <= 0) continue;
      const status = run.trainer.runSteps(n);
      run.live = status.state === 'running';
      ran = Math.max(ran, n);
      if (run.live && (this.untilStep === 0 || status.step < this.untilStep)) reached = false;
    }
    // Never 0, even on a coarse clock: 0 means "not measured yet".
    if (ran > 0) this.msPerStep = Math.max(1e-3, (this.host.now() - t0) / ran);
    const stillLive = this.anyLive();
    const stop = !stillLive || (this.untilStep > 0 && reached);
    if (stop) this.refreshImages();
    this.sendFrame(stop);
    if (stop) this.setPlaying(false);
    this.pump();
  }

  // Steps the last tick ran per run (for tests and the curious).
  stepsPerTick(): number {
    // Until a step has been timed (a new run), one step measures the cost.
    if (this.msPerStep <= 0) return 1;
    return Math.max(1, Math.min(this.stepsPerFrame, Math.floor(kTickBudgetMs / this.msPerStep)));
  }

  // The next frame's visuals include the image views (throttled otherwise).
  private refreshImages(): void {
    for (const run of this.runs.values()) run.imagesAt = -Infinity;
  }

  // The image views of a run on image data, or null (other data, or none requested).
  private images(run: RunEntry, request: ImageViewRequest): ImageViews | null {
    const { trainer } = run;
    const net = trainer.network();
    if (!net.imageInput) return null;
    const test = trainer.data('test');
    const split = test.rows > 0 ? 'test' : 'train';
    const rows = test.rows > 0 ? test.rows : trainer.data('train').rows;
    const source = test.rows > 0 ? test : trainer.data('train');
    const int = (v: number, lo: number, hi: number) =>
      Math.min(hi, Math.max(lo, Math.floor(Number.isFinite(v) ? v : lo)));
    const row = int(request.row, 0, rows - 1);
    const seed = (v: number) => int(v, 0, 2 ** 31 - 1);
    const samples = int(request.samples, 0, 256);
    const page = int(request.thumbnails, 1, 64);
    const start = Math.floor(row / page) * page;
    const end = Math.min(rows, start + page);
    return {
      step: trainer.status().step,
      batch: samples > 0 ? trainer.augmentedBatch(samples, seed(request.sampleSeed)) : null,
      filters: trainer.firstConvFilters(),
      maps: trainer.featureMaps(split, row, request.training, seed(request.maskSeed)),
      confusion:
        net.task !== 'regression' && test.rows > 0 ? trainer.confusionMatrix('test') : null,
      row,
      testRows: test.rows,
      split,
      rows,
      testLabels: net.task === 'regression' ? new Float32Array(0) : source.y.slice(),
      thumbnailStart: start,
      thumbnails: source.x.slice(start * source.cols, end * source.cols),
    };
  }

  private visuals(run: RunEntry): Visuals {
    const { view, trainer, bounds } = run;
    const out: Visuals = { grid: null, curve: null, weights: null, neurons: null, histogram: null };
    if (view.grid > 0 && bounds && trainer.data('train').cols === 2) {
      const r = Math.min(200, Math.max(2, Math.floor(view.grid)));
      out.grid = {
        resolution: r,
        bounds,
        values: trainer.gridPredictions(r, bounds.xMin, bounds.xMax, bounds.yMin, bounds.yMax),
      };
    }
    if (view.curve > 0 && bounds && trainer.data('train').cols === 1) {
      const n = Math.min(1000, Math.max(2, Math.floor(view.curve)));
      // Sample positions along the x axis, the points where the engine evaluates the model.
      const x = new Float32Array(n);
      for (let i = 0; i < n; i++) x[i] = bounds.xMin + ((bounds.xMax - bounds.xMin) * i) / (n - 1);
      out.curve = { x, y: trainer.predict(x, n), outputs: trainer.network().outputs };
    }
    if (view.neurons > 0 && bounds && trainer.data('train').cols === 2) {
      const r = Math.min(64, Math.max(2, Math.floor(view.neurons)));
      out.neurons = trainer.neuronGrids(r, bounds.xMin, bounds.xMax, bounds.yMin, bounds.yMax);
    }
    if (view.network) {
      out.weights = trainer
        .parameters()
        .filter((p) => p.role === 'weight')
        .map((p): WeightBlock => {
          const shownRows = Math.min(p.rows, kMaxWeightBlock);
          const shownCols = Math.min(p.cols, kMaxWeightBlock);
          const values = new Float32Array(shownRows * shownCols);
          for (let r = 0; r < shownRows; r++) {
            values.set(p.values.subarray(r * p.cols, r * p.cols + shownCols), r * shownCols);
          }
          return { rows: p.rows, cols: p.cols, shownRows, shownCols, values };
        });
    }
    if (view.histogramBins > 0) {
      out.histogram = trainer.weightHistogram(Math.min(200, Math.floor(view.histogramBins)));
    }
    if (view.images && this.host.now() - run.imagesAt >= kImagesMs) {
      out.images = this.images(run, view.images);
      run.imagesAt = this.host.now();
    }
    return out;
  }

  private sendFrame(force: boolean): void {
    if (this.runs.size === 0) return;
    const now = this.host.now();
    // Visuals cost a forward pass over the grid: never more than a quarter of the time.
    const withVisuals =
      force || now - this.lastVisuals >= Math.max(kVisualsMs, 3 * this.visualsCostMs);
    const frames: RunFrame[] = [];
    for (const [runId, run] of this.runs) {
      const metrics = run.trainer.takeMetrics();
      frames.push({
        runId,
        status: run.trainer.status(),
        restarted: run.restarted,
        metrics: metrics.rows > 0 ? metrics : null,
        visuals: withVisuals ? this.visuals(run) : null,
      });
      run.restarted = false;
    }
    if (withVisuals) {
      this.lastVisuals = this.host.now();
      this.visualsCostMs = this.lastVisuals - now;
    }
    this.seq++;
    this.inFlight++;
    this.post({ type: 'frame', seq: this.seq, playing: this.playing, runs: frames });
  }

  private parseCsv(requestId: number, text: string, maxRows: number): void {
    const parse = this.engine.parseCsv;
    if (typeof parse !== 'function') {
      this.post({
        type: 'csvError',
        requestId,
        message: 'CSV parsing is not available in this engine build',
      });
      return;
    }
    try {
      this.post({ type: 'csv', requestId, result: parse.call(this.engine, text, maxRows) });
    } catch (e) {
      if (isFatal(e)) throw e;
      this.post({ type: 'csvError', requestId, message: errorMessage(e) });
    }
  }
}
