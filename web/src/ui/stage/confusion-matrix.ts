// The confusion matrix of "What the network sees" drawn on a canvas: true class by row,
// predicted class by column, right answers blue and mistakes orange, the darker the more rows,
// each non-zero cell with its count.
import { t } from '../../i18n/i18n';
import { css, divergingColor } from '../plane-colors';

export interface ConfusionLabels {
  columns: string[]; // one per predicted class
  rows: string[]; // one per true class
  rowLabelWidth: number; // CSS pixels for the row labels
}

export function drawConfusionMatrix(
  canvas: HTMLCanvasElement,
  counts: ArrayLike<number>,
  K: number,
  labels: ConfusionLabels,
): void {
  let max = 0;
  for (let i = 0; i < K * K; i++) max = Math.max(max, counts[i]!);
  const cell = Math.max(18, Math.min(30, Math.floor((300 - labels.rowLabelWidth) / K)));
  const top = 30;
  const left = labels.rowLabelWidth + 18;
  const cssW = left + K * cell + 4;
  const cssH = top + K * cell + 4;
  const dpr = Math.min(2, window.devicePixelRatio || 1);
  canvas.width = Math.round(cssW * dpr);
  canvas.height = Math.round(cssH * dpr);
  canvas.style.width = `${cssW}px`;
  canvas.style.height = `${cssH}px`;
  const ctx = canvas.getContext('2d');
  if (!ctx) return;
  ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
  ctx.clearRect(0, 0, cssW, cssH);
  ctx.font = '11px system-ui, sans-serif';
  ctx.textAlign = 'center';
  ctx.textBaseline = 'middle';
  ctx.fillStyle = '#334155';
  ctx.fillText(t('iv.predicted'), left + (K * cell) / 2, 8);
  for (let p = 0; p < K; p++) ctx.fillText(labels.columns[p]!, left + p * cell + cell / 2, top - 9);
  ctx.save();
  ctx.translate(7, top + (K * cell) / 2);
  ctx.rotate(-Math.PI / 2);
  ctx.fillText(t('iv.actual'), 0, 0);
  ctx.restore();
  ctx.textAlign = 'right';
  for (let r = 0; r < K; r++) ctx.fillText(labels.rows[r]!, left - 4, top + r * cell + cell / 2);
  ctx.textAlign = 'center';
  for (let r = 0; r < K; r++)
    for (let p = 0; p < K; p++) {
      const n = counts[r * K + p]!;
      const f = max ? n / max : 0;
      ctx.fillStyle = css(n === 0 ? [248, 250, 252] : divergingColor(r === p ? f : -f));
      ctx.fillRect(left + p * cell, top + r * cell, cell - 1, cell - 1);
      if (n > 0) {
        ctx.fillStyle = f > 0.6 ? '#fff' : '#0f172a';
        ctx.fillText(String(n), left + p * cell + cell / 2, top + r * cell + cell / 2);
      }
    }
}
