// The shared-link format: the whole experiment (every run of a comparison, the seed, custom 2D
// points, view options) as a short, readable, versioned query string kept in the URL's hash:
//   v=2&ds=spiral&h=8:relu,8:relu&lr=0.01&runs=2&r2.pen=l1&r2.lam=0.001&lang=zh
// Only values that differ from the default are written (run 2..4: only what differs from run 1).
// The spec's keys come from the presentation table (presentation.ts), ranges, options and
// defaults from the engine's schema; the layer list, custom points and view options have their
// own small codecs (url-layers.ts, url-points.ts, view-options.ts). decode() never throws: bad values are clamped or dropped with a warning,
// unknown keys are ignored, and input size is bounded before any work is done.
import {
  cloneSpec,
  defaultSpec,
  field,
  getPath,
  setPath,
  type ExperimentSpec,
  type FieldValue,
  type SpecPath,
} from './experiment-spec';
import { lessonRuns } from '../lessons/lesson-runs';
import { kPresentation } from './presentation';
import { kMaxCsvLinkChars, type SharedCsv } from './url-csv';
import { decodePoints, encodePoints, type CustomPoints } from './url-points';
import { decodeLayers, encodeLayers, kLayersKey } from './url-layers';
import { decodeView, defaultView, encodeView, kViewKeys, type ViewOptions } from './view-options';

export { kMaxSharedPoints, roundPointCoordinate, type CustomPoints } from './url-points';
export {
  defaultView,
  kLanguages,
  kPanels,
  kSpeeds,
  type Language,
  type PanelId,
  type ViewOptions,
} from './view-options';
import { repairWarnings } from './repair';
import { coerceField, safeText, type SpecWarning } from './validate';

export const kFormatVersion = 2;
export const kMaxRuns = 4;
export const kMaxInputLength = 32768;
const kMaxPairs = 600;

// Short URL key → spec field: the presentation table's keys (presentation.ts).
export const FIELDS: readonly { key: string; path: SpecPath }[] = kPresentation;

export interface SharedExperiment {
  runs: ExperimentSpec[]; // 1..kMaxRuns; runs[0] is the experiment, the others compare with it
  points: CustomPoints | null;
  csv: SharedCsv | null; // the user's own table, compressed (url-csv.ts)
  view: ViewOptions;
}

interface Decoded {
  experiment: SharedExperiment;
  warnings: SpecWarning[];
}

export function defaultExperiment(): SharedExperiment {
  return { runs: [defaultSpec()], points: null, csv: null, view: defaultView() };
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

// What run i is written relative to: the lesson's run i when the link names a lesson (so an
// unchanged lesson is just #lesson=<id>), else the defaults for run 1 and run 1 for the others.
function baseOf(i: number, first: ExperimentSpec, lesson: ExperimentSpec[] | null): ExperimentSpec {
  if (lesson?.[i]) return lesson[i]!;
  return i === 0 ? defaultSpec() : first;
}

export function encode(experiment: SharedExperiment): string {
  const runs = experiment.runs.slice(0, kMaxRuns);
  const first = runs[0] ?? defaultSpec();
  const lesson = experiment.view.lesson ? lessonRuns(experiment.view.lesson) : null;
  const pairs = [`v=${kFormatVersion}`, ...specPairs(first, baseOf(0, first, lesson), '')];
  if (runs.length !== (lesson?.length ?? 1)) pairs.push(`runs=${runs.length}`);
  runs
    .slice(1)
    .forEach((run, i) => pairs.push(...specPairs(run, baseOf(i + 1, first, lesson), `r${i + 2}.`)));
  if (experiment.points && first.data.kind === 'custom') {
    pairs.push(`pts=${encodePoints(experiment.points)}`);
  } else if (experiment.csv && first.data.kind === 'custom') {
    const { payload, targets, name } = experiment.csv;
    pairs.push(`csv=${payload}`, `csvt=${targets.join(',')}`);
    if (name) pairs.push(`csvn=${escapeValue(name.slice(0, 80))}`);
  }
  pairs.push(...encodeView(experiment.view));
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

// The link's own keys besides the fields, the layers and the view options.
const kExperimentKeys = ['v', 'runs', 'pts', 'csv', 'csvt', 'csvn'];

function isKnownKey(key: string): boolean {
  if (
    kViewKeys.has(key) ||
    kExperimentKeys.includes(key) ||
    key === kLayersKey ||
    fieldByKey.has(key)
  )
    return true;
  const m = /^r([2-9])\.(.+)$/.exec(key);
  return !!m && (m[2] === kLayersKey || fieldByKey.has(m[2]!));
}

// csv= / csvt= / csvn=: checked here for form only; the page unpacks and parses the table.
function decodeCsvPairs(
  payload: string,
  pairs: Map<string, string>,
  warnings: SpecWarning[],
): SharedCsv | null {
  const targets = (pairs.get('csvt') ?? '').split(',', 17).map(Number);
  if (
    !/^[A-Za-z0-9_-]+$/.test(payload) ||
    payload.length > kMaxCsvLinkChars ||
    targets.length === 0 ||
    targets.length > 16 ||
    targets.some((c) => !Number.isInteger(c) || c < 0 || c > 10000)
  ) {
    warnings.push({ code: 'invalid', key: 'csv', value: safeText(payload) });
    return null;
  }
  return { payload, targets, name: safeText(pairs.get('csvn') ?? '', 80) };
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

  // A lesson link starts from the lesson's runs; any other key changes them.
  experiment.view = decodeView(pairs, warnings);
  const lesson = experiment.view.lesson ? lessonRuns(experiment.view.lesson) : null;
  const first = applyRunPairs(baseOf(0, defaultSpec(), lesson), pairs, '', warnings);
  experiment.runs = [first];
  let runCount = lesson?.length ?? 1;
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
      runCount = Math.min(n, kMaxRuns);
    }
  }
  for (let i = 2; i <= runCount; i++)
    experiment.runs.push(applyRunPairs(baseOf(i - 1, first, lesson), pairs, `r${i}.`, warnings));

  // Each field may be valid alone and the run still refused (validation + test share above
  // 0.8, Nesterov without momentum): repair what the engine's rules name, and say so.
  experiment.runs = experiment.runs.map((run, i) =>
    repairWarnings(run, warnings, i === 0 ? '' : `r${i + 1}.`),
  );

  const pts = pairs.get('pts');
  if (pts !== undefined) experiment.points = decodePoints(pts, warnings);
  const csv = pairs.get('csv');
  if (csv !== undefined && !experiment.points)
    experiment.csv = decodeCsvPairs(csv, pairs, warnings);
  if (
    experiment.runs.some((r) => r.data.kind === 'custom') &&
    !experiment.points &&
    !experiment.csv
  ) {
    warnings.push({ code: 'invalid', key: 'ds', value: 'custom', allowed: 'pts, csv' });
    experiment.runs = experiment.runs.map((r) =>
      r.data.kind === 'custom' ? setPath(r, 'data.kind', field('data.kind').default as string) : r,
    );
  }

  return { experiment, warnings };
}
