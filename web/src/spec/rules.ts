// The engine's conditions and cross-field rules (exported in spec-schema.json), evaluated on the
// page's specs: which fields matter for the current choices, and the repair that makes a spec
// from a link or a control one the engine accepts. The rules themselves are data written once
// in engine/spec/cross_field_rules.cpp; this file only interprets them.
import type { CrossFieldRule } from '../engine/engine-api';
import { allHold, valueAt } from './conditions';
import {
  getPath,
  schema,
  setPath,
  type ExperimentSpec,
  type FieldSchema,
  type LayerKey,
  type LayerSpec,
  type SpecPath,
} from './experiment-spec';
import { repairLayerRules } from './layer-rules';

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

// One repair: the rule (a cross-field rule, or a layer rule of schema.layerRules) and the
// field it changed ('model.hidden[2].kernel'), or the layer it removed ('model.hidden[0]').
export interface RuleRepair {
  id: string;
  message: string; // the engine's words for the rule
  path: string;
  from: number | boolean | string;
  to: number | boolean | string;
  removed: boolean;
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

function layerRepairs(spec: ExperimentSpec, repairs: RuleRepair[]): ExperimentSpec {
  const r = repairLayerRules(spec);
  for (const x of r.repairs)
    repairs.push({
      id: x.rule.id,
      message: x.rule.message,
      path: x.path,
      from: x.from,
      to: x.to,
      removed: x.removed,
    });
  return r.spec;
}

// Applies every rule's repair until all hold: the layer rules (which may remove image layers,
// and so change which cross-field rules apply), the cross-field rules (each repair moves one
// field toward its rule, so a couple of passes suffice), then the layer rules' batch budget
// again (a cross-field repair may have set the batch size). Returns the repaired spec and what
// changed.
export function repairSpec(spec: ExperimentSpec): { spec: ExperimentSpec; repairs: RuleRepair[] } {
  const repairs: RuleRepair[] = [];
  let out = layerRepairs(spec, repairs);
  for (let pass = 0; pass < 3; pass++) {
    let changed = false;
    for (const rule of schema.rules) {
      if (ruleHolds(rule, out)) continue;
      const path = rule.fix.path as SpecPath;
      const from = getPath(out, path) as number | boolean;
      const to = repairValue(rule, out);
      if (from === to) continue;
      out = setPath(out, path, to);
      repairs.push({ id: rule.id, message: rule.message, path, from, to, removed: false });
      changed = true;
    }
    if (!changed) break;
  }
  out = layerRepairs(out, repairs);
  return { spec: out, repairs };
}

// Whether a field of the spec matters for its current choices (the controls hide the others;
// their values stay, in the spec and in the link, so switching back restores them).
export function isRelevant(spec: ExperimentSpec, path: SpecPath): boolean {
  const f = schema.fields.find((x) => x.path === path);
  return f ? fieldIsRelevant(f, spec) : true;
}

// Whether a layer field matters for this layer (its kind, and the spec: a penalty multiplier
// without a penalty does not). The editor shows only these; the others keep their values.
export function isLayerFieldRelevant(
  spec: ExperimentSpec,
  layer: LayerSpec,
  key: LayerKey,
): boolean {
  const f = schema.layerFields.find((x) => x.path === key);
  return f ? allHold(f.relevantWhen, spec, layer) : false;
}
