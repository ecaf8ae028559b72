// The worker pool with the real engine: each stand-in worker is a RunLoop on its own engine
// instance, and messages between the page and the workers are delivered in a shuffled (seeded)
// order across workers while each channel keeps its own order, as browsers do. A run's numbers
// must not depend on how many workers share the runs, and compared runs stay in lockstep.
import { beforeAll, describe, expect, it } from 'vitest';
import type { EngineModule, ExperimentSpec, MetricsBatch } from '../../web/src/engine/engine-api';
import { defaultSpec, setPath } from '../../web/src/spec/experiment-spec';
import type { NetworkFoldResult } from '../../web/src/worker/jobs';
import type { FromWorker, RunFrame, ToWorker } from '../../web/src/worker/protocol';
import { WorkerCore } from '../../web/src/worker/worker-core';
import { WorkerPool } from '../../web/src/worker/pool';
import type { WorkerEvents, WorkerPort } from '../../web/src/worker/worker-client';
import { engineAvailable, ensureDataSet, loadNodeEngine } from './support/node-engine';
import { decode } from '../../web/src/spec/url-codec';
import { Store } from '../../web/src/state/store';
import {
  networkCvJobs,
  StudyRunner,
  type NetworkCvResult,
  type PathCvResult,
} from '../../web/src/state/study';

// Every pending delivery in the simulated page: one queue per channel (page→worker,
// worker→page, a worker's own timer), picked at random by a seeded generator.
class Scheduler {
  private queues: (() => void)[][] = [];
  private seed: number;
  constructor(seed: number) {
    this.seed = seed;
  }
  channel(): (fn: () => void) => void {
    const q: (() => void)[] = [];
    this.queues.push(q);
    return (fn) => q.push(fn);
  }
  private random(): number {
    this.seed = (this.seed * 1103515245 + 12345) % 2147483648;
    return this.seed / 2147483648;
  }
  // Runs deliveries until nothing is pending (or `max` of them, for a mid-run look), letting
  // the promises that each one settles run before the next.
  async drain(max = 1e6, onEach?: () => void): Promise<number> {
    let n = 0;
    while (n < max) {
      await new Promise((resolve) => setImmediate(resolve));
      const ready = this.queues.filter((q) => q.length > 0);
      if (!ready.length) break;
      ready[Math.floor(this.random() * ready.length)]!.shift()!();
      n++;
      onEach?.();
    }
    return n;
  }
}

// A worker as the pool sees it: the worker core (run loop and jobs) behind two message
// channels; frames are acknowledged as soon as they are delivered (the page draws them at once).
function fakeClient(engine: EngineModule, sched: Scheduler, events: WorkerEvents): WorkerPort {
  let core: WorkerCore | null = null;
  const toWorker = sched.channel();
  const toPage = sched.channel();
  const timer = sched.channel();
  let alive = false;
  return {
    start() {
      alive = true;
      core = new WorkerCore(engine, {
        post: (m: FromWorker) => {
          const copy = structuredClone(m);
          toPage(() => {
            if (!alive) return;
            if (copy.type === 'frame') {
              events.frames([copy.runs], copy.playing);
              toWorker(() => core?.handle({ type: 'ack', seq: copy.seq }));
            } else events.message(copy);
          });
        },
        schedule: (fn) => timer(() => alive && fn()),
        now: () => 0,
        ensureDataSet,
        fatal: () => events.died('engine trapped'),
      });
      toPage(() => events.message({ type: 'ready', simd: true, version: 'test' }));
    },
    stop() {
      alive = false;
      core = null;
    },
    send(msg: ToWorker) {
      const copy = structuredClone(msg);
      toWorker(() => alive && core?.handle(copy));
    },
  };
}

function spec(l2: number, seed: number): ExperimentSpec {
  let s = defaultSpec();
  s = setPath(s, 'data.samples', 120);
  s = setPath(s, 'training.recordEvery', 1);
  s = setPath(s, 'penalty.kind', 'l2');
  s = setPath(s, 'penalty.lambda', l2);
  return setPath(s, 'seed', seed);
}

