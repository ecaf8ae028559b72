// The exact linear solvers' JS API (engine/bindings/linear_bindings.cpp) in the WASM build:
// linearPath, linearCvFold, combineCv and geometry2d. Shapes, errors naming the argument, the
// diabetes lasso path against scikit-learn's (tests/golden/linear_path.json, made by
// tests/golden/make_linear_path_golden.py), cross-validation bit-identical whatever order or
// engine instance computes the folds, and the geometry against closed forms.
// Tolerances as the C++ tests: the path at tol 1e-12 against sklearn's at 1e-14, non-zero
// coefficients to 1e-6 relative, zeros exact (the golden file's borderline entries to 1e-8 of
// the largest coefficient); closed forms of the geometry to 1e-14.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';

import { assertClose, loadEngine, readJson, root } from './load-engine.mjs';

const engine = await loadEngine('simd');
for (const kind of ['diabetes', 'breastCancer', 'digits'])
  engine.loadDataSet(kind, readFileSync(`${root}engine/data/sets/${describeFile(kind)}`, 'utf8'));

function describeFile(kind) {
  return engine.describe().dataKinds.find((d) => d.kind === kind).file;
}

function throwsError(fn, pattern) {
  assert.throws(fn, (e) => e instanceof Error && pattern.test(e.message), `expected ${pattern}`);
}

const soft = (v, t) => (v > t ? v - t : v < -t ? v + t : 0);
const bits = (a) => Buffer.from(a.buffer, a.byteOffset, a.byteLength);

const diabetes = { data: { kind: 'diabetes' } };
const allDiabetes = { data: { kind: 'diabetes', valFraction: 0, testFraction: 0 } };
const cancer = { data: { kind: 'breastCancer' }, seed: 3 };

test('linearPath: shapes of a lasso path with a held-out test split', () => {
  const r = engine.linearPath(diabetes, { model: 'lasso' });
  assert.ok(r.alphas instanceof Float64Array);
  assert.ok(r.coefs instanceof Float64Array);
  assert.ok(r.intercepts instanceof Float64Array);
  assert.ok(r.nonZeros instanceof Int32Array);
  assert.ok(r.testError instanceof Float64Array);
  assert.equal(r.alphas.length, 100);
  assert.equal(r.coefs.length, 100 * 10);
  assert.equal(r.intercepts.length, 100);
  assert.equal(r.nonZeros.length, 100);
  assert.equal(r.testError.length, 100);
  assert.deepEqual(r.featureNames, ['age', 'sex', 'bmi', 'bp', 's1', 's2', 's3', 's4', 's5', 's6']);
  for (let i = 1; i < 100; i++) assert.ok(r.alphas[i] < r.alphas[i - 1]);
  assert.ok(Math.abs(r.alphas[99] / r.alphas[0] - 1e-3) < 1e-12);
  // nonZeros counts the row of coefs; the test error is a finite MSE in the target's units.
  for (let i = 0; i < 100; i++) {
    const row = r.coefs.subarray(i * 10, i * 10 + 10);
    assert.equal(r.nonZeros[i], row.filter((w) => w !== 0).length);
    assert.ok(Number.isFinite(r.testError[i]) && r.testError[i] > 0);
  }
  assert.equal(r.fitRows + r.testRows, 442);
  assert.equal(r.testRows, Math.ceil(0.2 * 442));
  // The full model predicts the test split far better than the empty one (the mean).
  assert.ok(r.testError[99] < 0.6 * r.testError[0]);
  assert.equal(r.converged, true);
});

