// "Choosing λ": which view the stage shows beside the data (stage=: the network, the
// regularization path of an exact linear solver, cross-validation, or the two-weight geometry),
// and each view's settings. All of it travels in the link, checked like the rest of it: a bad
// value keeps the default and is reported as a warning.
import { safeText, type SpecWarning } from './validate';

export const kStages = ['network', 'path', 'cv', 'geometry', 'images'] as const;
export type StageId = (typeof kStages)[number];

// The exact solver of the path and of its cross-validation ('auto': from the selected run:
// lasso for an L1 penalty, elastic net for elastic net, ridge for L2, logistic for two
// classes).
export const kPathModels = ['auto', 'lasso', 'elasticNet', 'ridge', 'logistic'] as const;
export type PathModel = (typeof kPathModels)[number];

// What cross-validation tunes: the exact solver's whole λ path, or the network over a grid of
// one hyper-parameter (a heatmap with a second one).
export const kCvTargets = ['path', 'network'] as const;
export type CvTarget = (typeof kCvTargets)[number];
export const kGridParams = [
  'penalty.lambda',
  'dropout',
  'optimizer.weightDecay',
  'optimizer.lr',
] as const;
export type GridParam = (typeof kGridParams)[number];

export const kGeometryPenalties = ['l1', 'l2', 'elasticNet', 'lp'] as const;
export type GeometryPenalty = (typeof kGeometryPenalties)[number];

export interface StudyOptions {
  path: {
    model: PathModel;
    l1Ratio: number; // elastic net (and logistic elastic net), in (0, 1]
    alpha: number | null; // the λ marked on the path (null: none chosen yet)
  };
  cv: {
    target: CvTarget;
    folds: number; // 2..10
    param: GridParam;
    values: number[]; // 2..12 grid values of param
    param2: GridParam | null; // a second axis: grid search, drawn as a heatmap
    values2: number[];
    epochs: number; // each network fold trains this many epochs (1..500)
  };
  geometry: {
    penalty: GeometryPenalty;
    lambda: number; // ≥ 0
    l1Ratio: number; // [0, 1]
    p: number; // [0.1, 4]
    center: [number, number]; // the unpenalised optimum, each in [-3, 3]
    hessian: [number, number, number]; // [a, b, d], positive definite
    compare: boolean; // L1 and L2 drawn together (the penalty choice aside)
  };
  // "What the network sees" (image data): the test row whose feature maps are shown, and
  // whether they are drawn as in training (dropout applied). Keys ir=, it=.
  images: { row: number; training: boolean };
}

export function defaultStudy(): StudyOptions {
  return {
    path: { model: 'auto', l1Ratio: 0.5, alpha: null },
    cv: {
      target: 'path',
      folds: 5,
      param: 'penalty.lambda',
      values: [1e-5, 1e-4, 1e-3, 1e-2, 1e-1],
      param2: null,
      values2: [],
      epochs: 30,
    },
    geometry: {
      penalty: 'l1',
      lambda: 0.8,
      l1Ratio: 0.5,
      p: 0.5,
      center: [2, 1],
      hessian: [1, 0.4, 0.6],
      compare: true,
    },
    images: { row: 0, training: false },
  };
}

// The link keys, each read by decodeStudy.
export const kStudyKeys = new Set([
  'stage',
  'pm',
  'pr',
  'pa',
  'cvt',
  'cvn',
  'cvp',
  'cvv',
  'cvq',
  'cvw',
  'cve',
  'gk',
  'gl',
  'gr',
  'gp',
  'gc',
  'gh',
  'gv',
  'ir',
  'it',
]);

const num = (v: number) => String(Number(v.toPrecision(6)));
const list = (v: readonly number[]) => v.map(num).join(',');
const same = (a: readonly number[], b: readonly number[]) =>
  a.length === b.length && a.every((x, i) => x === b[i]);

// A lesson's settings over the defaults: each part of `partial` replaces the default's.
export interface StudyBase {
  stage: StageId;
  study: StudyOptions;
}
export type PartialStudy = { [K in keyof StudyOptions]?: Partial<StudyOptions[K]> };

export function studyWith(partial: PartialStudy = {}): StudyOptions {
  const d = defaultStudy();
  return {
    path: { ...d.path, ...partial.path },
    cv: { ...d.cv, ...partial.cv },
    geometry: { ...d.geometry, ...partial.geometry },
    images: { ...d.images, ...partial.images },
  };
}

const kDefaultBase = (): StudyBase => ({ stage: 'network', study: defaultStudy() });

// The keys that differ from `base` (the defaults, or the lesson the link opens).
export function encodeStudy(
  stage: StageId,
  o: StudyOptions,
  base: StudyBase = kDefaultBase(),
): string[] {
  const d = base.study;
  const out: string[] = [];
  if (stage !== base.stage) out.push(`stage=${stage}`);
  if (o.path.model !== d.path.model) out.push(`pm=${o.path.model}`);
  if (o.path.l1Ratio !== d.path.l1Ratio) out.push(`pr=${num(o.path.l1Ratio)}`);
  if (o.path.alpha !== d.path.alpha)
    out.push(`pa=${o.path.alpha === null ? '' : num(o.path.alpha)}`);
  if (o.cv.target !== d.cv.target) out.push(`cvt=${o.cv.target}`);
  if (o.cv.folds !== d.cv.folds) out.push(`cvn=${o.cv.folds}`);
  if (o.cv.param !== d.cv.param) out.push(`cvp=${o.cv.param}`);
  if (!same(o.cv.values, d.cv.values)) out.push(`cvv=${list(o.cv.values)}`);
  if (o.cv.param2 !== d.cv.param2 || !same(o.cv.values2, d.cv.values2))
    out.push(`cvq=${o.cv.param2 ?? ''}`, `cvw=${list(o.cv.values2)}`);
  if (o.cv.epochs !== d.cv.epochs) out.push(`cve=${o.cv.epochs}`);
  const g = o.geometry;
  if (g.penalty !== d.geometry.penalty) out.push(`gk=${g.penalty}`);
  if (g.lambda !== d.geometry.lambda) out.push(`gl=${num(g.lambda)}`);
  if (g.l1Ratio !== d.geometry.l1Ratio) out.push(`gr=${num(g.l1Ratio)}`);
  if (g.p !== d.geometry.p) out.push(`gp=${num(g.p)}`);
  if (!same(g.center, d.geometry.center)) out.push(`gc=${list(g.center)}`);
  if (!same(g.hessian, d.geometry.hessian)) out.push(`gh=${list(g.hessian)}`);
  if (g.compare !== d.geometry.compare) out.push(`gv=${g.compare ? 1 : 0}`);
  if (o.images.row !== d.images.row) out.push(`ir=${o.images.row}`);
  if (o.images.training !== d.images.training) out.push(`it=${o.images.training ? 1 : 0}`);
  return out;
}

