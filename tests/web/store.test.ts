import { describe, expect, it } from 'vitest';
import type { MetricsBatch } from '../../web/src/engine/engine-api';
import {
  appendMetrics,
  emptySeries,
  kLayerColumns,
  kMaxRows,
  kScalarColumns,
} from '../../web/src/state/store';

// A batch in the engine's layout: scalar columns one value per row, per-layer columns row-major
// rows × layers. Values encode (row, layer) so the test can see where each one went.
function batch(firstStep: number, rows: number, layers: number): MetricsBatch {
  const out: Record<string, unknown> = {
    rows,
    layers,
    hasValidation: true,
    hasTest: false,
    hasAccuracy: true,
  };
  for (const name of kScalarColumns) {
    if (kLayerColumns.includes(name)) {
      out[name] = Float64Array.from(
        { length: rows * layers },
        (_, k) => (firstStep + Math.floor(k / layers)) * 10 + (k % layers),
      );
    } else out[name] = Float64Array.from({ length: rows }, (_, r) => firstStep + r);
  }
  return out as unknown as MetricsBatch;
}

describe('appendMetrics', () => {
  it('keeps scalar columns whole and splits per-layer columns by layer', () => {
    const s = emptySeries();
    appendMetrics(s, batch(0, 2, 3));
    appendMetrics(s, batch(2, 1, 3));
    expect(s.length).toBe(3);
    expect(s.columns.step).toEqual([0, 1, 2]);
    expect(s.perLayer.gradNorm).toEqual([
      [0, 10, 20],
      [1, 11, 21],
      [2, 12, 22],
    ]);
    expect(s.columns.gradNorm).toBeUndefined();
    expect(s).toMatchObject({ layers: 3, hasValidation: true, hasTest: false, hasAccuracy: true });
  });

  it('treats a one-layer model the same way (per-layer columns stay per layer)', () => {
    const s = emptySeries();
    appendMetrics(s, batch(0, 2, 1));
    expect(s.perLayer.zeroFraction).toEqual([[0, 10]]);
    expect(s.columns.zeroFraction).toBeUndefined();
  });

  it('past the row limit keeps every other row, always the newest, and bumps the generation', () => {
    const s = emptySeries();
    const thinned = appendMetrics(s, batch(0, kMaxRows + 1, 2));
    expect(thinned).toBe(true);
    expect(s.generation).toBe(1);
    const steps = s.columns.step!;
    expect(steps[steps.length - 1]).toBe(kMaxRows);
    expect(steps.length).toBe(s.length);
    expect(steps.length).toBeLessThanOrEqual(kMaxRows / 2 + 1);
    expect(steps.every((v, i) => i === 0 || v - steps[i - 1]! === 2)).toBe(true);
    expect(s.perLayer.weightL2![1]![steps.length - 1]).toBe(kMaxRows * 10 + 1);
  });

  it('after thinning keeps one row in `stride` and always the newest, so thinning gets rarer', () => {
    const s = emptySeries();
    appendMetrics(s, batch(0, kMaxRows + 1, 1)); // thinned once: stride 2
    expect(s.stride).toBe(2);
    const before = s.length;
    appendMetrics(s, batch(kMaxRows + 1, 9, 1));
    // Rows 6001..6009 arrive; with 6001 rows seen, the even-numbered arrivals are kept, plus the last.
    expect(s.columns.step!.slice(before)).toEqual([6002, 6004, 6006, 6008, 6009]);
    let thinnings = 0;
    for (let k = 0; k < 40; k++) if (appendMetrics(s, batch(s.seen, 1000, 1))) thinnings++;
    expect(thinnings).toBeLessThanOrEqual(3);
    expect(s.length).toBeLessThanOrEqual(kMaxRows);
    expect(s.columns.step!.at(-1)).toBe(s.seen - 1);
  });
});
