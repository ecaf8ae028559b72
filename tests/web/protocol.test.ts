// The worker protocol: what travels as transferable buffers, and the run loop's message
// discipline (frames, acks, lockstep) — with the real engine where training is claimed.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EngineModule, ExperimentSpec } from '../../web/src/engine/engine-api';
import { defaultSpec, setPath } from '../../web/src/spec/experiment-spec';
import {
  assertNever,
  transferables,
  type FromWorker,
  type RunFrame,
  type RunMessage,
} from '../../web/src/worker/protocol';
import { dataBounds, kMaxInFlight, kTickBudgetMs, RunLoop } from '../../web/src/worker/run-loop';
import { engineAvailable, loadNodeEngine } from './support/node-engine';

describe('transferables', () => {
  it('lists each typed array buffer once, however deep, and nothing else', () => {
    const a = new Float64Array(3);
    const b = new Float32Array(2);
    const msg = {
      type: 'frame',
      runs: [{ metrics: { step: a, again: a }, visuals: { grid: { values: b } } }],
      n: 3,
      s: 'x',
    };
    const list = transferables(msg);
    expect(list).toHaveLength(2);
    expect(list).toContain(a.buffer);
    expect(list).toContain(b.buffer);
  });
});

describe('assertNever', () => {
  it('throws on a message type no branch handles', () => {
    expect(() => assertNever({ type: 'bogus' } as never)).toThrow(/bogus/);
  });
});

describe('dataBounds', () => {
  it('is a padded square around 2D points and the x/y range for 1D', () => {
    const two = {
      rows: 2,
      cols: 2,
      x: Float32Array.from([1, -3, 2, 0.5]),
      y: new Float32Array(2),
      yCols: 1,
    };
    expect(dataBounds([two])).toEqual({
      xMin: -3.3000000000000003,
      xMax: 3.3000000000000003,
      yMin: -3.3000000000000003,
      yMax: 3.3000000000000003,
    });
    const one = {
      rows: 2,
      cols: 1,
      x: Float32Array.from([0, 10]),
      y: Float32Array.from([-1, 1]),
      yCols: 1,
    };
    expect(dataBounds([one])).toEqual({ xMin: -0.5, xMax: 10.5, yMin: -1.2, yMax: 1.2 });
    expect(
      dataBounds([{ rows: 1, cols: 5, x: new Float32Array(5), y: new Float32Array(1), yCols: 1 }]),
    ).toBeNull();
  });
});

// A harness around RunLoop: collects what it posts and runs scheduled ticks on demand.
function harness(engine: EngineModule) {
  const posted: FromWorker[] = [];
  const queue: (() => void)[] = [];
  const loop = new RunLoop(engine, {
    post: (m) => posted.push(structuredClone(m)),
    schedule: (fn) => queue.push(fn),
    now: () => 0,
  });
  const send = (m: RunMessage) => loop.handle(m);
  const runTicks = (max = 1000) => {
    let n = 0;
    while (queue.length && n++ < max) queue.shift()!();
  };
  const frames = () =>
    posted.filter((m): m is Extract<FromWorker, { type: 'frame' }> => m.type === 'frame');
  return { loop, posted, send, runTicks, frames, queue };
}

const view = { grid: 8, curve: 0, network: true, neurons: 0, histogramBins: 10 };

function small(spec: ExperimentSpec = defaultSpec()): ExperimentSpec {
  return setPath(setPath(spec, 'data.samples', 100), 'training.recordEvery', 1);
}

function lastRow(frames: RunFrame[], runId: number, column: 'trainLoss' | 'step') {
  const rows = frames.filter((f) => f.runId === runId && f.metrics).map((f) => f.metrics!);
  const m = rows[rows.length - 1]!;
  return m[column][m.rows - 1]!;
}

