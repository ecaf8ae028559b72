// The script's CONFIG: the hyper-parameters the engine changes without a new network (schema
// effect 'live' or 'newState'), under Python names. Data, architecture and seed are not in it:
// they are the embedded data and the model class. Only the keys the emitted code reads are
// written, in this table's order.
import type { ExperimentSpec } from '../engine/engine-api';
import { getPath, type SpecPath } from '../spec/experiment-spec';
import { isTrainable } from './cnn-model-code';
import type { PyValue } from './python-literals';
import type { SweepPath } from './types';

export interface ConfigKey {
  key: string;
  // Where it comes from: a spec path, or a layer field collected over the layers.
  source: SweepPath | 'steps';
  doc: string;
  value: (spec: ExperimentSpec, steps: number) => PyValue;
}

const at =
  (path: SpecPath) =>
  (spec: ExperimentSpec): PyValue => {
    const v = getPath(spec, path);
    return Array.isArray(v) ? v : (v as PyValue);
  };
const int =
  (path: SpecPath) =>
  (spec: ExperimentSpec): PyValue => ({ int: getPath(spec, path) as number });

export const kConfigKeys: readonly ConfigKey[] = [
  { key: 'steps', source: 'steps', doc: 'optimizer steps to train', value: (_, n) => ({ int: n }) },
  {
    key: 'optimizer',
    source: 'optimizer.kind',
    doc: 'torch.optim class',
    value: at('optimizer.kind'),
  },
  { key: 'lr', source: 'optimizer.lr', doc: 'base learning rate', value: at('optimizer.lr') },
  { key: 'momentum', source: 'optimizer.momentum', doc: '', value: at('optimizer.momentum') },
  { key: 'dampening', source: 'optimizer.dampening', doc: '', value: at('optimizer.dampening') },
  { key: 'nesterov', source: 'optimizer.nesterov', doc: '', value: at('optimizer.nesterov') },
  { key: 'beta1', source: 'optimizer.beta1', doc: '', value: at('optimizer.beta1') },
  { key: 'beta2', source: 'optimizer.beta2', doc: '', value: at('optimizer.beta2') },
  { key: 'eps', source: 'optimizer.eps', doc: '', value: at('optimizer.eps') },
  { key: 'amsgrad', source: 'optimizer.amsgrad', doc: '', value: at('optimizer.amsgrad') },
  {
    key: 'alpha',
    source: 'optimizer.alpha',
    doc: 'RMSprop smoothing',
    value: at('optimizer.alpha'),
  },
  { key: 'centered', source: 'optimizer.centered', doc: '', value: at('optimizer.centered') },
  { key: 'lr_decay', source: 'optimizer.lrDecay', doc: '', value: at('optimizer.lrDecay') },
  {
    key: 'initial_accumulator',
    source: 'optimizer.initialAccumulator',
    doc: '',
    value: at('optimizer.initialAccumulator'),
  },
  {
    key: 'weight_decay',
    source: 'optimizer.weightDecay',
    doc: "the optimizer's own (decoupled for AdamW)",
    value: at('optimizer.weightDecay'),
  },
  {
    key: 'decay_scope',
    source: 'optimizer.decayScope',
    doc: '"all" parameters, or "weights" only',
    value: at('optimizer.decayScope'),
  },
  {
    key: 'schedule',
    source: 'schedule.kind',
    doc: 'learning-rate schedule',
    value: at('schedule.kind'),
  },
  { key: 'step_size', source: 'schedule.stepSize', doc: '', value: int('schedule.stepSize') },
  { key: 'gamma', source: 'schedule.gamma', doc: '', value: at('schedule.gamma') },
  { key: 't_max', source: 'schedule.tMax', doc: '', value: int('schedule.tMax') },
  { key: 'eta_min', source: 'schedule.etaMin', doc: '', value: at('schedule.etaMin') },
  {
    key: 'warmup_steps',
    source: 'schedule.warmupSteps',
    doc: '',
    value: int('schedule.warmupSteps'),
  },
  {
    key: 'warmup_start_factor',
    source: 'schedule.warmupStartFactor',
    doc: '',
    value: at('schedule.warmupStartFactor'),
  },
  { key: 'penalty', source: 'penalty.kind', doc: '', value: at('penalty.kind') },
  { key: 'lam', source: 'penalty.lambda', doc: 'penalty strength λ', value: at('penalty.lambda') },
  {
    key: 'l1_mode',
    source: 'penalty.l1Mode',
    doc: '"subgradient" (in the loss) or "proximal" (after the step)',
    value: at('penalty.l1Mode'),
  },
  {
    key: 'l1_ratio',
    source: 'penalty.l1Ratio',
    doc: 'elastic net ρ',
    value: at('penalty.l1Ratio'),
  },
  { key: 'p', source: 'penalty.p', doc: 'Lp exponent', value: at('penalty.p') },
  {
    key: 'penalize_biases',
    source: 'penalty.applyToBiases',
    doc: 'biases and batch-norm parameters too',
    value: at('penalty.applyToBiases'),
  },
  {
    key: 'penalty_scale',
    source: 'hidden.penaltyScale',
    doc: 'λ multiplier per layer: dense and conv layers, then the output layer',
    value: (s) => [
      ...s.model.hidden.filter(isTrainable).map((l) => l.penaltyScale),
      s.model.outputPenaltyScale,
    ],
  },
  {
    key: 'dropout',
    source: 'hidden.dropout',
    doc: 'dropout rate per hidden layer',
    value: (s) => s.model.hidden.map((l) => l.dropout),
  },
  {
    key: 'batch_size',
    source: 'training.batchSize',
    doc: '0: the whole training split',
    value: int('training.batchSize'),
  },
  { key: 'shuffle', source: 'training.shuffle', doc: '', value: at('training.shuffle') },
  {
    key: 'clip_norm',
    source: 'training.clipNorm',
    doc: 'clip_grad_norm_ (0: off)',
    value: at('training.clipNorm'),
  },
  {
    key: 'clip_value',
    source: 'training.clipValue',
    doc: 'clip_grad_value_ (0: off)',
    value: at('training.clipValue'),
  },
  {
    key: 'max_norm',
    source: 'training.maxNorm',
    doc: "bound on each unit's incoming weight norm",
    value: at('training.maxNorm'),
  },
  { key: 'jitter', source: 'training.jitter', doc: 'input noise σ', value: at('training.jitter') },
  { key: 'mixup_alpha', source: 'training.mixupAlpha', doc: '', value: at('training.mixupAlpha') },
  {
    key: 'early_stopping',
    source: 'training.earlyStopping.enabled',
    doc: '',
    value: at('training.earlyStopping.enabled'),
  },
  {
    key: 'patience',
    source: 'training.earlyStopping.patience',
    doc: 'epochs',
    value: int('training.earlyStopping.patience'),
  },
  {
    key: 'min_delta',
    source: 'training.earlyStopping.minDelta',
    doc: '',
    value: at('training.earlyStopping.minDelta'),
  },
  {
    key: 'restore_best',
    source: 'training.earlyStopping.restoreBest',
    doc: '',
    value: at('training.earlyStopping.restoreBest'),
  },
  {
    key: 'max_epochs',
    source: 'training.maxEpochs',
    doc: '0: no limit',
    value: int('training.maxEpochs'),
  },
  {
    key: 'record_every',
    source: 'training.recordEvery',
    doc: 'print a metrics row every this many steps',
    value: int('training.recordEvery'),
  },
  {
    key: 'record_epochs',
    source: 'training.recordEpochs',
    doc: 'and at each epoch end',
    value: at('training.recordEpochs'),
  },
];

export function configKeyFor(source: SweepPath): ConfigKey | undefined {
  return kConfigKeys.find((k) => k.source === source);
}

// Collects the keys the emitted code reads: `read('lr')` gives `config["lr"]`.
export class ConfigUse {
  private readonly used = new Set<string>();

  read(key: string): string {
    if (!kConfigKeys.some((k) => k.key === key)) throw new Error(`no config key ${key}`);
    this.used.add(key);
    return `config["${key}"]`;
  }

  has(key: string): boolean {
    return this.used.has(key);
  }

  keys(): ConfigKey[] {
    return kConfigKeys.filter((k) => this.used.has(k.key));
  }
}
