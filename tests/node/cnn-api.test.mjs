// The CNN surface of the WASM engine against its declaration (engine-api.d.ts): layer kinds in
// the spec, shapes at each step (from the exported layer-kind table as the page computes them,
// and from the built network), the first conv layer's filters, feature maps with the dropped
// channels and blocks, augmented batches and the confusion matrix.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';

import { loadEngine, root } from './load-engine.mjs';

const declaration = readFileSync(`${root}web/src/engine/engine-api.d.ts`, 'utf8');

// Property names of `export interface <name> { ... }` in the declaration.
function declaredFields(name) {
  const body = declaration.match(new RegExp(`export interface ${name} \\{([\\s\\S]*?)\\n\\}`))[1];
  return [...body.matchAll(/^\s{2}(\w+)\??:/gm)].map((m) => m[1]).sort();
}

const engine = await loadEngine('simd');
engine.loadDataSet('digits', readFileSync(`${root}engine/data/sets/digits.csv`, 'utf8'));

// digits 1×8×8 → conv 4×8×8 (Dropout2d 0.5) → max pool 4×4×4 → conv 8×2×2 (DropBlock) → flatten 32
const cnnSpec = {
  seed: 5,
  data: { kind: 'digits', testFraction: 0.2 },
  model: {
    hidden: [
      { kind: 'conv', channels: 4, kernel: 3, padding: 1, activation: 'relu', dropout: 0.5 },
      { kind: 'maxPool', size: 2 },
      { kind: 'conv', channels: 8, kernel: 3, activation: 'relu', dropBlock: 0.3, blockSize: 1 },
      { kind: 'flatten' },
    ],
  },
  training: { batchSize: 32, augmentShift: 1, augmentRotation: 10, jitter: 0.05 },
};

// The output shape of every hidden entry from describe()'s layerKinds alone (what the page does
// to show shapes while the layers are edited).
function shapesFromTable(schema, input, hidden) {
  const kinds = new Map(schema.layerKinds.map((k) => [k.kind, k]));
  const out = [];
  let s = { ...input };
  for (const layer of hidden) {
    const k = kinds.get(layer.kind);
    if (k.output === 'units') s = { channels: layer[k.units], height: 1, width: 1 };
    else if (k.output === 'flatten')
      s = { channels: s.channels * s.height * s.width, height: 1, width: 1 };
    else if (k.output === 'channels') s = { channels: s.channels, height: 1, width: 1 };
    else {
      const size = layer[k.window.size];
      const stride = layer[k.window.stride];
      const pad = k.window.padding ? layer[k.window.padding] : 0;
      const side = (n) => Math.floor((n + 2 * pad - size) / stride) + 1;
      s = {
        channels: k.channels ? layer[k.channels] : s.channels,
        height: side(s.height),
        width: side(s.width),
      };
    }
    out.push(s);
  }
  return out;
}

test('a CNN spec builds; network() gives the shape and parameters of every step', () => {
  const full = engine.normalizeSpec(cnnSpec);
  const t = new engine.Trainer(full);
  const n = t.network();
  assert.deepEqual(Object.keys(n).sort(), declaredFields('NetworkInfo'));
  assert.equal(n.imageInput, true);
  assert.deepEqual(n.inputShape, { channels: 1, height: 8, width: 8 });
  assert.equal(n.layers.length, 5);
  for (const l of n.layers) assert.deepEqual(Object.keys(l).sort(), declaredFields('LayerInfo'));
  const schema = engine.describe();
  const digits = schema.dataKinds.find((d) => d.kind === 'digits');
  assert.deepEqual(digits.image, { channels: 1, height: 8, width: 8 });
  const expected = shapesFromTable(schema, digits.image, full.model.hidden);
  assert.deepEqual(
    n.layers.slice(0, 4).map((l) => l.output),
    expected,
  );
  assert.deepEqual(
    expected.map((s) => s.channels * s.height * s.width),
    [256, 64, 32, 32],
  );
  assert.deepEqual(
    n.layers.map((l) => [l.kind, l.trainable, l.parameters]),
    [
      ['conv', 0, 4 * 9 + 4],
      ['maxPool', -1, 0],
      ['conv', 1, 8 * 4 * 9 + 8],
      ['flatten', -1, 0],
      ['output', 2, 32 * 10 + 10],
    ],
  );
  assert.equal(n.parameterCount, 40 + 296 + 330);
  assert.deepEqual(n.layerSizes, [64, 256, 64, 32, 32, 10]);
  t.delete();
});

