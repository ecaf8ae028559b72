// "Export as PyTorch": one self-contained Python file that reproduces a run of the engine with
// torch (1.13 conventions, see the README's "The math"), or sweeps a grid of its
// hyper-parameters. exportPyTorch(input) and exportSweep(input, axes) return the file's text;
// what the input holds and where the page gets it is in types.ts, what is exact and what is
// statistical in README.md.
import type { ExperimentSpec } from '../engine/engine-api';
import { field, layerField, setPath, type SpecPath } from '../spec/experiment-spec';
import { isRelevant, repairSpec } from '../spec/rules';
import { coerceField } from '../spec/validate';
import { ConfigUse, configKeyFor, kConfigKeys } from './config';
import { dataCode, isRealSet, type Task } from './data-code';
import { featuresOf, statisticalParts, type Features } from './features';
import { augmentCode } from './augment-code';
import { isTrainable } from './cnn-model-code';
import { architectureText, initialWeightsCode, modelCode } from './model-code';
import { docText, pyValue, wrapText, type PyValue } from './python-literals';
import { kShuffleStream, pcg32Code } from './rng-code';
import {
  batchOrderCode,
  earlyStoppingCode,
  evaluateCode,
  hookCode,
  lossCode,
  metricColumns,
  optimizerCode,
  penaltyCode,
  scheduleCode,
  trainCode,
} from './training-code';
import type { PyTorchExportInput, SweepAxis } from './types';

export type { PyTorchExportInput, SweepAxis } from './types';

function heading(title: string): string {
  return `# ---- ${title} ${'-'.repeat(Math.max(4, 92 - title.length))}`;
}

function runTitle(spec: ExperimentSpec, input: PyTorchExportInput): string {
  const p = spec.penalty;
  const name = { l1: 'L1', l2: 'L2', elasticNet: 'elastic net', lp: `Lp (p = ${p.p})`, none: '' };
  const mode = p.kind === 'l1' || p.kind === 'elasticNet' ? ` (${p.l1Mode})` : '';
  const penalty =
    p.kind === 'none' || p.lambda === 0 ? 'no penalty' : `${name[p.kind]}${mode}, λ = ${p.lambda}`;
  const schedule = spec.schedule.kind === 'constant' ? '' : `, ${spec.schedule.kind} schedule`;
  const warmup =
    spec.schedule.warmupSteps > 0 ? ` with ${spec.schedule.warmupSteps} warm-up steps` : '';
  return `${spec.data.kind}: ${architectureText(spec, input.network.inputs, input.network.outputs)}; ${spec.optimizer.kind}, lr ${spec.optimizer.lr}${schedule}${warmup}; ${penalty}`;
}

function exactParts(f: Features, realSet: boolean): string[] {
  const out = [
    realSet
      ? "the data (scikit-learn's copy of the engine's table, split with the engine's seeded permutation, standardised with the training split's statistics)"
      : "the data (the engine's own split, embedded, expanded and standardised as the engine does)",
    'the initial weights',
    f.shuffle
      ? "the batch order (the engine's PCG32 shuffle, ported below)"
      : 'the batch order (row order)',
    'the loss',
  ];
  if (f.penaltyKinds.length) out.push('the penalty');
  out.push('the optimizer');
  if (f.scheduleKinds.length || f.warmup) out.push('the learning-rate schedule');
  if (f.clipNorm || f.clipValue) out.push('gradient clipping');
  if (f.maxNorm) out.push('max-norm');
  if (f.earlyStopping) out.push('early stopping');
  if (f.engineMasks && (f.dropout || f.dropBlock))
    out.push("the dropout masks (Dropout, Dropout2d, DropBlock: the engine's draws, ported below)");
  if (f.augment && !f.jitter && !f.mixup)
    out.push("the image augmentation (the engine's draws, ported below)");
  return out;
}

interface Assembly {
  input: PyTorchExportInput;
  runs: ExperimentSpec[];
  grid?: { key: string; values: PyValue[] }[];
}

function configLines(use: ConfigUse, spec: ExperimentSpec, steps: number): string[] {
  const lines = ['CONFIG = dict('];
  for (const k of use.keys()) {
    const value = k.value(spec, steps);
    const item = `    ${k.key}=${pyValue(value)},`;
    if (k.doc && item.length + k.doc.length + 4 <= 100) lines.push(`${item}  # ${k.doc}`);
    else {
      if (k.doc) lines.push(`    # ${k.doc}`);
      lines.push(...listLines(`    ${k.key}=`, value, ','));
    }
  }
  lines.push(')');
  return lines;
}

