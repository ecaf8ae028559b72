// Per-layer gradient norms on a log axis: vanishing and exploding gradients show as lines
// drifting apart by decades.
import type { AppState } from '../state/store';
import { t } from '../i18n/i18n';
import { MetricChart } from './chart-kit';
import { perLayerLines } from './per-layer';

export function gradNormChart(canvas: HTMLCanvasElement) {
  return new MetricChart(canvas, {
    title: t('chart.gradNorms'),
    yLog: true,
    lines: (state: AppState) => perLayerLines(state, 'gradNorm'),
  });
}