test('linearPath on all diabetes rows is scikit-learn lasso_path (golden file)', () => {
  const golden = readJson('tests/golden/linear_path.json').diabetes.paths.find(
    (p) => p.name === 'lasso_path',
  );
  const r = engine.linearPath(allDiabetes, { model: 'lasso', tol: 1e-12, maxIter: 1000000 });
  assert.equal(r.converged, true);
  assert.equal(r.testRows, 0);
  assert.ok(r.testError.every(Number.isNaN));
  assertClose(assert, r.alphas, golden.alphas, 1e-12, 'alphas');
  const p = 10;
  const borderline = new Set(golden.borderline.map(([i, j]) => `${i},${j}`));
  const bad = [];
  for (let i = 0; i < golden.alphas.length; i++) {
    for (let j = 0; j < p; j++) {
      const got = r.coefs[i * p + j];
      const want = golden.coefs[j][i];
      const ok = borderline.has(`${i},${j}`)
        ? Math.abs(got - want) <= 1e-8 * golden.scale
        : want === 0
          ? got === 0
          : Math.abs(got - want) <= 1e-6 * Math.abs(want);
      if (!ok) bad.push(`(${i},${j}) ${got} vs ${want}`);
    }
  }
  assert.deepEqual(bad, []);
  assertClose(assert, r.intercepts, golden.intercepts, 1e-6, 'intercepts');
  for (let i = 1; i < golden.alphas.length; i++)
    assert.equal(r.nonZeros[i], golden.nonzero_counts[i], `nonZeros[${i}]`);
});

test('linearPath: elastic net, ridge and L1 / L2 logistic', () => {
  const enet = engine.linearPath(diabetes, { model: 'elasticNet', l1Ratio: 0.5, nAlphas: 20 });
  assert.equal(enet.alphas.length, 20);
  const ridge = engine.linearPath(diabetes, { model: 'ridge', nAlphas: 10 });
  assert.ok(ridge.nonZeros.every((k) => k === 10)); // ridge shrinks, never zeroes
  for (let i = 1; i < 10; i++) assert.ok(ridge.alphas[i] < ridge.alphas[i - 1]);

  const l1 = engine.linearPath(cancer, { model: 'logistic', nAlphas: 25 });
  assert.equal(l1.coefs.length, 25 * 30);
  for (let i = 1; i < 25; i++) assert.ok(l1.alphas[i] > l1.alphas[i - 1]); // C increasing
  assert.equal(l1.nonZeros[0], 0);
  assert.ok(l1.nonZeros[24] > 5);
  for (const e of l1.testError) assert.ok(e >= 0 && e <= 1);
  assert.ok(l1.testError[24] < 0.1);
  // Misclassification rate: a multiple of 1/testRows.
  for (const e of l1.testError)
    assert.ok(Math.abs(e * l1.testRows - Math.round(e * l1.testRows)) < 1e-9);
  const l2 = engine.linearPath(cancer, { model: 'logistic', penalty: 'l2', nAlphas: 5 });
  assert.ok(l2.nonZeros.every((k) => k === 30));
  const mixed = engine.linearPath(cancer, { model: 'logistic', l1Ratio: 0.5, nAlphas: 5 });
  assert.equal(mixed.nonZeros[0], 0);
});

test('linearPath on custom data', () => {
  // y = 3·x1 − 2·x2 exactly: the weakest penalty recovers the coefficients (standardised).
  const rows = 40;
  const x = new Float32Array(rows * 3);
  const y = new Float32Array(rows);
  for (let i = 0; i < rows; i++) {
    x[3 * i] = Math.sin(i);
    x[3 * i + 1] = Math.cos(1.7 * i);
    x[3 * i + 2] = ((i * 7) % 11) / 11;
    y[i] = 3 * x[3 * i] - 2 * x[3 * i + 1];
  }
  const r = engine.linearPath(
    { data: { kind: 'custom', task: 'regression', testFraction: 0 } },
    { model: 'lasso', eps: 1e-6, tol: 1e-10, maxIter: 100000 },
    { x, y, rows, cols: 3, featureNames: ['a', 'b', 'c'] },
  );
  assert.deepEqual(r.featureNames, ['a', 'b', 'c']);
  assert.equal(r.fitRows, rows);
  const last = r.coefs.subarray(r.coefs.length - 3);
  assert.ok(Math.abs(last[2]) < 1e-3 * Math.abs(last[0]));
});

// Every fold of k-fold CV, computed in the given order on the given engine.
function cvFolds(eng, spec, options, order) {
  return order.map((f) => eng.linearCvFold(spec, options, f));
}

