// How the page presents each engine field: its short URL key, the panel and group its control
// sits in (in this order), whether it is an expert setting behind "Advanced", and a slider
// scale for the fields people sweep. Everything else about a field (type, range, default,
// when it matters) comes from the engine's schema. A new setting needs one row here and a
// label in each language (i18n/en.ts, zh.ts); tests/web/registry.test.ts fails otherwise.
// URL keys are part of every shared link: append rows, never rename or reuse a key.
import type { SpecPath } from './experiment-spec';

// 'strip': the settings every lesson turns, in the bar above the pictures.
export type PanelName =
  'strip' | 'data' | 'model' | 'regularization' | 'optimizer' | 'training' | 'playback';
export type GroupName =
  | 'dataset'
  | 'features'
  | 'split'
  | 'model'
  | 'penalty'
  | 'weightDecay'
  | 'constraint'
  | 'clipping'
  | 'augmentation'
  | 'earlyStopping'
  | 'optimizer'
  | 'schedule'
  | 'loop'
  | 'limit'
  | 'key';

export interface Presentation {
  path: SpecPath;
  key: string;
  panel: PanelName;
  group: GroupName;
  advanced?: true;
  slider?: 'log' | 'linear';
}

const row = (
  path: SpecPath,
  key: string,
  panel: PanelName,
  group: GroupName,
  extra: { advanced?: true; slider?: 'log' | 'linear' } = {},
): Presentation => ({ path, key, panel, group, ...extra });
const advanced = { advanced: true } as const;

export const kPresentation: readonly Presentation[] = [
  row('optimizer.kind', 'opt', 'strip', 'key'),
  row('optimizer.lr', 'lr', 'strip', 'key', { slider: 'log' }),
  row('penalty.kind', 'pen', 'strip', 'key'),
  row('penalty.lambda', 'lam', 'strip', 'key', { slider: 'log' }),
  row('training.batchSize', 'bs', 'strip', 'key'),

  row('data.kind', 'ds', 'data', 'dataset'),
  row('data.samples', 'n', 'data', 'dataset'),
  row('data.noise', 'noise', 'data', 'dataset', { slider: 'linear' }),
  row('data.labelNoise', 'flip', 'data', 'dataset'),
  row('data.degree', 'deg', 'data', 'dataset'),
  row('data.dimensions', 'dim', 'data', 'dataset'),
  row('data.nonZeros', 'nz', 'data', 'dataset'),
  row('data.task', 'task', 'data', 'dataset'),
  row('data.features', 'f', 'data', 'features'),
  row('data.valFraction', 'val', 'data', 'split'),
  row('data.testFraction', 'test', 'data', 'split'),
  row('data.trainFraction', 'trf', 'data', 'split'),
  row('data.folds', 'cvk', 'data', 'split', advanced),
  row('data.fold', 'cvf', 'data', 'split', advanced),
  row('data.standardize', 'std', 'data', 'split', advanced),

  row('model.init', 'init', 'model', 'model', advanced),
  row('model.leakySlope', 'slope', 'model', 'model', advanced),
  row('model.batchNormMomentum', 'bnm', 'model', 'model', advanced),
  row('model.batchNormEps', 'bne', 'model', 'model', advanced),
  row('model.dropBlockRampSteps', 'dbr', 'model', 'model', advanced),

  row('penalty.l1Mode', 'l1', 'regularization', 'penalty'),
  row('penalty.l1Ratio', 'mix', 'regularization', 'penalty', { slider: 'linear' }),
  row('penalty.p', 'p', 'regularization', 'penalty', { slider: 'linear' }),
  row('penalty.applyToBiases', 'pb', 'regularization', 'penalty', advanced),
  row('model.outputPenaltyScale', 'ops', 'regularization', 'penalty', advanced),
  row('optimizer.weightDecay', 'wd', 'regularization', 'weightDecay', { slider: 'log' }),
  row('optimizer.decayScope', 'dsc', 'regularization', 'weightDecay'),
  row('training.maxNorm', 'maxn', 'regularization', 'constraint'),
  row('training.clipNorm', 'clip', 'regularization', 'clipping'),
  row('training.clipValue', 'clipv', 'regularization', 'clipping', advanced),
  row('training.jitter', 'jit', 'regularization', 'augmentation', { slider: 'linear' }),
  row('training.mixupAlpha', 'mixup', 'regularization', 'augmentation'),
  row('training.augmentShift', 'ash', 'regularization', 'augmentation'),
  row('training.augmentRotation', 'arot', 'regularization', 'augmentation'),
  row('training.augmentFlip', 'aflip', 'regularization', 'augmentation'),
  row('training.earlyStopping.enabled', 'es', 'regularization', 'earlyStopping'),
  row('training.earlyStopping.patience', 'pat', 'regularization', 'earlyStopping'),
  row('training.earlyStopping.minDelta', 'mind', 'regularization', 'earlyStopping', advanced),
  row('training.earlyStopping.restoreBest', 'rb', 'regularization', 'earlyStopping'),

  row('optimizer.momentum', 'mom', 'optimizer', 'optimizer'),
  row('optimizer.nesterov', 'nest', 'optimizer', 'optimizer'),
  row('optimizer.dampening', 'damp', 'optimizer', 'optimizer', advanced),
  row('optimizer.beta1', 'b1', 'optimizer', 'optimizer', advanced),
  row('optimizer.beta2', 'b2', 'optimizer', 'optimizer', advanced),
  row('optimizer.eps', 'eps', 'optimizer', 'optimizer', advanced),
  row('optimizer.amsgrad', 'ams', 'optimizer', 'optimizer', advanced),
  row('optimizer.alpha', 'alpha', 'optimizer', 'optimizer', advanced),
  row('optimizer.centered', 'cent', 'optimizer', 'optimizer', advanced),
  row('optimizer.lrDecay', 'lrd', 'optimizer', 'optimizer', advanced),
  row('optimizer.initialAccumulator', 'acc0', 'optimizer', 'optimizer', advanced),
  row('schedule.kind', 'sch', 'optimizer', 'schedule'),
  row('schedule.stepSize', 'ss', 'optimizer', 'schedule'),
  row('schedule.gamma', 'gam', 'optimizer', 'schedule'),
  row('schedule.tMax', 'tmax', 'optimizer', 'schedule'),
  row('schedule.etaMin', 'emin', 'optimizer', 'schedule'),
  row('schedule.warmupSteps', 'wu', 'optimizer', 'schedule'),
  row('schedule.warmupStartFactor', 'wuf', 'optimizer', 'schedule', advanced),

  row('training.shuffle', 'shuf', 'training', 'loop', advanced),
  row('seed', 'seed', 'training', 'loop', advanced),
  row('training.recordEvery', 'rec', 'training', 'loop', advanced),
  row('training.recordEpochs', 'rece', 'training', 'loop', advanced),
  row('training.maxEpochs', 'ep', 'playback', 'limit'),
];

// Fields with no control and no URL key, and why.
export const kUnpresented: Partial<Record<SpecPath, string>> = {
  version: 'the spec format version; links carry their own format version (v=)',
};

// The rows of one group, in display order.
export function groupRows(panel: PanelName, group: GroupName): Presentation[] {
  return kPresentation.filter((p) => p.panel === panel && p.group === group);
}