describe('run loop flow control (a counting stand-in for the engine; no training is claimed)', () => {
  // Only the loop's bookkeeping is under test here: how many frames wait for an ack.
  const fake = {
    Trainer: class {
      runSteps() {
        return this.status();
      }
      runEpochs() {
        return this.status();
      }
      status() {
        return {
          state: 'running',
          step: 0,
          epoch: 0,
          stepsRun: 0,
          divergedAtStep: -1,
          message: '',
        };
      }
      takeMetrics() {
        return { rows: 0 };
      }
      data() {
        return { rows: 0, cols: 3, x: new Float32Array(), y: new Float32Array() };
      }
      network() {
        return {
          inputs: 3,
          outputs: 1,
          task: 'binary',
          featureNames: [],
          layerSizes: [3, 1],
          parameterCount: 4,
        };
      }
      parameters() {
        return [];
      }
      weightHistogram() {
        return { edges: new Float64Array(2), counts: new Float64Array(1) };
      }
      delete() {}
    },
  } as unknown as EngineModule;

  it(`never has more than ${kMaxInFlight} frames waiting for the page, and resumes on ack`, () => {
    const h = harness(fake);
    h.send({ type: 'start', runId: 1, spec: defaultSpec(), data: null, view });
    h.send({ type: 'ack', seq: h.frames().at(-1)!.seq });
    h.send({ type: 'play', stepsPerFrame: 5 });
    h.runTicks();
    const sent = h.frames().length;
    expect(sent).toBe(1 + kMaxInFlight);
    h.runTicks();
    expect(h.frames().length).toBe(sent);
    h.send({ type: 'ack', seq: h.frames().at(-1)!.seq });
    h.runTicks();
    expect(h.frames().length).toBe(sent + kMaxInFlight);
  });

  it('runs fewer steps per tick when steps are slow, so pause is answered quickly', () => {
    let clock = 0;
    const slow = {
      Trainer: class extends (fake.Trainer as unknown as new () => { status(): unknown }) {
        runSteps(n: number) {
          clock += 10 * n; // 10 ms a step
          return this.status();
        }
      },
    } as unknown as EngineModule;
    const posted: FromWorker[] = [];
    const queue: (() => void)[] = [];
    const loop = new RunLoop(slow, {
      post: (m) => posted.push(m),
      schedule: (fn) => queue.push(fn),
      now: () => clock,
    });
    loop.handle({ type: 'start', runId: 1, spec: defaultSpec(), data: null, view });
    loop.handle({ type: 'play', stepsPerFrame: 100 });
    queue.shift()!();
    expect(clock).toBe(10); // a new run: one step times it
    expect(loop.stepsPerTick()).toBe(kTickBudgetMs / 10);
    const last = posted.filter((m) => m.type === 'frame').at(-1);
    loop.handle({ type: 'ack', seq: last?.type === 'frame' ? last.seq : 0 });
    queue.shift()!();
    expect(clock).toBe(10 + kTickBudgetMs);
  });

  it('stops ticking on pause and reports playback changes', () => {
    const h = harness(fake);
    h.send({ type: 'start', runId: 1, spec: defaultSpec(), data: null, view });
    h.send({ type: 'play', stepsPerFrame: 5 });
    h.send({ type: 'pause' });
    h.runTicks();
    expect(h.posted.filter((m) => m.type === 'playback')).toEqual([
      { type: 'playback', playing: true },
      { type: 'playback', playing: false },
    ]);
  });
});