test('linearCvFold + combineCv: bit-identical in any order and on any engine instance', async () => {
  const other = await loadEngine('simd'); // a second module: another worker
  other.loadDataSet('diabetes', readFileSync(`${root}engine/data/sets/diabetes.csv`, 'utf8'));
  const options = { model: 'lasso', folds: 5, nAlphas: 40 };
  const inOrder = cvFolds(engine, diabetes, options, [0, 1, 2, 3, 4]);
  const reversed = cvFolds(engine, diabetes, options, [4, 3, 2, 1, 0]);
  const elsewhere = cvFolds(other, diabetes, options, [2, 0, 4, 1, 3]);
  const a = engine.combineCv(inOrder);
  for (const folds of [reversed, elsewhere, [...inOrder].reverse()]) {
    for (const f of folds) {
      const same = inOrder[f.fold];
      assert.ok(bits(f.errors).equals(bits(same.errors)), `fold ${f.fold} errors`);
      assert.ok(bits(f.alphas).equals(bits(same.alphas)), `fold ${f.fold} alphas`);
    }
    const b = other.combineCv(folds);
    assert.ok(bits(b.mean).equals(bits(a.mean)));
    assert.ok(bits(b.se).equals(bits(a.se)));
    assert.equal(b.best, a.best);
    assert.equal(b.oneSe, a.oneSe);
  }
  // The grid is linearPath's on the same rows; mean and se are the folds' mean and sd/√k.
  const path = engine.linearPath(diabetes, { model: 'lasso', nAlphas: 40 });
  assert.ok(bits(inOrder[0].alphas).equals(bits(path.alphas)));
  for (let j = 0; j < 40; j++) {
    const e = inOrder.map((f) => f.errors[j]);
    const m = e.reduce((s, v) => s + v, 0) / 5;
    const sd = Math.sqrt(e.reduce((s, v) => s + (v - m) ** 2, 0) / 4);
    assert.ok(Math.abs(a.mean[j] - m) <= 1e-12 * m);
    assert.ok(Math.abs(a.se[j] - sd / Math.sqrt(5)) <= 1e-10 * sd + 1e-300);
  }
  assert.ok(a.best > 0 && a.best < 40);
  assert.ok(a.oneSe <= a.best);
  assert.ok(a.mean[a.oneSe] <= a.mean[a.best] + a.se[a.best]);
  // Another seed, other folds.
  const reseeded = engine.linearCvFold(diabetes, { ...options, seed: 99 }, 0);
  assert.ok(!bits(reseeded.errors).equals(bits(inOrder[0].errors)));
});

test('linearCvFold: logistic with both scores, ridge', () => {
  const mis = engine.linearCvFold(cancer, { model: 'logistic', folds: 3, nAlphas: 10 }, 1);
  for (const e of mis.errors) assert.ok(e >= 0 && e <= 1);
  const ll = engine.linearCvFold(
    cancer,
    { model: 'logistic', folds: 3, nAlphas: 10, score: 'logLoss' },
    1,
  );
  assert.ok(Math.abs(ll.errors[0] - 0.66) < 0.05); // the intercept-only model's log loss
  const ridge = engine.linearCvFold(diabetes, { model: 'ridge', folds: 4, nAlphas: 8 }, 3);
  assert.equal(ridge.fold, 3);
  assert.equal(ridge.errors.length, 8);
});

test('data.folds gives the network a k-fold validation split', () => {
  const sizes = [];
  for (let fold = 0; fold < 4; fold++) {
    const t = new engine.Trainer({ data: { kind: 'moons', samples: 100, folds: 4, fold } });
    sizes.push(t.data('validation').rows);
    assert.equal(t.data('test').rows, 20);
    assert.equal(t.data('train').rows + t.data('validation').rows, 80);
    t.delete();
  }
  assert.deepEqual(sizes, [20, 20, 20, 20]);
  // One Trainer per (grid point, fold), on any engine instance: the same numbers, bit for bit.
  const run = (fold) => {
    const t = new engine.Trainer({ seed: 5, data: { kind: 'circle', folds: 5, fold } });
    t.runSteps(50);
    const m = t.takeMetrics();
    t.delete();
    return m.valLoss;
  };
  assert.ok(bits(run(3)).equals(bits(run(3))));
  assert.ok(!bits(run(3)).equals(bits(run(1))));
  throwsError(() => new engine.Trainer({ data: { folds: 4, fold: 4 } }), /data\.fold/);
  throwsError(() => new engine.Trainer({ data: { folds: 1 } }), /data\.folds/);
  assert.equal(engine.normalizeSpec({}).data.folds, 0);
});

