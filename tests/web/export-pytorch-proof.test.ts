// The proof of "Export as PyTorch": for a matrix of experiments (every optimizer, every penalty
// and mode, batch norm, clipping, max-norm, schedules with warm-up, early stopping, generated,
// custom and real data, multi-output regression), the engine's Node build trains 50 steps with
// recordEvery 1; the exported script runs under Debian's python3 with torch and prints its
// metrics; the two trajectories are compared row by row.
//   Deterministic runs (no dropout, jitter or mixup; shuffled batches are reproduced by the
//   script's port of the engine's generator) must agree to float32 tolerance.
//   Runs with dropout, jitter or mixup draw torch's random numbers: only their step 0 must agree
//   exactly, then both must learn, and end within a loose band of each other.
// Skipped (with the reason as the test's name) when /usr/bin/python3 lacks torch, NumPy or
// scikit-learn; with CI set, a missing Python stack is an error, so CI cannot skip the proof.
import { execFile, execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import type {
  DeepPartial,
  EngineModule,
  ExperimentSpec,
  MetricsBatch,
  Trainer,
} from '../../web/src/engine/engine-api';
import { exportPyTorch } from '../../web/src/export/pytorch';
import type { PyTorchExportInput } from '../../web/src/export/types';
import { engineAvailable, loadNodeEngine } from './support/node-engine';

const kPython = '/usr/bin/python3';
const kSteps = 50;
// Losses, penalties: float32 arithmetic in a different order (Eigen vs torch) over 50 steps.
const kLossTolerance = 1e-4;

function pythonProblem(): string | null {
  try {
    execFileSync(kPython, ['-c', 'import torch, numpy, sklearn'], { stdio: 'pipe', timeout: 60000 });
    return null;
  } catch (e) {
    const text = String((e as { stderr?: Buffer }).stderr ?? e);
    const missing = /No module named '([^']+)'/.exec(text)?.[1];
    return missing
      ? `${kPython} has no ${missing} (apt-get install python3-torch python3-sklearn)`
      : `${kPython} cannot run torch: ${text.split('\n').filter(Boolean).pop() ?? 'not found'}`;
  }
}

const problem = pythonProblem();
if (problem && process.env['CI'])
  throw new Error(`the PyTorch export proof cannot run in CI: ${problem}`);

const root = fileURLToPath(new URL('../../', import.meta.url));

interface Case {
  name: string;
  spec: DeepPartial<ExperimentSpec>;
  custom?: 'classification' | 'regression';
  statistical?: boolean;
}

const kBase: DeepPartial<ExperimentSpec> = {
  seed: 11,
  data: { kind: 'moons', samples: 120, noise: 0.15, valFraction: 0.2, testFraction: 0.2 },
  model: {
    hidden: [
      { units: 8, activation: 'tanh' },
      { units: 6, activation: 'relu' },
    ],
  },
  training: { batchSize: 16, recordEvery: 1 },
};

function spec(over: DeepPartial<ExperimentSpec>): DeepPartial<ExperimentSpec> {
  const out = structuredClone(kBase) as Record<string, Record<string, unknown>>;
  for (const [k, v] of Object.entries(over)) {
    if (v && typeof v === 'object' && !Array.isArray(v) && out[k]) out[k] = { ...out[k], ...v };
    else (out as Record<string, unknown>)[k] = v;
  }
  return out as DeepPartial<ExperimentSpec>;
}

