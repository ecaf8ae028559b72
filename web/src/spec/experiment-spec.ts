// The experiment spec as the page sees it: the engine's types, the schema the engine exports
// (every range, option and default is read from spec-schema.json, never written here), a few
// helpers to read and write a field by its key path, and which fields matter for which choice.
import schemaJson from './spec-schema.json';
import type { ExperimentSpec, FieldSchema, LayerSpec, SpecSchema } from '../engine/engine-api';

export type { ExperimentSpec, FieldSchema, LayerSpec, SpecSchema };

export const schema = schemaJson as unknown as SpecSchema;

type Leaf = number | boolean | string | string[];
type PathsOf<T> = {
  [K in keyof T & string]: T[K] extends Leaf
    ? K
    : T[K] extends unknown[]
      ? never
      : `${K}.${PathsOf<T[K]>}`;
}[keyof T & string];

// Every scalar field of the spec by key path: 'optimizer.lr', 'training.earlyStopping.enabled'.
// model.hidden (the layer list) is not a path: its entries use layerFields.
export type SpecPath = PathsOf<ExperimentSpec>;
export type LayerKey = keyof LayerSpec & string;
export type FieldValue = number | boolean | string | string[];

const fieldByPath = new Map<string, FieldSchema>(schema.fields.map((f) => [f.path, f]));
const layerFieldByKey = new Map<string, FieldSchema>(schema.layerFields.map((f) => [f.path, f]));

export function field(path: SpecPath): FieldSchema {
  const f = fieldByPath.get(path);
  if (!f) throw new Error(`spec-schema.json has no field ${path}`);
  return f;
}

export function hasField(path: string): path is SpecPath {
  return fieldByPath.has(path);
}

export function layerField(key: LayerKey): FieldSchema {
  const f = layerFieldByKey.get(key);
  if (!f) throw new Error(`spec-schema.json has no layer field ${key}`);
  return f;
}

export function options<T extends string = string>(path: SpecPath): readonly T[] {
  return (field(path).options ?? []) as T[];
}

function cloneValue(v: FieldValue): FieldValue {
  return Array.isArray(v) ? [...v] : v;
}

// Reads a field by key path. Only paths from the schema reach here, never user text.
export function getPath(spec: ExperimentSpec, path: SpecPath): FieldValue {
  let node: unknown = spec;
  for (const part of path.split('.')) node = (node as Record<string, unknown>)[part];
  return node as FieldValue;
}

// Returns a copy of spec with one field replaced (the input is not changed).
export function setPath(spec: ExperimentSpec, path: SpecPath, value: FieldValue): ExperimentSpec {
  const next = cloneSpec(spec);
  const parts = path.split('.');
  let node = next as unknown as Record<string, unknown>;
  for (const part of parts.slice(0, -1)) node = node[part] as Record<string, unknown>;
  node[parts[parts.length - 1]!] = cloneValue(value);
  return next;
}

export function defaultLayer(): LayerSpec {
  const layer: Record<string, FieldValue> = {};
  for (const f of schema.layerFields) layer[f.path] = cloneValue(f.default);
  return layer as unknown as LayerSpec;
}

// The spec with every default, as the engine's normalizeSpec({}) returns it.
export function defaultSpec(): ExperimentSpec {
  const root: Record<string, unknown> = {};
  for (const f of schema.fields) {
    const parts = f.path.split('.');
    let node = root;
    for (const part of parts.slice(0, -1)) {
      if (!(part in node)) node[part] = {};
      node = node[part] as Record<string, unknown>;
    }
    node[parts[parts.length - 1]!] = cloneValue(f.default);
  }
  const model = root['model'] as Record<string, unknown>;
  model['hidden'] = Array.from({ length: schema.defaultHidden }, defaultLayer);
  return root as unknown as ExperimentSpec;
}

export function cloneSpec(spec: ExperimentSpec): ExperimentSpec {
  return structuredClone(spec);
}

export function specsEqual(a: ExperimentSpec, b: ExperimentSpec): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

export const kTwoDimensionalKinds = ['circle', 'xor', 'gauss', 'spiral', 'moons'] as const;

export function isTwoDimensional(spec: ExperimentSpec, customCols?: number): boolean {
  if (spec.data.kind === 'custom') return customCols === 2;
  return (kTwoDimensionalKinds as readonly string[]).includes(spec.data.kind);
}