test('linear API errors name the argument', () => {
  throwsError(() => engine.linearPath(diabetes, {}), /options\.model/);
  throwsError(() => engine.linearPath(diabetes, { model: 'lars' }), /options\.model/);
  throwsError(() => engine.linearPath(diabetes, { model: 'lasso', alpha: 1 }), /options\.alpha/);
  throwsError(() => engine.linearPath(diabetes, { model: 'lasso', l1Ratio: 0.5 }), /l1Ratio/);
  throwsError(() => engine.linearPath(diabetes, { model: 'lasso', penalty: 'l1' }), /penalty/);
  throwsError(() => engine.linearPath(diabetes, { model: 'elasticNet', l1Ratio: 0 }), /l1Ratio/);
  throwsError(() => engine.linearPath(diabetes, { model: 'lasso', nAlphas: 0 }), /nAlphas/);
  throwsError(() => engine.linearPath(diabetes, { model: 'lasso', nAlphas: 2.5 }), /nAlphas/);
  throwsError(() => engine.linearPath(diabetes, { model: 'lasso', eps: 1 }), /options\.eps/);
  throwsError(() => engine.linearPath(diabetes, { model: 'lasso', tol: 0 }), /options\.tol/);
  throwsError(() => engine.linearPath(diabetes, { model: 'logistic' }), /two classes/);
  throwsError(
    () => engine.linearPath(cancer, { model: 'logistic', penalty: 'l1', l1Ratio: 1 }),
    /options\.penalty/,
  );
  throwsError(
    () => engine.linearPath({ data: { kind: 'digits' } }, { model: 'lasso' }),
    /10 classes/,
  );
  throwsError(
    () => engine.linearPath({ data: { kind: 'nope' } }, { model: 'lasso' }),
    /data\.kind/,
  );
  throwsError(() => engine.linearPath(diabetes, null), /options/);
  throwsError(() => engine.linearPath({ data: { kind: 'custom' } }, { model: 'lasso' }), /custom/);
  throwsError(
    () => engine.linearPath({ data: { kind: 'custom' } }, { model: 'lasso' }, { rows: 2 }),
    /data\.cols/,
  );
  throwsError(() => engine.linearCvFold(diabetes, { model: 'lasso' }, 0), /options\.folds/);
  throwsError(() => engine.linearCvFold(diabetes, { model: 'lasso', folds: 1 }, 0), /folds/);
  throwsError(() => engine.linearCvFold(diabetes, { model: 'lasso', folds: 3 }, 3), /fold/);
  throwsError(() => engine.linearCvFold(diabetes, { model: 'lasso', folds: 3 }, -1), /fold/);
  throwsError(
    () => engine.linearCvFold(diabetes, { model: 'lasso', folds: 3, score: 'logLoss' }, 0),
    /options\.score/,
  );
  throwsError(
    () => engine.linearCvFold(diabetes, { model: 'lasso', folds: 3, seed: 1.5 }, 0),
    /options\.seed/,
  );
  throwsError(() => engine.linearPath(diabetes, { model: 'lasso', folds: 3 }), /options\.folds/);
  const f = [
    { fold: 0, errors: [1, 2] },
    { fold: 1, errors: [2, 3] },
  ];
  throwsError(() => engine.combineCv([f[0]]), /folds/);
  throwsError(() => engine.combineCv([f[0], f[0]]), /twice/);
  throwsError(() => engine.combineCv([f[0], { fold: 1, errors: [1] }]), /folds\[1\]\.errors/);
  throwsError(() => engine.combineCv([f[0], { fold: 1, errors: [1, NaN] }]), /finite/);
  throwsError(() => engine.combineCv([f[0], { fold: 2, errors: [1, 2] }]), /folds\[1\]\.fold/);
  throwsError(() => engine.combineCv('x'), /folds/);
  assert.equal(engine.combineCv(f).best, 0);
});

