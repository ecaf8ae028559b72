// The geometry view's drawing helpers and its request queue: marching squares against circles
// whose radius is known, the contour levels, the λ slider's scale, and "at most one in flight,
// the newest waits" with answers arriving in any order of time.
import { describe, expect, it } from 'vitest';
import { bowlLevels, contourSegments } from '../../web/src/ui/stage/contours';
import {
  clampCenter,
  kLambdaSteps,
  lambdaFromSlider,
  lossShapeOf,
  penaltiesOf,
  sliderFromLambda,
} from '../../web/src/ui/stage/geometry-settings';
import { LatestOnly } from '../../web/src/ui/stage/latest-only';
import { defaultStudy } from '../../web/src/spec/study-options';

// f(x, y) = x² + y² on an n × n grid over [-1, 1]².
function bowl(n: number) {
  const v = new Float64Array(n * n);
  for (let r = 0; r < n; r++)
    for (let c = 0; c < n; c++) {
      const x = -1 + (2 * c) / (n - 1);
      const y = -1 + (2 * r) / (n - 1);
      v[r * n + c] = x * x + y * y;
    }
  return v;
}

describe('contourSegments', () => {
  it('puts every segment end on the circle of the level (to the grid interpolation error)', () => {
    const n = 81;
    const h = 2 / (n - 1);
    for (const radius of [0.3, 0.55, 0.9]) {
      const s = contourSegments(bowl(n), n, radius * radius);
      expect(s.length).toBeGreaterThan(0);
      expect(s.length % 4).toBe(0);
      let length = 0;
      for (let i = 0; i < s.length; i += 4) {
        for (const k of [0, 2]) {
          const x = -1 + s[i + k]! * h;
          const y = -1 + s[i + k + 1]! * h;
          // Linear interpolation of r² along a cell edge errs by at most h²/4 in r².
          expect(Math.abs(Math.hypot(x, y) - radius)).toBeLessThan(h * h);
        }
        length += Math.hypot(s[i + 2]! - s[i]!, s[i + 3]! - s[i + 1]!) * h;
      }
      // The polyline's length is the circumference, to a percent.
      expect(Math.abs(length / (2 * Math.PI * radius) - 1)).toBeLessThan(0.01);
    }
  });

  it('draws nothing for a level outside the values, and survives flat or tiny grids', () => {
    expect(contourSegments(bowl(11), 11, -1)).toEqual([]);
    expect(contourSegments(bowl(11), 11, 5)).toEqual([]);
    expect(contourSegments(new Float64Array(16).fill(1), 4, 1)).toEqual([]);
    expect(contourSegments([1], 1, 0.5)).toEqual([]);
  });

  it('splits a saddle cell by its centre value', () => {
    // Corners (0,0)=1, (1,0)=0, (1,1)=1, (0,1)=0: above at corners 0 and 2.
    const above = contourSegments([1, 0, 0, 1], 2, 0.4); // centre 0.5 > 0.4: corners joined
    const below = contourSegments([1, 0, 0, 1], 2, 0.6); // centre 0.5 < 0.6: corners cut off
    expect(above.length).toBe(8);
    expect(below.length).toBe(8);
    // Centre below: the segments cut off the above corners (0,0) and (1,1), each staying on
    // one side of the diagonal x + y = 1. Centre above: they cut off the below corners (1,0)
    // and (0,1), each on one side of x = y.
    const side = (v: number) => Math.sign(Number(v.toFixed(9)));
    for (let i = 0; i < 8; i += 4) {
      const [x0, y0, x1, y1] = below.slice(i, i + 4) as [number, number, number, number];
      expect(side(x0 + y0 - 1)).toBe(side(x1 + y1 - 1));
      const [u0, v0, u1, v1] = above.slice(i, i + 4) as [number, number, number, number];
      expect(side(u0 - v0)).toBe(side(u1 - v1));
    }
    expect(above).not.toEqual(below);
  });
});

describe('bowlLevels', () => {
  it('spaces levels evenly in √value, with a round step, all inside the values', () => {
    const v = bowl(41); // values 0..2
    const levels = bowlLevels(v, 10);
    expect(levels.length).toBeGreaterThanOrEqual(5);
    const roots = levels.map(Math.sqrt);
    const step = roots[0]!;
    roots.forEach((r, i) => expect(r).toBeCloseTo(step * (i + 1), 12));
    expect([1, 2, 5]).toContain(Number((step / 10 ** Math.floor(Math.log10(step))).toFixed(6)));
    expect(levels.at(-1)!).toBeLessThanOrEqual(2);
  });

  it('gives no levels for a flat grid', () => {
    expect(bowlLevels(new Float64Array(9).fill(3))).toEqual([]);
  });
});