test('firstConvFilters is the first conv weight in torch layout', () => {
  const t = new engine.Trainer(cnnSpec);
  const w = Float32Array.from({ length: 36 }, (_, i) => (i - 18) / 10);
  t.setParameter('layers.0.weight', w);
  const f = t.firstConvFilters();
  assert.deepEqual(Object.keys(f).sort(), declaredFields('ConvFilters'));
  assert.deepEqual([f.hidden, f.outChannels, f.inChannels, f.kernel], [0, 4, 1, 3]);
  assert.ok(f.values instanceof Float32Array);
  assert.deepEqual(Array.from(f.values), Array.from(w));
  t.delete();
  const mlp = new engine.Trainer({ data: { kind: 'digits' } });
  assert.equal(mlp.firstConvFilters(), null);
  mlp.delete();
});

test('featureMaps: eval mode, then the channels and blocks a training pass drops', () => {
  const t = new engine.Trainer(cnnSpec);
  t.runSteps(20);
  const evalMaps = t.featureMaps('test', 4, false, 1);
  assert.deepEqual(Object.keys(evalMaps).sort(), declaredFields('FeatureMaps'));
  assert.equal(evalMaps.input.length, 64);
  assert.deepEqual(
    evalMaps.maps.map((m) => [m.hidden, m.kind, m.values.length]),
    [
      [0, 'conv', 256],
      [1, 'maxPool', 64],
      [2, 'conv', 32],
    ],
  );
  for (const m of evalMaps.maps) {
    assert.deepEqual(Object.keys(m).sort(), declaredFields('FeatureMap'));
    assert.equal(m.droppedChannels, null);
    assert.equal(m.blockMask, null);
  }
  const a = t.featureMaps('test', 4, true, 7);
  const b = t.featureMaps('test', 4, true, 7);
  assert.deepEqual(a, b); // the same seed, the same masks
  const conv = a.maps[0];
  assert.ok(conv.droppedChannels instanceof Float32Array);
  assert.equal(conv.droppedChannels.length, 4);
  for (let c = 0; c < 4; c++) {
    const channel = conv.values.subarray(c * 64, (c + 1) * 64);
    const kept = evalMaps.maps[0].values.subarray(c * 64, (c + 1) * 64);
    for (let i = 0; i < 64; i++) {
      const want = conv.droppedChannels[c] === 1 ? 0 : 2 * kept[i]; // Dropout2d p = 0.5
      assert.ok(Math.abs(channel[i] - want) <= 1e-5 * Math.max(1, Math.abs(want)));
    }
  }
  const block = a.maps[2].blockMask;
  assert.ok(block instanceof Float32Array);
  assert.equal(block.length, 32);
  for (let i = 0; i < 32; i++) if (block[i] === 0) assert.equal(a.maps[2].values[i], 0);
  assert.throws(
    () => t.featureMaps('test', 5000, false, 1),
    /featureMaps\(row\): must be in \[0, 359\]/,
  );
  assert.throws(
    () => t.featureMaps('test', 1.5, false, 1),
    /featureMaps\(row\): must be an integer/,
  );
  assert.throws(
    () => t.featureMaps('test', 0, false, -1),
    /featureMaps\(seed\): must be an integer/,
  );
  assert.throws(() => t.featureMaps('nope', 0, false, 1), Error);
  t.delete();
});