// `prefix` + a Python value, a long list wrapped one line per few items.
function listLines(prefix: string, value: PyValue, tail: string): string[] {
  const one = `${prefix}${pyValue(value)}${tail}`;
  if (one.length <= 100 || !Array.isArray(value)) return [one];
  const indent = ' '.repeat(prefix.length - prefix.trimStart().length + 4);
  return [
    `${prefix}[`,
    ...wrapText((value as PyValue[]).map((v) => `${pyValue(v)},`).join(' '), indent, 100),
    `${' '.repeat(indent.length - 4)}]${tail}`,
  ];
}

function assemble({ input, runs, grid }: Assembly): string {
  const spec = input.spec;
  const task: Task = input.network.task;
  const data = dataCode(input, task);
  const f = featuresOf(
    runs,
    task,
    input.network.outputs,
    data.rows.train,
    data.rows.validation > 0,
    data.rows.test > 0,
  );
  const use = new ConfigUse();
  const scheduled = f.scheduleKinds.length > 0 || f.warmup;
  const columns = metricColumns(f);
  const realSet = data.fromScikitLearn;

  // Code first: it decides which CONFIG keys exist.
  const model = [
    modelCode(spec, input.network.inputs, input.network.outputs, {
      withDropout: f.dropout,
      singleRowBatches: f.singleRowBatches,
    }),
    initialWeightsCode(spec, input.parameters, f.dropout),
  ];
  if (f.dropout) use.read('dropout');
  const lossAndPenalty = [lossCode(f), ...penaltyCode(f, use)];
  const optim = [...optimizerCode(f, use), ...scheduleCode(f, use)];
  const loop = [
    ...hookCode(f),
    batchOrderCode(f),
    ...earlyStoppingCode(f),
    evaluateCode(f),
    [
      '# The metrics the page charts, one CSV column each.',
      'COLUMNS = [',
      ...wrapText(columns.map((c) => `"${c}",`).join(' '), '    '),
      ']',
    ].join('\n'),
    trainCode(f, use, scheduled),
  ];
  for (const g of grid ?? []) use.read(g.key);

  const statistical = statisticalParts(f);
  const doc: string[] = [
    ...wrapText(`"""${docText(runTitle(spec, input))}`, '', 96),
    '',
    'Exported from the Regularization Playground ("Export as PyTorch"):',
    `    ${docText(input.link)}`,
    `Engine ${docText(input.engineVersion)}. Needs Python 3, NumPy and PyTorch (written for PyTorch 1.13)${realSet ? ' and scikit-learn' : ''}:`,
    grid ? '    python3 this_file.py > sweep.csv' : '    python3 this_file.py > metrics.csv',
    '',
    'Exact and statistical',
    ...wrapText(
      `Exact, step for step up to float32 rounding: ${exactParts(f, realSet).join(', ')}.`,
      '    ',
    ),
    ...(statistical.length
      ? wrapText(
          `Statistical only: ${statistical.join('; ')}. torch draws these with its own generator, so a run matches the engine's in distribution, not step for step.`,
          '    ',
        )
      : wrapText(
          "Nothing is drawn by torch: the losses follow the engine's step for step (to float32 rounding; torch's and Eigen's sums round differently, so long runs drift apart slowly).",
          '    ',
        )),
    ...wrapText(
      'A run as the page shows it may have had settings changed while it trained (they apply live); this file is the run with its current settings, from step 0.',
      '',
    ),
    '',
    ...wrapText(
      grid
        ? `Output: CSV on stdout, one row per grid point: the swept values, then the last recorded metrics (${columns.join(', ')}).`
        : `Output: CSV on stdout, a row every record_every steps and at each epoch end, with the metrics the page charts: ${columns.join(', ')}. The losses are means over a whole split in eval mode (batchLoss: the step's batch in train mode), in the units the loss sees${task === 'regression' && spec.data.standardize ? ' (standardised targets)' : ''}.`,
      '',
    ),
    '"""',
  ];

  const imports = ['import math', 'import sys'];
  const code: string[] = [];
  code.push(
    [
      `SEED = ${spec.seed}  # the engine drew the data, split, initial weights and batch order from it`,
      ...(f.shuffle
        ? [
            `SHUFFLE_STREAM = 0x${kShuffleStream.toString(16).toUpperCase()}  # the engine's random stream for the batch order`,
          ]
        : []),
      '',
      '# The hyper-parameters the engine can change without a new network; the data and the',
      '# architecture are fixed below.',
      ...configLines(use, spec, input.steps),
    ].join('\n'),
  );
  if (grid) {
    code.push(
      [
        '# The grid: every combination of these values, the rest of CONFIG unchanged.',
        'GRID = {',
        ...grid.flatMap((g) => listLines(`    "${g.key}": `, g.values, ',')),
        '}',
      ].join('\n'),
    );
  }
  const sections: [string, string[]][] = [
    ['The data', [data.code]],
    ...(realSet || f.shuffle || f.augment || (f.engineMasks && (f.dropout || f.dropBlock))
      ? ([["The engine's random generator", [pcg32Code(f.augment)]]] as [string, string[]][])
      : []),
    ...(f.augment ? ([['Image augmentation', [augmentCode(spec)]]] as [string, string[]][]) : []),
    ['The network', model],
    ['The loss and the penalty', lossAndPenalty],
    ['The optimizer and the learning rate', optim],
    ['Training', loop],
  ];
  for (const [title, parts] of sections)
    code.push(`${heading(title)}\n\n\n${parts.join('\n\n\n')}`);
  code.push(grid ? sweepMain(grid, f) : singleMain());

  let body = code.join('\n\n\n');
  if (body.includes('float32_array(')) {
    imports.unshift('import base64');
    body = body.replace(
      heading('The data'),
      `${heading('The data')}\n\n\ndef float32_array(text):\n    """float32 values stored as base64 of their little-endian bytes (exact, and compact)."""\n    return np.frombuffer(base64.b64decode(text), dtype="<f4").astype(np.float32)`,
    );
  }
  if (f.earlyStopping) imports.push('import copy');
  if (grid) imports.splice(imports.indexOf('import math'), 0, 'import itertools');
  imports.sort();
  const fromImports = ['from collections import OrderedDict'];
  const header = [
    doc.join('\n'),
    [...imports, ...fromImports].join('\n'),
    ['import numpy as np', 'import torch', 'from torch import nn'].join('\n'),
  ];
  return `${header.join('\n\n')}\n\n${body}\n`;
}

