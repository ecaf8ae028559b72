// The engine's conditions and cross-field rules (exported in spec-schema.json), evaluated on the
// page's specs: which fields matter for the current choices, and the repair that makes a spec
// from a link or a control one the engine accepts. The rules themselves are data written once
// in engine/spec/cross_field_rules.cpp; this file only interprets them.
import type { CrossFieldRule, SpecCondition } from '../engine/engine-api';
import {
  getPath,
  hasField,
  schema,
  setPath,
  type ExperimentSpec,
  type FieldSchema,
  type LayerKey,
  type LayerSpec,
  type SpecPath,
} from './experiment-spec';

function valueAt(spec: ExperimentSpec, path: string): unknown {
  return hasField(path) ? getPath(spec, path) : undefined;
}

function isOn(v: unknown): boolean {
  return v === true || (typeof v === 'number' && v !== 0);
}

// `layer`: the hidden layer a layer field belongs to, for layerOneOf / layerPositive (which never
// hold without one). anyLayer* conditions look only at layers where the named field matters (a
// pooling layer's activation is ignored), as the engine's spec/conditions.cpp.
function conditionHolds(c: SpecCondition, spec: ExperimentSpec, layer?: LayerSpec): boolean {
  const values = c.values ?? [];
  switch (c.op) {
    case 'oneOf':
      return values.includes(String(valueAt(spec, c.path)));
    case 'noneOf':
      return !values.includes(String(valueAt(spec, c.path)));
    case 'isTrue':
      return isOn(valueAt(spec, c.path));
    case 'positive': {
      const v = valueAt(spec, c.path);
      return typeof v === 'number' && v > 0;
    }
    case 'notPositive': {
      const v = valueAt(spec, c.path);
      return !(typeof v === 'number' && v > 0);
    }
    case 'anyLayerOneOf':
    case 'anyLayerIsTrue': {
      const key = c.path as LayerKey;
      const field = schema.layerFields.find((f) => f.path === key);
      return spec.model.hidden.some(
        (l) =>
          field !== undefined &&
          allHold(field.relevantWhen, spec, l) &&
          (c.op === 'anyLayerOneOf' ? values.includes(String(l[key])) : isOn(l[key])),
      );
    }
    case 'layerOneOf':
      return layer !== undefined && values.includes(String(layer[c.path as LayerKey]));
    case 'layerPositive': {
      const v = layer?.[c.path as LayerKey];
      return typeof v === 'number' && v > 0;
    }
  }
}

function allHold(
  conditions: readonly SpecCondition[] | undefined,
  spec: ExperimentSpec,
  layer?: LayerSpec,
): boolean {
  return (conditions ?? []).every((c) => conditionHolds(c, spec, layer));
}

// A field matters when every one of its relevantWhen conditions holds.
function fieldIsRelevant(f: FieldSchema, spec: ExperimentSpec): boolean {
  return allHold(f.relevantWhen, spec);
}

function numberAt(spec: ExperimentSpec, path: string): number {
  const v = valueAt(spec, path);
  return typeof v === 'number' ? v : v === true ? 1 : 0;
}

function combined(rule: CrossFieldRule, spec: ExperimentSpec, skip?: string): number {
  const terms = rule.terms.filter((t) => t !== skip).map((t) => numberAt(spec, t));
  return rule.combine === 'sum'
    ? terms.reduce((a, b) => a + b, 0)
    : terms.reduce((a, b) => a * b, 1);
}

function boundOf(rule: CrossFieldRule, spec: ExperimentSpec): number {
  return rule.boundPath
    ? numberAt(spec, rule.boundPath) + (rule.boundOffset ?? 0)
    : (rule.bound ?? 0);
}

// Mirrors ruleHolds() in cross_field_rules.cpp, including its rounding margin.
function ruleHolds(rule: CrossFieldRule, spec: ExperimentSpec): boolean {
  if (!allHold(rule.when, spec)) return true;
  const lhs = combined(rule, spec);
  const rhs = boundOf(rule, spec);
  switch (rule.relation) {
    case 'atMost':
      return lhs <= rhs + 1e-12 * Math.max(1, Math.abs(rhs));
    case 'above':
      return lhs > rhs;
    case 'equals':
      return lhs === rhs;
  }
}

interface RuleRepair {
  rule: CrossFieldRule;
  path: SpecPath; // the field the repair changed
  from: number | boolean;
  to: number | boolean;
}

// The value the rule's repair writes: a set value, or the fixed term solved for the bound
// (rounded down for integers, kept inside the field's own range).
function repairValue(rule: CrossFieldRule, spec: ExperimentSpec): number | boolean {
  const f = schema.fields.find((x) => x.path === rule.fix.path)!;
  if (rule.fix.kind === 'set') {
    const v = rule.fix.value ?? 0;
    return f.type === 'boolean' ? v !== 0 : v;
  }
  const others = combined(rule, spec, rule.fix.path);
  const bound = boundOf(rule, spec);
  let v = rule.combine === 'sum' ? bound - others : others !== 0 ? bound / others : bound;
  v = Number(v.toPrecision(12)); // 0.8 − 0.5 is 0.30000000000000004 in binary
  if (f.type === 'integer') v = Math.floor(v);
  return Math.min(f.max ?? v, Math.max(f.min ?? v, v));
}

// Applies every rule's repair until all hold (each repair moves one field toward its rule, so a
// couple of passes suffice). Returns the repaired spec and what changed.
export function repairSpec(spec: ExperimentSpec): { spec: ExperimentSpec; repairs: RuleRepair[] } {
  let out = spec;
  const repairs: RuleRepair[] = [];
  for (let pass = 0; pass < 3; pass++) {
    let changed = false;
    for (const rule of schema.rules) {
      if (ruleHolds(rule, out)) continue;
      const path = rule.fix.path as SpecPath;
      const from = getPath(out, path) as number | boolean;
      const to = repairValue(rule, out);
      if (from === to) continue;
      out = setPath(out, path, to);
      repairs.push({ rule, path, from, to });
      changed = true;
    }
    if (!changed) break;
  }
  return { spec: out, repairs };
}

// Whether a field of the spec matters for its current choices (the controls hide the others;
// their values stay, in the spec and in the link, so switching back restores them).
export function isRelevant(spec: ExperimentSpec, path: SpecPath): boolean {
  const f = schema.fields.find((x) => x.path === path);
  return f ? fieldIsRelevant(f, spec) : true;
}
