// The experiment spec as the page sees it: the engine's types, the schema the engine exports
// (every range, option, default and data family is read from spec-schema.json, never written
// here), and helpers to read and write a field by its key path. Which fields matter for which
// choice, and the cross-field rules, are evaluated in rules.ts.
import schemaJson from './spec-schema.json';
import type {
  DataFamily,
  ExperimentSpec,
  FieldSchema,
  LayerSpec,
  SpecSchema,
} from '../engine/engine-api';

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

// The family of a data set (engine/data/data_kinds.hpp): what the page can draw for it.
function dataFamily(kind: string): DataFamily {
  return schema.dataKinds.find((d) => d.kind === kind)?.family ?? 'custom';
}

export function isTwoDimensional(spec: ExperimentSpec, customCols?: number): boolean {
  if (spec.data.kind === 'custom') return customCols === 2;
  return dataFamily(spec.data.kind) === 'plane';
}

export function isOneDimensional(spec: ExperimentSpec, customCols?: number): boolean {
  if (spec.data.kind === 'custom') return customCols === 1 && spec.data.task === 'regression';
  return dataFamily(spec.data.kind) === 'curve';
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