test('geometry2d with H = I: soft threshold, shrink, exact zeros, balls through the optima', () => {
  const lambdas = [0, 0.3, 1, 2.5];
  const l1 = engine.geometry2d({
    center: [2, -0.5],
    hessian: [1, 0, 1],
    penalty: 'l1',
    lambdas,
    bounds: [-3, 3, -2, 2],
    resolution: 5,
    outlinePoints: 8,
  });
  assert.equal(l1.resolution, 5);
  assert.equal(l1.loss.length, 25);
  assert.equal(l1.optima.length, 8);
  assert.equal(l1.radii.length, 4);
  assert.equal(l1.outlinePoints, 8);
  assert.equal(l1.outlines.length, 4 * 9 * 2);
  lambdas.forEach((lam, i) => {
    assert.equal(l1.optima[2 * i], soft(2, lam));
    assert.equal(l1.optima[2 * i + 1], soft(-0.5, lam)); // exactly 0 once λ ≥ 0.5
    assert.equal(l1.radii[i], Math.abs(soft(2, lam)) + Math.abs(soft(-0.5, lam)));
    const w = [l1.optima[2 * i], l1.optima[2 * i + 1]];
    assert.ok(Math.abs(l1.lossAtOptima[i] - 0.5 * ((w[0] - 2) ** 2 + (w[1] + 0.5) ** 2)) < 1e-15);
    // Each outline point is on |w1| + |w2| = t, the corners on the axes, the polyline closed.
    const o = l1.outlines.subarray(i * 18, (i + 1) * 18);
    for (let k = 0; k < 9; k++)
      assert.ok(Math.abs(Math.abs(o[2 * k]) + Math.abs(o[2 * k + 1]) - l1.radii[i]) < 1e-14);
    assert.deepEqual([o[0], o[1]], [l1.radii[i], 0]);
    assert.deepEqual([o[16], o[17]], [o[0], o[1]]);
  });
  assert.equal(l1.optima[5], 0);
  // The loss grid: row r at y = yMin + r·(yMax − yMin)/4, column c at x = xMin + c·6/4.
  for (let r = 0; r < 5; r++)
    for (let c = 0; c < 5; c++) {
      const x = -3 + (6 * c) / 4;
      const y = -2 + (4 * r) / 4;
      assert.ok(Math.abs(l1.loss[r * 5 + c] - 0.5 * ((x - 2) ** 2 + (y + 0.5) ** 2)) < 1e-14);
    }

  const l2 = engine.geometry2d({
    center: [2, -0.5],
    hessian: [1, 0, 1],
    penalty: 'l2',
    lambdas,
    bounds: [-3, 3, -2, 2],
  });
  assert.equal(l2.resolution, 64);
  assert.equal(l2.outlinePoints, 256);
  lambdas.forEach((lam, i) => {
    assert.ok(Math.abs(l2.optima[2 * i] - 2 / (1 + lam)) < 1e-14);
    assert.ok(Math.abs(l2.optima[2 * i + 1] + 0.5 / (1 + lam)) < 1e-14);
    const t = 0.5 * (l2.optima[2 * i] ** 2 + l2.optima[2 * i + 1] ** 2);
    assert.ok(Math.abs(l2.radii[i] - t) < 1e-14);
  });
});

test('geometry2d: elastic net, lp below 1 sets exact zeros and has a non-convex ball', () => {
  const enet = engine.geometry2d({
    center: [1, 0.4],
    hessian: [1, 0, 1],
    penalty: 'elasticNet',
    l1Ratio: 0.5,
    lambdas: [0.5],
    bounds: [-2, 2, -2, 2],
  });
  assert.ok(Math.abs(enet.optima[0] - soft(1, 0.25) / 1.25) < 1e-14);
  assert.ok(Math.abs(enet.optima[1] - soft(0.4, 0.25) / 1.25) < 1e-14);
  const lp = engine.geometry2d({
    center: [1.5, 0.3],
    hessian: [2, 0.5, 1],
    penalty: 'lp',
    p: 0.5,
    lambdas: [0.4],
    bounds: [-2, 2, -2, 2],
    outlinePoints: 16,
  });
  assert.equal(lp.optima[1], 0);
  assert.ok(lp.optima[0] > 0);
  const t = lp.radii[0];
  assert.ok(Math.abs(t - Math.sqrt(lp.optima[0])) < 1e-15);
  // Midpoint of the two axis points (t², 0) and (0, t²) lies outside the ball.
  const o = lp.outlines;
  const mid = [(o[0] + o[8]) / 2, (o[1] + o[9]) / 2];
  assert.ok(Math.sqrt(Math.abs(mid[0])) + Math.sqrt(Math.abs(mid[1])) > t);
});

