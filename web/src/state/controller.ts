// What the page can do, as methods: each changes the store and tells the worker. No DOM.
// Settings the running network can take (learning rate, penalty, dropout...) are sent as a
// `configure`, which the engine applies without resetting; when it cannot (architecture, data,
// seed), the worker rebuilds the run and the page says so. In compare mode every run restarts
// together after such a rebuild, so the runs stay in lockstep.
import type { CustomData, ExperimentSpec } from '../engine/engine-api';
import type { SkLearnRequest, SweepAxis } from '../export/types';
import {
  field,
  isOneDimensional,
  isTwoDimensional,
  setPath,
  type FieldValue,
  type LayerSpec,
  type SpecPath,
} from '../spec/experiment-spec';
import {
  kMaxRuns,
  type Language,
  type SharedExperiment,
  type ViewOptions,
} from '../spec/url-codec';
import { lessonById } from '../lessons/catalog';
import { loadLanguage } from '../i18n/i18n';
import { repairWarnings } from '../spec/repair';
import type { SpecWarning } from '../spec/validate';
import {
  assertNever,
  type FromWorker,
  type ParsedCsv,
  type ImageViewRequest,
  type StepUnit,
  type VisualRequest,
} from '../worker/protocol';
import type { StudyOptions } from '../spec/study-options';
import type { WorkerPort } from '../worker/worker-client';
import type { JobRunner } from '../worker/pool';
import type { JobRequest } from '../worker/jobs';
import { compressCsv, decompressCsv, kMaxCsvLinkChars, type SharedCsv } from '../spec/url-csv';
import {
  addPoint,
  datasetFromCsv,
  datasetFromPoints,
  kMaxCsvRows,
  pointsFromDataset,
  pointsFromSplits,
  removeNearestPoint,
  type CustomDataset,
} from './custom-data';
import { StudyRunner } from './study';
import { isImageData } from '../spec/layer-presets';
import {
  emptySeries,
  emptyVisuals,
  newRun,
  splitList,
  type EditMode,
  type Run,
  type Store,
} from './store';

// Grid points per side: the output picture, and each neuron's picture in the network drawing.
const kBoundaryResolution = 100;
const kNeuronResolution = 24;

export class Controller {
  private csvRequests = new Map<
    number,
    { resolve: (p: ParsedCsv) => void; reject: (e: Error) => void }
  >();
  private nextRequest = 1;
  // The "Choosing λ" studies (path, cross-validation) on the pool, started and cancelled as
  // their views are shown and their settings change.
  readonly study: StudyRunner;

  constructor(
    private readonly store: Store,
    private readonly worker: WorkerPort,
    private readonly jobs: JobRunner | null = null,
  ) {
    this.study = new StudyRunner(store, jobs, (spec) => this.dataFor(spec));
  }

  // --- worker → page --------------------------------------------------------------------------

  onMessage(msg: Exclude<FromWorker, { type: 'frame' }>): void {
    switch (msg.type) {
      case 'ready':
        this.store.update(['engine'], (s) => {
          s.engine = { ready: true, simd: msg.simd, version: msg.version };
        });
        return;
      case 'started': {
        const run = this.store.run(msg.runId);
        if (!run) return;
        this.store.update(['runs', 'data', 'status'], (s) => {
          run.network = msg.network;
          run.splits = msg.data;
          run.starting = false;
          run.error = null;
          run.notice = msg.rebuilt ? 'rebuilt' : null;
          run.visuals = emptyVisuals();
          if (s.banner?.kind === 'engineError') s.banner = null;
        });
        if (msg.rebuilt && this.store.get().runs.length > 1) this.worker.send({ type: 'reset' });
        return;
      }
      case 'configured': {
        const run = this.store.run(msg.runId);
        if (run && msg.applied)
          this.store.update(['runs'], () => {
            run.notice = 'applied';
            run.error = null;
          });
        return;
      }
      case 'playback':
        this.store.update(['playback'], (s) => {
          s.playing = msg.playing;
        });
        return;
      case 'csv':
        this.csvRequests.get(msg.requestId)?.resolve(msg.result);
        this.csvRequests.delete(msg.requestId);
        return;
      case 'csvError':
        this.csvRequests.get(msg.requestId)?.reject(new Error(msg.message));
        this.csvRequests.delete(msg.requestId);
        return;
      case 'error': {
        const runs = this.store.get().runs;
        const index = msg.runId === null ? -1 : runs.findIndex((r) => r.id === msg.runId);
        this.store.update(['banner', 'runs'], (s) => {
          if (index >= 0) {
            runs[index]!.error = msg.message;
            runs[index]!.starting = false;
          }
          s.banner = {
            kind: msg.recoverable ? 'engineError' : s.engine.ready ? 'workerDied' : 'loadFailed',
            message: msg.message,
            runIndex: index >= 0 ? index : null,
          };
          if (!msg.recoverable) s.playing = false;
        });
        if (!msg.recoverable) this.worker.stop();
        return;
      }
      case 'jobProgress':
      case 'jobDone':
      case 'jobFailed':
        return; // a study's jobs are answered by the worker pool, not here
      default:
        assertNever(msg);
    }
  }

