// The geometry view's jobs (worker/jobs/geometry.ts) on the real engine, against closed forms
// worked out here, not by the engine: with an axis-aligned quadratic loss ½(w − c)ᵀH(w − c),
// H = diag(a, d), L1's optimum is the soft threshold wᵢ = sign(cᵢ)·max(|cᵢ| − λ/hᵢ, 0) and L2's
// (R = ½‖w‖²) the shrinkage wᵢ = hᵢcᵢ/(hᵢ + λ); with a tilted H, L2's is (H + λI)⁻¹Hc and L1's
// satisfies the optimality conditions (|gᵢ| ≤ λ where wᵢ = 0, gᵢ = −λ·sign(wᵢ) elsewhere, with
// g = H(w − c)). The zero map follows from the soft threshold: w₁ = 0 exactly when |c₁| ≤ λ/a.
import { beforeAll, describe, expect, it } from 'vitest';
import type { EngineModule } from '../../web/src/engine/engine-api';
import { JobCancelled, runJob, type JobHost } from '../../web/src/worker/jobs';
import type {
  GeometryJob,
  GeometryResult,
  GeometryZerosJob,
  GeometryZerosResult,
} from '../../web/src/worker/jobs/geometry';
import { zeroSample } from '../../web/src/worker/jobs/geometry';
import { engineAvailable, loadNodeEngine } from './support/node-engine';

const host: JobHost = {
  yieldToWorker: () => Promise.resolve(),
  cancelled: () => false,
  progress: () => {},
};

const softThreshold = (c: number, k: number) => Math.sign(c) * Math.max(Math.abs(c) - k, 0);

function pictureJob(over: Partial<GeometryJob>): GeometryJob {
  return {
    kind: 'geometry',
    center: [2, 0.3],
    hessian: [1.5, 0, 0.8],
    penalties: [{ penalty: 'l1' }, { penalty: 'l2' }],
    lambda: 0.5,
    pathLambdas: [0, 0.1, 0.5, 1, 3, 10],
    bounds: [-3.5, 3.5, -3.5, 3.5],
    resolution: 15,
    outlinePoints: 64,
    ...over,
  };
}

