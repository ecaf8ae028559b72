// Lines of a per-run metric: one colour per run, one dash per split (train, validation, test).
import type { AppState, MetricColumn } from '../state/store';
import { t } from '../i18n/i18n';
import { column, kDashes, runColor, runLabel, withAlpha, type LineDef } from './chart-kit';

interface RunLine {
  id: string; // what the line shows, unique within its run (part of the line's key)
  label: string;
  column: MetricColumn;
  dash?: number[];
  width?: number;
  alpha?: number; // opacity of a secondary line (the faint batch loss)
}

// One column of one run, drawn in the run's colour.
export function runLine(state: AppState, runIndex: number, line: RunLine): LineDef {
  const run = state.runs[runIndex]!;
  return {
    key: `${run.id}:${line.id}`,
    label: runLabel(state, runIndex, line.label),
    series: run.series,
    values: column(line.column),
    color:
      line.alpha === undefined ? runColor(runIndex) : withAlpha(runColor(runIndex), line.alpha),
    dash: line.dash ?? [],
    width: line.width,
  };
}

// Which column holds the metric on each split.
interface SplitColumns {
  train: MetricColumn;
  validation: MetricColumn;
  test: MetricColumn;
}

// The train line of one run, plus validation and test lines when the run holds those splits.
export function splitLines(state: AppState, runIndex: number, columns: SplitColumns): LineDef[] {
  const series = state.runs[runIndex]!.series;
  const lines = [
    runLine(state, runIndex, {
      id: 'train',
      label: t('chart.train'),
      column: columns.train,
      dash: kDashes['train'],
    }),
  ];
  if (series.hasValidation)
    lines.push(
      runLine(state, runIndex, {
        id: 'val',
        label: t('chart.validation'),
        column: columns.validation,
        dash: kDashes['validation'],
      }),
    );
  if (series.hasTest)
    lines.push(
      runLine(state, runIndex, {
        id: 'test',
        label: t('chart.test'),
        column: columns.test,
        dash: kDashes['test'],
      }),
    );
  return lines;
}