  onFrames(frames: Parameters<Store['applyFrames']>[0], playing: boolean): void {
    // Playback state comes only from 'playback' messages: frames computed before a pause may
    // still arrive after it, and must not turn playing back on.
    void playing;
    this.store.applyFrames(frames);
    const s = this.store.get();
    const diverged = s.runs.findIndex((r) => r.status?.state === 'diverged');
    if (diverged >= 0 && s.banner?.kind !== 'diverged') {
      this.store.update(['banner'], (st) => {
        st.banner = {
          kind: 'diverged',
          message: s.runs[diverged]!.status!.message,
          runIndex: diverged,
        };
      });
    }
  }

  onDied(reason: string): void {
    this.worker.stop();
    this.store.update(['banner', 'playback'], (s) => {
      s.playing = false;
      s.banner = {
        kind: s.engine.ready ? 'workerDied' : 'loadFailed',
        message: reason,
        runIndex: null,
      };
    });
  }

  // --- lifecycle ------------------------------------------------------------------------------

  // (Re)starts the worker and every run with the current settings.
  boot(): void {
    this.worker.start();
    this.store.update(['runs', 'metrics', 'visuals', 'status', 'banner', 'engine'], (s) => {
      s.banner = null;
      s.engine = { ready: false, simd: false, version: '' };
      for (const run of s.runs) {
        run.series = emptySeries(run.series.generation + 1);
        run.visuals = emptyVisuals();
        run.status = null;
        run.starting = true;
        run.error = null;
      }
    });
    for (const run of this.store.get().runs) this.sendStart(run);
    this.worker.send({ type: 'speed', stepsPerFrame: this.store.get().view.speed });
  }

  load(experiment: SharedExperiment, custom: CustomDataset | null, warnings: SpecWarning[]): void {
    const old = this.store.get().runs;
    this.worker.send({ type: 'pause' });
    for (const run of old) this.worker.send({ type: 'dispose', runId: run.id });
    this.store.update(
      ['runs', 'view', 'data', 'warnings', 'metrics', 'visuals', 'status', 'playback'],
      (s) => {
        s.runs = experiment.runs.map(newRun);
        s.selected = 0;
        s.view = { ...experiment.view };
        s.custom = custom;
        s.warnings = warnings;
        s.playing = false;
      },
    );
    for (const run of this.store.get().runs) this.sendStart(run);
    this.worker.send({ type: 'speed', stepsPerFrame: this.store.get().view.speed });
  }

  private dataFor(spec: ExperimentSpec): CustomData | null {
    const custom = this.store.get().custom;
    if (spec.data.kind !== 'custom' || !custom) return null;
    // A copy: the page keeps its own arrays.
    return { ...custom.data, x: custom.data.x.slice(), y: custom.data.y.slice() };
  }

  private viewFor(run: Run, index: number): VisualRequest {
    const cols = this.store.get().custom?.data.cols;
    const selected = index === this.store.get().selected;
    return {
      grid: isTwoDimensional(run.spec, cols) ? kBoundaryResolution : 0,
      curve: isOneDimensional(run.spec, cols) ? 200 : 0,
      network: selected,
      neurons: selected && isTwoDimensional(run.spec, cols) ? kNeuronResolution : 0,
      histogramBins: selected ? 40 : 0,
      images: this.imagesFor(run, selected),
    };
  }

  // --- "What the network sees" (image data, its stage view shown) -----------------------------
  private imageSeeds = { sample: 1, mask: 1 };

  private imagesFor(run: Run, selected: boolean): ImageViewRequest | null {
    const view = this.store.get().view;
    if (!selected || view.stage !== 'images' || !isImageData(run.spec.data.kind)) return null;
    return {
      samples: 16,
      sampleSeed: this.imageSeeds.sample,
      row: view.study.images.row,
      training: view.study.images.training,
      maskSeed: this.imageSeeds.mask,
      thumbnails: 8,
    };
  }

