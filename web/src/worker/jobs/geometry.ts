// The two-weight geometry of "why L1 gives zeros" (engine.geometry2d), as jobs for the page's
// geometry view (ui/stage/geometry-view.ts). All of the math is the engine's; these jobs only
// ask it the right questions and pack the answers:
//   'geometry'       the picture for one position of c: the loss on a grid, and per penalty
//                    (one, or L1 and L2 side by side) the optimum w*(λ), the ball R(w) ≤ t
//                    through it and the contour level that touches it, and the path of w*
//                    over a grid of λ.
//   'geometryZeros'  where c may sit so that w*(λ) has an exact zero: w* for one c in every
//                    cell of a size × size grid over the bounds (zeroSample). It does not depend
//                    on c, so the page asks for it only when λ, the penalty or the loss's shape
//                    change.
import type { EngineModule, Geometry2dOptions } from '../../engine/engine-api';
import type { GeometryPenalty } from '../../spec/study-options';
import { JobCancelled, type JobHost } from '../jobs';

export interface GeometryPenaltyOptions {
  penalty: GeometryPenalty;
  l1Ratio?: number; // elasticNet only (default 0.5)
  p?: number; // lp only (default 0.5)
}

export type Bounds2d = [number, number, number, number]; // [xMin, xMax, yMin, yMax]

export interface GeometryJob {
  kind: 'geometry';
  center: [number, number];
  hessian: [number, number, number];
  penalties: GeometryPenaltyOptions[]; // one, or two compared
  lambda: number;
  pathLambdas: number[]; // the λ grid of the path of w*, in drawing order
  bounds: Bounds2d;
  resolution: number; // loss grid points per side
  outlinePoints: number; // points of the ball's outline
}

export interface GeometryPicture {
  optimum: [number, number]; // w*(λ); a weight the engine set to zero is exactly 0
  radius: number; // t = R(w*)
  lossAtOptimum: number; // L(w*): the contour that touches the ball
  outline: Float64Array; // the curve R(w) = t, (x, y) interleaved, closed
  path: Float64Array; // w*(λ) for each of pathLambdas, (x, y) interleaved
}

export interface GeometryResult {
  kind: 'geometry';
  resolution: number;
  loss: Float64Array; // resolution², row by row from yMin
  pictures: GeometryPicture[]; // one per penalty, in the request's order
}

export interface GeometryZerosJob {
  kind: 'geometryZeros';
  hessian: [number, number, number];
  penalties: GeometryPenaltyOptions[];
  lambda: number;
  bounds: Bounds2d;
  size: number; // centres per side
}

// Per penalty and grid cell (row by row from yMin, c at zeroSample): bit 1 set when w₁ is
// exactly 0 at that c, bit 2 when w₂ is.
export interface GeometryZerosResult {
  kind: 'geometryZeros';
  size: number;
  maps: Uint8Array[];
  fractions: number[]; // per penalty: the share of cells with at least one exact zero
}

// The engine's options for one penalty (l1Ratio and p only where they mean something: the
// engine refuses them elsewhere).
function penaltyOptions(
  r: GeometryPenaltyOptions,
): Pick<Geometry2dOptions, 'penalty' | 'l1Ratio' | 'p'> {
  if (r.penalty === 'elasticNet' && r.l1Ratio !== undefined)
    return { penalty: r.penalty, l1Ratio: r.l1Ratio };
  if (r.penalty === 'lp' && r.p !== undefined) return { penalty: r.penalty, p: r.p };
  return { penalty: r.penalty };
}

const kSmallest = { resolution: 2, outlinePoints: 8 }; // for calls that need only the optima

// Where a cell of the zero map is sampled: a fixed point off its centre, by irrational
// fractions of the cell. The map shows where zeros fill an area (L1's bands). Some zero sets
// are lines of no area (L2's, for a tilted loss: the c with ((H + λI)⁻¹Hc)ᵢ = 0), and with
// simple numbers for H and λ such a line runs exactly through many cell centres, which would
// shade whole cells for it.
export const kZeroSampleOffset: [number, number] = [
  0.5 + (Math.SQRT2 - 1.4) / 2, // 0.5071…
  0.5 - (Math.sqrt(5) - 2.2) / 2, // 0.4820…
];

export function zeroSample(bounds: Bounds2d, size: number, row: number, col: number) {
  const [xMin, xMax, yMin, yMax] = bounds;
  return [
    xMin + ((col + kZeroSampleOffset[0]) * (xMax - xMin)) / size,
    yMin + ((row + kZeroSampleOffset[1]) * (yMax - yMin)) / size,
  ] as [number, number];
}

export function geometryPicture(engine: EngineModule, job: GeometryJob): GeometryResult {
  let loss: Float64Array | null = null;
  const pictures = job.penalties.map((r, i): GeometryPicture => {
    const at = engine.geometry2d({
      center: job.center,
      hessian: job.hessian,
      ...penaltyOptions(r),
      lambdas: [job.lambda],
      bounds: job.bounds,
      // The loss grid is the same for every penalty: computed once.
      resolution: i === 0 ? job.resolution : kSmallest.resolution,
      outlinePoints: job.outlinePoints,
    });
    if (i === 0) loss = at.loss;
    const path = engine.geometry2d({
      center: job.center,
      hessian: job.hessian,
      ...penaltyOptions(r),
      lambdas: job.pathLambdas,
      bounds: job.bounds,
      ...kSmallest,
    });
    return {
      optimum: [at.optima[0]!, at.optima[1]!],
      radius: at.radii[0]!,
      lossAtOptimum: at.lossAtOptima[0]!,
      outline: at.outlines,
      path: path.optima,
    };
  });
  if (!loss) throw new Error('penalties: at least one is needed');
  return { kind: 'geometry', resolution: job.resolution, loss, pictures };
}

// Milliseconds of work between two looks at the worker's messages.
const kSliceMs = 15;

export async function geometryZeros(
  engine: EngineModule,
  job: GeometryZerosJob,
  host: JobHost,
): Promise<GeometryZerosResult> {
  const n = job.size;
  if (!(Number.isInteger(n) && n >= 1 && n <= 256)) throw new Error('size: an integer in [1, 256]');
  if (!job.penalties.length) throw new Error('penalties: at least one is needed');
  const maps = job.penalties.map(() => new Uint8Array(n * n));
  const total = n * n * job.penalties.length;
  let done = 0;
  let sliceStart = performance.now();
  for (let k = 0; k < job.penalties.length; k++) {
    const options = penaltyOptions(job.penalties[k]!);
    for (let cell = 0; cell < n * n; cell++) {
      const row = Math.floor(cell / n);
      const col = cell % n;
      const w = engine.geometry2d({
        center: zeroSample(job.bounds, n, row, col),
        hessian: job.hessian,
        ...options,
        lambdas: [job.lambda],
        bounds: job.bounds,
        ...kSmallest,
      }).optima;
      maps[k]![cell] = (w[0] === 0 ? 1 : 0) | (w[1] === 0 ? 2 : 0);
      done++;
      if (performance.now() - sliceStart >= kSliceMs) {
        host.progress(done / total);
        await host.yieldToWorker();
        if (host.cancelled()) throw new JobCancelled();
        sliceStart = performance.now();
      }
    }
  }
  const fractions = maps.map((m) => m.reduce((s, v) => s + (v ? 1 : 0), 0) / (n * n));
  return { kind: 'geometryZeros', size: n, maps, fractions };
}
