// The shared-link format: the whole experiment (every run of a comparison, the seed, custom 2D
// points, view options) as a short, readable, versioned query string kept in the URL's hash:
//   v=2&ds=spiral&h=8:relu,8:relu&lr=0.01&runs=2&r2.pen=l1&r2.lam=0.001&lang=zh
// Only values that differ from the default are written (run 2..4: only what differs from run 1).
// The short keys live in this table and nowhere else; ranges, options and defaults come from
// the engine's schema. decode() never throws: bad values are clamped or dropped with a warning,
// unknown keys are ignored, and input size is bounded before any work is done.
import {
  cloneSpec,
  defaultLayer,
  defaultSpec,
  field,
  getPath,
  layerField,
  schema,
  setPath,
  type ExperimentSpec,
  type FieldValue,
  type LayerSpec,
  type SpecPath,
} from './experiment-spec';
import { kPresentation } from './presentation';
import { repairWarnings } from './repair';
import { coerceField, safeText, type SpecWarning } from './validate';

export const kFormatVersion = 2;
export const kMaxRuns = 4;
export const kMaxInputLength = 32768;
export const kMaxPairs = 600;
export const kMaxSharedPoints = 2000;

// Short URL key → spec field: the presentation table's keys (presentation.ts).
export const FIELDS: readonly { key: string; path: SpecPath }[] = kPresentation;

// The layer list: h=8:relu,8:relu:d0.2:s2:bn (units, then only what differs from the default:
// activation by name, d = dropout, s = penalty scale, bn = batch norm). "h=" is no hidden layer.
const kLayersKey = 'h';
const kLayerPrefixes = { dropout: 'd', penaltyScale: 's' } as const;

// View keys: not part of the engine's spec, but part of what a link shows.
export const kPanels = [
  'header',
  'data',
  'model',
  'regularization',
  'optimizer',
  'playback',
  'charts',
  'network',
  'boundary',
  'compare',
  'share',
] as const;
export type PanelId = (typeof kPanels)[number];
export const kLanguages = ['en', 'zh'] as const;
export type Language = (typeof kLanguages)[number];
export const kSpeeds = [1, 2, 5, 10, 20, 50, 100, 200, 500, 1000] as const;

export interface ViewOptions {
  lang: Language | null; // null: follow the browser
  embed: boolean;
  hide: PanelId[];
  autoplay: boolean;
  xAxis: 'step' | 'epoch';
  speed: number; // optimizer steps per animation frame, one of kSpeeds
  showTest: boolean;
}

// Hand-made 2D data: points (x1, x2) and their class (0 or 1), rounded to 0.01 so that what a
// link carries is exactly what was trained on.
export interface CustomPoints {
  x: number[]; // x1, x2 interleaved
  y: number[]; // class per point
}

export interface SharedExperiment {
  runs: ExperimentSpec[]; // 1..kMaxRuns; runs[0] is the experiment, the others compare with it
  points: CustomPoints | null;
  view: ViewOptions;
}

export interface Decoded {
  experiment: SharedExperiment;
  warnings: SpecWarning[];
}

export function defaultView(): ViewOptions {
  return {
    lang: null,
    embed: false,
    hide: [],
    autoplay: false,
    xAxis: 'step',
    speed: 10,
    showTest: false,
  };
}

export function defaultExperiment(): SharedExperiment {
  return { runs: [defaultSpec()], points: null, view: defaultView() };
}

// --- values -----------------------------------------------------------------------------------

function formatValue(v: FieldValue): string {
  if (typeof v === 'boolean') return v ? '1' : '0';
  if (Array.isArray(v)) return v.join(',');
  return String(v); // numbers: the shortest text that reads back to the same double
}

function escapeValue(s: string): string {
  return encodeURIComponent(s).replace(/%2C/g, ',').replace(/%3A/g, ':');
}

function same(a: FieldValue, b: FieldValue): boolean {
  return formatValue(a) === formatValue(b);
}