const view = { grid: 0, curve: 0, network: false, neurons: 0, histogramBins: 0 };
const runs = [spec(0, 1), spec(0.01, 2), spec(0.1, 3)];

interface Session {
  pool: WorkerPool;
  sched: Scheduler;
  frames: RunFrame[];
  playback: boolean[];
  latestStep: Map<number, number>;
}

async function session(engines: EngineModule[], seed: number): Promise<Session> {
  const sched = new Scheduler(seed);
  const frames: RunFrame[] = [];
  const playback: boolean[] = [];
  const latestStep = new Map<number, number>();
  let made = 0;
  const pool = new WorkerPool(
    {
      message: (m) => {
        if (m.type === 'playback') playback.push(m.playing);
        if (m.type === 'error') throw new Error(m.message);
      },
      frames: (batches) => {
        for (const f of batches.flat()) {
          frames.push(f);
          latestStep.set(f.runId, f.status.step);
        }
      },
      died: (reason) => {
        throw new Error(reason);
      },
    },
    engines.length,
    (events) => fakeClient(engines[made++ % engines.length]!, sched, events),
  );
  pool.start();
  pool.send({ type: 'speed', stepsPerFrame: 7 });
  runs.forEach((s, i) => pool.send({ type: 'start', runId: i + 1, spec: s, data: null, view }));
  await sched.drain();
  return { pool, sched, frames, playback, latestStep };
}

// Every metric row a run recorded, concatenated in step order.
function history(frames: RunFrame[], runId: number): Record<string, number[]> {
  const out: Record<string, number[]> = {};
  for (const f of frames) {
    if (f.runId !== runId) continue;
    if (f.restarted) for (const k of Object.keys(out)) delete out[k];
    const m = f.metrics as (MetricsBatch & Record<string, unknown>) | null;
    if (!m) continue;
    for (const [k, v] of Object.entries(m))
      if (ArrayBuffer.isView(v)) (out[k] ??= []).push(...Array.from(v as Float64Array));
  }
  return out;
}

describe.skipIf(!engineAvailable)('WorkerPool', () => {
  let engines: EngineModule[] = [];
  beforeAll(async () => {
    engines = await Promise.all([1, 2, 3].map(() => loadNodeEngine()));
  });

  it('spreads compared runs over its workers, one run each while there is room', async () => {
    const s = await session(engines, 7);
    expect(s.pool.workerCount()).toBe(3);
    const one = await session(engines.slice(0, 1), 7);
    expect(one.pool.workerCount()).toBe(1);
  });

  it('gives every run the same numbers, bit for bit, on one worker or three', async () => {
    const results = [];
    for (const workers of [1, 3]) {
      const s = await session(engines.slice(0, workers), 11 * workers);
      s.pool.send({ type: 'play', stepsPerFrame: 7, untilStep: 300 });
      await s.sched.drain();
      results.push(runs.map((_, i) => history(s.frames, i + 1)));
    }
    for (let r = 0; r < runs.length; r++) {
      const [single, pooled] = [results[0]![r]!, results[1]![r]!];
      expect(single['step']!.at(-1)).toBe(300);
      expect(pooled['step']).toEqual(single['step']);
      expect(pooled['trainLoss']).toEqual(single['trainLoss']);
      expect(pooled['valLoss']).toEqual(single['valLoss']);
    }
    // The regularization strengths differ, so the runs do too: the comparison is not vacuous.
    expect(results[1]![0]!['trainLoss']).not.toEqual(results[1]![2]!['trainLoss']);
  });

  it('keeps the runs in lockstep while playing and lines them up on pause', async () => {
    const s = await session(engines, 5);
    s.pool.send({ type: 'play', stepsPerFrame: 7 });
    let widest = 0;
    await s.sched.drain(4000, () => {
      const steps = [...s.latestStep.values()];
      widest = Math.max(widest, Math.max(...steps) - Math.min(...steps));
    });
    // Never more than one lockstep chunk apart (8 frames of 7 steps).
    expect(Math.max(...s.latestStep.values())).toBeGreaterThan(100);
    expect(widest).toBeLessThanOrEqual(8 * 7);
    s.pool.send({ type: 'pause' });
    await s.sched.drain();
    const steps = [...s.latestStep.values()];
    expect(new Set(steps).size).toBe(1);
    expect(s.playback.at(-1)).toBe(false);
    // The page heard "playing" once and "stopped" once, not once per worker or chunk.
    expect(s.playback).toEqual([true, false]);
  });

  it('stops at a lesson length on every worker and says so once', async () => {
    const s = await session(engines, 9);
    s.pool.send({ type: 'play', stepsPerFrame: 7, untilStep: 100 });
    await s.sched.drain();
    expect([...s.latestStep.values()]).toEqual([100, 100, 100]);
    expect(s.playback).toEqual([true, false]);
  });

  it('steps every run on every worker by one unit', async () => {
    const s = await session(engines, 3);
    s.pool.send({ type: 'step', unit: 'batch', count: 5 });
    await s.sched.drain();
    expect([...s.latestStep.values()]).toEqual([5, 5, 5]);
  });
});

