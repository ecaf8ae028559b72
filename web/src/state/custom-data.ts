// The user's own data: points clicked on the 2D canvas, or a table uploaded or pasted as CSV
// (parsed by the engine, in the worker). This file only moves values into the engine's
// CustomData layout (row-major inputs; one class per row, or one value per row and target
// column) and names the classes.
import type { CustomData } from '../engine/engine-api';
import type { SharedCsv } from '../spec/url-csv';
import type { ParsedCsv } from '../worker/protocol';
import { roundPointCoordinate, type CustomPoints } from '../spec/url-codec';

export const kMaxCsvRows = 20000;
const kMaxClasses = 10;
export const kMaxTargets = 16; // regression outputs (the engine's limit)

export interface CustomDataset {
  source: 'points' | 'csv';
  name: string; // file name, or '' for points
  columns: string[]; // input column names
  targets: string[]; // target column names: one for classification, 1..kMaxTargets for regression
  task: 'classification' | 'regression';
  classes: string[]; // classification: the label each class index stands for
  data: CustomData & { x: Float32Array; y: Float32Array };
  // CSV only: the table as a link carries it (compressed; null until compressed, or when it
  // is too large to travel), and its compressed size.
  link: SharedCsv | null;
  linkChars: number;
}

export function datasetFromPoints(points: CustomPoints): CustomDataset {
  const rows = points.y.length;
  return {
    source: 'points',
    name: '',
    columns: ['x1', 'x2'],
    targets: ['class'],
    task: 'classification',
    classes: ['0', '1'],
    data: { x: Float32Array.from(points.x), y: Float32Array.from(points.y), rows, cols: 2 },
    link: null,
    linkChars: 0,
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

type CsvResult = { ok: true; dataset: CustomDataset } | { ok: false; error: CsvProblem };
type CsvProblem =
  | { code: 'tooFewColumns' }
  | { code: 'tooFewRows' }
  | { code: 'tooManyClasses'; count: number; max: number }
  | { code: 'badTarget' }
  | { code: 'targetCount' }
  | { code: 'textInput'; column: string } // an input column of text labels
  | { code: 'textTarget'; column: string }; // a regression target of text labels

// Splits a parsed table into inputs and the chosen target columns: one for classification
// (its distinct values, in ascending order, become class indices 0..K-1; a column of text
// labels keeps the engine's numbering, labels sorted), one or more for regression (one network
// output each). Every other column is an input, and must hold numbers.
export function datasetFromCsv(
  parsed: ParsedCsv,
  targetColumns: number[],
  task: 'classification' | 'regression',
  name: string,
): CsvResult {
  const { rows, cols, values } = parsed;
  if (cols < 2) return { ok: false, error: { code: 'tooFewColumns' } };
  if (rows < 2) return { ok: false, error: { code: 'tooFewRows' } };
  const chosen = [...new Set(targetColumns)].sort((a, b) => a - b);
  if (chosen.length === 0 || chosen.some((c) => !Number.isInteger(c) || c < 0 || c >= cols))
    return { ok: false, error: { code: 'badTarget' } };
  const k = chosen.length;
  if ((task === 'classification' && k !== 1) || k > kMaxTargets || k >= cols)
    return { ok: false, error: { code: 'targetCount' } };
  const isTarget = (c: number) => chosen.includes(c);
  const categories = parsed.categories ?? [];
  const columnName = (c: number) => parsed.columns[c] || `#${c + 1}`;
  for (let c = 0; c < cols; c++) {
    if (!categories[c]) continue;
    if (!isTarget(c)) return { ok: false, error: { code: 'textInput', column: columnName(c) } };
    if (task === 'regression')
      return { ok: false, error: { code: 'textTarget', column: columnName(c) } };
  }
  const inCols = cols - k;
  const x = new Float32Array(rows * inCols);
  const raw = new Float32Array(rows * k);
  for (let r = 0; r < rows; r++) {
    let xi = 0;
    let yi = 0;
    for (let c = 0; c < cols; c++) {
      const v = values[r * cols + c]!;
      if (isTarget(c)) raw[r * k + yi++] = v;
      else x[r * inCols + xi++] = v;
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
    const labels = categories[chosen[0]!];
    if (labels) {
      // Text labels: the engine already numbered them 0..K−1 in sorted order.
      classes = [...labels];
    } else {
      const index = new Map(distinct.map((v, i) => [v, i]));
      y = raw.map((v) => index.get(v)!);
      classes = distinct.map(String);
    }
  }
  return {
    ok: true,
    dataset: {
      source: 'csv',
      name,
      columns: parsed.columns.filter((_, c) => !isTarget(c)),
      targets: chosen.map(columnName),
      task,
      classes,
      data: {
        x,
        y,
        rows,
        cols: inCols,
        targetCols: k,
        featureNames: parsed.columns.filter((_, c) => !isTarget(c)).map((c, i) => c || `x${i + 1}`),
        targetNames: chosen.map((c) => parsed.columns[c] || `y${c + 1}`),
      },
      link: null,
      linkChars: 0,
    },
  };
}
