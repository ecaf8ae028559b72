// Validation of untrusted experiment input (a shared URL, a postMessage from an embedding page,
// a control's text): every field is checked against the engine's schema; out-of-range numbers
// are clamped to the closed bound (or rejected when the bound is open), anything else that is
// wrong keeps the default, and each change is reported as a warning the page shows. Never
// throws, never assigns by a key taken from the input (so "__proto__" is just an unknown key).
import {
  defaultLayer,
  defaultSpec,
  schema,
  type ExperimentSpec,
  type FieldSchema,
  type FieldValue,
  type LayerSpec,
} from './experiment-spec';
import { repairWarnings } from './repair';

type WarningCode =
  | 'clamped'
  | 'rounded'
  | 'invalid'
  | 'unknownKey'
  | 'tooLong'
  | 'tooMany'
  | 'newerVersion'
  | 'layersDropped'
  | 'pointsDropped'
  | 'rule'
  | 'layerRemoved'
  | 'engine';

export interface SpecWarning {
  code: WarningCode;
  key: string; // the field or URL key concerned (for 'rule' and 'layerRemoved': the rule's id), cut to a safe length
  value?: string; // the offending value, cut to a safe length (shown as text, never as HTML)
  allowed?: string; // the allowed range, e.g. "[0, 10]" or "one of: sgd, adam"
}

interface Validated<T> {
  value: T;
  warnings: SpecWarning[];
}

const kMaxShown = 40;
const kMaxUnknownReported = 5;

// Text from untrusted input, made safe to show: control characters removed, length capped.
export function safeText(raw: unknown, max = kMaxShown): string {
  let s: string;
  if (typeof raw === 'string') s = raw;
  else if (typeof raw === 'number' || typeof raw === 'boolean') s = String(raw);
  else if (raw === null) s = 'null';
  else if (Array.isArray(raw)) s = '[…]';
  else s = typeof raw;
  s = s.slice(0, max * 2).replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g, '');
  return s.length > max ? `${s.slice(0, max)}…` : s;
}

export function describeAllowed(f: FieldSchema): string {
  switch (f.type) {
    case 'number':
    case 'integer':
      return `${f.minExclusive ? '(' : '['}${f.min}, ${f.max}${f.maxExclusive ? ')' : ']'}`;
    case 'boolean':
      return '0 or 1';
    case 'enum':
    case 'stringList':
      return `one of: ${(f.options ?? []).join(', ')}`;
  }
}

const kNumber = /^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i;

function parseNumberText(text: string): number | undefined {
  if (text.length > 64 || !kNumber.test(text.trim())) return undefined;
  const v = Number(text);
  return Number.isFinite(v) ? v : undefined;
}

// Checks one value against its schema field. Returns the value to use (undefined: keep the
// default) and at most one warning.
export function coerceField(
  f: FieldSchema,
  raw: unknown,
  key: string = f.path,
): { value: FieldValue | undefined; warning?: SpecWarning } {
  const invalid = () => ({
    value: undefined,
    warning: { code: 'invalid' as const, key, value: safeText(raw), allowed: describeAllowed(f) },
  });
  switch (f.type) {
    case 'number':
    case 'integer': {
      let v: number | undefined;
      if (typeof raw === 'number') v = Number.isFinite(raw) ? raw : undefined;
      else if (typeof raw === 'string') v = parseNumberText(raw);
      if (v === undefined) return invalid();
      let warning: SpecWarning | undefined;
      if (f.type === 'integer' && !Number.isInteger(v)) {
        v = Math.round(v);
        warning = { code: 'rounded', key, value: safeText(raw), allowed: describeAllowed(f) };
      }
      const min = f.min ?? -Infinity;
      const max = f.max ?? Infinity;
      if (v < min || (f.minExclusive && v === min)) {
        if (f.minExclusive) return invalid();
        v = min;
        warning = { code: 'clamped', key, value: safeText(raw), allowed: describeAllowed(f) };
      } else if (v > max || (f.maxExclusive && v === max)) {
        if (f.maxExclusive) return invalid();
        v = max;
        warning = { code: 'clamped', key, value: safeText(raw), allowed: describeAllowed(f) };
      }
      return warning ? { value: v, warning } : { value: v };
    }
    case 'boolean':
      if (typeof raw === 'boolean') return { value: raw };
      if (raw === 1 || raw === '1' || raw === 'true') return { value: true };
      if (raw === 0 || raw === '0' || raw === 'false') return { value: false };
      return invalid();
    case 'enum':
      if (typeof raw === 'string' && (f.options ?? []).includes(raw)) return { value: raw };
      return invalid();
    case 'stringList': {
      let items: unknown[];
      if (Array.isArray(raw)) items = raw.slice(0, 64);
      else if (typeof raw === 'string') items = raw.slice(0, 1024).split(',', 64);
      else return invalid();
      const allowed = f.options ?? [];
      const kept: string[] = [];
      let dropped = false;
      for (const item of items) {
        if (typeof item === 'string' && allowed.includes(item)) {
          if (!kept.includes(item)) kept.push(item);
        } else dropped = true;
      }
      if (kept.length < (f.minItems ?? 1)) return invalid();
      if (dropped)
        return {
          value: kept,
          warning: { code: 'invalid', key, value: safeText(raw), allowed: describeAllowed(f) },
        };
      return { value: kept };
    }
  }
}

