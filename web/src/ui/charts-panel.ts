// The charts, laid out in a grid, with the shared switches (x axis in steps or epochs, log
// loss, penalty line) and a PNG export per chart. Charts redraw only when new metric rows came
// in (once per animation frame at most) and only while on screen.
import { accuracyChart } from '../charts/accuracy-chart';
import type { MetricChart } from '../charts/chart-kit';
import { gradNormChart } from '../charts/grad-norm-chart';
import { HistogramChart } from '../charts/histogram-chart';
import { lossChart } from '../charts/loss-chart';
import { lrChart } from '../charts/lr-chart';
import { sparsityChart } from '../charts/sparsity-chart';
import { weightNormChart } from '../charts/weight-norm-chart';
import type { Controller } from '../state/controller';
import type { AppState, Topic } from '../state/store';
import { t, type MessageKey } from '../i18n/i18n';
import { download, h, section, uid } from './dom';

type AnyChart = MetricChart | HistogramChart;

export function chartsPanel(controller: Controller, state: AppState) {
  let showPenalty = true;
  const figures: { name: string; chart: AnyChart; el: HTMLElement }[] = [];
  const make = (name: string, titleKey: MessageKey, build: (c: HTMLCanvasElement) => AnyChart) => {
    const canvas = h('canvas', { role: 'img', 'aria-label': t(titleKey) });
    const chart = build(canvas);
    const save = h(
      'button',
      {
        type: 'button',
        class: 'icon',
        'aria-label': t('chart.exportPng', { name: t(titleKey) }),
        title: t('chart.exportPng', { name: t(titleKey) }),
      },
      'PNG',
    );
    save.addEventListener('click', () => {
      const f = figures.find((x) => x.chart === chart)!;
      download(`${name}.png`, 'image/png', dataUrlToBlob(fresh(f)));
    });
    const el = h(
      'figure',
      { class: `chart chart-${name}`, 'data-chart': name },
      h('figcaption', {}, h('span', {}, t(titleKey)), save),
      h('div', { class: 'chart-box' }, canvas),
    );
    figures.push({ name, chart, el });
    return chart;
  };
  const loss = make('loss', 'chart.loss', (c) =>
    lossChart(c, { showPenalty: () => showPenalty }),
  ) as MetricChart;
  make('accuracy', 'chart.accuracy', accuracyChart);
  make('sparsity', 'chart.sparsity', sparsityChart);
  make('weight-norms', 'chart.weightNorms', weightNormChart);
  make('grad-norms', 'chart.gradNorms', gradNormChart);
  const histogram = make(
    'histogram',
    'chart.histogram',
    (c) => new HistogramChart(c),
  ) as HistogramChart;
  make('lr', 'chart.lr', lrChart);

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
  const logId = uid('log');
  const log = h('input', { type: 'checkbox', id: logId });
  const penId = uid('pen');
  const pen = h('input', { type: 'checkbox', id: penId, checked: true });
  const all = h('button', { type: 'button', 'data-action': 'export-png' }, t('share.exportCharts'));
  // Charts off screen are not redrawn while training: bring one up to date before saving it.
  const fresh = (f: (typeof figures)[number]) => {
    if ('setXAxis' in f.chart) f.chart.setXAxis(latest.view.xAxis);
    f.chart.update(latest);
    dirty.delete(f);
    return f.chart.png();
  };
  all.addEventListener('click', () => {
    for (const f of figures) download(`${f.name}.png`, 'image/png', dataUrlToBlob(fresh(f)));
  });
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
      h(
        'span',
        { class: 'chip' },
        log,
        h('label', { for: logId }, `${t('chart.loss')}: ${t('chart.logY')}`),
      ),
      h('span', { class: 'chip' }, pen, h('label', { for: penId }, t('chart.showPenalty'))),
      all,
    ),
    h(
      'div',
      { class: 'chart-grid' },
      figures.map((f) => f.el),
    ),
  );

  // Redrawing every chart on every frame would cost more than a frame: each frame redraws at
  // most kChartsPerFrame charts with new data, round-robin, and only charts on screen.
  const kChartsPerFrame = 2;
  const visible = new Set<(typeof figures)[number]>();
  const dirty = new Set<(typeof figures)[number]>();
  let cursor = 0;
  let pumpFrame = 0;
  let latest = state;
  const pump = () => {
    pumpFrame = 0;
    let budget = kChartsPerFrame;
    for (let k = 0; k < figures.length && budget > 0; k++) {
      const f = figures[(cursor + k) % figures.length]!;
      if (!dirty.has(f) || !visible.has(f)) continue;
      dirty.delete(f);
      if ('setXAxis' in f.chart) f.chart.setXAxis(latest.view.xAxis);
      f.chart.update(latest);
      budget--;
      cursor = (cursor + k + 1) % figures.length;
    }
    if ([...dirty].some((f) => visible.has(f))) pumpFrame = requestAnimationFrame(pump);
  };
  const schedule = () => {
    if (!pumpFrame) pumpFrame = requestAnimationFrame(pump);
  };
  const observer =
    typeof IntersectionObserver === 'undefined'
      ? null
      : new IntersectionObserver((entries) => {
          for (const e of entries) {
            const f = figures.find((x) => x.el === e.target);
            if (!f) continue;
            if (e.isIntersecting) visible.add(f);
            else visible.delete(f);
          }
          schedule();
        });
  for (const f of figures) {
    if (observer) observer.observe(f.el);
    else visible.add(f);
  }
  const markAll = () => {
    for (const f of figures) dirty.add(f);
    schedule();
  };
  log.addEventListener('change', () => {
    loss.setLog(log.checked);
    dirty.add(figures[0]!);
    schedule();
  });
  pen.addEventListener('change', () => {
    showPenalty = pen.checked;
    dirty.add(figures[0]!);
    schedule();
  });

  return {
    el,
    render(s: AppState, topics: ReadonlySet<Topic>) {
      latest = s;
      for (const a of axis) a.input.checked = a.value === s.view.xAxis;
      if (topics.has('view') || topics.has('runs') || topics.has('lang')) markAll();
      else {
        if (topics.has('metrics')) for (const f of figures) if (f.chart !== histogram) dirty.add(f);
        if (topics.has('visuals')) dirty.add(figures.find((f) => f.chart === histogram)!);
        schedule();
      }
    },
    destroy() {
      observer?.disconnect();
      if (pumpFrame) cancelAnimationFrame(pumpFrame);
      for (const f of figures) f.chart.destroy();
    },
  };
}

function dataUrlToBlob(url: string): Blob {
  const [head, body] = url.split(',', 2);
  const type = /data:([^;]+)/.exec(head ?? '')?.[1] ?? 'image/png';
  const bin = atob(body ?? '');
  const bytes = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);
  return new Blob([bytes], { type });
}