export function isOneDimensional(spec: ExperimentSpec, customCols?: number): boolean {
  if (spec.data.kind === 'custom') return customCols === 1 && spec.data.task === 'regression';
  return spec.data.kind === 'regression1d';
}

// Which fields matter for the current choices; the controls hide the others (their values are
// kept, and kept in the URL, so switching back restores them).
const relevance: Partial<Record<SpecPath, (s: ExperimentSpec) => boolean>> = {
  'data.samples': (s) => !['diabetes', 'breastCancer', 'digits', 'custom'].includes(s.data.kind),
  'data.noise': (s) => !['diabetes', 'breastCancer', 'digits', 'custom'].includes(s.data.kind),
  'data.labelNoise': (s) => (kTwoDimensionalKinds as readonly string[]).includes(s.data.kind),
  'data.features': (s) =>
    (kTwoDimensionalKinds as readonly string[]).includes(s.data.kind) || s.data.kind === 'custom',
  'data.degree': (s) => s.data.kind === 'regression1d',
  'data.dimensions': (s) => s.data.kind === 'sparseLinear',
  'data.nonZeros': (s) => s.data.kind === 'sparseLinear',
  'data.task': (s) => s.data.kind === 'custom',
  'model.leakySlope': (s) => s.model.hidden.some((l) => l.activation === 'leakyRelu'),
  'model.batchNormMomentum': (s) => s.model.hidden.some((l) => l.batchNorm),
  'model.batchNormEps': (s) => s.model.hidden.some((l) => l.batchNorm),
  'penalty.lambda': (s) => s.penalty.kind !== 'none',
  'penalty.l1Mode': (s) => s.penalty.kind === 'l1' || s.penalty.kind === 'elasticNet',
  'penalty.l1Ratio': (s) => s.penalty.kind === 'elasticNet',
  'penalty.p': (s) => s.penalty.kind === 'lp',
  'penalty.applyToBiases': (s) => s.penalty.kind !== 'none',
  'optimizer.momentum': (s) => s.optimizer.kind === 'sgd' || s.optimizer.kind === 'rmsprop',
  'optimizer.dampening': (s) => s.optimizer.kind === 'sgd',
  'optimizer.nesterov': (s) => s.optimizer.kind === 'sgd',
  'optimizer.beta1': (s) => s.optimizer.kind === 'adam' || s.optimizer.kind === 'adamw',
  'optimizer.beta2': (s) => s.optimizer.kind === 'adam' || s.optimizer.kind === 'adamw',
  'optimizer.amsgrad': (s) => s.optimizer.kind === 'adam' || s.optimizer.kind === 'adamw',
  'optimizer.eps': (s) => s.optimizer.kind !== 'sgd',
  'optimizer.alpha': (s) => s.optimizer.kind === 'rmsprop',
  'optimizer.centered': (s) => s.optimizer.kind === 'rmsprop',
  'optimizer.lrDecay': (s) => s.optimizer.kind === 'adagrad',
  'optimizer.initialAccumulator': (s) => s.optimizer.kind === 'adagrad',
  'schedule.stepSize': (s) => s.schedule.kind === 'step',
  'schedule.gamma': (s) => s.schedule.kind === 'step' || s.schedule.kind === 'exponential',
  'schedule.tMax': (s) => s.schedule.kind === 'cosine',
  'schedule.etaMin': (s) => s.schedule.kind === 'cosine',
  'schedule.warmupStartFactor': (s) => s.schedule.warmupSteps > 0,
  'training.earlyStopping.patience': (s) => s.training.earlyStopping.enabled,
  'training.earlyStopping.minDelta': (s) => s.training.earlyStopping.enabled,
  'training.earlyStopping.restoreBest': (s) => s.training.earlyStopping.enabled,
};

export function isRelevant(spec: ExperimentSpec, path: SpecPath): boolean {
  const rule = relevance[path];
  return rule ? rule(spec) : true;
}

// The fields (key paths, plus 'model.hidden') where two specs differ: the compare panel names
// what a run changed. Whether a change needs a new network is the engine's call (update()).
export function changedPaths(a: ExperimentSpec, b: ExperimentSpec): string[] {
  const out: string[] = [];
  for (const f of schema.fields) {
    const p = f.path as SpecPath;
    if (JSON.stringify(getPath(a, p)) !== JSON.stringify(getPath(b, p))) out.push(p);
  }
  if (JSON.stringify(a.model.hidden) !== JSON.stringify(b.model.hidden)) out.push('model.hidden');
  return out;
}