test('geometry2d errors name the argument', () => {
  const ok = {
    center: [1, 1],
    hessian: [1, 0, 1],
    penalty: 'l1',
    lambdas: [1],
    bounds: [-1, 1, -1, 1],
  };
  assert.equal(engine.geometry2d(ok).optima.length, 2);
  throwsError(
    () => engine.geometry2d({ ...ok, hessian: [1, 2, 1] }),
    /options\.hessian.*positive definite/,
  );
  throwsError(() => engine.geometry2d({ ...ok, hessian: [1, 0] }), /options\.hessian/);
  throwsError(() => engine.geometry2d({ ...ok, center: [1, NaN] }), /options\.center/);
  throwsError(() => engine.geometry2d({ ...ok, penalty: 'l0' }), /options\.penalty/);
  throwsError(() => engine.geometry2d({ ...ok, p: 0.5 }), /options\.p/);
  throwsError(() => engine.geometry2d({ ...ok, penalty: 'lp', p: 0.01 }), /options\.p/);
  throwsError(() => engine.geometry2d({ ...ok, l1Ratio: 0.5 }), /options\.l1Ratio/);
  throwsError(() => engine.geometry2d({ ...ok, lambdas: [-1] }), /options\.lambdas/);
  throwsError(() => engine.geometry2d({ ...ok, lambdas: [] }), /options\.lambdas/);
  throwsError(() => engine.geometry2d({ ...ok, bounds: [1, -1, -1, 1] }), /options\.bounds/);
  throwsError(() => engine.geometry2d({ ...ok, resolution: 1 }), /options\.resolution/);
  throwsError(() => engine.geometry2d({ ...ok, outlinePoints: 10 }), /options\.outlinePoints/);
  throwsError(() => engine.geometry2d({ ...ok, extra: 1 }), /options\.extra/);
  throwsError(
    () => engine.geometry2d({ ...ok, lambdas: new Float64Array(500), outlinePoints: 4096 }),
    /1,000,000 points/,
  );
  throwsError(() => engine.geometry2d(3), /options/);
});

// "Apply" of the path view: the network penalty with the path point's minimiser. σ is the
// population std of the diabetes target on all 442 rows, computed here from the shipped CSV.
test('linearPenalty: λ = 2α/σ for the lasso on a standardised target, 2α for ridge, 1/(nC) for logistic; errors name the argument', () => {
  const rows = readFileSync(`${root}engine/data/sets/${describeFile('diabetes')}`, 'utf8')
    .trim()
    .split('\n')
    .slice(1)
    .map((line) => Number(line.split(',').at(-1)));
  assert.equal(rows.length, 442);
  const mean = rows.reduce((s, y) => s + y, 0) / rows.length;
  const sigma = Math.sqrt(rows.reduce((s, y) => s + (y - mean) ** 2, 0) / rows.length);
  const lasso = engine.linearPenalty(allDiabetes, { model: 'lasso' }, 3);
  assert.equal(lasso.kind, 'l1');
  assert.ok(Math.abs(lasso.targetScale - sigma) <= 1e-4 * sigma, `σ ${lasso.targetScale}`);
  assert.ok(Math.abs(lasso.lambda - 6 / lasso.targetScale) <= 1e-12);
  const raw = { data: { ...allDiabetes.data, standardize: false } };
  assert.deepEqual(engine.linearPenalty(raw, { model: 'lasso' }, 3), {
    kind: 'l1',
    lambda: 6,
    l1Ratio: 1,
    targetScale: 1,
  });
  const ridge = engine.linearPenalty(allDiabetes, { model: 'ridge' }, 3);
  assert.equal(ridge.kind, 'l2');
  assert.ok(Math.abs(ridge.lambda - 6) <= 1e-12);
  const logistic = engine.linearPenalty(cancer, { model: 'logistic', l1Ratio: 1 }, 0.5);
  const n = engine.linearPath(cancer, { model: 'logistic', nAlphas: 2 }).fitRows;
  assert.equal(logistic.kind, 'l1');
  assert.ok(Math.abs(logistic.lambda - 1 / (n * 0.5)) <= 1e-15);
  throwsError(() => engine.linearPenalty(allDiabetes, { model: 'lasso' }, 0), /alpha/);
  throwsError(() => engine.linearPenalty(cancer, { model: 'lasso' }, 1), /logistic/);
});
