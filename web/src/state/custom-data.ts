// The user's own data: points clicked on the 2D canvas, or a table uploaded or pasted as CSV
// (parsed by the engine, in the worker). This file only moves values into the engine's
// CustomData layout (row-major inputs, one target per row) and names the classes.
import type { CustomData } from '../engine/engine-api';
import type { ParsedCsv } from '../worker/protocol';
import { roundPointCoordinate, type CustomPoints } from '../spec/url-codec';

export const kMaxCsvRows = 20000;
export const kMaxClasses = 10;

export interface CustomDataset {
  source: 'points' | 'csv';
  name: string; // file name, or '' for points
  columns: string[]; // input column names
  target: string;
  task: 'classification' | 'regression';
  classes: string[]; // classification: the label each class index stands for
  data: CustomData & { x: Float32Array; y: Float32Array };
}

export function datasetFromPoints(points: CustomPoints): CustomDataset {
  const rows = points.y.length;
  return {
    source: 'points',
    name: '',
    columns: ['x1', 'x2'],
    target: 'class',
    task: 'classification',
    classes: ['0', '1'],
    data: { x: Float32Array.from(points.x), y: Float32Array.from(points.y), rows, cols: 2 },
  };
}

export function pointsFromDataset(ds: CustomDataset): CustomPoints | null {
  if (ds.source !== 'points') return null;
  return { x: Array.from(ds.data.x), y: Array.from(ds.data.y) };
}

// Every point of the given splits, as hand-editable points (coordinates rounded to 0.01, the
// resolution a shared link keeps).
export function pointsFromSplits(
  splits: { x: Float32Array; y: Float32Array; rows: number; cols: number }[],
): CustomPoints {
  const points: CustomPoints = { x: [], y: [] };
  for (const s of splits) {
    if (s.cols !== 2) continue;
    for (let i = 0; i < s.rows; i++) {
      points.x.push(roundPointCoordinate(s.x[2 * i]!), roundPointCoordinate(s.x[2 * i + 1]!));
      points.y.push(s.y[i]! >= 0.5 ? 1 : 0);
    }
  }
  return points;
}

export function addPoint(points: CustomPoints, x1: number, x2: number, cls: 0 | 1): CustomPoints {
  return {
    x: [...points.x, roundPointCoordinate(x1), roundPointCoordinate(x2)],
    y: [...points.y, cls],
  };
}

// Removes the point nearest to (x1, x2) if it lies within `radius` (in data units).
export function removeNearestPoint(
  points: CustomPoints,
  x1: number,
  x2: number,
  radius: number,
): CustomPoints {
  let best = -1;
  let bestD = radius * radius;
  for (let i = 0; i < points.y.length; i++) {
    const dx = points.x[2 * i]! - x1;
    const dy = points.x[2 * i + 1]! - x2;
    const d = dx * dx + dy * dy;
    if (d <= bestD) {
      bestD = d;
      best = i;
    }
  }
  if (best < 0) return points;
  return {
    x: points.x.filter((_, j) => j !== 2 * best && j !== 2 * best + 1),
    y: points.y.filter((_, j) => j !== best),
  };
}

export type CsvResult = { ok: true; dataset: CustomDataset } | { ok: false; error: CsvProblem };
export type CsvProblem =
  | { code: 'tooFewColumns' }
  | { code: 'tooFewRows' }
  | { code: 'tooManyClasses'; count: number; max: number }
  | { code: 'badTarget' };

// Splits a parsed table into inputs and the chosen target column. For classification the
// distinct target values, in ascending order, become class indices 0..K-1.
export function datasetFromCsv(
  parsed: ParsedCsv,
  targetColumn: number,
  task: 'classification' | 'regression',
  name: string,
): CsvResult {
  const { rows, cols, values } = parsed;
  if (cols < 2) return { ok: false, error: { code: 'tooFewColumns' } };
  if (rows < 2) return { ok: false, error: { code: 'tooFewRows' } };
  if (!Number.isInteger(targetColumn) || targetColumn < 0 || targetColumn >= cols)
    return { ok: false, error: { code: 'badTarget' } };
  const inCols = cols - 1;
  const x = new Float32Array(rows * inCols);
  const raw = new Float32Array(rows);
  for (let r = 0; r < rows; r++) {
    let k = 0;
    for (let c = 0; c < cols; c++) {
      const v = values[r * cols + c]!;
      if (c === targetColumn) raw[r] = v;
      else x[r * inCols + k++] = v;
    }
  }
  let y = raw;
  let classes: string[] = [];
  if (task === 'classification') {
    const distinct = [...new Set(raw)].sort((a, b) => a - b);
    if (distinct.length > kMaxClasses || distinct.length < 2) {
      return {
        ok: false,
        error: { code: 'tooManyClasses', count: distinct.length, max: kMaxClasses },
      };
    }
    const index = new Map(distinct.map((v, i) => [v, i]));
    y = raw.map((v) => index.get(v)!);
    classes = distinct.map(String);
  }
  const columns = parsed.columns.filter((_, c) => c !== targetColumn);
  return {
    ok: true,
    dataset: {
      source: 'csv',
      name,
      columns,
      target: parsed.columns[targetColumn] ?? String(targetColumn),
      task,
      classes,
      data: { x, y, rows, cols: inCols },
    },
  };
}