function singleMain(): string {
  return [
    'def main():',
    '    """Trains the run, printing its metrics as CSV."""',
    '    data = load_data()',
    '    print(",".join(COLUMNS))',
    '    train(CONFIG, data)',
    '',
    '',
    'if __name__ == "__main__":',
    '    main()',
  ].join('\n');
}

function sweepMain(grid: { key: string; values: PyValue[] }[], f: Features): string {
  const objective = f.hasValidation ? 'valLoss' : 'trainLoss';
  const first = grid[0]!;
  return [
    'def cell(value):',
    '    """A grid value as one CSV cell (a per-layer list as values joined by spaces)."""',
    '    return " ".join(map(str, value)) if isinstance(value, list) else str(value)',
    '',
    '',
    'def main():',
    '    """Trains every grid point from the same initial weights and prints its last metrics."""',
    '    data = load_data()',
    '    names = list(GRID)',
    '    print(",".join(names + COLUMNS))',
    '    for values in itertools.product(*GRID.values()):',
    '        config = dict(CONFIG, **dict(zip(names, values)))',
    '        last = train(config, data, log=False)',
    '        metrics = [f"{last[name]:.9g}" for name in COLUMNS]',
    '        print(",".join([cell(v) for v in values] + metrics), flush=True)',
    '',
    '',
    '# The same train(config, data) plugs into a tuner in place of the loop above (neither is',
    '# needed here), e.g.',
    '#   Optuna:',
    '#       def objective(trial):',
    `#           config = dict(CONFIG, ${first.key}=trial.suggest_categorical("${first.key}", GRID["${first.key}"]))`,
    `#           return train(config, DATA, log=False)["${objective}"]`,
    '#       DATA = load_data()',
    '#       optuna.create_study().optimize(objective, n_trials=20)',
    '#   Ray Tune:',
    `#       tune.run(lambda c: tune.report(**train(dict(CONFIG, **c), load_data(), log=False)),`,
    `#                config={"${first.key}": tune.grid_search(GRID["${first.key}"])})`,
    '',
    '',
    'if __name__ == "__main__":',
    '    main()',
  ].join('\n');
}

// What the exporter cannot reproduce yet refuses the run with the reason, rather than write a
// script that silently trains something else.
export function refusal(spec: ExperimentSpec): string | null {
  if (isRealSet(spec.data.kind) && spec.data.folds > 0)
    return `data.folds (a network's cross-validation folds) on the ${spec.data.kind} set is not exported: the script would split the rows without the folds. Export the run with data.folds 0`;
  return null;
}

