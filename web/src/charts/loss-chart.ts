// Loss: train / validation / test data loss per run, and the penalty term R(w) as its own
// line (the engine reports it apart from the data loss), on a linear or log axis.
import type { AppState } from '../state/store';
import { t } from '../i18n/i18n';
import { kDashes, MetricChart } from './chart-kit';
import { runLine, splitLines } from './per-run';

export function lossChart(canvas: HTMLCanvasElement, flags: { showPenalty: () => boolean }) {
  return new MetricChart(canvas, {
    title: t('chart.loss'),
    lines: (state: AppState) =>
      state.runs.flatMap((run, i) => {
        const lines = splitLines(state, i, {
          train: 'trainLoss',
          validation: 'valLoss',
          test: 'testLoss',
        });
        if (flags.showPenalty() && run.spec.penalty.kind !== 'none')
          lines.push(
            runLine(state, i, {
              id: 'pen',
              label: t('chart.penalty'),
              column: 'trainPenalty',
              dash: kDashes['penalty'],
              width: 1,
            }),
          );
        return lines;
      }),
  });
}
