// A tutorial's use of the engine API, written against engine-api.d.ts only. It is not run: it
// must type-check (npm run typecheck), so a change of the declaration that breaks such code is
// caught here.
import type {
  CreateEngine,
  DeepPartial,
  EngineModule,
  ExperimentSpec,
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
