// A tutorial's use of the engine API, written against engine-api.d.ts only. It is not run: it
// must type-check (npm run typecheck), so a change of the declaration that breaks such code is
// caught here.
import type {
  CreateEngine,
  CvSummary,
  DeepPartial,
  EngineModule,
  ExperimentSpec,
  Geometry2d,
  LinearCvFold,
  LinearPath,
  MetricsBatch,
} from '../../web/src/engine/engine-api';

export async function tutorial(createEngine: CreateEngine): Promise<number[]> {
  const engine: EngineModule = await createEngine();
  const spec: DeepPartial<ExperimentSpec> = {
    seed: 3,
    data: { kind: 'spiral', samples: 300, features: ['x1', 'x2', 'sinX1'] },
    model: {
      hidden: [{ units: 16, activation: 'relu', dropout: 0.1, penaltyScale: 1, batchNorm: false }],
    },
    penalty: { kind: 'l1', lambda: 1e-3, l1Mode: 'proximal' },
    optimizer: { kind: 'adamw', lr: 0.01, weightDecay: 0.01 },
    schedule: { kind: 'cosine', tMax: 2000 },
    training: { batchSize: 32, maxEpochs: 50, earlyStopping: { enabled: true, patience: 5 } },
  };
  const full: ExperimentSpec = engine.normalizeSpec(spec);
  const trainer = new engine.Trainer(full);
  const losses: number[] = [];
  for (;;) {
    const status = trainer.runEpochs(1);
    const m: MetricsBatch = trainer.takeMetrics();
    if (m.rows > 0) losses.push(m.trainLoss[m.rows - 1]!);
    if (status.state !== 'running') break;
  }
  trainer.update({ optimizer: { lr: 0.001 } });
  const grid: Float32Array = trainer.gridPredictions(50, -6, 6, -6, 6);
  const zeros = trainer
    .parameters()
    .filter((p) => p.role === 'weight')
    .map((p) => p.values.filter((v) => v === 0).length);
  const csv = engine.parseCsv('a,b\n1,2\n', 10);
  trainer.delete();
  return [...losses, grid.length, ...zeros, csv.rows, engine.describe().fields.length];
}

// "Choosing λ": a lasso path, cross-validation fold by fold (as a pool of workers would run
// them) and the two-weight picture.
export async function choosingLambda(createEngine: CreateEngine): Promise<number[]> {
  const engine: EngineModule = await createEngine();
  const spec: DeepPartial<ExperimentSpec> = { seed: 4, data: { kind: 'diabetes', folds: 5 } };
  const path: LinearPath = engine.linearPath(spec, { model: 'lasso', nAlphas: 50 });
  const folds: LinearCvFold[] = [];
  for (let f = 4; f >= 0; f--)
    folds.push(engine.linearCvFold(spec, { model: 'lasso', nAlphas: 50, folds: 5 }, f));
  const cv: CvSummary = engine.combineCv(folds);
  const logistic = engine.linearPath(
    { data: { kind: 'breastCancer' } },
    {
      model: 'logistic',
      penalty: 'l1',
      tol: 1e-6,
    },
  );
  const picture: Geometry2d = engine.geometry2d({
    center: [1.5, 0.5],
    hessian: [1, 0.3, 2],
    penalty: 'lp',
    p: 0.5,
    lambdas: [0.1, 0.5, 1],
    bounds: [-2, 2, -2, 2],
    resolution: 100,
  });
  const alphaOneSe = path.alphas[cv.oneSe]!;
  return [alphaOneSe, path.nonZeros[cv.best]!, logistic.testError[0]!, picture.radii[0]!];
}