// Reads the study keys of a link over `base` into `stage` and the options; every problem is a
// warning. An empty pa= or cvq= clears the lesson's choice.
export function decodeStudy(
  pairs: Map<string, string>,
  warnings: SpecWarning[],
  base: StudyBase = kDefaultBase(),
): StudyBase {
  const o = studyWith(base.study);
  const bad = (key: string, value: string, allowed: string) =>
    warnings.push({ code: 'invalid', key, value: safeText(value), allowed });
  const choice = <T extends string>(key: string, options: readonly T[]): T | undefined => {
    const v = pairs.get(key);
    if (v === undefined) return undefined;
    if ((options as readonly string[]).includes(v)) return v as T;
    bad(key, v, options.join(', '));
    return undefined;
  };
  const number = (key: string, min: number, max: number, integer = false): number | undefined => {
    const v = pairs.get(key);
    if (v === undefined) return undefined;
    const n = Number(v);
    if (
      v.trim() !== '' &&
      Number.isFinite(n) &&
      n >= min &&
      n <= max &&
      (!integer || Number.isInteger(n))
    )
      return n;
    bad(key, v, `${integer ? 'an integer in ' : ''}[${min}, ${max}]`);
    return undefined;
  };
  const numbers = (key: string, min: number, max: number, count: [number, number]) => {
    const v = pairs.get(key);
    if (v === undefined) return undefined;
    const parts = v.split(',', count[1] + 1).map((x) => (x.trim() === '' ? NaN : Number(x)));
    if (
      parts.length >= count[0] &&
      parts.length <= count[1] &&
      parts.every((n) => Number.isFinite(n) && n >= min && n <= max)
    )
      return parts;
    bad(key, v, `${count[0]}–${count[1]} numbers in [${min}, ${max}], comma-separated`);
    return undefined;
  };

  const stage = choice('stage', kStages) ?? base.stage;
  o.path.model = choice('pm', kPathModels) ?? o.path.model;
  o.path.l1Ratio = number('pr', 0.01, 1) ?? o.path.l1Ratio;
  if (pairs.get('pa') === '') o.path.alpha = null;
  else o.path.alpha = number('pa', 1e-12, 1e12) ?? o.path.alpha;
  o.cv.target = choice('cvt', kCvTargets) ?? o.cv.target;
  o.cv.folds = number('cvn', 2, 10, true) ?? o.cv.folds;
  o.cv.param = choice('cvp', kGridParams) ?? o.cv.param;
  o.cv.values = numbers('cvv', 0, 1e6, [2, 12]) ?? o.cv.values;
  const cleared = pairs.get('cvq') === '';
  const param2 = cleared ? undefined : choice('cvq', kGridParams);
  const values2 = cleared ? undefined : numbers('cvw', 0, 1e6, [2, 12]);
  if (cleared) {
    o.cv.param2 = null;
    o.cv.values2 = [];
  } else if (param2 && values2 && param2 !== o.cv.param) {
    o.cv.param2 = param2;
    o.cv.values2 = values2;
  } else if (param2 || values2)
    bad('cvq', pairs.get('cvq') ?? '', 'a second, different parameter with cvw= values');
  o.cv.epochs = number('cve', 1, 500, true) ?? o.cv.epochs;
  const g = o.geometry;
  g.penalty = choice('gk', kGeometryPenalties) ?? g.penalty;
  g.lambda = number('gl', 0, 100) ?? g.lambda;
  g.l1Ratio = number('gr', 0, 1) ?? g.l1Ratio;
  g.p = number('gp', 0.1, 4) ?? g.p;
  const center = numbers('gc', -3, 3, [2, 2]);
  if (center) g.center = [center[0]!, center[1]!];
  const hessian = numbers('gh', -100, 100, [3, 3]);
  if (hessian) {
    const [a, b, d] = hessian as [number, number, number];
    // Positive definite, and not so ill-conditioned that the contours degenerate to lines.
    if (a > 0 && d > 0 && a * d - b * b > 1e-3 * Math.max(a, d) ** 2) g.hessian = [a, b, d];
    else bad('gh', pairs.get('gh')!, 'a, b, d with a > 0 and ad − b² > 0');
  }
  const compare = choice('gv', ['0', '1']);
  if (compare) g.compare = compare === '1';
  // The row is clamped to the test split by the worker (the split's size depends on the spec).
  o.images.row = number('ir', 0, 1e6, true) ?? o.images.row;
  const training = choice('it', ['0', '1']);
  if (training) o.images.training = training === '1';
  return { stage, study: o };
}
