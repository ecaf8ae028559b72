// The loss chart on the first screen, with what a student reads off it in numbers: per run the
// step and epoch, the training and validation losses and the gap between them (the engine's
// lossGap: validation minus training), and the accuracy. Log scale and the penalty line are
// switches here; the charts' x axis is set with the other charts.
import { lossChart } from '../charts/loss-chart';
import type { MetricChart } from '../charts/chart-kit';
import type { AppState, Run } from '../state/store';
import { t } from '../i18n/i18n';
import type { ChartBoard } from './chart-board';
import { formatNumber, h, uid } from './dom';

function last(run: Run, column: keyof Run['series']['columns']): number | undefined {
  const c = run.series.columns[column];
  if (!c) return undefined;
  for (let i = c.length - 1; i >= 0; i--) if (Number.isFinite(c[i]!)) return c[i];
  return undefined;
}

export function lossPanel(board: ChartBoard) {
  let showPenalty = true;
  const figure = board.add('loss', 'chart.loss', (c) =>
    lossChart(c, { showPenalty: () => showPenalty }),
  );
  const chart = figure.chart as MetricChart;
  const logId = uid('log');
  const log = h('input', { type: 'checkbox', id: logId });
  log.addEventListener('change', () => {
    chart.setLog(log.checked);
    board.mark(figure);
  });
  const penId = uid('pen');
  const pen = h('input', { type: 'checkbox', id: penId, checked: true });
  pen.addEventListener('change', () => {
    showPenalty = pen.checked;
    board.mark(figure);
  });
  const table = h('table', { class: 'readouts' });
  const head = h(
    'tr',
    {},
    h('th', { scope: 'col' }, ''),
    ...(
      [
        'readout.step',
        'readout.epoch',
        'readout.train',
        'readout.validation',
        'readout.gap',
        'readout.accuracy',
      ] as const
    ).map((k) => h('th', { scope: 'col' }, t(k))),
  );
  const el = h(
    'div',
    { class: 'loss-panel' },
    figure.el,
    h(
      'div',
      { class: 'loss-switches' },
      h('span', { class: 'chip' }, log, h('label', { for: logId }, t('chart.logY'))),
      h('span', { class: 'chip' }, pen, h('label', { for: penId }, t('chart.showPenalty'))),
    ),
    h('div', { class: 'readouts-box' }, table),
  );

  let rows = -1;
  const cells = new Map<string, HTMLElement>();
  return {
    el,
    render(s: AppState) {
      if (rows !== s.runs.length) {
        rows = s.runs.length;
        cells.clear();
        table.replaceChildren(
          h('thead', {}, head),
          h(
            'tbody',
            {},
            s.runs.map((_, i) =>
              h(
                'tr',
                { class: `run-${i}` },
                h(
                  'th',
                  { scope: 'row' },
                  h('span', { class: `swatch run-${i}` }),
                  t('compare.run', { n: i + 1 }),
                ),
                ...['step', 'epoch', 'trainLoss', 'valLoss', 'gap', 'accuracy'].map((key) => {
                  const c = h('td', { 'data-readout': key, 'data-run': i });
                  cells.set(`${key}-${i}`, c);
                  return c;
                }),
              ),
            ),
          ),
        );
      }
      s.runs.forEach((run, i) => {
        const set = (key: string, value: number | undefined, text: string) => {
          const c = cells.get(`${key}-${i}`);
          if (!c) return;
          if (c.textContent !== text) c.textContent = text;
          if (value !== undefined) c.dataset['value'] = String(value);
        };
        const st = run.status;
        set('step', st?.step, st ? String(st.step) : '–');
        set('epoch', st?.epoch, st ? String(st.epoch) : '–');
        const train = last(run, 'trainLoss');
        set('trainLoss', train, formatNumber(train, 4));
        const val = run.series.hasValidation ? last(run, 'valLoss') : undefined;
        set('valLoss', val, formatNumber(val, 4));
        const gap = run.series.hasValidation ? last(run, 'lossGap') : undefined;
        set('gap', gap, gap === undefined ? '–' : `${gap > 0 ? '+' : ''}${formatNumber(gap, 3)}`);
        const acc = run.series.hasAccuracy
          ? last(run, run.series.hasValidation ? 'valAccuracy' : 'trainAccuracy')
          : undefined;
        set('accuracy', acc, acc === undefined ? '–' : `${formatNumber(100 * acc, 3)}%`);
      });
    },
  };
}