function encodeLayer(l: LayerSpec): string {
  const d = defaultLayer();
  const parts = [String(l.units)];
  if (l.activation !== d.activation) parts.push(l.activation);
  if (l.dropout !== d.dropout) parts.push(`${kLayerPrefixes.dropout}${l.dropout}`);
  if (l.penaltyScale !== d.penaltyScale)
    parts.push(`${kLayerPrefixes.penaltyScale}${l.penaltyScale}`);
  if (l.batchNorm !== d.batchNorm) parts.push(l.batchNorm ? 'bn' : 'nobn');
  return parts.join(':');
}

function encodeLayers(hidden: LayerSpec[]): string {
  return hidden.map(encodeLayer).join(',');
}

function decodeLayers(text: string, key: string, warnings: SpecWarning[]): LayerSpec[] {
  if (text === '') return [];
  const max = schema.limits.maxHiddenLayers;
  const tokens = text.split(',', max + 1);
  if (tokens.length > max) {
    warnings.push({ code: 'layersDropped', key, value: `> ${max}`, allowed: `≤ ${max}` });
  }
  const activation = layerField('activation');
  return tokens.slice(0, max).map((token, i) => {
    const layer = defaultLayer();
    const parts = token.split(':', 8);
    const at = `${key}[${i}]`;
    const units = coerceField(layerField('units'), parts[0] ?? '', `${at} units`);
    if (units.value !== undefined) layer.units = units.value as number;
    if (units.warning) warnings.push(units.warning);
    for (const part of parts.slice(1)) {
      if ((activation.options ?? []).includes(part)) {
        layer.activation = part as LayerSpec['activation'];
      } else if (part === 'bn' || part === 'nobn') {
        layer.batchNorm = part === 'bn';
      } else if (part.startsWith(kLayerPrefixes.dropout)) {
        const r = coerceField(layerField('dropout'), part.slice(1), `${at} dropout`);
        if (r.value !== undefined) layer.dropout = r.value as number;
        if (r.warning) warnings.push(r.warning);
      } else if (part.startsWith(kLayerPrefixes.penaltyScale)) {
        const r = coerceField(layerField('penaltyScale'), part.slice(1), `${at} penaltyScale`);
        if (r.value !== undefined) layer.penaltyScale = r.value as number;
        if (r.warning) warnings.push(r.warning);
      } else {
        // A layer part is an activation, bn / nobn, or a prefixed dropout / penalty scale.
        const allowed = [
          ...(activation.options ?? []),
          'bn',
          'nobn',
          `${kLayerPrefixes.dropout}<rate>`,
          `${kLayerPrefixes.penaltyScale}<scale>`,
        ].join(', ');
        warnings.push({ code: 'invalid', key: at, value: safeText(part), allowed });
      }
    }
    return layer;
  });
}

// --- custom points ----------------------------------------------------------------------------

const kPointScale = 100; // 0.01 resolution, int16 range ±327.67

export function roundPointCoordinate(v: number): number {
  const q = Math.round(v * kPointScale);
  return Math.max(-32767, Math.min(32767, q)) / kPointScale;
}