function jobSpec(lambda: number, seed: number, epochs: number): ExperimentSpec {
  let s = spec(lambda, seed);
  s = setPath(s, 'training.maxEpochs', epochs);
  return s;
}

// Trains a spec to its end in one go, as an independent check of the sliced job.
function trainDirectly(engine: EngineModule, s: ExperimentSpec): number {
  const trainer = new engine.Trainer(s);
  try {
    while (trainer.runEpochs(1).state === 'running');
    return trainer.evaluate('validation').loss;
  } finally {
    trainer.delete();
  }
}

describe.skipIf(!engineAvailable)('WorkerPool jobs', () => {
  let engines: EngineModule[] = [];
  beforeAll(async () => {
    engines = await Promise.all([1, 2, 3].map(() => loadNodeEngine()));
  });

  const requests = [0, 0.001, 0.01, 0.1, 1].map((lambda, i) => ({
    kind: 'networkFold' as const,
    spec: jobSpec(lambda, 20 + i, 6),
    data: null,
  }));

  it('returns results in request order, the same on one worker or three, as training directly', async () => {
    const outcomes = [];
    for (const workers of [1, 3]) {
      const s = await session(engines.slice(0, workers), 17 * workers);
      const progress: number[] = [];
      const batch = s.pool.runJobs(requests, (p) => progress.push(p));
      await s.sched.drain();
      outcomes.push(await batch.results);
      expect(progress.at(-1)).toBe(1);
      for (let i = 1; i < progress.length; i++)
        expect(progress[i]!).toBeGreaterThanOrEqual(progress[i - 1]!);
    }
    const [single, pooled] = outcomes as [NetworkFoldResult[], NetworkFoldResult[]];
    expect(pooled).toEqual(single);
    const direct = requests.map((r) => trainDirectly(engines[0]!, r.spec));
    expect(single.map((r) => r.loss)).toEqual(direct);
    expect(single.every((r) => r.state === 'finished' && r.steps > 0)).toBe(true);
    // Different strengths give different losses: the comparison is not vacuous.
    expect(new Set(direct).size).toBe(direct.length);
  });

  it('cancel stops the running jobs between slices and resolves once they have stopped', async () => {
    const s = await session(engines, 4);
    const long = requests.map((r) => ({
      ...r,
      spec: setPath(r.spec, 'training.maxEpochs', 100000),
    }));
    const batch = s.pool.runJobs(long);
    const outcome = batch.results.then(
      () => 'finished',
      (e: Error) => e.message,
    );
    await s.sched.drain(40);
    let stopped = false;
    const cancel = batch.cancel().then(() => (stopped = true));
    const left = await s.sched.drain();
    await cancel;
    expect(stopped).toBe(true);
    expect(await outcome).toBe('cancelled');
    expect(left).toBeLessThan(100); // no job trained on after its cancel arrived
    // The pool is free for the next study.
    const next = s.pool.runJobs(requests.slice(0, 2));
    await s.sched.drain();
    expect((await next.results).map((r) => r.loss)).toEqual(
      requests.slice(0, 2).map((r) => trainDirectly(engines[0]!, r.spec)),
    );
  });

  it('a failing job fails its study with the engine message', async () => {
    const s = await session(engines, 8);
    const bad = { ...requests[0]!, spec: setPath(requests[0]!.spec, 'training.batchSize', -3) };
    const batch = s.pool.runJobs([requests[1]!, bad]);
    const outcome = batch.results.then(
      () => 'finished',
      (e: Error) => e.message,
    );
    await s.sched.drain();
    expect(await outcome).toMatch(/batchSize/);
  });

  it('compared runs keep training while a study runs', async () => {
    const s = await session(engines.slice(0, 2), 6);
    const batch = s.pool.runJobs(requests);
    s.pool.send({ type: 'play', stepsPerFrame: 7, untilStep: 200 });
    await s.sched.drain();
    await batch.results;
    expect([...s.latestStep.values()]).toEqual([200, 200, 200]);
  });
});

