// "What the network sees" through the worker's run loop, with the real engine: what a frame
// carries for a CNN on digits (and checks of it against the spec and the split, not against
// the loop's own output), that it is refreshed at most every kImagesMs while training, and that
// asking for it leaves the run exactly as it would have been.
import { beforeAll, describe, expect, it } from 'vitest';
import type { EngineModule, ExperimentSpec, LayerSpec } from '../../web/src/engine/engine-api';
import { defaultLayer, defaultSpec, setPath } from '../../web/src/spec/experiment-spec';
import {
  transferables,
  type FromWorker,
  type ImageViewRequest,
  type RunMessage,
  type VisualRequest,
} from '../../web/src/worker/protocol';
import { kImagesMs, RunLoop } from '../../web/src/worker/run-loop';
import { kDigitsCnnLayers } from '../digits-cnn.mjs';
import { engineAvailable, ensureDataSet, loadNodeEngine } from './support/node-engine';

const layer = (l: Partial<LayerSpec>): LayerSpec => ({ ...defaultLayer(), ...l });

// digits 1×8×8 → conv 6 (Dropout2d 0.5) → max pool → conv 8 (DropBlock 0.3) → flatten
function cnn(): ExperimentSpec {
  let spec = setPath(defaultSpec(), 'data.kind', 'digits');
  spec = setPath(spec, 'training.augmentShift', 1);
  // Small and quick: a third of the training rows, a record every 5 steps.
  spec = setPath(spec, 'data.trainFraction', 0.3);
  spec = setPath(spec, 'data.testFraction', 0.1);
  spec = setPath(spec, 'training.recordEvery', 5);
  spec.model.hidden = kDigitsCnnLayers.map(layer);
  return spec;
}

const images: ImageViewRequest = {
  samples: 16,
  sampleSeed: 1,
  row: 5,
  training: true,
  maskSeed: 3,
  thumbnails: 8,
};
const plain: VisualRequest = { grid: 0, curve: 0, network: false, neurons: 0, histogramBins: 0 };

function harness(engine: EngineModule) {
  const posted: FromWorker[] = [];
  const queue: (() => void)[] = [];
  let clock = 0;
  const loop = new RunLoop(engine, {
    post: (m) => posted.push(m),
    schedule: (fn) => queue.push(fn),
    now: () => clock,
  });
  return {
    posted,
    send: (m: RunMessage) => loop.handle(m),
    tick: (ms: number) => {
      clock += ms;
      queue.shift()?.();
    },
    frames: () =>
      posted.filter((m): m is Extract<FromWorker, { type: 'frame' }> => m.type === 'frame'),
  };
}