function checkInput(input: PyTorchExportInput): void {
  if (!Number.isInteger(input.steps) || input.steps < 0)
    throw new Error(`exportPyTorch: steps must be a whole number ≥ 0, got ${input.steps}`);
  const reason = refusal(input.spec);
  if (reason) throw new Error(`exportPyTorch: ${reason}`);
  const expected = input.spec.model.hidden.filter(isTrainable).length + 1;
  const weights = input.parameters.filter((p) => p.name.endsWith('.weight')).length;
  if (weights !== expected)
    throw new Error(
      `exportPyTorch: ${weights} weight matrices for ${expected} dense and conv layers; pass trainer.parameters()`,
    );
}

// The Python file that reproduces the run: exact where the engine is deterministic, in
// distribution where torch draws its own random numbers (dropout, jitter, mixup).
export function exportPyTorch(input: PyTorchExportInput): string {
  checkInput(input);
  return assemble({ input, runs: [input.spec] });
}

// A run's spec with one sweep value applied, checked as a link's value would be.
function withValue(spec: ExperimentSpec, axis: SweepAxis, value: unknown): ExperimentSpec {
  if (axis.path === 'hidden.dropout' || axis.path === 'hidden.penaltyScale') {
    const key = axis.path === 'hidden.dropout' ? 'dropout' : 'penaltyScale';
    const r = coerceField(layerField(key), value);
    if (r.warning || typeof r.value !== 'number')
      throw new Error(
        `exportSweep: ${axis.path} value ${String(value)} is not allowed (${r.warning?.allowed ?? ''})`,
      );
    const next = structuredClone(spec);
    next.model.hidden = next.model.hidden.map((l) => ({ ...l, [key]: r.value }));
    return next;
  }
  const path = axis.path as SpecPath;
  const r = coerceField(field(path), value);
  if (r.warning || r.value === undefined)
    throw new Error(
      `exportSweep: ${path} value ${String(value)} is not allowed (${r.warning?.allowed ?? ''})`,
    );
  return setPath(spec, path, r.value);
}

// A grid sweep over one or two hyper-parameters: the same training code, CONFIG as the run,
// and a plain loop over every combination of the axes' values, printing one CSV row per grid
// point. Axes must be fields the engine applies without a new network (schema effect 'live'
// or 'newState'; not data, architecture or seed), and must matter for the run.
export function exportSweep(input: PyTorchExportInput, axes: readonly SweepAxis[]): string {
  checkInput(input);
  if (axes.length < 1 || axes.length > 2)
    throw new Error('exportSweep: sweep one or two hyper-parameters');
  const grid: { key: string; values: PyValue[] }[] = [];
  let runs: ExperimentSpec[] = [input.spec];
  for (const axis of axes) {
    const key = configKeyFor(axis.path);
    if (!key)
      throw new Error(
        `exportSweep: ${axis.path} changes the data or the network; sweep one of ${kConfigKeys
          .map((k) => k.source)
          .filter((s) => s !== 'steps')
          .join(', ')}`,
      );
    if (grid.some((g) => g.key === key.key)) throw new Error(`exportSweep: ${axis.path} twice`);
    if (!axis.values.length) throw new Error(`exportSweep: no values for ${axis.path}`);
    if (axis.path !== 'hidden.dropout' && axis.path !== 'hidden.penaltyScale') {
      if (!isRelevant(input.spec, axis.path as SpecPath))
        throw new Error(`exportSweep: ${axis.path} has no effect on this run`);
    } else if (axis.path === 'hidden.penaltyScale' && input.spec.penalty.kind === 'none') {
      throw new Error('exportSweep: hidden.penaltyScale has no effect without a penalty');
    }
    const values: PyValue[] = [];
    const next: ExperimentSpec[] = [];
    for (const v of axis.values) {
      const variant = withValue(input.spec, axis, v);
      values.push(key.value(variant, input.steps));
      for (const run of runs) next.push(withValue(run, axis, v));
    }
    grid.push({ key: key.key, values });
    runs = next;
  }
  for (const run of runs) {
    const { repairs } = repairSpec(run);
    if (repairs.length)
      throw new Error(
        `exportSweep: a grid point breaks a rule: ${repairs[0]!.path} ${repairs[0]!.message}`,
      );
  }
  return assemble({ input, runs, grid });
}
