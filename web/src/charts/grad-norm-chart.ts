// Gradients, on log axes. The global norm before clipping (solid) and after it (dashed) with
// the clipping threshold drawn: an explosion shows as the solid line shooting up while the
// dashed one stays at the threshold. And the norm of each layer before clipping (lighter for
// earlier layers): vanishing gradients show as the first layers' lines decades below the last.
import type { AppState } from '../state/store';
import { t } from '../i18n/i18n';
import { MetricChart, runColor, type Marker } from './chart-kit';
import { perLayerLines } from './per-layer';
import { runLine } from './per-run';

export function gradNormChart(canvas: HTMLCanvasElement) {
  return new MetricChart(canvas, {
    title: t('chart.gradNorm'),
    yLog: true,
    lines: (state: AppState) =>
      state.runs.flatMap((run, i) => {
        const lines = [
          runLine(state, i, {
            id: 'before',
            label: t('chart.beforeClip'),
            column: 'gradNormTotal',
          }),
        ];
        if (run.spec.training.clipNorm > 0 || run.spec.training.clipValue > 0)
          lines.push(
            runLine(state, i, {
              id: 'after',
              label: t('chart.afterClip'),
              column: 'gradNormClipped',
              dash: [6, 3],
            }),
          );
        return lines;
      }),
    markers: (state: AppState) =>
      state.runs.flatMap((run, i): Marker[] =>
        run.spec.training.clipNorm > 0
          ? [
              {
                axis: 'y',
                value: run.spec.training.clipNorm,
                color: runColor(i),
                label: t('chart.clipThreshold', { c: run.spec.training.clipNorm }),
              },
            ]
          : [],
      ),
  });
}

export function layerGradNormChart(canvas: HTMLCanvasElement) {
  return new MetricChart(canvas, {
    title: t('chart.gradNorms'),
    yLog: true,
    lines: (state: AppState) => perLayerLines(state, 'gradNorm'),
  });
}
