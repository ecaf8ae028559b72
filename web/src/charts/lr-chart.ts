// The learning rate actually used at each recorded step (the engine's schedule, warm-up
// included), per run.
import type { AppState } from '../state/store';
import { t } from '../i18n/i18n';
import { column, kRunColors, MetricChart, runLabel } from './chart-kit';

export function lrChart(canvas: HTMLCanvasElement) {
  return new MetricChart(canvas, {
    title: t('chart.lr'),
    lines: (state: AppState) =>
      state.runs.map((run, i) => ({
        key: `${run.id}:lr`,
        label: runLabel(state, i, t('chart.lr')),
        series: run.series,
        values: column('lr'),
        color: kRunColors[i % kRunColors.length]!,
        dash: [],
      })),
  });
}