function toBase64Url(bytes: Uint8Array): string {
  let bin = '';
  for (const b of bytes) bin += String.fromCharCode(b);
  return btoa(bin).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function fromBase64Url(text: string): Uint8Array | null {
  if (!/^[A-Za-z0-9_-]*$/.test(text)) return null;
  try {
    const bin = atob(text.replace(/-/g, '+').replace(/_/g, '/'));
    const out = new Uint8Array(bin.length);
    for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
    return out;
  } catch {
    return null;
  }
}

// 5 bytes a point: int16 x1·100, int16 x2·100 (little-endian), class byte.
export function encodePoints(points: CustomPoints): string {
  const n = Math.min(points.y.length, kMaxSharedPoints);
  const bytes = new Uint8Array(n * 5);
  const view = new DataView(bytes.buffer);
  for (let i = 0; i < n; i++) {
    view.setInt16(
      i * 5,
      Math.round(roundPointCoordinate(points.x[2 * i] ?? 0) * kPointScale),
      true,
    );
    view.setInt16(
      i * 5 + 2,
      Math.round(roundPointCoordinate(points.x[2 * i + 1] ?? 0) * kPointScale),
      true,
    );
    bytes[i * 5 + 4] = points.y[i] === 1 ? 1 : 0;
  }
  return toBase64Url(bytes);
}

export function decodePoints(text: string, warnings: SpecWarning[]): CustomPoints | null {
  const bytes = fromBase64Url(text);
  if (!bytes || bytes.length % 5 !== 0) {
    warnings.push({ code: 'invalid', key: 'pts', value: safeText(text) });
    return null;
  }
  let n = bytes.length / 5;
  if (n > kMaxSharedPoints) {
    warnings.push({
      code: 'pointsDropped',
      key: 'pts',
      value: String(n),
      allowed: `≤ ${kMaxSharedPoints}`,
    });
    n = kMaxSharedPoints;
  }
  const view = new DataView(bytes.buffer);
  const points: CustomPoints = { x: [], y: [] };
  for (let i = 0; i < n; i++) {
    const cls = bytes[i * 5 + 4]!;
    if (cls > 1) {
      warnings.push({ code: 'invalid', key: 'pts', value: `class ${cls}` });
      return null;
    }
    points.x.push(
      view.getInt16(i * 5, true) / kPointScale,
      view.getInt16(i * 5 + 2, true) / kPointScale,
    );
    points.y.push(cls);
  }
  return points;
}

// --- encode -----------------------------------------------------------------------------------

function specPairs(spec: ExperimentSpec, base: ExperimentSpec, prefix: string): string[] {
  const pairs: string[] = [];
  for (const { key, path } of FIELDS) {
    const v = getPath(spec, path);
    if (!same(v, getPath(base, path))) pairs.push(`${prefix}${key}=${escapeValue(formatValue(v))}`);
  }
  const layers = encodeLayers(spec.model.hidden);
  if (layers !== encodeLayers(base.model.hidden))
    pairs.push(`${prefix}${kLayersKey}=${escapeValue(layers)}`);
  return pairs;
}

export function encode(experiment: SharedExperiment): string {
  const runs = experiment.runs.slice(0, kMaxRuns);
  const first = runs[0] ?? defaultSpec();
  const pairs = [`v=${kFormatVersion}`, ...specPairs(first, defaultSpec(), '')];
  if (runs.length > 1) {
    pairs.push(`runs=${runs.length}`);
    runs.slice(1).forEach((run, i) => pairs.push(...specPairs(run, first, `r${i + 2}.`)));
  }
  if (experiment.points && first.data.kind === 'custom') {
    pairs.push(`pts=${encodePoints(experiment.points)}`);
  }
  const view = experiment.view;
  const d = defaultView();
  if (view.lang) pairs.push(`lang=${view.lang}`);
  if (view.embed) pairs.push('embed=1');
  if (view.hide.length) pairs.push(`hide=${view.hide.join(',')}`);
  if (view.autoplay) pairs.push('autoplay=1');
  if (view.xAxis !== d.xAxis) pairs.push(`x=${view.xAxis}`);
  if (view.speed !== d.speed) pairs.push(`speed=${view.speed}`);
  if (view.showTest !== d.showTest) pairs.push(`tp=${view.showTest ? 1 : 0}`);
  return pairs.join('&');
}

// --- decode -----------------------------------------------------------------------------------

const fieldByKey = new Map<string, SpecPath>(FIELDS.map((f) => [f.key, f.path]));

function safeDecodeComponent(s: string): string | null {
  try {
    return decodeURIComponent(s.replace(/\+/g, ' '));
  } catch {
    return null;
  }
}

// Links of older format versions are rewritten to the current one here, one step at a time,
// so an old link still reproduces its run.
//   1 → 2: weight decay used to skip biases and batch-norm parameters unless the penalty also
//          applied to biases (pb=1); since v2 that is its own setting (dsc), whose default is
//          PyTorch's "every parameter". A v1 run with weight decay keeps its old scope.
const kMigrations: Record<number, (pairs: Map<string, string>) => void> = {
  1: (pairs) => {
    const on = (text: string | undefined) => text === '1' || text === 'true';
    if (pairs.has('wd') && !pairs.has('dsc'))
      pairs.set('dsc', on(pairs.get('pb')) ? 'all' : 'weights');
    for (let i = 2; i <= kMaxRuns; i++) {
      const p = `r${i}.`;
      if ((pairs.has(`${p}wd`) || pairs.has(`${p}pb`)) && !pairs.has(`${p}dsc`))
        pairs.set(`${p}dsc`, on(pairs.get(`${p}pb`) ?? pairs.get('pb')) ? 'all' : 'weights');
    }
  },
};

function applyField(
  spec: ExperimentSpec,
  key: string,
  path: SpecPath,
  text: string,
  warnings: SpecWarning[],
): ExperimentSpec {
  const r = coerceField(field(path), text, `${key} (${path})`);
  if (r.warning) warnings.push(r.warning);
  return r.value === undefined ? spec : setPath(spec, path, r.value);
}

function applyRunPairs(
  base: ExperimentSpec,
  pairs: Map<string, string>,
  prefix: string,
  warnings: SpecWarning[],
): ExperimentSpec {
  let spec = cloneSpec(base);
  for (const { key, path } of FIELDS) {
    const text = pairs.get(prefix + key);
    if (text !== undefined) spec = applyField(spec, prefix + key, path, text, warnings);
  }
  const layers = pairs.get(prefix + kLayersKey);
  if (layers !== undefined) spec.model.hidden = decodeLayers(layers, prefix + kLayersKey, warnings);
  return spec;
}

const kViewKeys = new Set([
  'v',
  'runs',
  'pts',
  'lang',
  'embed',
  'hide',
  'autoplay',
  'x',
  'speed',
  'tp',
]);

function isKnownKey(key: string): boolean {
  if (kViewKeys.has(key) || key === kLayersKey || fieldByKey.has(key)) return true;
  const m = /^r([2-9])\.(.+)$/.exec(key);
  return !!m && (m[2] === kLayersKey || fieldByKey.has(m[2]!));
}

// Reads a link: the hash ("#v=2&..."), the part after '#', or a whole URL.
export function decode(input: unknown): Decoded {
  const warnings: SpecWarning[] = [];
  const experiment = defaultExperiment();
  if (typeof input !== 'string') return { experiment, warnings };
  let text = input;
  const hashAt = text.indexOf('#');
  if (hashAt >= 0) text = text.slice(hashAt + 1);
  else if (/^[a-z]+:\/\//i.test(text)) {
    const q = text.indexOf('?');
    text = q >= 0 ? text.slice(q + 1) : '';
  }
  if (text.startsWith('?')) text = text.slice(1);
  if (text.length > kMaxInputLength) {
    warnings.push({
      code: 'tooLong',
      key: 'url',
      value: String(text.length),
      allowed: `≤ ${kMaxInputLength}`,
    });
    text = text.slice(0, text.lastIndexOf('&', kMaxInputLength) + 1 || kMaxInputLength);
  }
  if (text.trim() === '') return { experiment, warnings };

  const rawPairs = text.split('&', kMaxPairs + 1);
  if (rawPairs.length > kMaxPairs) {
    warnings.push({ code: 'tooMany', key: 'url', allowed: `≤ ${kMaxPairs}` });
    rawPairs.length = kMaxPairs;
  }
  const pairs = new Map<string, string>();
  const unknown: string[] = [];
  for (const raw of rawPairs) {
    if (raw === '') continue;
    const eq = raw.indexOf('=');
    const key = safeDecodeComponent(eq < 0 ? raw : raw.slice(0, eq));
    const value = safeDecodeComponent(eq < 0 ? '' : raw.slice(eq + 1));
    if (key === null || value === null) {
      warnings.push({ code: 'invalid', key: safeText(raw) });
      continue;
    }
    if (!isKnownKey(key)) {
      unknown.push(key);
      continue;
    }
    if (!pairs.has(key)) pairs.set(key, value);
  }
  for (const key of unknown.slice(0, 3)) warnings.push({ code: 'unknownKey', key: safeText(key) });
  if (unknown.length > 3) warnings.push({ code: 'unknownKey', key: `+${unknown.length - 3}` });

  let version = kFormatVersion;
  const v = pairs.get('v');
  if (v !== undefined) {
    const n = /^\d{1,6}$/.test(v) ? Number(v) : NaN;
    if (!Number.isInteger(n) || n < 1)
      warnings.push({ code: 'invalid', key: 'v', value: safeText(v) });
    else if (n > kFormatVersion)
      warnings.push({ code: 'newerVersion', key: 'v', value: String(n) });
    else version = n;
  }
  for (let from = version; from < kFormatVersion; from++) kMigrations[from]?.(pairs);

  const first = applyRunPairs(defaultSpec(), pairs, '', warnings);
  experiment.runs = [first];
  const runsText = pairs.get('runs');
  if (runsText !== undefined) {
    const n = /^\d{1,3}$/.test(runsText) ? Number(runsText) : NaN;
    if (!Number.isInteger(n) || n < 1) {
      warnings.push({
        code: 'invalid',
        key: 'runs',
        value: safeText(runsText),
        allowed: `[1, ${kMaxRuns}]`,
      });
    } else {
      if (n > kMaxRuns)
        warnings.push({
          code: 'clamped',
          key: 'runs',
          value: String(n),
          allowed: `[1, ${kMaxRuns}]`,
        });
      for (let i = 2; i <= Math.min(n, kMaxRuns); i++) {
        experiment.runs.push(applyRunPairs(first, pairs, `r${i}.`, warnings));
      }
    }
  }

  // Each field may be valid alone and the run still refused (validation + test share above
  // 0.8, Nesterov without momentum): repair what the engine's rules name, and say so.
  experiment.runs = experiment.runs.map((run, i) =>
    repairWarnings(run, warnings, i === 0 ? '' : `r${i + 1}.`),
  );

  const pts = pairs.get('pts');
  if (pts !== undefined) experiment.points = decodePoints(pts, warnings);
  if (experiment.runs.some((r) => r.data.kind === 'custom') && !experiment.points) {
    warnings.push({ code: 'invalid', key: 'ds', value: 'custom', allowed: 'pts' });
    experiment.runs = experiment.runs.map((r) =>
      r.data.kind === 'custom' ? setPath(r, 'data.kind', field('data.kind').default as string) : r,
    );
  }

  const view = experiment.view;
  const lang = pairs.get('lang');
  if (lang !== undefined) {
    if ((kLanguages as readonly string[]).includes(lang)) view.lang = lang as Language;
    else
      warnings.push({
        code: 'invalid',
        key: 'lang',
        value: safeText(lang),
        allowed: kLanguages.join(', '),
      });
  }
  const flag = (key: string): boolean | undefined => {
    const t = pairs.get(key);
    if (t === undefined) return undefined;
    if (t === '1' || t === 'true' || t === '') return true;
    if (t === '0' || t === 'false') return false;
    warnings.push({ code: 'invalid', key, value: safeText(t), allowed: '0 or 1' });
    return undefined;
  };
  view.embed = flag('embed') ?? view.embed;
  view.autoplay = flag('autoplay') ?? view.autoplay;
  view.showTest = flag('tp') ?? view.showTest;
  const hide = pairs.get('hide');
  if (hide !== undefined && hide !== '') {
    for (const item of hide.split(',', 32)) {
      if ((kPanels as readonly string[]).includes(item)) {
        if (!view.hide.includes(item as PanelId)) view.hide.push(item as PanelId);
      } else warnings.push({ code: 'invalid', key: 'hide', value: safeText(item) });
    }
  }
  const x = pairs.get('x');
  if (x !== undefined) {
    if (x === 'step' || x === 'epoch') view.xAxis = x;
    else warnings.push({ code: 'invalid', key: 'x', value: safeText(x), allowed: 'step, epoch' });
  }
  const speed = pairs.get('speed');
  if (speed !== undefined) {
    const n = Number(speed);
    if ((kSpeeds as readonly number[]).includes(n) && /^\d+$/.test(speed)) view.speed = n;
    else
      warnings.push({
        code: 'invalid',
        key: 'speed',
        value: safeText(speed),
        allowed: kSpeeds.join(', '),
      });
  }
  return { experiment, warnings };
}