// ---- "Choosing λ" studies on the pool (state/study.ts, worker/jobs/linear.ts) ----------------

// A page without DOM: the store, and the study runner on a pool of `workers` stand-in workers.
async function studyPage(engines: EngineModule[], seed: number, hash: string) {
  const sched = new Scheduler(seed);
  let made = 0;
  const pool = new WorkerPool(
    {
      message: (m) => {
        if (m.type === 'error') throw new Error(m.message);
      },
      frames: () => {},
      died: (reason) => {
        throw new Error(reason);
      },
    },
    engines.length,
    (events) => fakeClient(engines[made++ % engines.length]!, sched, events),
  );
  pool.start();
  const { experiment } = decode(hash);
  const store = new Store(experiment, 'en');
  const runner = new StudyRunner(store, pool, () => null);
  // What the worker reports when the run starts: the task the study's model follows.
  const info = await networkInfo(engines[0]!, experiment.runs[0]!);
  store.update(['engine', 'runs'], (s) => {
    s.engine = { ready: true, simd: true, version: 'test' };
    s.runs[0]!.network = info;
  });
  return { sched, pool, store, runner };
}

async function networkInfo(engine: EngineModule, s: ExperimentSpec) {
  await ensureDataSet(engine, s);
  const trainer = new engine.Trainer(s);
  try {
    return trainer.network();
  } finally {
    trainer.delete();
  }
}

// Drains until the slot settles (a study's combine job is queued only once its folds are in).
async function settleStudy(page: Awaited<ReturnType<typeof studyPage>>, which: 'path' | 'cv') {
  for (let i = 0; i < 50; i++) {
    await page.sched.drain();
    await new Promise((resolve) => setImmediate(resolve));
    if (page.store.get().study[which].phase !== 'running') break;
  }
  return page.store.get().study[which];
}

