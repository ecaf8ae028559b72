// "Export to scikit-learn" without Python: the generator's text and refusals, the embed
// message's parsing, and the worker job's use of the engine's own checks (export-sklearn-proof
// runs the scripts).
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import type { EngineModule } from '../../web/src/engine/engine-api';
import { exportSkLearn } from '../../web/src/export/sklearn';
import { parseSkLearnRequest } from '../../web/src/export/sklearn-request';
import { viewSkLearnRequest } from '../../web/src/export/sklearn-view';
import { studyWith } from '../../web/src/spec/study-options';
import { newRun } from '../../web/src/state/store';
import type { SkLearnExportInput } from '../../web/src/export/types';
import { defaultSpec, setPath } from '../../web/src/spec/experiment-spec';
import { sklearnInput } from '../../web/src/worker/jobs/sklearn-input';
import { engineAvailable, loadNodeEngine } from './support/node-engine';

const root = fileURLToPath(new URL('../../', import.meta.url));

function diabetesInput(more: Partial<SkLearnExportInput> = {}): SkLearnExportInput {
  return {
    spec: setPath(defaultSpec(), 'data.kind', 'diabetes'),
    link: 'https://example.org/#v=1&ds=diabetes',
    engineVersion: '1.0.0',
    featureNames: ['age', 'sex', 'bmi', 'bp', 's1', 's2', 's3', 's4', 's5', 's6'],
    task: 'regression',
    options: { model: 'lasso' },
    cv: { folds: 5 },
    ...more,
  };
}

