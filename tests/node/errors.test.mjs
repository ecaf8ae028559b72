// Bad input from JavaScript arrives as an Error whose message names the field and the range;
// nothing crashes, hangs or returns NaN silently.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';

import { loadEngine, root } from './load-engine.mjs';

const engine = await loadEngine('simd');

function throwsError(fn, pattern) {
  assert.throws(fn, (e) => e instanceof Error && pattern.test(e.message), `expected ${pattern}`);
}

test('invalid specs throw Errors naming the field and the allowed range', () => {
  throwsError(
    () => new engine.Trainer({ optimizer: { lr: -1 } }),
    /optimizer\.lr: must be a number in \(0, 10\], got -1/,
  );
  throwsError(() => new engine.Trainer({ optimizer: { lr: NaN } }), /optimizer\.lr/);
  throwsError(
    () => new engine.Trainer({ optimizer: { lr: '0.1' } }),
    /optimizer\.lr: must be a number, got string/,
  );
  throwsError(
    () => new engine.Trainer({ penalty: { kind: 'lp', p: 1.5 } }),
    /penalty\.p: .*\(0, 1\)/,
  );
  throwsError(
    () => new engine.Trainer({ optimizer: { kind: 'adamax' } }),
    /optimizer\.kind: must be one of: sgd, adam/,
  );
  throwsError(
    () => new engine.Trainer({ data: { kind: 'circle', colour: 1 } }),
    /data\.colour: unknown key/,
  );
  throwsError(
    () => new engine.Trainer({ model: { hidden: new Array(100).fill({ units: 4 }) } }),
    /at most 8 hidden layers/,
  );
  throwsError(() => new engine.Trainer({ model: { hidden: [{ units: 1e9 }] } }), /units/);
  throwsError(
    () =>
      new engine.Trainer({
        model: { hidden: [{ units: 1024 }, { units: 1024 }, { units: 1024 }] },
      }),
    /parameters; the limit/,
  );
  throwsError(() => new engine.Trainer(null), /spec: must be an object/);
  throwsError(() => new engine.Trainer({ data: { kind: 'custom' } }), /custom/);
  throwsError(() => new engine.Trainer(JSON.parse('{"__proto__": {"x": 1}}')), /unknown key/);
});

test('bad calls throw Errors instead of crashing', () => {
  const t = new engine.Trainer({});
  throwsError(() => t.runSteps(-1), /runSteps/);
  throwsError(() => t.runSteps(1e12), /runSteps/);
  throwsError(() => t.setParameter('layers.9.weight', [1]), /no parameter "layers\.9\.weight"/);
  throwsError(() => t.setParameter('layers.0.weight', [1, 2]), /expected 16 values/);
  throwsError(() => t.setParameter('layers.0.bias', [NaN, 0, 0, 0, 0, 0, 0, 0]), /finite/);
  throwsError(() => t.evaluate('holdout'), /split/);
  throwsError(() => t.gridPredictions(100000, 0, 1, 0, 1), /resolution/);
  throwsError(() => t.predict([1, 2, 3], 2), /expected 4 values/);
  // The trainer still works afterwards.
  assert.equal(t.runSteps(3).step, 3);
  t.delete();
});

test('custom data with problems is refused with a user-facing message', () => {
  throwsError(
    () =>
      new engine.Trainer(
        { data: { kind: 'custom' } },
        { x: [1, 2, 3], y: [0, 1], rows: 2, cols: 2 },
      ),
    /data\.x: expected 4 values/,
  );
  throwsError(
    () =>
      new engine.Trainer(
        { data: { kind: 'custom' } },
        { x: [1, 2, 3, 4], y: [0, 0.5], rows: 2, cols: 2 },
      ),
    /integer|class/i,
  );
});

test('CSV errors name the line and column', () => {
  throwsError(() => engine.parseCsv('a,b\n1,2\n3\n', 100), /line 3/);
  throwsError(() => engine.parseCsv('a,b\n1,x\n2,3\n', 100), /"x" is not a number/);
  throwsError(() => engine.parseCsv('a,b\n1,NA\n', 100), /looks like a missing value/);
  const table = engine.parseCsv('a,b\r\n1,2\r\n3,4\r\n', 100);
  assert.deepEqual(table.columns, ['a', 'b']);
  assert.deepEqual(Array.from(table.values), [1, 2, 3, 4]);
});

test('a diverging run stops and names the step', () => {
  const t = new engine.Trainer({
    data: { kind: 'regression1d', degree: 12, standardize: false },
    model: {
      hidden: [
        { units: 64, activation: 'relu' },
        { units: 64, activation: 'relu' },
      ],
      init: 'heNormal',
    },
    optimizer: { kind: 'sgd', lr: 10 },
  });
  const s = t.runSteps(1000);
  assert.equal(s.state, 'diverged');
  assert.ok(s.divergedAtStep > 0);
  assert.match(s.message, new RegExp(`step ${s.divergedAtStep}`));
  // The steps since the last full record arrive as traced rows: a finite batch loss, and NaN
  // (not evaluated) where a full record would hold the split losses.
  const m = t.takeMetrics();
  assert.ok(Array.from(m.batchLoss).every(Number.isFinite), 'every batch loss is finite');
  assert.equal(m.step.at(-1), s.step, 'the last step before the divergence is on the chart');
  for (let r = 0; r < m.rows; r++) {
    const full = m.step[r] % 10 === 0 || Number.isInteger(m.epoch[r]);
    assert.equal(Number.isFinite(m.trainLoss[r]), full, `row ${r} (step ${m.step[r]})`);
  }
  t.delete();
});

test('a real data set trains only once its table is loaded, and a wrong table is refused', () => {
  assert.equal(engine.dataSetLoaded('diabetes'), false);
  assert.throws(
    () => new engine.Trainer({ data: { kind: 'diabetes' } }),
    /diabetes table is not loaded yet \(load diabetes\.csv with loadDataSet first\)/,
  );
  assert.throws(() => engine.loadDataSet('diabetes', 'a,b\n1,2\n'), /no column "target"/);
  assert.throws(() => engine.loadDataSet('iris', 'a\n1\n'), /not a real data set/);
  engine.loadDataSet('diabetes', readFileSync(`${root}engine/data/sets/diabetes.csv`, 'utf8'));
  assert.equal(engine.dataSetLoaded('diabetes'), true);
  const t = new engine.Trainer({ data: { kind: 'diabetes' }, model: { hidden: [] } });
  assert.equal(t.network().inputs, 10);
  assert.equal(t.runSteps(5).state, 'running');
  t.delete();
});
