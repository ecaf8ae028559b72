// Loss: train / validation / test data loss per run (colour for the run, dash for the split),
// the penalty term R(w) as its own line (the engine reports it apart from the data loss), and a
// marker at each run's best validation step while early stopping watches it. The batch loss
// (training mode, on one batch) is drawn thin and faint where it tells something the eval
// losses cannot: with dropout on (training mode drops units, eval mode keeps them all) and for
// a run that diverged (its last steps are traced one by one, with no eval pass).
import type { AppState } from '../state/store';
import { t } from '../i18n/i18n';
import { kDashes, MetricChart, runColor, type Marker } from './chart-kit';
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
        const dropout = run.spec.model.hidden.some((l) => l.dropout > 0);
        if (dropout || run.status?.state === 'diverged')
          lines.push(
            runLine(state, i, {
              id: 'batch',
              label: t('chart.batchTrainMode'),
              column: 'batchLoss',
              dash: kDashes['batch'],
              width: 1,
              alpha: 0.4,
            }),
          );
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
    markers: (state: AppState, xAxis) =>
      state.runs.flatMap((run, i): Marker[] => {
        const best = run.status?.bestStep ?? -1;
        if (!run.spec.training.earlyStopping.enabled || best < 0) return [];
        const steps = run.series.columns.step ?? [];
        const epochs = run.series.columns.epoch ?? [];
        const at = steps.lastIndexOf(best);
        const x = xAxis === 'step' ? best : epochs[at];
        return x === undefined
          ? []
          : [{ axis: 'x', value: x, color: runColor(i), label: t('chart.best') }];
      }),
  });
}
