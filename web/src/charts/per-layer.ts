// Lines of a per-layer metric: the run's colour, lighter for earlier layers (the caption says
// so), the same line style as the training split.
import type { AppState, MetricColumn } from '../state/store';
import { t } from '../i18n/i18n';
import { layerColumn, layerShade, runLabel, type LineDef } from './chart-kit';

export function perLayerLines(
  state: AppState,
  name: MetricColumn,
  suffix = '',
  dash: number[] = [],
): LineDef[] {
  return state.runs.flatMap((run, i) =>
    Array.from({ length: run.series.layers }, (_, l): LineDef => ({
      key: `${run.id}:${name}:${l}`,
      label: runLabel(state, i, `${t('chart.layer', { n: l + 1 })}${suffix}`),
      series: run.series,
      values: layerColumn(name, l),
      color: layerShade(i, l, run.series.layers),
      dash,
    })),
  );
}