test('augmentedBatch: training images as the batch sees them, seeded', () => {
  const t = new engine.Trainer(cnnSpec);
  const batch = t.augmentedBatch(12, 3);
  assert.deepEqual(Object.keys(batch).sort(), declaredFields('AugmentedBatch'));
  assert.ok(batch.rows instanceof Int32Array);
  assert.equal(batch.rows.length, 12);
  assert.equal(batch.images.length, 12 * 64);
  assert.equal(batch.inputs.length, 12 * 64);
  assert.equal(batch.transforms.length, 12);
  for (const tr of batch.transforms) {
    assert.ok(Math.abs(tr.dx) <= 1 && Math.abs(tr.dy) <= 1);
    assert.ok(Math.abs(tr.angle) <= 10);
    assert.equal(tr.flip, false);
  }
  assert.ok(batch.transforms.some((tr) => tr.angle !== 0));
  assert.deepEqual(t.augmentedBatch(12, 3), batch);
  const data = t.data('train');
  for (let i = 0; i < 12; i++) assert.equal(batch.labels[i], data.y[batch.rows[i]]);
  assert.throws(() => t.augmentedBatch(0, 3), /augmentedBatch\(count\)/);
  assert.throws(() => t.augmentedBatch(300, 3), /augmentedBatch\(count\)/);
  t.delete();
});

test('confusionMatrix counts the test rows; its diagonal is the test accuracy', () => {
  const t = new engine.Trainer(cnnSpec);
  t.runSteps(40);
  const m = t.confusionMatrix('test');
  assert.deepEqual(Object.keys(m).sort(), declaredFields('ConfusionMatrix'));
  assert.equal(m.classes, 10);
  assert.ok(m.counts instanceof Int32Array);
  const total = m.counts.reduce((a, b) => a + b, 0);
  const data = t.data('test');
  assert.equal(total, data.y.length);
  let diagonal = 0;
  for (let c = 0; c < 10; c++) diagonal += m.counts[c * 11];
  const columns = t.takeMetrics();
  const last = columns.testAccuracy[columns.rows - 1];
  assert.ok(Math.abs(diagonal / total - last) < 1e-9, `${diagonal / total} vs ${last}`);
  t.delete();
  const r = new engine.Trainer({ data: { kind: 'regression1d' } });
  assert.throws(() => r.confusionMatrix('test'), /only for classification/);
  r.delete();
});

test('bad layer lists give Errors naming the layer and field', () => {
  assert.throws(
    () =>
      new engine.Trainer({ model: { hidden: [{ kind: 'conv' }] }, training: { batchSize: 32 } }),
    /model\.hidden\[0\]\.kind: needs an image input/,
  );
  assert.throws(
    () =>
      new engine.Trainer({
        data: { kind: 'digits' },
        model: {
          hidden: [
            { kind: 'maxPool', size: 4 },
            { kind: 'conv', kernel: 5 },
          ],
        },
        training: { batchSize: 32 },
      }),
    /model\.hidden\[1\]\.kernel: must fit the padded input.*got 5 on a 1×2×2 input/,
  );
  assert.throws(
    () => new engine.Trainer({ data: { kind: 'digits' }, model: { hidden: [{ kind: 'pool' }] } }),
    /model\.hidden\[0\]\.kind/,
  );
});

test("a CNN's batch budget follows the documented formula (feature maps and im2col)", () => {
  const schema = engine.describe();
  const rule = schema.layerRules.find((r) => r.check === 'batchActivations');
  assert.equal(rule.bound, schema.limits.maxBatchActivations);
  const wide = { kind: 'conv', channels: 64, kernel: 7, padding: 3 };
  const spec = (batchSize) => ({
    data: { kind: 'shapes', samples: 60 },
    model: { hidden: [wide, wide, { kind: 'globalAvgPool' }] },
    training: { batchSize },
  });
  // shapes 1×12×12 → 64×12×12 → 64×12×12 → 64: maps, plus im2col C_in·7²·12·12 per conv.
  const perSample = 144 + 2 * 64 * 144 + 64 + (1 * 49 * 144 + 64 * 49 * 144);
  const most = Math.floor(rule.bound / perSample);
  const t = new engine.Trainer(spec(most));
  assert.equal(t.runSteps(1).state, 'running');
  t.delete();
  assert.throws(
    () => new engine.Trainer(spec(most + 1)),
    new RegExp(`training\\.batchSize × ${perSample}: .*\\(batch size at most ${most}\\)`),
  );
});
