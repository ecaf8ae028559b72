// The WASM build against the native build (same reference scenario, 100 steps, 1e-5 relative)
// and against PyTorch (the trainer goldens the native tests also replay).
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { test } from 'node:test';

import { assertClose, loadEngine, readJson, root } from './load-engine.mjs';

const engine = await loadEngine('simd');

test('WASM reproduces the native reference run to 1e-5 relative after 100 steps', (t) => {
  const nativeFile = 'build/native/reference_run.json';
  assert.ok(existsSync(`${root}${nativeFile}`), 'run the native tests (ctest) first');
  const native = readJson(nativeFile);
  const scenario = readJson('tests/golden/reference_scenario.json');
  const trainer = new engine.Trainer(scenario.spec);
  trainer.runSteps(scenario.steps);
  const m = trainer.takeMetrics();
  assert.deepEqual(Array.from(m.step), native.step);
  assertClose(assert, Array.from(m.trainLoss), native.trainLoss, 1e-5, 'train loss');
  for (const p of trainer.parameters()) {
    assertClose(assert, Array.from(p.values), native.final[p.name], 1e-5, p.name);
  }
  trainer.delete();
});

test('the same spec and seed give bit-identical WASM runs', () => {
  const scenario = readJson('tests/golden/reference_scenario.json');
  const runs = [0, 1].map(() => {
    const trainer = new engine.Trainer(scenario.spec);
    trainer.runSteps(60);
    const values = trainer.parameters().map((p) => Array.from(p.values));
    trainer.delete();
    return values;
  });
  assert.deepEqual(runs[0], runs[1]);
});

for (const c of readJson('tests/golden/trainer.json').cases) {
  test(`WASM matches PyTorch: ${c.name}`, () => {
    const trainer = new engine.Trainer(c.spec, {
      x: c.x,
      y: c.y,
      rows: c.rows,
      cols: c.cols,
      targetCols: c.targets,
    });
    for (const [name, values] of Object.entries(c.initial)) trainer.setParameter(name, values);
    trainer.takeMetrics();
    const status = trainer.runSteps(c.steps);
    assert.equal(status.state, 'running');
    const m = trainer.takeMetrics();
    assertClose(assert, Array.from(m.batchLoss).slice(0, c.steps), c.batchLoss, 1e-4, 'batch loss');
    const params = trainer.parameters();
    assert.deepEqual(params.map((q) => q.name).sort(), Object.keys(c.final).sort());
    for (const p of params)
      assertClose(assert, Array.from(p.values), c.final[p.name], 2e-4, p.name);
    trainer.delete();
  });
}
