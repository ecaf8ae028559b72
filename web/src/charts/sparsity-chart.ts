// Fraction of exactly-zero weights per layer over time: where L1 (proximal) and Lp make a
// network sparse, these lines climb.
import type { AppState } from '../state/store';
import { t } from '../i18n/i18n';
import { MetricChart } from './chart-kit';
import { perLayerLines } from './per-layer';

export function sparsityChart(canvas: HTMLCanvasElement) {
  return new MetricChart(canvas, {
    title: t('chart.sparsity'),
    yMin: 0,
    yMax: 1,
    lines: (state: AppState) => perLayerLines(state, 'zeroFraction'),
  });
}