const kCases: Case[] = [
  {
    name: 'sgd, no penalty, circle with x1², sin x1 features',
    spec: spec({
      data: { kind: 'circle', samples: 150, features: ['x1', 'x2', 'x1Squared', 'sinX1'] },
      optimizer: { kind: 'sgd', lr: 0.1 },
    }),
  },
  {
    name: 'sgd momentum + nesterov, L1 subgradient',
    spec: spec({
      optimizer: { kind: 'sgd', lr: 0.05, momentum: 0.9, nesterov: true },
      penalty: { kind: 'l1', lambda: 0.003, l1Mode: 'subgradient' },
    }),
  },
  {
    name: 'adam, L1 proximal',
    spec: spec({
      optimizer: { kind: 'adam', lr: 0.02 },
      penalty: { kind: 'l1', lambda: 0.01, l1Mode: 'proximal' },
    }),
  },
  {
    name: 'adamw (decay on all parameters), L2, batch norm',
    spec: spec({
      model: {
        hidden: [
          { units: 8, activation: 'relu', batchNorm: true },
          { units: 6, activation: 'tanh', batchNorm: true },
        ],
      },
      optimizer: { kind: 'adamw', lr: 0.01, weightDecay: 0.05, decayScope: 'all' },
      penalty: { kind: 'l2', lambda: 0.01 },
    }),
  },
  {
    name: 'adamw (decay on weights only), elastic net subgradient, batch norm, 1-row batches',
    spec: spec({
      data: { kind: 'xor', samples: 100 },
      model: {
        hidden: [{ units: 10, activation: 'relu', batchNorm: true }],
        batchNormMomentum: 0.2,
        batchNormEps: 1e-3,
      },
      optimizer: { kind: 'adamw', lr: 0.01, weightDecay: 0.1, decayScope: 'weights' },
      penalty: { kind: 'elasticNet', lambda: 0.005, l1Mode: 'subgradient', l1Ratio: 0.3 },
      training: { batchSize: 7 }, // 60 training rows: 8 batches of 7, then one of 4
    }),
  },
  {
    name: 'rmsprop centered with momentum, elastic net proximal',
    spec: spec({
      optimizer: { kind: 'rmsprop', lr: 0.005, alpha: 0.9, momentum: 0.5, centered: true },
      penalty: { kind: 'elasticNet', lambda: 0.02, l1Mode: 'proximal', l1Ratio: 0.7 },
    }),
  },
  {
    name: 'adagrad (lr decay, initial accumulator), Lp bridge (p = 0.5)',
    spec: spec({
      optimizer: { kind: 'adagrad', lr: 0.1, lrDecay: 0.01, initialAccumulator: 0.1, eps: 1e-10 },
      penalty: { kind: 'lp', lambda: 0.01, p: 0.5 },
    }),
  },
  {
    name: 'amsgrad, Lp (p = 0.3), penalty scales, biases penalised, leaky relu / sigmoid',
    spec: spec({
      model: {
        hidden: [
          { units: 8, activation: 'leakyRelu', penaltyScale: 2 },
          { units: 6, activation: 'sigmoid', penaltyScale: 0.5 },
        ],
        leakySlope: 0.1,
        outputPenaltyScale: 0,
        init: 'heNormal',
      },
      optimizer: { kind: 'adam', lr: 0.02, amsgrad: true, beta1: 0.8, beta2: 0.99 },
      penalty: { kind: 'lp', lambda: 0.005, p: 0.3, applyToBiases: true },
    }),
  },
  {
    name: 'clip by norm then value, max-norm, step schedule with warm-up, no shuffle',
    spec: spec({
      optimizer: { kind: 'sgd', lr: 0.5, momentum: 0.5 },
      schedule: { kind: 'step', stepSize: 15, gamma: 0.5, warmupSteps: 10, warmupStartFactor: 0.2 },
      training: { clipNorm: 0.5, clipValue: 0.05, maxNorm: 1.2, shuffle: false },
      penalty: { kind: 'l2', lambda: 0.001, applyToBiases: true },
    }),
  },
  {
    name: 'cosine schedule with warm-up and a floor, exponential-free adam, spiral',
    spec: spec({
      data: { kind: 'spiral', samples: 160, noise: 0.1, features: ['x1', 'x2', 'sinX1', 'sinX2', 'x1x2'] },
      optimizer: { kind: 'adam', lr: 0.03 },
      schedule: { kind: 'cosine', tMax: 30, etaMin: 0.001, warmupSteps: 8 },
    }),
  },
  {
    name: 'exponential schedule, gauss, full-batch gradient descent, no validation split',
    spec: spec({
      data: { kind: 'gauss', samples: 80, valFraction: 0, testFraction: 0.25 },
      optimizer: { kind: 'sgd', lr: 0.2 },
      schedule: { kind: 'exponential', gamma: 0.97 },
      training: { batchSize: 0 },
    }),
  },
  {
    name: 'early stopping restores the best weights (patience 2, min delta 0.05)',
    spec: spec({
      optimizer: { kind: 'sgd', lr: 0.3 },
      training: {
        batchSize: 24, // 72 training rows: 3 steps per epoch
        earlyStopping: { enabled: true, patience: 2, minDelta: 0.05, restoreBest: true },
      },
    }),
  },
  {
    name: 'custom CSV data, 3 classes, standardised',
    custom: 'classification',
    spec: spec({
      data: { kind: 'custom', task: 'classification', valFraction: 0.2, testFraction: 0.1 },
      optimizer: { kind: 'adam', lr: 0.02 },
    }),
  },
  {
    name: 'custom CSV data, multi-output regression (3 targets), standardised',
    custom: 'regression',
    spec: spec({
      data: { kind: 'custom', task: 'regression', valFraction: 0.2, testFraction: 0.2 },
      optimizer: { kind: 'rmsprop', lr: 0.003 },
      penalty: { kind: 'l1', lambda: 0.001, l1Mode: 'proximal' },
    }),
  },
  {
    name: 'diabetes from scikit-learn (regression, standardised targets)',
    spec: spec({
      data: { kind: 'diabetes', valFraction: 0.2, testFraction: 0.2 },
      model: { hidden: [{ units: 16, activation: 'relu' }] },
      optimizer: { kind: 'adam', lr: 0.01 },
      training: { batchSize: 32 },
    }),
  },
  {
    name: 'digits from scikit-learn (10 classes), not standardised',
    spec: spec({
      data: { kind: 'digits', valFraction: 0.1, testFraction: 0.1, standardize: false },
      model: { hidden: [{ units: 24, activation: 'relu' }] },
      optimizer: { kind: 'sgd', lr: 0.01, momentum: 0.9 },
      training: { batchSize: 64 },
    }),
  },
  {
    name: 'regression1d with degree-5 polynomial features',
    spec: spec({
      data: { kind: 'regression1d', samples: 60, degree: 5, noise: 0.2 },
      optimizer: { kind: 'adam', lr: 0.01 },
      penalty: { kind: 'l2', lambda: 0.01 },
    }),
  },
  {
    name: 'sparseLinear, data embedded as base64, no hidden layer (lasso by proximal SGD)',
    spec: spec({
      data: { kind: 'sparseLinear', samples: 150, dimensions: 40, nonZeros: 4, noise: 0.1 },
      model: { hidden: [] },
      optimizer: { kind: 'sgd', lr: 0.05 },
      penalty: { kind: 'l1', lambda: 0.02, l1Mode: 'proximal' },
    }),
  },
  {
    name: 'dropout (statistical)',
    statistical: true,
    spec: spec({
      model: {
        hidden: [
          { units: 16, activation: 'tanh', dropout: 0.3 },
          { units: 8, activation: 'relu', dropout: 0.2 },
        ],
      },
      optimizer: { kind: 'adam', lr: 0.02 },
    }),
  },
  {
    name: 'jitter and mixup, 3 classes (statistical)',
    statistical: true,
    custom: 'classification',
    spec: spec({
      data: { kind: 'custom', task: 'classification', valFraction: 0.2, testFraction: 0 },
      optimizer: { kind: 'adam', lr: 0.02 },
      training: { jitter: 0.1, mixupAlpha: 0.4 },
    }),
  },
];

