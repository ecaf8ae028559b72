// Per-layer weight norms ‖W‖₂ over time, as the engine reports them.
import type { AppState } from '../state/store';
import { t } from '../i18n/i18n';
import { MetricChart } from './chart-kit';
import { perLayerLines } from './per-layer';

export function weightNormChart(canvas: HTMLCanvasElement) {
  return new MetricChart(canvas, {
    title: t('chart.weightNorms'),
    lines: (state: AppState) => perLayerLines(state, 'weightL2', ` ${t('chart.l2')}`),
  });
}
