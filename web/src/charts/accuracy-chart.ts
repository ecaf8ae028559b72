// Accuracy on train / validation / test per run (classification only; the engine flags
// regression runs with hasAccuracy = false).
import type { AppState } from '../state/store';
import { t } from '../i18n/i18n';
import { column, kDashes, kRunColors, MetricChart, runLabel, type LineDef } from './chart-kit';

export function accuracyChart(canvas: HTMLCanvasElement) {
  return new MetricChart(canvas, {
    title: t('chart.accuracy'),
    yMin: 0,
    yMax: 1,
    lines: (state: AppState) =>
      state.runs.flatMap((run, i): LineDef[] => {
        const s = run.series;
        if (!s.hasAccuracy) return [];
        const color = kRunColors[i % kRunColors.length]!;
        const out: LineDef[] = [
          {
            key: `${run.id}:train`,
            label: runLabel(state, i, t('chart.train')),
            series: s,
            values: column('trainAccuracy'),
            color,
            dash: kDashes['train']!,
          },
        ];
        if (s.hasValidation)
          out.push({
            key: `${run.id}:val`,
            label: runLabel(state, i, t('chart.validation')),
            series: s,
            values: column('valAccuracy'),
            color,
            dash: kDashes['validation']!,
          });
        if (s.hasTest)
          out.push({
            key: `${run.id}:test`,
            label: runLabel(state, i, t('chart.test')),
            series: s,
            values: column('testAccuracy'),
            color,
            dash: kDashes['test']!,
          });
        return out;
      }),
  });
}
