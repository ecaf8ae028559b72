// Loss: train / validation / test data loss per run, and the penalty term R(w) as its own
// line (the engine reports it apart from the data loss), on a linear or log axis.
import type { AppState } from '../state/store';
import { t } from '../i18n/i18n';
import { column, kDashes, kRunColors, MetricChart, runLabel, type LineDef } from './chart-kit';

export function lossChart(canvas: HTMLCanvasElement, flags: { showPenalty: () => boolean }) {
  return new MetricChart(canvas, {
    title: t('chart.loss'),
    lines: (state: AppState) =>
      state.runs.flatMap((run, i): LineDef[] => {
        const s = run.series;
        const color = kRunColors[i % kRunColors.length]!;
        const out: LineDef[] = [
          {
            key: `${run.id}:train`,
            label: runLabel(state, i, t('chart.train')),
            series: s,
            values: column('trainLoss'),
            color,
            dash: kDashes['train']!,
          },
        ];
        if (s.hasValidation)
          out.push({
            key: `${run.id}:val`,
            label: runLabel(state, i, t('chart.validation')),
            series: s,
            values: column('valLoss'),
            color,
            dash: kDashes['validation']!,
          });
        if (s.hasTest)
          out.push({
            key: `${run.id}:test`,
            label: runLabel(state, i, t('chart.test')),
            series: s,
            values: column('testLoss'),
            color,
            dash: kDashes['test']!,
          });
        if (flags.showPenalty() && run.spec.penalty.kind !== 'none')
          out.push({
            key: `${run.id}:pen`,
            label: runLabel(state, i, t('chart.penalty')),
            series: s,
            values: column('trainPenalty'),
            color,
            dash: kDashes['penalty']!,
            width: 1,
          });
        return out;
      }),
  });
}