  // The chosen test input and the "as in training" switch (both in the link).
  setImageView(change: Partial<StudyOptions['images']>): void {
    const study = this.store.get().view.study;
    this.setView({ study: { ...study, images: { ...study.images, ...change } } });
  }

  // Other training images, or other dropout masks.
  redrawImages(which: 'sample' | 'mask'): void {
    this.imageSeeds = { ...this.imageSeeds, [which]: this.imageSeeds[which] + 1 };
    this.sendViews();
  }

  private sendStart(run: Run): void {
    // A run on the user's own table starts when the table arrives (loadSharedCsv).
    if (run.spec.data.kind === 'custom' && !this.store.get().custom) return;
    const index = this.store.get().runs.indexOf(run);
    this.worker.send({
      type: 'start',
      runId: run.id,
      spec: run.spec,
      data: this.dataFor(run.spec),
      view: this.viewFor(run, index),
    });
  }

  private sendViews(): void {
    this.store
      .get()
      .runs.forEach((run, i) =>
        this.worker.send({ type: 'view', runId: run.id, view: this.viewFor(run, i) }),
      );
  }

  // --- playback -------------------------------------------------------------------------------

  // Plays; an open lesson pauses by itself at its length (where its effect has shown), once.
  play(): void {
    const s = this.store.get();
    const lesson = s.view.lesson ? lessonById(s.view.lesson) : undefined;
    const step = Math.min(...s.runs.map((r) => r.status?.step ?? 0));
    const untilStep = lesson && step < lesson.steps ? lesson.steps : 0;
    this.worker.send({ type: 'play', stepsPerFrame: s.view.speed, untilStep });
  }

  pause(): void {
    this.worker.send({ type: 'pause' });
  }

  togglePlay(): void {
    if (this.store.get().playing) this.pause();
    else this.play();
  }

  step(unit: StepUnit): void {
    this.worker.send({ type: 'step', unit, count: 1 });
  }

  reset(): void {
    this.worker.send({ type: 'reset' });
    this.store.update(['banner'], (s) => {
      if (s.banner?.kind === 'diverged') s.banner = null;
    });
  }

  setSpeed(stepsPerFrame: number): void {
    this.setView({ speed: stepsPerFrame });
    this.worker.send({ type: 'speed', stepsPerFrame });
  }

  setView(change: Partial<ViewOptions>): void {
    const before = JSON.stringify(this.store.get().runs.map((r, i) => this.viewFor(r, i).images));
    this.store.update(['view'], (s) => {
      s.view = { ...s.view, ...change };
    });
    // The image views follow the stage tab and their settings.
    const after = JSON.stringify(this.store.get().runs.map((r, i) => this.viewFor(r, i).images));
    if (after !== before) this.sendViews();
  }

  // Jobs of the "Choosing λ" views (worker/jobs.ts) on the worker pool.
  runJobs<K extends JobRequest['kind']>(requests: Extract<JobRequest, { kind: K }>[]) {
    if (!this.jobs) throw new Error('no workers for jobs');
    return this.jobs.runJobs(requests);
  }

  // "Export as PyTorch": the run as the engine builds it at step 0 (a job on the pool), then
  // the script, whose generator is fetched only when someone asks for it. The script trains
  // as many steps as the run has taken, or the run's whole length before it has started.
  async pytorchScript(runIndex: number, link: string): Promise<{ text: string; steps: number }> {
    const { input, steps } = await this.pytorchInput(runIndex, link);
    const { exportPyTorch } = await import('../export/pytorch');
    return { text: exportPyTorch(input), steps };
  }

  // "Export the grid as a PyTorch sweep": the run's script with a plain loop over every point
  // of the cross-validation view's grid (one or two axes), for a sweep larger than a browser
  // should run.
  async sweepScript(runIndex: number, axes: readonly SweepAxis[], link: string): Promise<string> {
    const { input } = await this.pytorchInput(runIndex, link);
    const { exportSweep } = await import('../export/pytorch');
    return exportSweep(input, axes);
  }

  // The engine's step-0 state of a run (a job on the pool) and the steps the script trains:
  // as many as the run has taken, or its whole epoch limit (1000 without one) before it starts.
  private async pytorchInput(runIndex: number, link: string) {
    const run = this.store.get().runs[runIndex];
    if (!run || !this.jobs) throw new Error('no run to export');
    const job = { kind: 'exportInput' as const, spec: run.spec, data: this.dataFor(run.spec) };
    const [input] = await this.jobs.runJobs([job]).results;
    const trainRows = input!.data.train.rows;
    const perEpoch = Math.ceil(trainRows / (run.spec.training.batchSize || trainRows));
    const whole = run.spec.training.maxEpochs > 0 ? run.spec.training.maxEpochs * perEpoch : 1000;
    const steps = run.status && run.status.step > 0 ? run.status.step : whole;
    return { input: { ...input!, link, steps }, steps };
  }

