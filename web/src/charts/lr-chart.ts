// The learning rate actually used at each recorded step (the engine's schedule, warm-up
// included), per run.
import type { AppState } from '../state/store';
import { t } from '../i18n/i18n';
import { MetricChart } from './chart-kit';
import { runLine } from './per-run';

export function lrChart(canvas: HTMLCanvasElement) {
  return new MetricChart(canvas, {
    title: t('chart.lr'),
    lines: (state: AppState) =>
      state.runs.map((_, i) => runLine(state, i, { id: 'lr', label: t('chart.lr'), column: 'lr' })),
  });
}
