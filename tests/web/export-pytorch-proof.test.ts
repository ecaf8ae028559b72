// The proof of "Export as PyTorch": for a matrix of experiments (every optimizer, every penalty
// and mode, batch norm, clipping, max-norm, schedules with warm-up, early stopping, generated,
// custom and real data, multi-output regression), the engine's Node build trains 50 steps with
// recordEvery 1; the exported script runs under Debian's python3 with torch and prints its
// metrics (the first script as a user runs it, `python3 file.py`; the others as __main__ in two
// interpreters, which import torch once each); the two trajectories are compared row by row.
// Two grid sweeps are compared point by point with engine runs.
//   Deterministic runs (no dropout, jitter or mixup; shuffled batches are reproduced by the
//   script's port of the engine's generator) must agree to float32 tolerance.
//   Runs with dropout, jitter or mixup draw torch's random numbers: only their step 0 must agree
//   exactly, then both must learn, and end within a loose band of each other.
// Skipped (with the reason as the test's name) when /usr/bin/python3 lacks torch, NumPy or
// scikit-learn; with CI set, a missing Python stack is an error, so CI cannot skip the proof.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { afterAll, beforeAll, beforeEach, describe, expect, it, onTestFailed } from 'vitest';
import type {
  DeepPartial,
  EngineModule,
  ExperimentSpec,
  LayerSpec,
  MetricsBatch,
  Trainer,
} from '../../web/src/engine/engine-api';
import { exportPyTorch, exportSweep, refusal } from '../../web/src/export/pytorch';
import { defaultLayer, setPath, type SpecPath } from '../../web/src/spec/experiment-spec';
import type { SweepAxis } from '../../web/src/export/types';
import { syntheticInput } from './export-pytorch-input';
import { specArb } from './spec-arbitraries';
import {
  execPython,
  kPython,
  kRunScriptsCode,
  parseCsv,
  proofExportInput,
  pythonStackProblem,
  worst,
  type Columns,
} from './pytorch-proof-harness';
import { engineAvailable, loadNodeEngine } from './support/node-engine';

const kSteps = 50;
// Losses, penalties: float32 arithmetic in a different order (Eigen vs torch) over 50 steps.
const kLossTolerance = 1e-4;

const problem = pythonStackProblem('PyTorch export proof');

const root = fileURLToPath(new URL('../../', import.meta.url));

// A hidden layer: the schema's defaults, then these fields.
function h(
  units: number,
  activation: LayerSpec['activation'],
  more: Partial<LayerSpec> = {},
): LayerSpec {
  return { ...defaultLayer(), units, activation, ...more };
}

interface Case {
  name: string;
  spec: DeepPartial<ExperimentSpec>;
  custom?: 'classification' | 'regression';
  statistical?: boolean;
  state?: 'earlyStopped' | 'finished'; // how the engine's run must end within the steps
}