// Deterministic tables for the custom cases, as CSV text the engine parses (a page upload).
function csvTable(task: 'classification' | 'regression'): string {
  let state = 12345;
  const uniform = () => {
    state = (Math.imul(state, 1103515245) + 12345) >>> 0;
    return state / 2 ** 32;
  };
  const rows = ['a,b,c,' + (task === 'classification' ? 'label' : 'y1,y2,y3')];
  for (let i = 0; i < 90; i++) {
    const a = uniform() * 4 - 2;
    const b = uniform() * 10;
    const c = uniform() - 0.5;
    if (task === 'classification') {
      const label = a + 0.3 * b + c > 1.5 ? 2 : a - c > 0 ? 1 : 0;
      rows.push(`${a.toFixed(4)},${b.toFixed(3)},${c.toFixed(5)},${label}`);
    } else {
      const y = [Math.sin(a) + 0.1 * b, a * c * 10 + 3, b * b - 20 + uniform()];
      rows.push([a, b, c, ...y].map((v) => v.toFixed(5)).join(','));
    }
  }
  return rows.join('\n');
}

interface Outcome {
  c: Case;
  engine: MetricsBatch;
  python: Record<string, number[]>;
  script: string;
  file: string;
  stderr: string;
}

function makeTrainer(engine: EngineModule, c: Case): Trainer {
  if (!c.custom) return new engine.Trainer(c.spec);
  const table = engine.parseCsv(csvTable(c.custom), 1000);
  const targetCols = c.custom === 'classification' ? 1 : 3;
  const cols = table.cols - targetCols;
  const x: number[] = [];
  const y: number[] = [];
  for (let r = 0; r < table.rows; r++)
    for (let j = 0; j < table.cols; j++)
      (j < cols ? x : y).push(table.values[r * table.cols + j]!);
  return new engine.Trainer(c.spec, {
    x,
    y,
    rows: table.rows,
    cols,
    targetCols,
    featureNames: table.columns.slice(0, cols),
    targetNames: c.custom === 'regression' ? table.columns.slice(cols) : undefined,
  });
}

