// Accuracy on train / validation / test per run (classification only; the engine flags
// regression runs with hasAccuracy = false).
import type { AppState } from '../state/store';
import { t } from '../i18n/i18n';
import { MetricChart } from './chart-kit';
import { splitLines } from './per-run';

export function accuracyChart(canvas: HTMLCanvasElement) {
  return new MetricChart(canvas, {
    title: t('chart.accuracy'),
    yMin: 0,
    yMax: 1,
    lines: (state: AppState) =>
      state.runs.flatMap((run, i) =>
        run.series.hasAccuracy
          ? splitLines(state, i, {
              train: 'trainAccuracy',
              validation: 'valAccuracy',
              test: 'testAccuracy',
            })
          : [],
      ),
  });
}
