// Metrics out of the page: CSV (one row per recorded step and run, per-layer columns named
// "gradNorm[2]") and JSON (each run's spec with its columns). Values are written as recorded.
import type { AppState } from '../state/store';
import { kScalarColumns } from '../state/store';

export function metricsCsv(state: AppState): string {
  const scalar = kScalarColumns.filter((c) => state.runs.some((r) => r.series.columns[c]));
  const layers = Math.max(0, ...state.runs.map((r) => r.series.layers));
  const perLayer = kScalarColumns.filter((c) => state.runs.some((r) => r.series.perLayer[c]));
  const header = [
    'run',
    ...scalar,
    ...perLayer.flatMap((c) => Array.from({ length: layers }, (_, l) => `${c}[${l + 1}]`)),
  ];
  const lines = [header.join(',')];
  state.runs.forEach((run, i) => {
    const s = run.series;
    for (let r = 0; r < s.length; r++) {
      const row: (number | string)[] = [i + 1];
      for (const c of scalar) row.push(s.columns[c]?.[r] ?? '');
      for (const c of perLayer)
        for (let l = 0; l < layers; l++) row.push(s.perLayer[c]?.[l]?.[r] ?? '');
      lines.push(
        row.map((v) => (typeof v === 'number' && !Number.isFinite(v) ? String(v) : v)).join(','),
      );
    }
  });
  return `${lines.join('\n')}\n`;
}

export function metricsJson(state: AppState, link: string): string {
  return JSON.stringify(
    {
      link,
      runs: state.runs.map((run, i) => ({
        run: i + 1,
        spec: run.spec,
        status: run.status,
        network: run.network,
        metrics: {
          layers: run.series.layers,
          columns: run.series.columns,
          perLayer: run.series.perLayer,
        },
      })),
    },
    null,
    1,
  );
}