describe.skipIf(!engineAvailable)('Choosing λ studies on the pool', () => {
  let engines: EngineModule[] = [];
  beforeAll(async () => {
    engines = await Promise.all([1, 2, 3].map(() => loadNodeEngine()));
  });

  const diabetesCv = '#ds=diabetes&pen=l1&lam=0.01&h=&stage=cv&cvn=5';

  it('the exact solver CV: the same numbers on one worker or three, equal to the engine alone', async () => {
    const outcomes = [];
    for (const workers of [1, 3]) {
      const page = await studyPage(engines.slice(0, workers), 13 * workers, diabetesCv);
      page.runner.sync();
      const slot = await settleStudy(page, 'cv');
      expect(slot.phase).toBe('done');
      expect(slot.jobs).toBe(6); // the path and 5 folds
      outcomes.push(slot.result as PathCvResult);
    }
    const [single, pooled] = outcomes as [PathCvResult, PathCvResult];
    expect(pooled.cv).toEqual(single.cv);
    expect(pooled.path).toEqual(single.path);
    // Independently: the engine's folds in order, reduced in one call, on the spec the page had.
    const engine = engines[0]!;
    const spec = decode(diabetesCv).experiment.runs[0]!;
    const options = { model: 'lasso' as const, nAlphas: 100, folds: 5, score: 'mse' as const };
    const folds = [0, 1, 2, 3, 4].map((f) => engine.linearCvFold(spec, options, f));
    const direct = engine.combineCv(folds);
    expect(single.cv.mean).toEqual(Array.from(direct.mean));
    expect(single.cv.se).toEqual(Array.from(direct.se));
    expect([single.cv.best, single.cv.oneSe]).toEqual([direct.best, direct.oneSe]);
    // The 1SE choice is a stronger penalty with fewer features than the minimum.
    expect(single.cv.oneSe).toBeLessThan(single.cv.best);
    expect(single.path.nonZeros[single.cv.oneSe]!).toBeLessThan(
      single.path.nonZeros[single.cv.best]!,
    );
  });

  it('the network grid CV: the same numbers on one worker or three, equal to training each fold directly', async () => {
    const hash =
      '#ds=circle&n=80&pen=l2&h=4:tanh&stage=cv&cvt=network&cvn=2&cvv=0,0.3&cvq=optimizer.lr&cvw=0.01,0.1&cve=3';
    const outcomes = [];
    for (const workers of [1, 3]) {
      const page = await studyPage(engines.slice(0, workers), 7 * workers, hash);
      page.runner.sync();
      const slot = await settleStudy(page, 'cv');
      expect(slot.error).toBeNull();
      expect(slot.phase).toBe('done');
      expect(slot.jobs).toBe(8); // 2 × 2 points × 2 folds
      outcomes.push(slot.result as NetworkCvResult);
    }
    const [single, pooled] = outcomes as [NetworkCvResult, NetworkCvResult];
    expect(pooled).toEqual(single);
    // Strongest λ first (the 1SE rule's order); the heatmap's second axis as given.
    expect(single.values).toEqual([0.3, 0]);
    expect(single.values2).toEqual([0.01, 0.1]);
    // Independently: each fold trained to its end in one go, reduced by the engine.
    const engine = engines[0]!;
    const spec = decode(hash).experiment.runs[0]!;
    const cv = decode(hash).experiment.view.study.cv;
    const losses = networkCvJobs(spec, null, cv).map((job) => trainDirectly(engine, job.spec));
    const direct = engine.combineCv(
      [0, 1].map((fold) => ({ fold, errors: [0, 1, 2, 3].map((p) => losses[p * 2 + fold]!) })),
    );
    expect(single.mean).toEqual(Array.from(direct.mean));
    expect(single.best).toBe(direct.best);
    expect(new Set(single.mean).size).toBe(4); // the grid values matter: not vacuous
  });

  it('a study is cancelled when its settings change or its view is left, and restarts when shown', async () => {
    const page = await studyPage(
      engines,
      5,
      '#ds=circle&n=200&pen=l2&stage=cv&cvt=network&cvn=3&cvv=0,0.1&cve=500',
    );
    page.runner.sync();
    await page.sched.drain(30);
    expect(page.store.get().study.cv.phase).toBe('running');
    // Leaving the view cancels.
    page.store.update(['view'], (s) => (s.view = { ...s.view, stage: 'network' }));
    page.runner.sync();
    expect(page.store.get().study.cv.phase).toBe('cancelled');
    const left = await page.sched.drain();
    expect(left).toBeLessThan(100); // the workers stopped training at once
    // Shown again: it starts again.
    page.store.update(['view'], (s) => (s.view = { ...s.view, stage: 'cv' }));
    page.runner.sync();
    expect(page.store.get().study.cv.phase).toBe('running');
    // The Cancel button: stays cancelled on unrelated changes.
    page.runner.cancel('cv');
    page.runner.sync();
    expect(page.store.get().study.cv.phase).toBe('cancelled');
    await page.sched.drain();
  });

  it('the path of a multiclass set is unavailable with a reason, and a logistic model on regression data fails with the engine message', async () => {
    const page = await studyPage(engines.slice(0, 1), 3, '#ds=digits&stage=path');
    page.runner.sync();
    expect(page.store.get().study.path).toMatchObject({
      phase: 'unavailable',
      blocker: 'multiclass',
    });
    const reg = await studyPage(engines.slice(0, 1), 3, '#ds=diabetes&stage=path&pm=logistic');
    reg.runner.sync();
    const slot = await settleStudy(reg, 'path');
    expect(slot.phase).toBe('failed');
    expect(slot.error).toMatch(/logistic regression needs a data set with two classes/);
  });
});
