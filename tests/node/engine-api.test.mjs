// The WASM engine's JavaScript surface against its hand-written TypeScript declaration and the
// schema the web app ships.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';

import { loadEngine, readJson, root } from './load-engine.mjs';

const declaration = readFileSync(`${root}web/src/engine/engine-api.d.ts`, 'utf8');

// Method names of `export interface <name> { ... }` in the declaration.
function declaredMethods(name) {
  const body = declaration.match(new RegExp(`export interface ${name} \\{([\\s\\S]*?)\\n\\}`))[1];
  return [...body.matchAll(/^\s{2}(\w+)\(/gm)].map((m) => m[1]);
}

const engine = await loadEngine('simd');

test('every function EngineModule declares exists on the module', () => {
  const names = declaredMethods('EngineModule');
  assert.ok(names.length >= 5);
  for (const name of names) assert.equal(typeof engine[name], 'function', name);
  assert.equal(typeof engine.Trainer, 'function');
});

test('every method Trainer declares exists on a trainer, and nothing else is public', () => {
  const names = declaredMethods('Trainer');
  const trainer = new engine.Trainer({});
  for (const name of names) assert.equal(typeof trainer[name], 'function', name);
  const proto = Object.getPrototypeOf(trainer);
  const own = Object.getOwnPropertyNames(proto).filter(
    (n) =>
      typeof proto[n] === 'function' &&
      n !== 'constructor' &&
      !/^(clone|isAliasOf|isDeleted|deleteLater)$/.test(n),
  );
  // delete() comes from Embind's base class, shared by every bound class.
  assert.deepEqual(own.sort(), names.filter((n) => n !== 'delete').sort());
  trainer.delete();
});

test('describe() equals the schema the web app ships', () => {
  assert.deepEqual(engine.describe(), readJson('web/src/spec/spec-schema.json'));
});

// The string-literal members of `export type <name> = | 'a' | 'b' ...;` in the declaration.
function declaredUnion(name) {
  const body = declaration.match(new RegExp(`export type ${name} =([\\s\\S]*?);`))[1];
  return [...body.matchAll(/'(\w+)'/g)].map((m) => m[1]);
}

test('the declared metric columns and data kinds are the engine tables, in order', () => {
  const schema = engine.describe();
  const metrics = schema.metrics;
  assert.deepEqual(
    [...declaredUnion('ScalarMetricName'), ...declaredUnion('LayerMetricName')],
    metrics.map((m) => m.name),
  );
  assert.deepEqual(
    declaredUnion('LayerMetricName'),
    metrics.filter((m) => m.perLayer).map((m) => m.name),
  );
  assert.deepEqual(
    declaredUnion('DataKind'),
    schema.dataKinds.map((d) => d.kind),
  );
  // takeMetrics hands out exactly those columns.
  const t = new engine.Trainer({});
  const batch = t.takeMetrics();
  for (const m of metrics) assert.ok(batch[m.name] instanceof Float64Array, m.name);
  t.delete();
});

test('normalizeSpec fills every default and keeps given values', () => {
  const spec = engine.normalizeSpec({ optimizer: { lr: 0.5 }, model: { hidden: [{ units: 3 }] } });
  assert.equal(spec.optimizer.lr, 0.5);
  assert.equal(spec.optimizer.kind, 'sgd');
  assert.equal(spec.model.hidden.length, 1);
  assert.equal(spec.model.hidden[0].units, 3);
  assert.equal(spec.model.hidden[0].activation, 'tanh');
  assert.equal(spec.training.earlyStopping.patience, 10);
  // A normalized spec is a fixed point.
  assert.deepEqual(engine.normalizeSpec(spec), spec);
});

test('a run streams metrics as typed arrays and reports its status', () => {
  const t = new engine.Trainer({ data: { kind: 'moons' }, training: { recordEvery: 4 } });
  const status = t.runSteps(20);
  assert.equal(status.state, 'running');
  assert.equal(status.step, 20);
  assert.equal(status.stepsRun, 20);
  const m = t.takeMetrics();
  assert.ok(m.trainLoss instanceof Float64Array);
  assert.equal(m.rows, m.step.length);
  assert.equal(m.layers, 3);
  assert.equal(m.gradNorm.length, m.rows * m.layers);
  assert.equal(t.takeMetrics().rows, 0);
  const params = t.parameters();
  assert.deepEqual(params.map((p) => p.name).slice(0, 2), ['layers.0.weight', 'layers.0.bias']);
  assert.ok(params[0].values instanceof Float32Array);
  assert.equal(params[0].values.length, params[0].rows * params[0].cols);
  const grid = t.gridPredictions(8, -1.5, 2.5, -1.75, 2.25);
  assert.equal(grid.length, 64);
  assert.ok(grid.every((p) => p >= 0 && p <= 1));
  const hist = t.weightHistogram(10);
  assert.equal(hist.total, 2 * 8 + 8 * 8 + 8);
  assert.equal(
    hist.counts.reduce((a, b) => a + b, 0) + hist.zeros + hist.below + hist.above + hist.nonFinite,
    hist.total,
  );
  const data = t.data('train');
  assert.equal(data.x.length, data.rows * 2);
  assert.deepEqual(t.network().layerSizes, [2, 8, 8, 1]);
  t.delete();
});

test('setParameter and predict use the PyTorch layout, reset restores the seed weights', () => {
  const t = new engine.Trainer({
    data: { kind: 'xor', standardize: false },
    model: { hidden: [] },
  });
  const initial = t.parameters();
  t.setParameter('layers.0.weight', [1, -2]);
  t.setParameter('layers.0.bias', new Float32Array([0.5]));
  const p = t.predict([1, 1, 0, 0], 2);
  assert.ok(Math.abs(p[0] - 1 / (1 + Math.exp(0.5))) < 1e-6);
  assert.ok(Math.abs(p[1] - 1 / (1 + Math.exp(-0.5))) < 1e-6);
  t.reset();
  assert.deepEqual(t.parameters(), initial);
  t.delete();
});

test('update applies a new lr to the running network, and refuses an architecture change', () => {
  const t = new engine.Trainer({});
  t.runSteps(5);
  assert.equal(t.update({ optimizer: { lr: 0.1 } }), true);
  assert.equal(t.status().step, 5);
  assert.equal(t.update({ model: { hidden: [{ units: 3 }] } }), false);
  t.delete();
});

test('the SIMD and baseline builds compute the same run', async () => {
  const base = await loadEngine('base');
  assert.equal(engine.simd(), true);
  assert.equal(base.simd(), false);
  const spec = { data: { kind: 'circle' }, optimizer: { kind: 'adam', lr: 0.01 } };
  const a = new engine.Trainer(spec);
  const b = new base.Trainer(spec);
  a.runSteps(50);
  b.runSteps(50);
  const la = a.takeMetrics().trainLoss;
  const lb = b.takeMetrics().trainLoss;
  for (let i = 0; i < la.length; i++)
    assert.ok(Math.abs(la[i] - lb[i]) <= 1e-5 * Math.max(1, la[i]));
  a.delete();
  b.delete();
});