function isRecord(x: unknown): x is Record<string, unknown> {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}

function ownGet(obj: unknown, key: string): unknown {
  if (!isRecord(obj) || !Object.prototype.hasOwnProperty.call(obj, key)) return undefined;
  return obj[key];
}

function getAt(obj: unknown, path: string): unknown {
  let node = obj;
  for (const part of path.split('.')) node = ownGet(node, part);
  return node;
}

function setAt(root: Record<string, unknown>, path: string, value: FieldValue): void {
  const parts = path.split('.');
  let node = root;
  for (const part of parts.slice(0, -1)) node = node[part] as Record<string, unknown>;
  node[parts[parts.length - 1]!] = value;
}

function validateLayer(raw: unknown, index: number): Validated<LayerSpec> {
  const layer = defaultLayer() as unknown as Record<string, FieldValue>;
  const warnings: SpecWarning[] = [];
  if (!isRecord(raw)) {
    warnings.push({ code: 'invalid', key: `model.hidden[${index}]`, value: safeText(raw) });
    return { value: layer as unknown as LayerSpec, warnings };
  }
  for (const f of schema.layerFields) {
    const v = ownGet(raw, f.path);
    if (v === undefined) continue;
    const r = coerceField(f, v, `model.hidden[${index}].${f.path}`);
    if (r.value !== undefined) layer[f.path] = r.value;
    if (r.warning) warnings.push(r.warning);
  }
  return { value: layer as unknown as LayerSpec, warnings };
}

// Key tree of a valid spec, to name unknown keys of an input object.
function collectUnknown(input: unknown, known: unknown, prefix: string, out: string[], depth = 0) {
  if (!isRecord(input) || depth > 4) return;
  for (const key of Object.keys(input).slice(0, 200)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (!isRecord(known) || !Object.prototype.hasOwnProperty.call(known, key)) out.push(path);
    else if (key !== 'hidden' && isRecord(known[key]))
      collectUnknown(input[key], known[key], path, out, depth + 1);
  }
}

// A full, valid spec from any JSON-like value (a partial spec takes defaults for what it lacks).
export function validateSpec(input: unknown): Validated<ExperimentSpec> {
  const spec = defaultSpec();
  const root = spec as unknown as Record<string, unknown>;
  const warnings: SpecWarning[] = [];
  if (!isRecord(input)) {
    if (input !== undefined)
      warnings.push({ code: 'invalid', key: 'spec', value: safeText(input) });
    return { value: spec, warnings };
  }
  const version = ownGet(input, 'version');
  if (typeof version === 'number' && version > schema.version) {
    warnings.push({ code: 'newerVersion', key: 'version', value: safeText(version) });
  }
  for (const f of schema.fields) {
    if (f.path === 'version') continue;
    const v = getAt(input, f.path);
    if (v === undefined) continue;
    const r = coerceField(f, v);
    if (r.value !== undefined) setAt(root, f.path, r.value);
    if (r.warning) warnings.push(r.warning);
  }
  const hidden = getAt(input, 'model.hidden');
  if (hidden !== undefined) {
    if (!Array.isArray(hidden)) {
      warnings.push({ code: 'invalid', key: 'model.hidden', value: safeText(hidden) });
    } else {
      const max = schema.limits.maxHiddenLayers;
      if (hidden.length > max) {
        warnings.push({
          code: 'layersDropped',
          key: 'model.hidden',
          value: String(hidden.length),
          allowed: `≤ ${max}`,
        });
      }
      spec.model.hidden = hidden.slice(0, max).map((l, i) => {
        const r = validateLayer(l, i);
        warnings.push(...r.warnings);
        return r.value;
      });
    }
  }
  const unknown: string[] = [];
  collectUnknown(input, defaultSpec(), '', unknown);
  for (const key of unknown.slice(0, kMaxUnknownReported)) {
    warnings.push({ code: 'unknownKey', key: safeText(key) });
  }
  if (unknown.length > kMaxUnknownReported) {
    warnings.push({ code: 'tooMany', key: 'keys', value: String(unknown.length) });
  }
  return { value: repairWarnings(spec, warnings), warnings };
}
