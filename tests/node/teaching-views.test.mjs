// The WASM engine's views for teaching: neuron pictures (neuronGrids), the weight histogram that
// sets exact zeros and exploded weights apart, and CSV tables with text labels. The values
// themselves are pinned by the Catch2 tests; here: shapes, types and finiteness across the
// JavaScript boundary.
import assert from 'node:assert/strict';
import { test } from 'node:test';

import { loadEngine } from './load-engine.mjs';

const engine = await loadEngine('simd');

const spiral = {
  seed: 5,
  data: { kind: 'spiral', features: ['x1', 'x2', 'x1Squared', 'sinX1'] },
  model: {
    hidden: [
      { units: 6, activation: 'tanh' },
      { units: 4, activation: 'relu', batchNorm: true, dropout: 0.2 },
    ],
  },
};

test('neuronGrids gives one finite picture per input feature and hidden unit', () => {
  const t = new engine.Trainer(spiral);
  t.runSteps(30);
  const r = 16;
  const g = t.neuronGrids(r, -6, 6, -5, 7);
  assert.deepEqual(g.layerSizes, [4, 6, 4]);
  assert.equal(g.resolution, r);
  assert.ok(g.values instanceof Float32Array);
  assert.equal(g.values.length, (4 + 6 + 4) * r * r);
  assert.ok(g.values.every(Number.isFinite));
  // tanh units lie in [−1, 1]; relu units are never negative.
  const tanh = g.values.subarray(4 * r * r, 10 * r * r);
  assert.ok(tanh.every((v) => v >= -1 && v <= 1));
  assert.ok(g.values.subarray(10 * r * r).every((v) => v >= 0));
  // The first input picture is x1, standardised: it grows along each grid row, not down it.
  assert.ok(g.values[r - 1] > g.values[0]);
  assert.equal(g.values[0], g.values[r]);
  // The inputs are what network() names.
  assert.deepEqual(t.network().featureNames, ['x1', 'x2', 'x1Squared', 'sinX1']);
  t.delete();
});

test('neuronGrids refuses what gridPredictions refuses, with an Error', () => {
  const t = new engine.Trainer(spiral);
  assert.throws(() => t.neuronGrids(1, -1, 1, -1, 1), /resolution must be in \[2, 128\]/);
  assert.throws(() => t.neuronGrids(129, -1, 1, -1, 1), /resolution must be in \[2, 128\]/);
  assert.throws(() => t.neuronGrids(8, 1, -1, -1, 1), /xMin < xMax/);
  t.delete();
  const curve = new engine.Trainer({ data: { kind: 'regression1d' } });
  assert.throws(() => curve.neuronGrids(8, -1, 1, -1, 1), /2 input columns/);
  curve.delete();
});

test('neuronGrids costs about one gridPredictions at the same resolution (timing not asserted)', (t) => {
  const trainer = new engine.Trainer(spiral);
  const r = 64;
  const time = (f) => {
    f(); // warm-up
    const start = performance.now();
    for (let i = 0; i < 5; i++) f();
    return (performance.now() - start) / 5;
  };
  const grid = time(() => trainer.gridPredictions(r, -6, 6, -6, 6));
  const neurons = time(() => trainer.neuronGrids(r, -6, 6, -6, 6));
  t.diagnostic(
    `${r}×${r} grid: gridPredictions ${grid.toFixed(2)} ms, neuronGrids ${neurons.toFixed(2)} ms`,
  );
  trainer.delete();
});

test('weightHistogram reports zeros, outliers and non-finite weights apart from its bins', () => {
  const t = new engine.Trainer({ data: { kind: 'xor' }, model: { hidden: [{ units: 5 }] } });
  // 2×5 + 5×1 = 15 weights. Set exact zeros and one exploded weight.
  t.setParameter('layers.0.weight', [0, 0, 0, 0.5, -0.5, 1, -1, 0.25, -0.25, 0.75]);
  t.setParameter('layers.1.weight', [0.1, -0.1, 0.2, -0.2, 1e27]);
  const h = t.weightHistogram(4);
  assert.ok(h.edges instanceof Float64Array);
  assert.ok(h.counts instanceof Float64Array);
  assert.equal(h.edges.length, 5);
  assert.equal(h.counts.length, 4);
  // Non-zero |w|: 0.1 0.1 0.2 0.2 0.25 0.25 0.5 0.5 0.75 1 1 1e27 (12); the ⌈10.8⌉ = 11th
  // smallest is 1, the largest within 10 is 1: the bins span [−1, 1].
  assert.deepEqual(Array.from(h.edges), [-1, -0.5, 0, 0.5, 1]);
  // [−1, −0.5): −1; [−0.5, 0): −0.5 −0.25 −0.1 −0.2; [0, 0.5): 0.25 0.1 0.2; [0.5, 1]: 0.5 1 0.75
  assert.deepEqual(Array.from(h.counts), [1, 4, 3, 3]);
  assert.equal(h.zeros, 3);
  assert.equal(h.above, 1);
  assert.equal(h.below, 0);
  assert.equal(h.nonFinite, 0);
  assert.equal(h.total, 15);
  t.delete();
});

test('parseCsv turns a text column into sorted categories and their indices', () => {
  const table = engine.parseCsv(
    'length,"species, common name"\n5.1,setosa\n7.0,"versicolor, blue flag"\n4.9,setosa\n',
    100,
  );
  assert.deepEqual(table.columns, ['length', 'species, common name']);
  assert.equal(table.rows, 3);
  assert.equal(table.cols, 2);
  assert.deepEqual(table.categories, [null, ['setosa', 'versicolor, blue flag']]);
  assert.deepEqual(Array.from(table.values), [5.1, 0, 7, 1, 4.9, 0].map(Math.fround));
  // Non-ASCII labels arrive as the same JavaScript strings.
  const accents = engine.parseCsv('x,label\n1,été\n2,hiver\n', 10);
  assert.deepEqual(accents.categories[1], ['hiver', 'été']);
  assert.throws(
    () => engine.parseCsv('x,label\n1,yes\n2,no\n3,1\n', 10),
    /"1" is a number, but the column's other values are text/,
  );
});