describe.skipIf(!engineAvailable)('image views in the run loop', () => {
  let engine: EngineModule;
  beforeAll(async () => {
    engine = await loadNodeEngine();
    await ensureDataSet(engine, { data: { kind: 'digits' } });
  });

  it('a frame carries the batch, the filters, the maps of the chosen row and the confusion matrix', () => {
    const h = harness(engine);
    h.send({ type: 'start', runId: 1, spec: cnn(), data: null, view: { ...plain, images } });
    const v = h.frames()[0]!.runs[0]!.visuals!.images!;
    expect(v.batch!.rows).toHaveLength(16);
    expect(v.batch!.images).toHaveLength(16 * 64);
    expect(v.filters).toMatchObject({ outChannels: 6, inChannels: 1, kernel: 3 });
    expect(v.maps.maps.map((m) => [m.kind, m.shape.channels, m.shape.height])).toEqual([
      ['conv', 6, 8],
      ['maxPool', 6, 4],
      ['conv', 8, 4],
    ]);
    // As in training: Dropout2d's channel flags and DropBlock's mask are there.
    expect(v.maps.maps[0]!.droppedChannels).toHaveLength(6);
    expect(v.maps.maps[2]!.blockMask).toHaveLength(8 * 4 * 4);
    // The matrix counts every row of the test split, each in its true class's row.
    const trainer = new engine.Trainer(cnn());
    const test = trainer.data('test');
    trainer.delete();
    expect(v.testRows).toBe(test.rows);
    expect(v.confusion!.classes).toBe(10);
    expect(v.confusion!.counts.reduce((a, b) => a + b, 0)).toBe(test.rows);
    for (let t = 0; t < 10; t++) {
      let row = 0;
      for (let p = 0; p < 10; p++) row += v.confusion!.counts[t * 10 + p]!;
      expect(row).toBe(test.y.filter((y) => y === t).length);
    }
    // Every array of it travels as a transferred buffer, the feature maps' too.
    const sent = transferables(h.frames()[0]!);
    for (const a of [v.batch!.images, v.filters!.values, v.confusion!.counts, v.thumbnails])
      expect(sent).toContain(a.buffer);
    for (const m of v.maps.maps) expect(sent).toContain(m.values.buffer);
    expect(sent).toContain(v.maps.maps[2]!.blockMask!.buffer);
    // The chosen row's page of thumbnails holds it, with the split's pixels.
    expect(v.row).toBe(5);
    expect(v.thumbnailStart).toBe(0);
    expect(Array.from(v.thumbnails.subarray(5 * 64, 6 * 64))).toEqual(
      Array.from(test.x.subarray(5 * 64, 6 * 64)),
    );
  });

  it('clamps a row past the split, falls back on the training split, gives nothing for 2D data', () => {
    const h = harness(engine);
    h.send({
      type: 'start',
      runId: 1,
      spec: cnn(),
      data: null,
      view: { ...plain, images: { ...images, row: 1e6 } },
    });
    const v = h.frames()[0]!.runs[0]!.visuals!.images!;
    expect(v.row).toBe(v.testRows - 1);
    expect(v.thumbnailStart).toBe(Math.floor((v.testRows - 1) / 8) * 8);
    // No test split: the row comes from the training split, and there is no matrix.
    const h3 = harness(engine);
    const noTest = setPath(cnn(), 'data.testFraction', 0);
    h3.send({ type: 'start', runId: 1, spec: noTest, data: null, view: { ...plain, images } });
    const w = h3.frames()[0]!.runs[0]!.visuals!.images!;
    const trainer = new engine.Trainer(noTest);
    const train = trainer.data('train');
    trainer.delete();
    expect([w.split, w.rows, w.testRows, w.confusion]).toEqual(['train', train.rows, 0, null]);
    expect(Array.from(w.testLabels)).toEqual(Array.from(train.y));
    const h2 = harness(engine);
    h2.send({
      type: 'start',
      runId: 1,
      spec: defaultSpec(),
      data: null,
      view: { ...plain, images },
    });
    expect(h2.frames()[0]!.runs[0]!.visuals!.images).toBeNull();
  });

  it('is refreshed at most every kImagesMs while playing, and at once on pause', () => {
    const h = harness(engine);
    h.send({ type: 'start', runId: 1, spec: cnn(), data: null, view: { ...plain, images } });
    h.send({ type: 'play', stepsPerFrame: 1 });
    const at: number[] = [];
    let clock = 0;
    for (let i = 0; i < 25; i++) {
      h.tick(100);
      clock += 100;
      const f = h.frames().at(-1)!;
      h.send({ type: 'ack', seq: f.seq });
      if (f.runs[0]!.visuals?.images) at.push(clock);
    }
    expect(at.length).toBeGreaterThan(3);
    for (let i = 1; i < at.length; i++)
      expect(at[i]! - at[i - 1]!).toBeGreaterThanOrEqual(kImagesMs);
    h.send({ type: 'pause' });
    const last = h.frames().at(-1)!.runs[0]!;
    expect(last.visuals?.images?.step).toBe(last.status.step);
  });

  it('leaves the run as it would have been without it (the same losses)', () => {
    const train = (view: VisualRequest) => {
      const h = harness(engine);
      h.send({ type: 'start', runId: 1, spec: cnn(), data: null, view });
      for (let i = 0; i < 6; i++) {
        h.send({ type: 'step', unit: 'batch', count: 5 });
        // Each step forces the image views (a new mask draw, other samples each time).
        h.send({
          type: 'view',
          runId: 1,
          view: view.images ? { ...view, images: { ...images, maskSeed: i, sampleSeed: i } } : view,
        });
      }
      const losses = h
        .frames()
        .flatMap((f) => f.runs)
        .filter((r) => r.metrics)
        .flatMap((r) => Array.from(r.metrics!.trainLoss));
      return { losses, step: h.frames().at(-1)!.runs[0]!.status.step };
    };
    const watched = train({ ...plain, images });
    const alone = train(plain);
    expect(watched.step).toBe(30);
    expect(watched.losses.length).toBeGreaterThanOrEqual(6);
    expect(watched.losses).toEqual(alone.losses);
  });
});