  // "Export to scikit-learn": a study of the exact linear solvers (the path view's options;
  // with `cv`, its cross-validation as the CV view ran it) as a Python file. The engine's rows,
  // folds and checks come from a job on the pool; the generator is fetched only when asked for.
  async sklearnScript(runIndex: number, request: SkLearnRequest, link: string): Promise<string> {
    const run = this.store.get().runs[runIndex];
    if (!run || !this.jobs) throw new Error('no run to export');
    const job = {
      kind: 'sklearnInput' as const,
      spec: run.spec,
      data: this.dataFor(run.spec),
      options: request.options,
      cv: request.cv ?? null,
    };
    const [input] = await this.jobs.runJobs([job]).results;
    const { exportSkLearn } = await import('../export/sklearn');
    return exportSkLearn({ ...input!, link });
  }

  // The page's language, once its text has arrived; the link keeps it.
  async setLanguage(lang: Language): Promise<void> {
    await loadLanguage(lang);
    this.store.update(['lang', 'view'], (s) => {
      s.lang = lang;
      s.view = { ...s.view, lang };
    });
  }

  // The state a page opens with: a decoded link's warnings and its hand-made points.
  init(warnings: SpecWarning[], custom: CustomDataset | null): void {
    this.store.update(['warnings', 'data'], (s) => {
      s.warnings = warnings;
      s.custom = custom;
    });
  }

  dismissBanner(): void {
    this.store.update(['banner'], (s) => (s.banner = null));
  }

  dismissWarnings(): void {
    this.store.update(['warnings'], (s) => (s.warnings = []));
  }

  // --- settings -------------------------------------------------------------------------------

  private applySpec(index: number, spec: ExperimentSpec, dataChanged = false): void {
    const run = this.store.get().runs[index];
    if (!run) return;
    const wasTwoD = this.viewFor(run, index);
    this.store.update(['runs'], () => {
      run.spec = spec;
      run.notice = null;
    });
    this.worker.send({
      type: 'configure',
      runId: run.id,
      spec,
      data: this.dataFor(spec),
      dataChanged,
    });
    const view = this.viewFor(run, index);
    if (JSON.stringify(view) !== JSON.stringify(wasTwoD))
      this.worker.send({ type: 'view', runId: run.id, view });
  }

  // Sets one field of a run. When that breaks a cross-field rule (validation + test share
  // above 0.8, ...), the rule's repair changes another field, and a note under that field's
  // control says what and why.
  setField(path: SpecPath, value: FieldValue, index = this.store.get().selected): void {
    const run = this.store.get().runs[index];
    if (!run) return;
    if (path === 'data.kind' && value === 'custom' && run.spec.data.kind !== 'custom') {
      // "My data" without data yet: start from the points on screen, ready to edit.
      const custom = this.store.get().custom;
      if (custom) this.useCustomData(custom);
      else if (run.splits?.train.cols === 2)
        this.useCustomData(datasetFromPoints(pointsFromSplits(splitList(run.splits))));
      else this.store.update(['runs'], () => (run.error = null));
      return;
    }
    const notes: SpecWarning[] = [];
    const spec = repairWarnings(setPath(run.spec, path, value), notes);
    this.store.update(['runs'], (s) => {
      s.fieldNotes = Object.fromEntries(notes.map((w) => [w.value, w]));
    });
    this.applySpec(index, spec);
  }

  setLayers(hidden: LayerSpec[], index = this.store.get().selected): void {
    const run = this.store.get().runs[index];
    if (!run) return;
    const notes: SpecWarning[] = [];
    const spec = repairWarnings({ ...run.spec, model: { ...run.spec.model, hidden } }, notes);
    // What a layer rule changed (a window clamped to its input, a layer removed): the model
    // panel shows it, as a field's note.
    this.store.update(['runs'], (s) => {
      s.fieldNotes = Object.fromEntries(notes.map((w) => [w.value, w]));
    });
    this.applySpec(index, spec);
  }

  // --- compare --------------------------------------------------------------------------------

