// Which parts of the engine's training step a script needs, decided over every run it can make
// (one spec, or every point of a sweep's grid): code for a hook is written only when some run
// uses it, and branches on config only when the runs differ.
import type { ExperimentSpec } from '../engine/engine-api';
import { augments } from './augment-code';
import { isConvolutional, isTrainable } from './cnn-model-code';
import type { Task } from './data-code';

export type PenaltyKind = 'l1' | 'l2' | 'elasticNet' | 'lp';
export type PenaltyMode = 'gradient' | 'proximal';

export interface Features {
  task: Task;
  outputs: number;
  hasValidation: boolean;
  hasTest: boolean;
  penaltyKinds: PenaltyKind[]; // kinds some run uses (penalty.kind other than none)
  penaltyOff: boolean; // some run has penalty.kind none
  penaltyModes: PenaltyMode[];
  proximalKinds: PenaltyKind[]; // kinds some run applies through their proximal map
  penaltyScaled: boolean; // some layer's scale is not 1
  penalizeBiases: boolean; // some run penalises biases too
  optimizers: string[];
  decayScopes: ('all' | 'weights')[]; // as they act: 'weights' only with weight decay > 0
  scheduleKinds: string[]; // non-constant kinds some run uses
  scheduleConstant: boolean; // some run keeps the learning rate constant
  warmup: boolean;
  clipNorm: boolean;
  clipValue: boolean;
  maxNorm: boolean;
  jitter: boolean;
  mixup: boolean;
  earlyStopping: boolean;
  maxEpochs: boolean;
  shuffle: boolean;
  dropout: boolean; // Dropout on dense entries, Dropout2d on conv entries
  convWeights: boolean; // some weight is a conv filter bank (out × in × k × k)
  dropBlock: boolean; // some conv entry uses DropBlock
  augment: boolean; // image augmentation (shift, rotation, flip)
  engineMasks: boolean; // a CNN: its dropouts draw the engine's masks (dropout-code.ts)
  singleRowBatches: boolean; // a training batch of one row can occur (batch norm's edge case)
}

export function penaltyMode(spec: ExperimentSpec): PenaltyMode {
  const p = spec.penalty;
  if (p.kind === 'lp') return 'proximal'; // its gradient is unbounded at 0: prox only
  if ((p.kind === 'l1' || p.kind === 'elasticNet') && p.l1Mode === 'proximal') return 'proximal';
  return 'gradient';
}

function unique<T>(values: T[]): T[] {
  return [...new Set(values)];
}

export function featuresOf(
  runs: readonly ExperimentSpec[],
  task: Task,
  outputs: number,
  trainRows: number,
  hasValidation: boolean,
  hasTest: boolean,
): Features {
  const some = (f: (s: ExperimentSpec) => boolean) => runs.some(f);
  const penalized = runs.filter((s) => s.penalty.kind !== 'none');
  return {
    task,
    outputs,
    hasValidation,
    hasTest,
    penaltyKinds: unique(penalized.map((s) => s.penalty.kind as PenaltyKind)),
    penaltyOff: some((s) => s.penalty.kind === 'none'),
    penaltyModes: unique(penalized.map(penaltyMode)),
    proximalKinds: unique(
      penalized
        .filter((s) => penaltyMode(s) === 'proximal')
        .map((s) => s.penalty.kind as PenaltyKind),
    ),
    penaltyScaled: penalized.some(
      (s) =>
        s.model.outputPenaltyScale !== 1 ||
        s.model.hidden.some((l) => isTrainable(l) && l.penaltyScale !== 1),
    ),
    penalizeBiases: penalized.some((s) => s.penalty.applyToBiases),
    optimizers: unique(runs.map((s) => s.optimizer.kind)),
    decayScopes: unique(
      runs.map((s) => (s.optimizer.weightDecay > 0 ? s.optimizer.decayScope : 'all')),
    ),
    scheduleKinds: unique(runs.map((s) => s.schedule.kind).filter((k) => k !== 'constant')),
    scheduleConstant: some((s) => s.schedule.kind === 'constant'),
    warmup: some((s) => s.schedule.warmupSteps > 0),
    clipNorm: some((s) => s.training.clipNorm > 0),
    clipValue: some((s) => s.training.clipValue > 0),
    maxNorm: some((s) => s.training.maxNorm > 0),
    jitter: some((s) => s.training.jitter > 0),
    mixup: some((s) => s.training.mixupAlpha > 0),
    earlyStopping: hasValidation && some((s) => s.training.earlyStopping.enabled),
    maxEpochs: some((s) => s.training.maxEpochs > 0),
    shuffle: some((s) => s.training.shuffle),
    dropout: some((s) => s.model.hidden.some((l) => isTrainable(l) && l.dropout > 0)),
    convWeights: some((s) => s.model.hidden.some((l) => l.kind === 'conv')),
    augment: some(augments),
    engineMasks: some(isConvolutional),
    dropBlock: some((s) => s.model.hidden.some((l) => l.kind === 'conv' && l.dropBlock > 0)),
    singleRowBatches: some((s) => {
      const b = s.training.batchSize;
      const size = b <= 0 || b > trainRows ? trainRows : b;
      return size === 1 || trainRows % size === 1;
    }),
  };
}

// The draws torch makes instead of the engine: statistical equivalence only.
export function statisticalParts(f: Features): string[] {
  const out: string[] = [];
  // A CNN's dropouts draw the engine's masks (dropout-code.ts); a dense network's are torch's.
  if (f.dropout && !f.engineMasks) out.push('dropout masks (nn.Dropout draws its own)');
  if (f.augment && (f.jitter || f.mixup))
    out.push(
      "image augmentation (the engine's transforms, but jitter or mixup draws from the same stream in the engine, so the later draws differ)",
    );
  if (f.jitter) out.push('input jitter (torch.randn_like)');
  if (f.mixup) out.push('mixup (λ ~ Beta(α, α) and the partners drawn by torch)');
  return out;
}