describe('exportSkLearn', () => {
  it('names the link, the objective scaling and the engine folds, the same text every time', () => {
    const text = exportSkLearn(diabetesInput());
    expect(text).toBe(exportSkLearn(diabetesInput()));
    expect(text).toContain('    https://example.org/#v=1&ds=diabetes');
    expect(text).toMatch(/1\/\(2n\)·‖y − Xw − b‖² \+ α·‖w‖₁/);
    expect(text).toMatch(/^from sklearn\.linear_model import lasso_path, LassoCV$/m);
    expect(text).toContain('LassoCV(alphas=grid, cv=PredefinedSplit(fold)');
    expect(text).toContain('load_diabetes(scaled=False)');
    expect(text).toContain('assert (len(fit), len(test)) == (353, 89)');
  });

  it('writes C = 1/(nλ) for logistic regression and Ridge(alpha = n·α) for ridge', () => {
    const logistic = exportSkLearn(
      diabetesInput({
        spec: setPath(defaultSpec(), 'data.kind', 'breastCancer'),
        featureNames: Array.from({ length: 30 }, (_, i) => `f${i}`),
        task: 'binary',
        options: { model: 'logistic', penalty: 'l1' },
        cv: null,
      }),
    );
    expect(logistic).toContain('λ = 1/(n·C)');
    expect(logistic).toMatch(/penalty="l1",\s+solver="saga"/);
    expect(logistic).not.toContain('PredefinedSplit');
    const ridge = exportSkLearn(diabetesInput({ options: { model: 'ridge' } }));
    expect(ridge).toContain('Ridge(alpha=len(y) * a, solver="cholesky")');
  });

  it('refuses what the engine would not run, with the reason', () => {
    expect(() => exportSkLearn(diabetesInput({ options: { model: 'logistic' } }))).toThrow(
      /logistic regression needs a data set with two classes/,
    );
    expect(() => exportSkLearn(diabetesInput({ cv: { folds: 5, score: 'logLoss' } }))).toThrow(
      /score "logLoss" does not fit the model lasso/,
    );
    expect(() => exportSkLearn(diabetesInput({ cv: { folds: 1 } }))).toThrow(/cv.folds/);
    const moons = setPath(defaultSpec(), 'data.kind', 'moons');
    expect(() =>
      exportSkLearn(diabetesInput({ spec: moons, task: 'binary', featureNames: ['x1', 'x2'] })),
    ).toThrow(/needs the engine's rows/);
  });
});

describe('parseSkLearnRequest (playground:exportSkLearn)', () => {
  it('reads the options and the cross-validation', () => {
    expect(
      parseSkLearnRequest({ model: 'elasticNet', l1Ratio: 0.3, nAlphas: 50, folds: 4 }),
    ).toEqual({ options: { model: 'elasticNet', l1Ratio: 0.3, nAlphas: 50 }, cv: { folds: 4 } });
    expect(parseSkLearnRequest({ model: 'logistic', penalty: 'l2' })).toEqual({
      options: { model: 'logistic', penalty: 'l2' },
      cv: null,
    });
  });

  it('names the bad key', () => {
    expect(() => parseSkLearnRequest({})).toThrow(/^model: one of lasso, elasticNet/);
    expect(() => parseSkLearnRequest({ model: 'lasso', nAlphas: 2.5 })).toThrow(/^nAlphas/);
    expect(() => parseSkLearnRequest({ model: 'lasso', eps: 'x' })).toThrow(/^eps/);
    expect(() => parseSkLearnRequest({ model: 'lasso', folds: 11 })).toThrow(/^folds/);
    expect(() => parseSkLearnRequest({ model: 'lasso', score: 'mse' })).toThrow(/only with folds/);
    expect(() => parseSkLearnRequest({ model: 'logistic', penalty: 'l3' })).toThrow(/^penalty/);
  });
});

describe.skipIf(!engineAvailable)('the sklearnInput job', () => {
  let engine: EngineModule;
  beforeAll(async () => {
    engine = await loadNodeEngine();
    engine.loadDataSet('diabetes', readFileSync(`${root}engine/data/sets/diabetes.csv`, 'utf8'));
  });

  it("refuses with the engine's own message", () => {
    const spec = engine.normalizeSpec({ data: { kind: 'diabetes' } });
    const job = { kind: 'sklearnInput' as const, spec, data: null, cv: null };
    expect(() => sklearnInput(engine, { ...job, options: { model: 'logistic' } })).toThrow(
      /logistic regression needs a data set with two classes/,
    );
    expect(() =>
      sklearnInput(engine, { ...job, options: { model: 'lasso', nAlphas: 5000 } }),
    ).toThrow(/nAlphas/);
  });

  it('gives the rows of each fold, which together are the fit rows', () => {
    const spec = engine.normalizeSpec({ seed: 3, data: { kind: 'gauss', samples: 90 } });
    const job = {
      kind: 'sklearnInput' as const,
      spec,
      data: null,
      options: { model: 'lasso' as const },
    };
    const plain = sklearnInput(engine, { ...job, cv: null });
    const folded = sklearnInput(engine, { ...job, cv: { folds: 4 } });
    const path = engine.linearPath(spec, { model: 'lasso', nAlphas: 1 });
    expect(plain.data!.fit.rows).toBe(path.fitRows);
    expect(plain.data!.test.rows).toBe(path.testRows);
    expect(folded.data!.foldSizes!.reduce((a, b) => a + b)).toBe(path.fitRows);
    // The same rows, in another order: compare them sorted.
    const rows = (x: ArrayLike<number>) =>
      Array.from({ length: x.length / 2 }, (_, i) => `${x[2 * i]},${x[2 * i + 1]}`).sort();
    expect(rows(folded.data!.fit.x)).toEqual(rows(plain.data!.fit.x));
    expect(plain.task).toBe('binary');
  });
});

describe('viewSkLearnRequest', () => {
  const run = (task: 'binary' | 'regression' | 'multiclass', kind: 'l1' | 'l2' = 'l1') => {
    const r = newRun(setPath(defaultSpec(), 'penalty.kind', kind));
    r.network = {
      inputs: 2,
      outputs: task === 'multiclass' ? 3 : 1,
      task,
      featureNames: ['x1', 'x2'],
      targetNames: [],
      layerSizes: [2, 1],
      parameterCount: 3,
      inputShape: { channels: 2, height: 1, width: 1 },
      imageInput: false,
      layers: [],
    };
    return r;
  };

  it("exports the views' study: the resolved model, 100 points, the CV view's folds and score", () => {
    const study = studyWith({ cv: { folds: 7 } });
    expect(viewSkLearnRequest(run('regression'), study, false)).toEqual({
      options: { model: 'lasso', nAlphas: 100 },
      cv: null,
    });
    expect(viewSkLearnRequest(run('binary', 'l2'), study, true)).toEqual({
      options: { model: 'logistic', l1Ratio: 0, nAlphas: 100 },
      cv: { folds: 7, score: 'logLoss' },
    });
    const ridge = studyWith({ path: { model: 'ridge' } });
    expect(viewSkLearnRequest(run('regression'), ridge, true).cv).toEqual({
      folds: 5,
      score: 'mse',
    });
  });

  it('says why a run cannot be exported', () => {
    expect(() => viewSkLearnRequest(run('multiclass'), studyWith(), false)).toThrow(
      /two classes, this data has more/,
    );
    const waiting = newRun(defaultSpec());
    expect(() => viewSkLearnRequest(waiting, studyWith(), false)).toThrow(/not started yet/);
  });
});