const kBase: DeepPartial<ExperimentSpec> = {
  seed: 11,
  data: { kind: 'moons', samples: 120, noise: 0.15, valFraction: 0.2, testFraction: 0.2 },
  model: {
    hidden: [h(8, 'tanh'), h(6, 'relu')],
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
        hidden: [h(8, 'relu', { batchNorm: true }), h(6, 'tanh', { batchNorm: true })],
      },
      optimizer: { kind: 'adamw', lr: 0.01, weightDecay: 0.05, decayScope: 'all' },
      penalty: { kind: 'l2', lambda: 0.01 },
    }),
  },
  {
    name: 'adamw (decay on weights only), elastic net subgradient, batch norm, 1-row batches',
    spec: spec({
      data: { kind: 'xor', samples: 100, valFraction: 0.16 },
      model: {
        hidden: [h(10, 'relu', { batchNorm: true })],
        batchNormMomentum: 0.2,
        batchNormEps: 1e-3,
      },
      optimizer: { kind: 'adamw', lr: 0.01, weightDecay: 0.1, decayScope: 'weights' },
      penalty: { kind: 'elasticNet', lambda: 0.005, l1Mode: 'subgradient', l1Ratio: 0.3 },
      training: { batchSize: 7 }, // 64 training rows: 9 batches of 7, then one of 1
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
        hidden: [h(8, 'leakyRelu', { penaltyScale: 2 }), h(6, 'sigmoid', { penaltyScale: 0.5 })],
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
      data: {
        kind: 'spiral',
        samples: 160,
        noise: 0.1,
        features: ['x1', 'x2', 'sinX1', 'sinX2', 'x1x2'],
      },
      optimizer: { kind: 'adam', lr: 0.03 },
      schedule: { kind: 'cosine', tMax: 30, etaMin: 0.001, warmupSteps: 8 },
    }),
  },
  {
    name: 'exponential schedule, gauss, full-batch gradient descent to an epoch limit, no validation split',
    spec: spec({
      data: { kind: 'gauss', samples: 80, valFraction: 0, testFraction: 0.25 },
      optimizer: { kind: 'sgd', lr: 0.2 },
      schedule: { kind: 'exponential', gamma: 0.97 },
      training: { batchSize: 0, maxEpochs: 40 },
    }),
    state: 'finished',
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
    state: 'earlyStopped',
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
    name: 'diabetes from scikit-learn (regression, standardised targets), 60% of the training rows kept',
    spec: spec({
      data: { kind: 'diabetes', valFraction: 0.2, testFraction: 0.2, trainFraction: 0.6 },
      model: { hidden: [h(16, 'relu')] },
      optimizer: { kind: 'adam', lr: 0.01 },
      training: { batchSize: 32 },
    }),
  },
  {
    name: 'digits from scikit-learn (10 classes), not standardised',
    spec: spec({
      data: { kind: 'digits', valFraction: 0.1, testFraction: 0.1, standardize: false },
      model: { hidden: [h(24, 'relu')] },
      optimizer: { kind: 'sgd', lr: 0.01, momentum: 0.9 },
      training: { batchSize: 64 },
    }),
  },
  {
    name: 'breast cancer from scikit-learn (binary, malignant = 1), mixed layers',
    spec: spec({
      data: { kind: 'breastCancer', valFraction: 0.25, testFraction: 0.15 },
      model: { hidden: [h(12, 'relu', { batchNorm: true }), h(6, 'tanh')] },
      optimizer: { kind: 'adamw', lr: 0.005, weightDecay: 0.01 },
      training: { batchSize: 40, clipNorm: 2 },
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
        hidden: [h(16, 'tanh', { dropout: 0.3 }), h(8, 'relu', { dropout: 0.2 })],
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

// Two grid sweeps, each point compared with an engine run of the same settings: plain values
// (learning rate × λ), and branches in the script (optimizer × penalty kind, gradient and
// proximal penalties in one file).
interface SweepCase {
  name: string;
  spec: DeepPartial<ExperimentSpec>;
  axes: SweepAxis[];
}

const kSweepSteps = 30;
const kSweeps: SweepCase[] = [
  {
    name: 'learning rate × L1 (proximal) strength',
    spec: spec({ penalty: { kind: 'l1', lambda: 0.01, l1Mode: 'proximal' } }),
    axes: [
      { path: 'optimizer.lr', values: [0.01, 0.1] },
      { path: 'penalty.lambda', values: [0, 0.02] },
    ],
  },
  {
    name: 'optimizer × penalty kind',
    spec: spec({ penalty: { kind: 'l2', lambda: 0.01 }, optimizer: { momentum: 0.5 } }),
    axes: [
      { path: 'optimizer.kind', values: ['sgd', 'adam', 'rmsprop'] },
      { path: 'penalty.kind', values: ['none', 'l2', 'lp', 'elasticNet'] },
    ],
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

function caseLink(name: string): string {
  return `https://example.org/playground/#case=${encodeURIComponent(name)}`;
}

function makeTrainer(engine: EngineModule, c: Pick<Case, 'spec' | 'custom'>): Trainer {
  if (!c.custom) return new engine.Trainer(c.spec);
  const table = engine.parseCsv(csvTable(c.custom), 1000);
  const targetCols = c.custom === 'classification' ? 1 : 3;
  const cols = table.cols - targetCols;
  const x: number[] = [];
  const y: number[] = [];
  for (let r = 0; r < table.rows; r++)
    for (let j = 0; j < table.cols; j++) (j < cols ? x : y).push(table.values[r * table.cols + j]!);
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

// Runs the scripts named on the command line (run_scripts in the harness).
const kBatchRunner = `${kRunScriptsCode}
run_scripts(sys.argv[1:])
`;

// Every script's stdout and stderr: the first run on its own as a user runs it
// (python3 file.py), the others in two batches.
async function runScripts(
  dir: string,
  files: string[],
): Promise<{ stdout: string; stderr: string }[]> {
  const runner = join(dir, 'run_batch.py');
  writeFileSync(runner, kBatchRunner);
  const rest = files.slice(1);
  const batches = [0, 1].map((b) => rest.filter((_, i) => i % 2 === b));
  const [first] = await Promise.all([
    execPython([files[0]!]),
    ...batches.filter((b) => b.length).map((b) => execPython([runner, ...b])),
  ]);
  return [
    first!,
    ...rest.map((f) => ({
      stdout: readFileSync(`${f}.out`, 'utf8'),
      stderr: readFileSync(`${f}.err`, 'utf8'),
    })),
  ];
}

const kLossColumns = ['batchLoss', 'trainLoss', 'valLoss', 'testLoss', 'trainPenalty'] as const;
const kAccuracies = [
  ['trainAccuracy', 'train'],
  ['valAccuracy', 'validation'],
  ['testAccuracy', 'test'],
] as const;

interface Outcome {
  engine: MetricsBatch;
  state: string;
  splitRows: Record<'train' | 'validation' | 'test', number>;
  python: Columns;
  script: string;
  file: string;
  stderr: string;
}

interface SweepOutcome {
  engine: { values: (string | number)[]; last: Record<string, number> }[];
  python: string[][];
  header: string[];
  file: string;
  stderr: string;
}

if (problem) {
  console.warn(`PyTorch export proof skipped: ${problem}`);
  describe('PyTorch export proof', () => {
    it.skip(`skipped: ${problem}`, () => {});
  });
}

describe.skipIf(!engineAvailable || problem !== null)('PyTorch export proof', () => {
  const outcomes = new Map<string, Outcome>();
  const sweeps = new Map<string, SweepOutcome>();
  const measured: string[] = [];
  let largest = 0;
  // The scripts stay in the temporary folder when a test fails (its message names the file).
  let dir = '';
  let failed = false;
  beforeEach(() => onTestFailed(() => void (failed = true)));

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'pytorch-export-'));
    const engine = await loadNodeEngine();
    for (const kind of ['diabetes', 'breastCancer', 'digits'] as const) {
      const file = engine.describe().dataKinds.find((d) => d.kind === kind)!.file!;
      engine.loadDataSet(kind, readFileSync(`${root}engine/data/sets/${file}`, 'utf8'));
    }
    const jobs: { file: string; done: (out: { stdout: string; stderr: string }) => void }[] = [];
    kCases.forEach((c, i) => {
      const trainer = makeTrainer(engine, c);
      const input = proofExportInput(engine, c.spec, trainer, caseLink(c.name), kSteps);
      const status = trainer.runSteps(kSteps);
      const metrics = trainer.takeMetrics();
      const splitRows = {
        train: trainer.data('train').rows,
        validation: trainer.data('validation').rows,
        test: trainer.data('test').rows,
      };
      trainer.delete();
      const script = exportPyTorch(input);
      const file = join(dir, `case${String(i).padStart(2, '0')}.py`);
      writeFileSync(file, script);
      jobs.push({
        file,
        done: (out) =>
          outcomes.set(c.name, {
            engine: metrics,
            state: status.state,
            splitRows,
            python: parseCsv(out.stdout),
            script,
            file,
            stderr: out.stderr,
          }),
      });
    });
    kSweeps.forEach((s, i) => {
      const trainer = makeTrainer(engine, s);
      const input = proofExportInput(engine, s.spec, trainer, caseLink(s.name), kSweepSteps);
      trainer.delete();
      // Every grid point on the engine, first axis outermost (itertools.product's order).
      const points = s.axes.reduce<(string | number)[][]>(
        (acc, axis) => acc.flatMap((p) => axis.values.map((v) => [...p, v as string | number])),
        [[]],
      );
      const engineRuns = points.map((values) => {
        let point = input.spec;
        s.axes.forEach((axis, k) => {
          point = setPath(point, axis.path as SpecPath, values[k]!);
        });
        const t = new engine.Trainer(point);
        t.runSteps(kSweepSteps);
        const m = t.takeMetrics();
        t.delete();
        const last = Object.fromEntries(
          (['trainLoss', 'valLoss', 'testLoss', 'trainPenalty', 'lr'] as const).map((k) => [
            k,
            m[k][m.rows - 1]!,
          ]),
        );
        return { values, last };
      });
      const file = join(dir, `sweep${i}.py`);
      writeFileSync(file, exportSweep(input, s.axes));
      jobs.push({
        file,
        done: (out) => {
          const lines = out.stdout.trim().split('\n');
          sweeps.set(s.name, {
            engine: engineRuns,
            header: lines[0]!.split(','),
            python: lines.slice(1).map((l) => l.split(',')),
            file,
            stderr: out.stderr,
          });
        },
      });
    });
    const results = await runScripts(
      dir,
      jobs.map((j) => j.file),
    );
    jobs.forEach((j, i) => j.done(results[i]!));
  }, 240000);

  afterAll(() => {
    if (dir && !failed) rmSync(dir, { recursive: true, force: true });
    if (measured.length)
      console.log(
        `PyTorch export: largest relative difference ${largest.toExponential(1)}\n  ${measured.join('\n  ')}`,
      );
  });

  for (const c of kCases.filter((k) => !k.statistical)) {
    it(`matches the engine step for step: ${c.name}`, () => {
      const o = outcomes.get(c.name)!;
      const m = o.engine;
      const py = o.python;
      expect(o.stderr, o.file).not.toMatch(/Warning|Error/);
      expect(o.state, 'the engine run').toBe(c.state ?? 'running');
      expect(py['step'], o.file).toEqual(Array.from(m.step));
      const report: string[] = [];
      for (const name of kLossColumns) {
        if (!py[name]) continue;
        const w = worst(py[name]!, m[name], 1e-3);
        report.push(`${name} ${w.rel.toExponential(1)}`);
        largest = Math.max(largest, w.rel);
        expect(w.rel, `${o.file}: ${name} at row ${w.at}`).toBeLessThanOrEqual(kLossTolerance);
      }
      // Printed with 9 significant digits.
      expect(worst(py['lr']!, m.lr, 1e-12).rel, `${o.file}: lr`).toBeLessThanOrEqual(1e-8);
      expect(worst(py['epoch']!, m.epoch, 1e-12).rel, `${o.file}: epoch`).toBeLessThanOrEqual(1e-8);
      // Gradient norms of every step; the script prints nan on rows that follow no step (step 0,
      // the row of restored weights), where the engine writes 0.
      const stepRows = py['gradNorm']!.flatMap((v, i) => (Number.isNaN(v) ? [] : [i]));
      expect(stepRows.length, o.file).toBe(m.rows - (c.state === 'earlyStopped' ? 2 : 1));
      const g = worst(
        stepRows.map((i) => py['gradNorm']![i]!),
        stepRows.map((i) => m.gradNormTotal[i]!),
        1e-3,
      );
      report.push(`gradNorm ${g.rel.toExponential(1)}`);
      expect(g.rel, `${o.file}: gradNorm at row ${stepRows[g.at]}`).toBeLessThanOrEqual(1e-3);
      // Accuracies: at most one borderline prediction of a split may differ.
      for (const [name, split] of kAccuracies) {
        if (!py[name]) continue;
        const n = o.splitRows[split];
        const flips = Math.max(
          ...py[name]!.map((v, i) => Math.round(Math.abs(v - m[name][i]!) * n)),
        );
        expect(flips, `${o.file}: ${name}`).toBeLessThanOrEqual(1);
      }
      measured.push(`${c.name}: ${report.join(', ')}`);
    });
  }

  for (const c of kCases.filter((k) => k.statistical)) {
    it(`matches the engine in distribution: ${c.name}`, () => {
      const o = outcomes.get(c.name)!;
      const m = o.engine;
      const py = o.python;
      expect(o.script).toMatch(/Statistical only:/);
      expect(o.stderr, o.file).not.toMatch(/Warning|Error/);
      expect(py['step'], o.file).toEqual(Array.from(m.step));
      // Step 0 draws nothing: the same weights on the same data, in eval mode.
      expect(
        worst(py['trainLoss']!.slice(0, 1), m.trainLoss.slice(0, 1), 1e-3).rel,
      ).toBeLessThanOrEqual(kLossTolerance);
      // Both learn, and end near each other (mean of the last 5 rows).
      const tail = (v: ArrayLike<number>) =>
        Array.from(v)
          .slice(-5)
          .reduce((a, b) => a + b, 0) / 5;
      const engineEnd = tail(m.trainLoss);
      const pythonEnd = tail(py['trainLoss']!);
      expect(engineEnd).toBeLessThan(0.8 * m.trainLoss[0]!);
      expect(pythonEnd).toBeLessThan(0.8 * py['trainLoss']![0]!);
      expect(Math.abs(pythonEnd - engineEnd), o.file).toBeLessThanOrEqual(0.25 * engineEnd + 0.02);
      measured.push(
        `${c.name}: final train loss ${engineEnd.toFixed(4)} (engine), ${pythonEnd.toFixed(4)} (torch)`,
      );
    });
  }

  for (const s of kSweeps) {
    it(`sweeps a grid whose every point matches the engine: ${s.name}`, () => {
      const o = sweeps.get(s.name)!;
      expect(o.stderr, o.file).not.toMatch(/Warning|Error/);
      expect(o.python.length).toBe(o.engine.length);
      o.engine.forEach((point, i) => {
        const row = o.python[i]!;
        const cells = row
          .slice(0, s.axes.length)
          .map((v, k) => (typeof point.values[k] === 'number' ? Number(v) : v));
        expect(cells, o.file).toEqual(point.values);
        for (const [name, value] of Object.entries(point.last)) {
          const at = o.header.indexOf(name);
          if (at < 0) continue;
          const w = worst([Number(row[at])], [value], name === 'lr' ? 1e-12 : 1e-3);
          expect(
            w.rel,
            `${o.file}: ${name} at grid point ${point.values.join(', ')}`,
          ).toBeLessThanOrEqual(name === 'lr' ? 1e-8 : kLossTolerance);
        }
      });
    });
  }
});

// Names a script uses that it never defines (module level, or a function's globals), and imports
// it never uses: what pyflakes would report first, with only the standard library's symtable.
const kNameCheck = `
import builtins, symtable, sys

def problems(path):
    with open(path) as f:
        src = f.read()
    compile(src, path, "exec")
    top = symtable.symtable(src, path, "exec")
    known = set(dir(builtins))
    for s in top.get_symbols():
        if s.is_assigned() or s.is_imported():
            known.add(s.get_name())
    used, out = set(), []
    def walk(table, where):
        for s in table.get_symbols():
            name = s.get_name()
            if s.is_referenced() and (table is top or s.is_global()):
                used.add(name)
                if name not in known:
                    out.append(f"{path}: {where} uses undefined {name}")
        for child in table.get_children():
            walk(child, child.get_name())
    walk(top, "<module>")
    for s in top.get_symbols():
        if s.is_imported() and s.get_name() not in used:
            out.append(f"{path}: unused import {s.get_name()}")
    return out

bad = [p for path in sys.argv[1:] for p in problems(path)]
for problem in bad:
    print(problem)
sys.exit(1 if bad else 0)
`;

describe.skipIf(!existsSync(kPython))('exported scripts, for any valid spec', () => {
  it('compile, and use only names they define', () => {
    const dir = mkdtempSync(join(tmpdir(), 'pytorch-export-names-'));
    const files: string[] = [];
    fc.sample(specArb, { numRuns: 40, seed: 7 }).forEach((s, i) => {
      s.model.hidden = s.model.hidden
        .slice(0, 3)
        .map((l) => ({ ...l, units: Math.min(l.units, 6) }));
      s.data.dimensions = Math.min(s.data.dimensions, 12);
      s.data.nonZeros = Math.min(s.data.nonZeros, s.data.dimensions);
      s.data.degree = Math.min(s.data.degree, 4);
      if (refusal(s)) return; // refused with its reason (export-pytorch.test.ts)
      const input = syntheticInput(s);
      // A link with what a docstring must escape: a backslash (\d), triple quotes, a newline.
      input.link += `&note=C:\\dir\\data"""\nend`;
      const single = join(dir, `spec${i}.py`);
      writeFileSync(single, exportPyTorch(input));
      const sweep = join(dir, `sweep${i}.py`);
      writeFileSync(
        sweep,
        exportSweep(input, [
          // Above the cosine floor, as the rules require.
          { path: 'optimizer.lr', values: [s.optimizer.lr, Math.min(10, 2 * s.optimizer.lr)] },
          { path: 'penalty.kind', values: ['none', 'l1', 'l2', 'elasticNet', 'lp'] },
        ]),
      );
      files.push(single, sweep);
    });
    const check = join(dir, 'check_names.py');
    writeFileSync(check, kNameCheck);
    let report = '';
    try {
      // -W error: an invalid escape sequence (a SyntaxWarning) fails the check too.
      execFileSync(kPython, ['-W', 'error', check, ...files], { stdio: 'pipe', timeout: 60000 });
    } catch (e) {
      report =
        String((e as { stdout?: Buffer }).stdout ?? '') +
        String((e as { stderr?: Buffer }).stderr ?? e);
    }
    expect(report).toBe('');
    rmSync(dir, { recursive: true, force: true });
  });
});
