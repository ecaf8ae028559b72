// The calls behind "What the network sees" (augmentedBatch, firstConvFilters, featureMaps as in
// training, confusionMatrix) promise not to change the run (engine-api.d.ts): a trainer asked
// for them between its steps ends bit for bit where one left alone does (weights, losses, step).
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';

import { loadEngine, root } from './load-engine.mjs';

const engine = await loadEngine('simd');
engine.loadDataSet('digits', readFileSync(`${root}engine/data/sets/digits.csv`, 'utf8'));

const spec = {
  seed: 11,
  data: { kind: 'digits', trainFraction: 0.2, testFraction: 0.1 },
  model: {
    hidden: [
      { kind: 'conv', channels: 4, kernel: 3, padding: 1, activation: 'relu', dropout: 0.5 },
      { kind: 'maxPool', size: 2 },
      { kind: 'conv', channels: 4, kernel: 3, activation: 'relu', dropBlock: 0.3, blockSize: 1 },
      { kind: 'flatten' },
    ],
  },
  training: { batchSize: 16, augmentShift: 1, augmentRotation: 10, jitter: 0.05, recordEvery: 4 },
};

test('asking for the pictures between steps leaves the run exactly as it would have been', () => {
  const watched = new engine.Trainer(spec);
  const alone = new engine.Trainer(spec);
  for (let i = 0; i < 4; i++) {
    watched.runSteps(6);
    alone.runSteps(6);
    watched.augmentedBatch(16, i + 1);
    watched.firstConvFilters();
    watched.featureMaps('test', i, true, 7 + i);
    watched.featureMaps('test', i, false, 1);
    watched.confusionMatrix('test');
  }
  assert.equal(watched.status().step, 24);
  assert.deepEqual(watched.status(), alone.status());
  const a = watched.parameters();
  const b = alone.parameters();
  assert.equal(a.length, b.length);
  for (let k = 0; k < a.length; k++) assert.deepEqual(a[k].values, b[k].values, a[k].name);
  const ma = watched.takeMetrics();
  const mb = alone.takeMetrics();
  assert.ok(ma.rows >= 6);
  assert.deepEqual(ma.trainLoss, mb.trainLoss);
  assert.deepEqual(ma.testAccuracy, mb.testAccuracy);
  watched.delete();
  alone.delete();
});
