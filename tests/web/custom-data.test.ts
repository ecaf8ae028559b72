import { describe, expect, it } from 'vitest';
import {
  addPoint,
  datasetFromCsv,
  datasetFromPoints,
  pointsFromDataset,
  pointsFromSplits,
  removeNearestPoint,
} from '../../web/src/state/custom-data';

const table = (columns: string[], rows: number[][]) => ({
  columns,
  rows: rows.length,
  cols: columns.length,
  values: Float32Array.from(rows.flat()),
  categories: columns.map(() => null),
});

describe('datasetFromCsv', () => {
  it('takes the target column out and keeps the others in order', () => {
    const r = datasetFromCsv(
      table(
        ['a', 'y', 'b'],
        [
          [1, 10, 2],
          [3, 20, 4],
        ],
      ),
      [1],
      'regression',
      'f.csv',
    );
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(Array.from(r.dataset.data.x)).toEqual([1, 2, 3, 4]);
    expect(Array.from(r.dataset.data.y)).toEqual([10, 20]);
    expect(r.dataset.columns).toEqual(['a', 'b']);
    expect(r.dataset.data).toMatchObject({ rows: 2, cols: 2 });
  });

  it('numbers classes 0..K-1 in ascending order of their values', () => {
    const r = datasetFromCsv(
      table(
        ['x', 'label'],
        [
          [0, 5],
          [1, -1],
          [2, 5],
          [3, 2],
        ],
      ),
      [1],
      'classification',
      '',
    );
    expect(r.ok && Array.from(r.dataset.data.y)).toEqual([2, 0, 2, 1]);
    expect(r.ok && r.dataset.classes).toEqual(['-1', '2', '5']);
  });

  it('refuses a classification target with too many distinct values, or just one', () => {
    const many = table(
      ['x', 'y'],
      Array.from({ length: 20 }, (_, i) => [i, i]),
    );
    expect(datasetFromCsv(many, [1], 'classification', '')).toEqual({
      ok: false,
      error: { code: 'tooManyClasses', count: 20, max: 10 },
    });
    const one = table(
      ['x', 'y'],
      [
        [1, 1],
        [2, 1],
      ],
    );
    expect(datasetFromCsv(one, [1], 'classification', '').ok).toBe(false);
  });

  it('refuses tables without inputs, without rows, or a target out of range', () => {
    expect(datasetFromCsv(table(['y'], [[1], [2]]), [0], 'regression', '').ok).toBe(false);
    expect(datasetFromCsv(table(['x', 'y'], [[1, 2]]), [1], 'regression', '').ok).toBe(false);
    expect(
      datasetFromCsv(
        table(
          ['x', 'y'],
          [
            [1, 2],
            [3, 4],
          ],
        ),
        [2],
        'regression',
        '',
      ).ok,
    ).toBe(false);
  });
});

describe('datasetFromCsv with several targets', () => {
  const t3 = table(
    ['a', 'y1', 'b', 'y2'],
    [
      [1, 10, 2, 100],
      [3, 20, 4, 200],
    ],
  );
  it('makes one regression output per target column, rows × targets row-major', () => {
    const r = datasetFromCsv(t3, [3, 1], 'regression', 'f.csv');
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(Array.from(r.dataset.data.x)).toEqual([1, 2, 3, 4]);
    expect(Array.from(r.dataset.data.y)).toEqual([10, 100, 20, 200]);
    expect(r.dataset.targets).toEqual(['y1', 'y2']);
    expect(r.dataset.data.targetCols).toBe(2);
  });
  it('takes one target for classification and keeps at least one input', () => {
    expect(datasetFromCsv(t3, [1, 3], 'classification', '')).toEqual({
      ok: false,
      error: { code: 'targetCount' },
    });
    expect(datasetFromCsv(t3, [0, 1, 2, 3], 'regression', '').ok).toBe(false);
    expect(datasetFromCsv(t3, [], 'regression', '')).toEqual({
      ok: false,
      error: { code: 'badTarget' },
    });
  });
});

describe('points', () => {
  it('round to the 0.01 grid that links keep', () => {
    const p = addPoint({ x: [], y: [] }, 0.123456, -2.005001, 1);
    expect(p).toEqual({ x: [0.12, -2.01], y: [1] });
  });

  it('remove only the nearest point within the radius', () => {
    const p = { x: [0, 0, 1, 1, 3, 3], y: [0, 1, 0] };
    expect(removeNearestPoint(p, 0.9, 1.1, 0.5)).toEqual({ x: [0, 0, 3, 3], y: [0, 0] });
    expect(removeNearestPoint(p, 10, 10, 0.5)).toBe(p);
  });

  it('come from the engine splits as 2D points with class 0 or 1', () => {
    const split = {
      rows: 2,
      cols: 2,
      x: Float32Array.from([0.5, 1.5, -1, 2]),
      y: Float32Array.from([1, 0]),
    };
    expect(pointsFromSplits([split, split])).toEqual({
      x: [0.5, 1.5, -1, 2, 0.5, 1.5, -1, 2],
      y: [1, 0, 1, 0],
    });
  });

  it('survive the trip through a data set', () => {
    const p = { x: [0.5, 1.25, -3, 2], y: [0, 1] };
    expect(pointsFromDataset(datasetFromPoints(p))).toEqual(p);
  });
});