describe.skipIf(!engineAvailable)('geometry jobs on the engine', () => {
  let engine: EngineModule;
  beforeAll(async () => {
    engine = await loadNodeEngine();
  });

  it('axis-aligned loss: L1 is the soft threshold (an exact 0), L2 the shrinkage', async () => {
    const job = pictureJob({});
    const r = (await runJob(engine, job, host)) as GeometryResult;
    expect(r.kind).toBe('geometry');
    const [a, , d] = job.hessian;
    const [c1, c2] = job.center;
    const [l1, l2] = r.pictures as [GeometryResult['pictures'][0], GeometryResult['pictures'][0]];
    // At λ = 0.5: w₂ = soft(0.3, 0.625) is exactly 0, not merely small.
    expect(l1.optimum[0]).toBeCloseTo(softThreshold(c1, job.lambda / a), 12);
    expect(Object.is(l1.optimum[1], 0) || Object.is(l1.optimum[1], -0)).toBe(true);
    expect(l2.optimum[0]).toBeCloseTo((a * c1) / (a + job.lambda), 12);
    expect(l2.optimum[1]).toBeCloseTo((d * c2) / (d + job.lambda), 12);
    expect(l2.optimum[1]).not.toBe(0);
    // The ball through w* and the contour that touches it.
    expect(l1.radius).toBeCloseTo(Math.abs(l1.optimum[0]), 12);
    expect(l2.radius).toBeCloseTo(0.5 * (l2.optimum[0] ** 2 + l2.optimum[1] ** 2), 12);
    const loss = ([w1, w2]: [number, number]) => 0.5 * (a * (w1 - c1) ** 2 + d * (w2 - c2) ** 2);
    expect(l1.lossAtOptimum).toBeCloseTo(loss(l1.optimum), 12);
    expect(l2.lossAtOptimum).toBeCloseTo(loss(l2.optimum), 12);
    // The path: w*(λ) for each λ of the grid, in order.
    job.pathLambdas.forEach((lambda, i) => {
      expect(l1.path[2 * i]).toBeCloseTo(softThreshold(c1, lambda / a), 12);
      expect(l1.path[2 * i + 1]).toBeCloseTo(softThreshold(c2, lambda / d), 12);
      expect(l2.path[2 * i]).toBeCloseTo((a * c1) / (a + lambda), 12);
      expect(l2.path[2 * i + 1]).toBeCloseTo((d * c2) / (d + lambda), 12);
    });
    // Every point of the outline is on the ball R(w) = t.
    for (let i = 0; i < l1.outline.length; i += 2)
      expect(Math.abs(l1.outline[i]!) + Math.abs(l1.outline[i + 1]!)).toBeCloseTo(l1.radius, 9);
    // The loss on the grid, once for both penalties.
    const [xMin, xMax, yMin, yMax] = job.bounds;
    const n = r.resolution;
    expect(r.loss.length).toBe(n * n);
    for (const [row, col] of [
      [0, 0],
      [3, 11],
      [14, 14],
    ] as const) {
      const w: [number, number] = [
        xMin + ((xMax - xMin) * col) / (n - 1),
        yMin + ((yMax - yMin) * row) / (n - 1),
      ];
      expect(r.loss[row * n + col]).toBeCloseTo(loss(w), 10);
    }
  });

  it('tilted loss: L2 is (H + λI)⁻¹Hc, L1 meets its optimality conditions with a 0', async () => {
    const job = pictureJob({ center: [1.5, 0.6], hessian: [1, 0.4, 0.6], lambda: 0.5 });
    const r = (await runJob(engine, job, host)) as GeometryResult;
    const [a, b, d] = job.hessian;
    const [c1, c2] = job.center;
    const lam = job.lambda;
    // (H + λI)⁻¹ H c by Cramer's rule.
    const h1 = a * c1 + b * c2;
    const h2 = b * c1 + d * c2;
    const det = (a + lam) * (d + lam) - b * b;
    const l2 = r.pictures[1]!.optimum;
    expect(l2[0]).toBeCloseTo(((d + lam) * h1 - b * h2) / det, 12);
    expect(l2[1]).toBeCloseTo(((a + lam) * h2 - b * h1) / det, 12);
    const w = r.pictures[0]!.optimum;
    const g = [a * (w[0] - c1) + b * (w[1] - c2), b * (w[0] - c1) + d * (w[1] - c2)];
    expect(w[1]).toBe(0);
    expect(Math.abs(g[1]!)).toBeLessThanOrEqual(lam);
    expect(w[0]).toBeGreaterThan(0);
    expect(g[0]).toBeCloseTo(-lam, 12);
  });

  it('the zero map: w₁ is exactly 0 where |c₁| ≤ λ/a, w₂ where |c₂| ≤ λ/d; L2 never', async () => {
    const job: GeometryZerosJob = {
      kind: 'geometryZeros',
      hessian: [1.5, 0, 0.8],
      penalties: [{ penalty: 'l1' }, { penalty: 'l2' }],
      // λ/a = 0.54: just above the cell centre at 0.525, so a map off by a few hundredths fails.
      lambda: 0.81,
      bounds: [-3.5, 3.5, -3.5, 3.5],
      size: 20,
    };
    const r = (await runJob(engine, job, host)) as GeometryZerosResult;
    const n = job.size;
    let expectedZeros = 0;
    for (let row = 0; row < n; row++)
      for (let col = 0; col < n; col++) {
        const [c1, c2] = zeroSample(job.bounds, n, row, col);
        const bits =
          (Math.abs(c1) <= job.lambda / 1.5 ? 1 : 0) | (Math.abs(c2) <= job.lambda / 0.8 ? 2 : 0);
        expect(r.maps[0]![row * n + col], `cell (${row}, ${col})`).toBe(bits);
        expect(r.maps[1]![row * n + col]).toBe(0);
        if (bits) expectedZeros++;
      }
    expect(expectedZeros).toBeGreaterThan(0);
    expect(r.fractions).toEqual([expectedZeros / (n * n), 0]);
  });

  it('shades no cell for a zero set without area (L2 with a tilted loss: a line)', async () => {
    // With H = [[1, 0.4], [0.4, 0.6]] and λ = 1, L2's w₂ is 0 exactly where 0.4c₁ + 1.04c₂ = 0,
    // a line through several centres of the view's 48 × 48 cells (c = (2.84375, −1.09375)).
    const job: GeometryZerosJob = {
      kind: 'geometryZeros',
      hessian: [1, 0.4, 0.6],
      penalties: [{ penalty: 'l2' }, { penalty: 'l1' }],
      lambda: 1,
      bounds: [-3.5, 3.5, -3.5, 3.5],
      size: 48,
    };
    const r = (await runJob(engine, job, host)) as GeometryZerosResult;
    expect(r.fractions[0]).toBe(0);
    expect(r.fractions[1]).toBeGreaterThan(0.5);
  });

  it('a cancelled zero map stops; a bad size is refused by name', async () => {
    const big: GeometryZerosJob = {
      kind: 'geometryZeros',
      hessian: [1, 0.4, 0.6],
      penalties: [{ penalty: 'lp', p: 0.5 }],
      lambda: 0.5,
      bounds: [-3.5, 3.5, -3.5, 3.5],
      size: 256,
    };
    const t0 = performance.now();
    await expect(runJob(engine, big, { ...host, cancelled: () => true })).rejects.toBeInstanceOf(
      JobCancelled,
    );
    expect(performance.now() - t0).toBeLessThan(1000);
    await expect(runJob(engine, { ...big, size: 0 }, host)).rejects.toThrow(/size/);
    await expect(runJob(engine, pictureJob({ hessian: [1, 2, 1] }), host)).rejects.toThrow(
      /hessian/,
    );
  });
});