function exportInput(engine: EngineModule, c: Case, trainer: Trainer): PyTorchExportInput {
  return {
    spec: engine.normalizeSpec(c.spec),
    link: `https://example.org/playground/#case=${encodeURIComponent(c.name)}`,
    engineVersion: engine.version(),
    network: trainer.network(),
    parameters: trainer.parameters(),
    data: {
      train: trainer.data('train'),
      validation: trainer.data('validation'),
      test: trainer.data('test'),
    },
    steps: kSteps,
  };
}

function runPython(file: string): Promise<{ stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    execFile(
      kPython,
      [file],
      { timeout: 120000, maxBuffer: 64 << 20, env: { ...process.env, OMP_NUM_THREADS: '1' } },
      (error, stdout, stderr) => {
        if (error) reject(new Error(`${file} failed: ${error.message}\n${stderr}`));
        else resolve({ stdout, stderr });
      },
    );
  });
}

function parseCsv(text: string): Record<string, number[]> {
  const lines = text.trim().split('\n');
  const header = lines[0]!.split(',');
  const out: Record<string, number[]> = Object.fromEntries(header.map((h) => [h, []]));
  for (const line of lines.slice(1)) {
    line.split(',').forEach((v, i) => out[header[i]!]!.push(Number(v)));
  }
  return out;
}

// Pool of child processes: at most `width` Python runs at a time.
async function inPool<T, R>(items: T[], width: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  const workers = Array.from({ length: width }, async () => {
    while (next < items.length) {
      const i = next++;
      results[i] = await fn(items[i]!);
    }
  });
  await Promise.all(workers);
  return results;
}

// Largest |a − b| / max(|b|, floor) over a column, with where it happened.
function worst(a: number[], b: ArrayLike<number>, floor: number): { rel: number; at: number } {
  let rel = 0;
  let at = -1;
  for (let i = 0; i < b.length; i++) {
    const r = Math.abs(a[i]! - b[i]!) / Math.max(Math.abs(b[i]!), floor);
    if (!(r <= rel)) {
      rel = r;
      at = i;
    }
  }
  return { rel, at };
}

const kColumnPairs: [python: string, engine: keyof MetricsBatch][] = [
  ['batchLoss', 'batchLoss'],
  ['trainLoss', 'trainLoss'],
  ['valLoss', 'valLoss'],
  ['testLoss', 'testLoss'],
  ['trainPenalty', 'trainPenalty'],
];

if (problem) {
  describe('PyTorch export proof', () => {
    it.skip(`skipped: ${problem}`, () => {});
  });
}

