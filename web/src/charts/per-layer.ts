// Lines of a per-layer metric: one colour per layer, one dash per run.
import type { AppState, MetricColumn } from '../state/store';
import { t } from '../i18n/i18n';
import { kLayerColors, kRunDashes, layerColumn, runLabel, type LineDef } from './chart-kit';

export function perLayerLines(
  state: AppState,
  name: MetricColumn,
  suffix = '',
  dashOffset = 0,
): LineDef[] {
  return state.runs.flatMap((run, i) =>
    Array.from({ length: run.series.layers }, (_, l): LineDef => ({
      key: `${run.id}:${name}:${l}`,
      label: runLabel(state, i, `${t('chart.layer', { n: l + 1 })}${suffix}`),
      series: run.series,
      values: layerColumn(name, l),
      color: kLayerColors[l % kLayerColors.length]!,
      dash: kRunDashes[(i + dashOffset) % kRunDashes.length]!,
    })),
  );
}
