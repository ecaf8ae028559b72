// A two-parameter grid search as a heatmap: one cell per pair of values, coloured by the mean
// validation loss over the folds (dark = low; a log colour scale, since losses span decades),
// the value written in the cell, the best cell outlined, diverged cells hatched grey. Columns
// are the first parameter's values, rows the second's. A click picks a cell.
import { formatNumber } from '../ui/dom';

export interface HeatmapPicture {
  cols: string[]; // labels of the first parameter's values
  rows: string[]; // labels of the second parameter's values
  colTitle: string;
  rowTitle: string;
  mean: number[]; // rows × cols, row-major (the study's point order)
  best: number; // cell index, −1 when none
}

// Viridis, sampled: low losses dark purple, high ones yellow.
const kRamp = [
  [68, 1, 84],
  [59, 82, 139],
  [33, 145, 140],
  [94, 201, 98],
  [253, 231, 37],
];

function rampColor(f: number): string {
  const x = Math.min(1, Math.max(0, f)) * (kRamp.length - 1);
  const i = Math.min(kRamp.length - 2, Math.floor(x));
  const u = x - i;
  const c = kRamp[i]!.map((a, k) => Math.round(a + (kRamp[i + 1]![k]! - a) * u));
  return `rgb(${c[0]},${c[1]},${c[2]})`;
}

export function drawHeatmap(canvas: HTMLCanvasElement, p: HeatmapPicture): void {
  const dpr = window.devicePixelRatio || 1;
  const width = canvas.clientWidth || 400;
  const height = canvas.clientHeight || 300;
  canvas.width = Math.round(width * dpr);
  canvas.height = Math.round(height * dpr);
  const ctx = canvas.getContext('2d');
  if (!ctx) return;
  ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
  ctx.clearRect(0, 0, width, height);
  const left = 64;
  const top = 8;
  const bottom = 40;
  const right = 8;
  const cw = (width - left - right) / p.cols.length;
  const ch = (height - top - bottom) / p.rows.length;
  const finite = p.mean.filter((v) => Number.isFinite(v) && v > 0);
  const lo = Math.log(Math.min(...finite));
  const hi = Math.log(Math.max(...finite));
  ctx.font = '11px system-ui, sans-serif';
  ctx.textAlign = 'center';
  ctx.textBaseline = 'middle';
  p.rows.forEach((_, r) =>
    p.cols.forEach((_, c) => {
      const i = r * p.cols.length + c;
      const v = p.mean[i]!;
      const x = left + c * cw;
      const y = top + r * ch;
      const f = hi > lo && v > 0 ? (Math.log(v) - lo) / (hi - lo) : 0;
      ctx.fillStyle = Number.isFinite(v) ? rampColor(f) : '#cbd5e1';
      ctx.fillRect(x + 1, y + 1, cw - 2, ch - 2);
      ctx.fillStyle = Number.isFinite(v) && f < 0.6 ? '#fff' : '#0f172a';
      if (cw > 34)
        ctx.fillText(Number.isFinite(v) ? formatNumber(v, 3) : '×', x + cw / 2, y + ch / 2);
      if (i === p.best) {
        ctx.strokeStyle = '#f97316';
        ctx.lineWidth = 3;
        ctx.strokeRect(x + 2.5, y + 2.5, cw - 5, ch - 5);
      }
    }),
  );
  ctx.fillStyle = '#0f172a';
  p.cols.forEach((label, c) => ctx.fillText(label, left + (c + 0.5) * cw, height - bottom + 10));
  ctx.fillText(p.colTitle, left + (width - left - right) / 2, height - 10);
  ctx.textAlign = 'right';
  p.rows.forEach((label, r) => ctx.fillText(label, left - 6, top + (r + 0.5) * ch));
  ctx.save();
  ctx.translate(12, top + (height - top - bottom) / 2);
  ctx.rotate(-Math.PI / 2);
  ctx.textAlign = 'center';
  ctx.fillText(p.rowTitle, 0, 0);
  ctx.restore();
}

// The cell under a click at (x, y) CSS pixels of the canvas, or −1.
export function heatmapCell(canvas: HTMLCanvasElement, p: HeatmapPicture, x: number, y: number) {
  const width = canvas.clientWidth || 400;
  const height = canvas.clientHeight || 300;
  const c = Math.floor((x - 64) / ((width - 72) / p.cols.length));
  const r = Math.floor((y - 8) / ((height - 48) / p.rows.length));
  if (c < 0 || r < 0 || c >= p.cols.length || r >= p.rows.length) return -1;
  return r * p.cols.length + c;
}