describe('geometry settings', () => {
  it('maps the λ slider: 0 at the left end, 10⁻³ to 10² in even log steps, round trip', () => {
    expect(lambdaFromSlider(0)).toBe(0);
    expect(lambdaFromSlider(1)).toBe(0.001);
    expect(lambdaFromSlider(kLambdaSteps)).toBe(100);
    expect(sliderFromLambda(0)).toBe(0);
    for (let k = 0; k <= kLambdaSteps; k++) expect(sliderFromLambda(lambdaFromSlider(k))).toBe(k);
    for (let k = 2; k <= kLambdaSteps; k++)
      expect(lambdaFromSlider(k)).toBeGreaterThan(lambdaFromSlider(k - 1));
    // Values from a link land on the nearest position, inside the slider.
    expect(sliderFromLambda(1e-6)).toBe(1);
    expect(sliderFromLambda(0.5)).toBe(sliderFromLambda(lambdaFromSlider(sliderFromLambda(0.5))));
  });

  it('keeps c inside ±3 at two decimals, and names the loss shapes', () => {
    expect(clampCenter(5, -9)).toEqual([3, -3]);
    expect(clampCenter(1.23456, -0.004)).toEqual([1.23, 0]);
    expect(Object.is(clampCenter(-0.001, 0)[0], 0)).toBe(true); // no −0 in a link
    expect(lossShapeOf(defaultStudy().geometry.hessian)).toBe('tilted');
    expect(lossShapeOf([2, 0, 1])).toBe('custom');
  });

  it('draws L1 and L2 together when comparing, and passes ρ and p only where they belong', () => {
    const g = {
      ...defaultStudy().geometry,
      penalty: 'lp' as const,
      p: 0.7,
      l1Ratio: 0.2,
      compare: false,
    };
    expect(penaltiesOf(g)).toEqual([{ penalty: 'lp', p: 0.7 }]);
    expect(penaltiesOf({ ...g, penalty: 'elasticNet' })).toEqual([
      { penalty: 'elasticNet', l1Ratio: 0.2 },
    ]);
    expect(penaltiesOf({ ...g, compare: true })).toEqual([{ penalty: 'l1' }, { penalty: 'l2' }]);
  });
});

describe('LatestOnly', () => {
  // A worker whose answers the test releases by hand.
  function harness() {
    const pending: { q: number; resolve: (r: string) => void; reject: (e: Error) => void }[] = [];
    const got: string[] = [];
    const queue = new LatestOnly<number, string>(
      (q) => new Promise((resolve, reject) => pending.push({ q, resolve, reject })),
      (q, r) => got.push(`${q}:${r}`),
      (q, e) => got.push(`${q}!${e.message}`),
    );
    const flush = () => new Promise((r) => setTimeout(r, 0));
    return { pending, got, queue, flush };
  }

  it('keeps one request in flight and only the newest waiting', async () => {
    const { pending, got, queue, flush } = harness();
    queue.submit(1);
    queue.submit(2);
    queue.submit(3);
    queue.submit(4);
    expect(pending.map((p) => p.q)).toEqual([1]);
    expect(queue.busy()).toBe(true);
    pending[0]!.resolve('a');
    await flush();
    expect(got).toEqual(['1:a']);
    expect(pending.map((p) => p.q)).toEqual([1, 4]); // 2 and 3 were dropped
    pending[1]!.resolve('b');
    await flush();
    expect(got).toEqual(['1:a', '4:b']);
    expect(queue.busy()).toBe(false);
  });

  it('reports a failure and goes on with the next request; a stopped queue says nothing', async () => {
    const { pending, got, queue, flush } = harness();
    queue.submit(1);
    queue.submit(2);
    pending[0]!.reject(new Error('bad'));
    await flush();
    expect(got).toEqual(['1!bad']);
    expect(pending.length).toBe(2);
    queue.stop();
    pending[1]!.resolve('late');
    await flush();
    queue.submit(3);
    expect(got).toEqual(['1!bad']);
    expect(pending.length).toBe(2);
  });

  it('tells the receiver whether a newer answer is on its way', async () => {
    const pending: ((r: string) => void)[] = [];
    const busyAtDelivery: boolean[] = [];
    const queue: LatestOnly<number, string> = new LatestOnly<number, string>(
      () => new Promise((resolve) => pending.push(resolve)),
      () => busyAtDelivery.push(queue.busy()),
      () => {},
    );
    queue.submit(1);
    queue.submit(2);
    pending[0]!('a');
    await new Promise((r) => setTimeout(r, 0));
    pending[1]!('b');
    await new Promise((r) => setTimeout(r, 0));
    expect(busyAtDelivery).toEqual([true, false]);
  });
});