describe.skipIf(!engineAvailable || problem !== null)('PyTorch export proof', () => {
  const outcomes = new Map<string, Outcome>();
  const dir = mkdtempSync(join(tmpdir(), 'pytorch-export-'));

  beforeAll(async () => {
    const engine = await loadNodeEngine();
    for (const kind of ['diabetes', 'digits'] as const) {
      const file = engine.describe().dataKinds.find((d) => d.kind === kind)!.file!;
      engine.loadDataSet(kind, readFileSync(`${root}engine/data/sets/${file}`, 'utf8'));
    }
    const prepared = kCases.map((c, i) => {
      const trainer = makeTrainer(engine, c);
      const input = exportInput(engine, c, trainer);
      trainer.runSteps(kSteps);
      const metrics = trainer.takeMetrics();
      trainer.delete();
      const script = exportPyTorch(input);
      const file = join(dir, `case${String(i).padStart(2, '0')}.py`);
      writeFileSync(file, script);
      return { c, metrics, script, file };
    });
    const runs = await inPool(prepared, 3, (p) => runPython(p.file));
    prepared.forEach((p, i) => {
      outcomes.set(p.c.name, {
        c: p.c,
        engine: p.metrics,
        python: parseCsv(runs[i]!.stdout),
        script: p.script,
        file: p.file,
        stderr: runs[i]!.stderr,
      });
    });
  }, 180000);

  for (const c of kCases.filter((k) => !k.statistical)) {
    it(`matches the engine step for step: ${c.name}`, () => {
      const o = outcomes.get(c.name)!;
      const m = o.engine;
      const py = o.python;
      const rows = m.rows;
      expect(py['step'], o.file).toEqual(Array.from(m.step));
      const report: string[] = [];
      for (const [pyName, engName] of kColumnPairs) {
        if (!py[pyName]) continue;
        const w = worst(py[pyName]!, m[engName] as Float64Array, 1e-3);
        report.push(`${pyName} ${w.rel.toExponential(1)}`);
        expect(w.rel, `${o.file}: ${pyName} at row ${w.at}`).toBeLessThanOrEqual(kLossTolerance);
      }
      const lr = worst(py["lr"]!, m.lr, 1e-12);
      // Printed with 9 significant digits.
      expect(lr.rel, `${o.file}: lr`).toBeLessThanOrEqual(1e-8);
      const epoch = worst(py['epoch']!, m.epoch, 1e-12);
      expect(epoch.rel, `${o.file}: epoch`).toBeLessThanOrEqual(1e-8);
      // Gradient norms of every step; the script prints nan on rows that follow no step (step 0,
      // the row of restored weights), where the engine writes 0.
      const stepRows = py['gradNorm']!.flatMap((v, i) => (Number.isNaN(v) ? [] : [i]));
      expect(stepRows.length, o.file).toBeGreaterThanOrEqual(rows - 2);
      const g = worst(
        stepRows.map((i) => py['gradNorm']![i]!),
        stepRows.map((i) => m.gradNormTotal[i]!),
        1e-3,
      );
      report.push(`gradNorm ${g.rel.toExponential(1)}`);
      expect(g.rel, `${o.file}: gradNorm at row ${stepRows[g.at]}`).toBeLessThanOrEqual(1e-3);
      // Accuracies: at most one borderline prediction may flip.
      for (const [pyName, engName, split] of [
        ['trainAccuracy', 'trainAccuracy', 'train'],
        ['valAccuracy', 'valAccuracy', 'validation'],
        ['testAccuracy', 'testAccuracy', 'test'],
      ] as const) {
        if (!py[pyName]) continue;
        const n = py[pyName]!.length;
        expect(n).toBe(rows);
        const samples = Number(/"(\w+)": (\d+)/.exec('')?.[2] ?? 0) || split.length; // unused
        void samples;
        for (let i = 0; i < rows; i++)
          expect(Math.abs(py[pyName]![i]! - m[engName][i]!), `${o.file}: ${pyName} row ${i}`).toBeLessThanOrEqual(0.02);
      }
      console.log(`${c.name}: ${report.join(', ')}`);
    });
  }

  for (const c of kCases.filter((k) => k.statistical)) {
    it(`matches the engine in distribution: ${c.name}`, () => {
      const o = outcomes.get(c.name)!;
      const m = o.engine;
      const py = o.python;
      expect(o.script).toMatch(/Statistical only:/);
      expect(py['step'], o.file).toEqual(Array.from(m.step));
      // Step 0 draws nothing: same weights, same data, eval mode.
      expect(Math.abs(py['trainLoss']![0]! - m.trainLoss[0]!)).toBeLessThanOrEqual(1e-5);
      // Both learn, and end near each other.
      const last = m.rows - 1;
      const tail = (v: ArrayLike<number>) =>
        (Array.from(v).slice(last - 4).reduce((a, b) => a + b, 0)) / 5;
      const engineEnd = tail(m.trainLoss);
      const pythonEnd = tail(py['trainLoss']!);
      expect(engineEnd).toBeLessThan(0.9 * m.trainLoss[0]!);
      expect(pythonEnd).toBeLessThan(0.9 * py['trainLoss']![0]!);
      expect(Math.abs(pythonEnd - engineEnd)).toBeLessThanOrEqual(0.25 * engineEnd + 0.02);
      console.log(`${c.name}: final train loss engine ${engineEnd.toFixed(4)}, torch ${pythonEnd.toFixed(4)}`);
    });
  }
});
