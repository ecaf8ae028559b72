// The charts below the first screen, in a grid: accuracy, the gradient norm before and after
// clipping, each layer's gradient norm, weight norms, exact-zero fractions, the weight
// histogram and the learning rate; with the x-axis switch (steps or epochs) and a PNG export of
// every chart at once. Drawing is scheduled by the shared ChartBoard. When the selected run's
// data has no 2D picture (images, many columns) and it classifies, the accuracy chart moves up
// into the output column (`promoted`), where the decision boundary would be: the first screen
// then shows the number most lessons on those sets are about.
import { accuracyChart } from '../charts/accuracy-chart';
import { gradNormChart, layerGradNormChart } from '../charts/grad-norm-chart';
import { HistogramChart } from '../charts/histogram-chart';
import { lrChart } from '../charts/lr-chart';
import { sparsityChart } from '../charts/sparsity-chart';
import { weightNormChart } from '../charts/weight-norm-chart';
import type { Controller } from '../state/controller';
import type { AppState, Topic } from '../state/store';
import { t } from '../i18n/i18n';
import { dataUrlToBlob, type ChartBoard } from './chart-board';
import { download, h, section, uid } from './dom';

export function chartsPanel(controller: Controller, board: ChartBoard) {
  const layerNote = t('chart.layerShades');
  const figures = [
    board.add('accuracy', 'chart.accuracy', accuracyChart),
    board.add('grad-norm', 'chart.gradNorm', gradNormChart),
    board.add('grad-norms', 'chart.gradNorms', layerGradNormChart, { note: layerNote }),
    board.add('weight-norms', 'chart.weightNorms', weightNormChart, { note: layerNote }),
    board.add('sparsity', 'chart.sparsity', sparsityChart, { note: layerNote }),
    board.add('histogram', 'chart.histogram', (c) => new HistogramChart(c), {
      stale: (topics) => topics.has('visuals') || topics.has('runs'),
    }),
    board.add('lr', 'chart.lr', lrChart),
  ];

  const axisName = uid('axis');
  const axis = (['step', 'epoch'] as const).map((value) => {
    const id = uid('ax');
    const input = h('input', { type: 'radio', name: axisName, id, value });
    input.addEventListener('change', () => controller.setView({ xAxis: value }));
    return {
      value,
      input,
      el: h(
        'span',
        { class: 'chip' },
        input,
        h('label', { for: id }, t(value === 'step' ? 'chart.step' : 'chart.epoch')),
      ),
    };
  });
  const all = h('button', { type: 'button', 'data-action': 'export-png' }, t('share.exportCharts'));
  all.addEventListener('click', () => {
    for (const f of board.all())
      download(`${f.name}.png`, 'image/png', dataUrlToBlob(board.fresh(f)));
  });
  const histogramTitle = figures[5]!.el.querySelector('.chart-title')!;
  const el = section(
    'charts',
    t('panel.charts'),
    h(
      'div',
      { class: 'chart-switches' },
      h(
        'fieldset',
        { class: 'inline' },
        h('legend', {}, t('chart.xAxis')),
        axis.map((a) => a.el),
      ),
      all,
    ),
    h(
      'div',
      { class: 'chart-grid' },
      figures.map((f) => f.el),
    ),
  );

  const grid = el.querySelector('.chart-grid')!;
  const accuracy = figures[0]!.el;
  const promoted = h('div', { class: 'promoted-charts' });

  return {
    el,
    promoted,
    render(s: AppState, _topics: ReadonlySet<Topic>) {
      for (const a of axis) a.input.checked = a.value === s.view.xAxis;
      const run = s.runs[s.selected] ?? s.runs[0]!;
      const up = !!run.network && !run.splits && run.network.task !== 'regression';
      if (up && accuracy.parentElement !== promoted) promoted.append(accuracy);
      if (!up && accuracy.parentElement !== grid) grid.prepend(accuracy);
      promoted.hidden = !up;
      const title =
        s.runs.length > 1
          ? `${t('chart.histogram')} · ${t('compare.run', { n: s.selected + 1 })}`
          : t('chart.histogram');
      if (histogramTitle.textContent !== title) histogramTitle.textContent = title;
    },
  };
}