describe.skipIf(!engineAvailable)('run loop with the real engine', () => {
  let engine: EngineModule;
  beforeAll(async () => {
    engine = await loadNodeEngine();
  });
  afterAll(() => {});

  it('starts a run: network, 2D splits with bounds, and a first frame with visuals', () => {
    const h = harness(engine);
    h.send({ type: 'start', runId: 7, spec: small(), data: null, view });
    const started = h.posted.find((m) => m.type === 'started');
    expect(started).toMatchObject({ type: 'started', runId: 7, rebuilt: false });
    if (started?.type !== 'started') return;
    expect(started.network.layerSizes[0]).toBe(2);
    expect(started.data!.train.cols).toBe(2);
    const frame = h.frames()[0]!.runs[0]!;
    expect(frame.restarted).toBe(true);
    expect(frame.visuals!.grid!.values).toHaveLength(64);
    expect(frame.visuals!.weights!.length).toBe(started.network.layerSizes.length - 1);
    expect(frame.visuals!.histogram!.counts).toHaveLength(10);
  });

  it('gives the same loss at the same step whatever the steps per frame (links reproduce runs)', () => {
    const lossAt = (stepsPerFrame: number) => {
      const h = harness(engine);
      h.send({ type: 'start', runId: 1, spec: small(), data: null, view });
      h.send({ type: 'play', stepsPerFrame });
      for (let i = 0; i < 200 && lastStep(h) < 60; i++) {
        h.runTicks(1);
        h.send({ type: 'ack', seq: h.frames().at(-1)!.seq });
      }
      h.send({ type: 'pause' });
      const rows = h
        .frames()
        .flatMap((f) => f.runs)
        .filter((r) => r.metrics)
        .map((r) => r.metrics!);
      for (const m of rows)
        for (let r = 0; r < m.rows; r++) if (m.step[r] === 60) return m.trainLoss[r];
      return NaN;
    };
    const lastStep = (h: ReturnType<typeof harness>) => {
      const f = h.frames().at(-1)!.runs[0]!;
      return f.status.step;
    };
    const a = lossAt(1);
    const b = lossAt(7);
    const c = lossAt(60);
    expect(Number.isFinite(a)).toBe(true);
    expect(b).toBe(a);
    expect(c).toBe(a);
  });

  it('plays until a given step (a lesson length) and pauses there, every run alike', () => {
    const h = harness(engine);
    h.send({ type: 'start', runId: 1, spec: small(), data: null, view });
    h.send({
      type: 'start',
      runId: 2,
      spec: setPath(small(), 'optimizer.lr', 0.3),
      data: null,
      view,
    });
    h.send({ type: 'play', stepsPerFrame: 7, untilStep: 30 });
    for (let i = 0; i < 50 && h.loop.isPlaying(); i++) {
      h.send({ type: 'ack', seq: h.frames().at(-1)!.seq });
      h.runTicks(1);
    }
    expect(h.loop.isPlaying()).toBe(false);
    expect(
      h
        .frames()
        .at(-1)!
        .runs.map((r) => r.status.step),
    ).toEqual([30, 30]);
    expect(h.posted.some((m) => m.type === 'playback' && !m.playing)).toBe(true);
  });

  it('steps every run in lockstep, and one batch is one optimizer step', () => {
    const h = harness(engine);
    h.send({ type: 'start', runId: 1, spec: small(), data: null, view });
    h.send({
      type: 'start',
      runId: 2,
      spec: setPath(small(), 'optimizer.lr', 0.3),
      data: null,
      view,
    });
    h.send({ type: 'step', unit: 'batch', count: 1 });
    h.send({ type: 'step', unit: 'batch', count: 1 });
    const last = h.frames().at(-1)!.runs;
    expect(last.map((r) => r.status.step)).toEqual([2, 2]);
    h.send({ type: 'step', unit: 'epoch', count: 1 });
    const epoch = h.frames().at(-1)!.runs;
    expect(epoch.map((r) => r.status.epoch)).toEqual([1, 1]);
  });

  it('applies a learning-rate change to the running network, and rebuilds for a new architecture', () => {
    const h = harness(engine);
    const spec = small();
    h.send({ type: 'start', runId: 1, spec, data: null, view });
    h.send({ type: 'step', unit: 'batch', count: 5 });
    h.send({
      type: 'configure',
      runId: 1,
      spec: setPath(spec, 'optimizer.lr', 0.001),
      data: null,
      dataChanged: false,
    });
    expect(h.posted.filter((m) => m.type === 'configured')).toEqual([
      { type: 'configured', runId: 1, applied: true },
    ]);
    expect(h.frames().at(-1)!.runs[0]!.status.step).toBe(5);
    const wider = {
      ...spec,
      model: { ...spec.model, hidden: [{ ...spec.model.hidden[0]!, units: 3 }] },
    };
    h.send({ type: 'configure', runId: 1, spec: wider, data: null, dataChanged: false });
    expect(h.posted.filter((m) => m.type === 'configured').at(-1)).toEqual({
      type: 'configured',
      runId: 1,
      applied: false,
    });
    expect(h.posted.filter((m) => m.type === 'started').at(-1)).toMatchObject({ rebuilt: true });
    const f = h.frames().at(-1)!.runs[0]!;
    expect(f.status.step).toBe(0);
    expect(f.restarted).toBe(true);
  });

  it('reset goes back to the same initial weights: the same losses again', () => {
    const h = harness(engine);
    h.send({ type: 'start', runId: 1, spec: small(), data: null, view });
    h.send({ type: 'step', unit: 'batch', count: 10 });
    const before = lastRow(
      h.frames().flatMap((f) => f.runs),
      1,
      'trainLoss',
    );
    h.send({ type: 'reset' });
    const mark = h.frames().length;
    h.send({ type: 'step', unit: 'batch', count: 10 });
    const after = lastRow(
      h
        .frames()
        .slice(mark)
        .flatMap((f) => f.runs),
      1,
      'trainLoss',
    );
    expect(after).toBe(before);
  });

  it('stops playing when every run has reached its epoch limit', () => {
    const h = harness(engine);
    h.send({
      type: 'start',
      runId: 1,
      spec: setPath(small(), 'training.maxEpochs', 2),
      data: null,
      view,
    });
    h.send({ type: 'play', stepsPerFrame: 3 });
    for (let i = 0; i < 100 && h.loop.isPlaying(); i++) {
      h.runTicks(1);
      h.send({ type: 'ack', seq: h.frames().at(-1)!.seq });
    }
    expect(h.loop.isPlaying()).toBe(false);
    const status = h.frames().at(-1)!.runs[0]!.status;
    expect(status).toMatchObject({ state: 'finished', epoch: 2 });
  });

  it('reports a spec the engine refuses as a recoverable error naming the field', () => {
    const h = harness(engine);
    const bad = { ...small(), optimizer: { ...small().optimizer, lr: -1 } };
    h.send({ type: 'start', runId: 3, spec: bad, data: null, view });
    const err = h.posted.find((m) => m.type === 'error');
    expect(err).toMatchObject({ type: 'error', runId: 3, recoverable: true });
    expect(err?.type === 'error' && err.message).toMatch(/optimizer\.lr/);
  });

  it('parses CSV in the engine and passes its error messages on', () => {
    const h = harness(engine);
    h.send({ type: 'parseCsv', requestId: 1, text: 'a,b\n1,2\n3,4\n', maxRows: 100 });
    h.send({ type: 'parseCsv', requestId: 2, text: 'a,b\n1,2\n3\n', maxRows: 100 });
    h.send({ type: 'parseCsv', requestId: 3, text: 'a,b\n1,NaN\n', maxRows: 100 });
    h.send({ type: 'parseCsv', requestId: 4, text: 'a,b\n1,2\n3,4\n5,6\n', maxRows: 2 });
    const [ok, ragged, nan, tooMany] = h.posted;
    expect(ok).toMatchObject({
      type: 'csv',
      requestId: 1,
      result: { columns: ['a', 'b'], rows: 2, cols: 2 },
    });
    expect(ok?.type === 'csv' && Array.from(ok.result.values)).toEqual([1, 2, 3, 4]);
    expect(ragged).toMatchObject({ type: 'csvError', requestId: 2 });
    expect(nan).toMatchObject({ type: 'csvError', requestId: 3 });
    expect(tooMany).toMatchObject({ type: 'csvError', requestId: 4 });
    for (const e of [ragged, nan, tooMany])
      expect(e?.type === 'csvError' && e.message.length).toBeGreaterThan(10);
  });

  it('trains on custom data given with the spec', () => {
    const h = harness(engine);
    const x = Float32Array.from({ length: 80 }, (_, i) => ((i * 37) % 17) / 8 - 1);
    const y = Float32Array.from({ length: 40 }, (_, i) => (x[2 * i]! > 0 ? 1 : 0));
    const spec = setPath(small(), 'data.kind', 'custom');
    h.send({ type: 'start', runId: 1, spec, data: { x, y, rows: 40, cols: 2 }, view });
    h.send({ type: 'step', unit: 'epoch', count: 1 });
    expect(h.posted.find((m) => m.type === 'error')).toBeUndefined();
    expect(h.frames().at(-1)!.runs[0]!.status.epoch).toBe(1);
  });
});
