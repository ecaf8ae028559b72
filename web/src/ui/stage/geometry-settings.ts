// The geometry view's settings (the link's gk, gl, gr, gp, gc, gh, gv: study-options.ts) turned
// into the jobs that compute its picture (worker/jobs/geometry.ts), and the fixed choices of
// the picture: the plane shown, the grids, the λ slider's scale, the loss shapes offered.
import type { StudyOptions } from '../../spec/study-options';
import type {
  Bounds2d,
  GeometryJob,
  GeometryPenaltyOptions,
  GeometryZerosJob,
} from '../../worker/jobs/geometry';

export type GeometrySettings = StudyOptions['geometry'];

// The plane shown: c may go to ±3 (the link's range), with room for its handle.
export const kBounds: Bounds2d = [-3.5, 3.5, -3.5, 3.5];
// Loss grid points per side: contours placed to about a pixel on a 500 px picture.
export const kLossResolution = 121;
export const kOutlinePoints = 256;
// Centres per side of the map of where c gives an exact zero.
export const kZeroMapSize = 48;
// The path of w*: λ = 0 (w* = c), then 120 strengths from 10⁻³ to 10² evenly in log λ.
export const kPathLambdas = [
  0,
  ...Array.from({ length: 120 }, (_, i) => 10 ** (-3 + (5 * i) / 119)),
];
// The λ slider: position 0 is λ = 0, positions 1..kLambdaSteps span 10⁻³..10² evenly in log λ.
export const kLambdaSteps = 100;
export const kLambdaMax = 100; // the link's largest λ
// Arrow keys move c by this much (with Shift, five times as far).
export const kKeyStep = 0.1;
export const kCenterLimit = 3;

export function lambdaFromSlider(position: number): number {
  if (!(position > 0)) return 0;
  const k = Math.min(kLambdaSteps, Math.round(position));
  return Number((10 ** (-3 + (5 * (k - 1)) / (kLambdaSteps - 1))).toPrecision(2));
}

export function sliderFromLambda(lambda: number): number {
  if (!(lambda > 0)) return 0;
  const k = 1 + ((Math.log10(lambda) + 3) / 5) * (kLambdaSteps - 1);
  return Math.min(kLambdaSteps, Math.max(1, Math.round(k)));
}

// The loss's shapes on offer: H = [[a, b], [b, d]] as [a, b, d]. Any other H comes from a link.
export const kLossShapes = {
  tilted: [1, 0.4, 0.6],
  round: [1, 0, 1],
  stretched: [1, 0, 0.3],
} as const satisfies Record<string, readonly [number, number, number]>;
export type LossShape = keyof typeof kLossShapes | 'custom';

export function lossShapeOf(hessian: readonly number[]): LossShape {
  for (const [name, h] of Object.entries(kLossShapes))
    if (h.every((v, i) => v === hessian[i])) return name as LossShape;
  return 'custom';
}

// c moved to (x, y): inside the link's range, to two decimals (what a reader can set by hand).
export function clampCenter(x: number, y: number): [number, number] {
  const one = (v: number) =>
    Math.round(Math.min(kCenterLimit, Math.max(-kCenterLimit, v)) * 100) / 100 + 0;
  return [one(x), one(y)];
}

// The penalties drawn: the chosen one, or L1 and L2 together.
export function penaltiesOf(g: GeometrySettings): GeometryPenaltyOptions[] {
  const kinds = g.compare ? (['l1', 'l2'] as const) : [g.penalty];
  return kinds.map((penalty) =>
    penalty === 'elasticNet'
      ? { penalty, l1Ratio: g.l1Ratio }
      : penalty === 'lp'
        ? { penalty, p: g.p }
        : { penalty },
  );
}

export function pictureJob(g: GeometrySettings): GeometryJob {
  return {
    kind: 'geometry',
    center: [g.center[0], g.center[1]],
    hessian: [g.hessian[0], g.hessian[1], g.hessian[2]],
    penalties: penaltiesOf(g),
    lambda: g.lambda,
    pathLambdas: kPathLambdas,
    bounds: kBounds,
    resolution: kLossResolution,
    outlinePoints: kOutlinePoints,
  };
}

export function zerosJob(g: GeometrySettings): GeometryZerosJob {
  return {
    kind: 'geometryZeros',
    hessian: [g.hessian[0], g.hessian[1], g.hessian[2]],
    penalties: penaltiesOf(g),
    lambda: g.lambda,
    bounds: kBounds,
    size: kZeroMapSize,
  };
}

export function sameSettings(a: GeometrySettings, b: GeometrySettings): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}