  duplicateRun(): void {
    const s = this.store.get();
    if (s.runs.length >= kMaxRuns) return;
    const run = newRun(structuredClone(this.store.selectedRun().spec));
    this.store.update(['runs'], (st) => {
      st.runs.push(run);
      st.selected = st.runs.length - 1;
    });
    this.sendStart(run);
    this.sendViews();
    this.worker.send({ type: 'reset' });
  }

  removeRun(index: number): void {
    const s = this.store.get();
    if (s.runs.length <= 1 || !s.runs[index]) return;
    const [run] = s.runs.slice(index, index + 1);
    this.worker.send({ type: 'dispose', runId: run!.id });
    this.store.update(['runs', 'metrics', 'visuals'], (st) => {
      st.runs.splice(index, 1);
      st.selected = Math.min(st.selected, st.runs.length - 1);
    });
    this.sendViews();
  }

  selectRun(index: number): void {
    if (!this.store.get().runs[index]) return;
    this.store.update(['runs'], (s) => (s.selected = index));
    this.sendViews();
  }

  // --- data -----------------------------------------------------------------------------------

  parseCsv(text: string, maxRows: number): Promise<ParsedCsv> {
    const requestId = this.nextRequest++;
    return new Promise((resolve, reject) => {
      this.csvRequests.set(requestId, { resolve, reject });
      this.worker.send({ type: 'parseCsv', requestId, text, maxRows });
    });
  }

  // Uses a data set of the user's for every run (kind 'custom').
  useCustomData(dataset: CustomDataset): void {
    this.store.update(['data'], (s) => (s.custom = dataset));
    this.store.get().runs.forEach((run, i) => {
      let spec = setPath(run.spec, 'data.kind', 'custom');
      spec = setPath(spec, 'data.task', dataset.task);
      this.applySpec(i, spec, true);
    });
  }

  // A table from a CSV file or paste: trains at once; its link form (compressed) is made in the
  // background, and is left out of links when too large to travel (Share says so).
  useCsvData(dataset: CustomDataset, text: string, targets: number[]): void {
    this.useCustomData(dataset);
    void compressCsv(text).then((payload) => {
      if (this.store.get().custom !== dataset) return; // replaced meanwhile
      this.store.update(['data'], () => {
        dataset.linkChars = payload.length;
        dataset.link =
          payload.length <= kMaxCsvLinkChars ? { payload, targets, name: dataset.name } : null;
      });
    });
  }

  // The table a shared link carries: unpacked, parsed by the engine, then used as if the user
  // had pasted it. A table that does not unpack or parse is reported, and the runs fall back to
  // the default data set.
  async loadSharedCsv(csv: SharedCsv): Promise<void> {
    const task = this.store.get().runs[0]!.spec.data.task;
    const fail = (value: string) => {
      this.store.update(['warnings'], (s) => {
        s.warnings = [...s.warnings, { code: 'invalid', key: 'csv', value }];
      });
      this.store.get().runs.forEach((run, i) => {
        if (run.spec.data.kind === 'custom')
          this.applySpec(i, setPath(run.spec, 'data.kind', field('data.kind').default as string));
      });
    };
    const text = await decompressCsv(csv.payload);
    if (text === null) return fail(csv.name || 'csv');
    let parsed: ParsedCsv;
    try {
      parsed = await this.parseCsv(text, kMaxCsvRows);
    } catch (e) {
      return fail(e instanceof Error ? e.message : String(e));
    }
    const r = datasetFromCsv(parsed, csv.targets, task, csv.name);
    if (!r.ok) return fail(r.error.code);
    r.dataset.link = csv;
    r.dataset.linkChars = csv.payload.length;
    this.useCustomData(r.dataset);
  }

  setEditMode(mode: EditMode): void {
    this.store.update(['view'], (s) => (s.editMode = mode));
  }

  // A click on the 2D view at data coordinates (x1, x2), `radius` data units of tolerance.
  editAt(x1: number, x2: number, radius: number): void {
    const s = this.store.get();
    if (s.editMode === 'none') return;
    const current = s.custom && s.custom.source === 'points' ? pointsFromDataset(s.custom) : null;
    const run = this.store.selectedRun();
    const before =
      current && run.spec.data.kind === 'custom'
        ? current
        : pointsFromSplits(splitList(run.splits));
    const after =
      s.editMode === 'remove'
        ? removeNearestPoint(before, x1, x2, radius)
        : addPoint(before, x1, x2, s.editMode === 'add1' ? 1 : 0);
    if (after.y.length < 4) return;
    this.useCustomData(datasetFromPoints(after));
  }
}
