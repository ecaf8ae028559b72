// Every chart on the page, in one place: each in a figure with its title, a note, a PNG button
// and an enlarge button (the figure fills the window; Escape or the button brings it back).
// Redrawing every chart on every frame would cost more than a frame, so each animation frame
// redraws at most kChartsPerFrame charts that have new data, round-robin, and only charts on
// screen; a chart that comes into view is brought up to date first.
import type { MetricChart } from '../charts/chart-kit';
import type { HistogramChart } from '../charts/histogram-chart';
import type { AppState, Topic } from '../state/store';
import { t, type MessageKey } from '../i18n/i18n';
import { download, h } from './dom';

type AnyChart = MetricChart | HistogramChart;

export interface ChartFigure {
  name: string;
  chart: AnyChart;
  el: HTMLElement;
  note: HTMLElement; // a line under the title (a caption the chart computes, a legend hint)
  // Which store topics make this chart stale.
  stale(topics: ReadonlySet<Topic>): boolean;
}

const kChartsPerFrame = 2;

export class ChartBoard {
  private figures: ChartFigure[] = [];
  private visible = new Set<ChartFigure>();
  private dirty = new Set<ChartFigure>();
  private cursor = 0;
  private pumpFrame = 0;
  private observer: IntersectionObserver | null;

  constructor(private latest: AppState) {
    this.observer =
      typeof IntersectionObserver === 'undefined'
        ? null
        : new IntersectionObserver((entries) => {
            for (const e of entries) {
              const f = this.figures.find((x) => x.el === e.target);
              if (!f) continue;
              if (e.isIntersecting) this.visible.add(f);
              else this.visible.delete(f);
            }
            this.schedule();
          });
  }

  // A chart in its figure. `note` is static text under the title ('' for none).
  add(
    name: string,
    titleKey: MessageKey,
    build: (canvas: HTMLCanvasElement) => AnyChart,
    options: { note?: string; stale?: (topics: ReadonlySet<Topic>) => boolean } = {},
  ): ChartFigure {
    const title = t(titleKey);
    const canvas = h('canvas', { role: 'img', 'aria-label': title });
    const chart = build(canvas);
    const save = h(
      'button',
      {
        type: 'button',
        class: 'icon',
        'aria-label': t('chart.exportPng', { name: title }),
        title: t('chart.exportPng', { name: title }),
      },
      'PNG',
    );
    const enlarge = h(
      'button',
      {
        type: 'button',
        class: 'icon enlarge',
        'aria-pressed': 'false',
        'aria-label': t('chart.enlarge', { name: title }),
        title: t('chart.enlarge', { name: title }),
      },
      '⤢',
    );
    const note = h('span', { class: 'chart-note' }, options.note ?? '');
    const el = h(
      'figure',
      { class: `chart chart-${name}`, 'data-chart': name },
      h('figcaption', {}, h('span', { class: 'chart-title' }, title), note, save, enlarge),
      h('div', { class: 'chart-box' }, canvas),
    );
    const figure: ChartFigure = {
      name,
      chart,
      el,
      note,
      stale:
        options.stale ??
        ((topics) => topics.has('metrics') || topics.has('runs') || topics.has('status')),
    };
    save.addEventListener('click', () =>
      download(`${name}.png`, 'image/png', dataUrlToBlob(this.fresh(figure))),
    );
    const setEnlarged = (on: boolean) => {
      el.classList.toggle('enlarged', on);
      enlarge.setAttribute('aria-pressed', String(on));
      document.documentElement.classList.toggle('has-enlarged', on);
      this.dirty.add(figure);
      this.schedule();
    };
    enlarge.addEventListener('click', () => setEnlarged(!el.classList.contains('enlarged')));
    el.addEventListener('keydown', (e) => {
      if (e.key === 'Escape' && el.classList.contains('enlarged')) setEnlarged(false);
    });
    this.figures.push(figure);
    if (this.observer) this.observer.observe(el);
    else this.visible.add(figure);
    return figure;
  }

  all(): readonly ChartFigure[] {
    return this.figures;
  }

  // A chart off screen is not redrawn while training: bring it up to date before saving it.
  fresh(f: ChartFigure): string {
    if ('setXAxis' in f.chart) f.chart.setXAxis(this.latest.view.xAxis);
    f.chart.update(this.latest);
    this.dirty.delete(f);
    return f.chart.png();
  }

  markAll(): void {
    for (const f of this.figures) this.dirty.add(f);
    this.schedule();
  }

  mark(f: ChartFigure): void {
    this.dirty.add(f);
    this.schedule();
  }

  render(s: AppState, topics: ReadonlySet<Topic>): void {
    this.latest = s;
    if (topics.has('view') || topics.has('runs') || topics.has('lang')) this.markAll();
    else {
      for (const f of this.figures) if (f.stale(topics)) this.dirty.add(f);
      this.schedule();
    }
  }

  destroy(): void {
    this.observer?.disconnect();
    if (this.pumpFrame) cancelAnimationFrame(this.pumpFrame);
    for (const f of this.figures) f.chart.destroy();
    document.documentElement.classList.remove('has-enlarged');
  }

  private schedule(): void {
    if (!this.pumpFrame) this.pumpFrame = requestAnimationFrame(() => this.pump());
  }

  private pump(): void {
    this.pumpFrame = 0;
    let budget = kChartsPerFrame;
    const n = this.figures.length;
    for (let k = 0; k < n && budget > 0; k++) {
      const f = this.figures[(this.cursor + k) % n]!;
      if (!this.dirty.has(f) || !this.visible.has(f)) continue;
      this.fresh(f);
      if ('caption' in f.chart && f.chart.caption !== undefined)
        f.note.textContent = f.chart.caption;
      budget--;
      this.cursor = (this.cursor + k + 1) % n;
    }
    if ([...this.dirty].some((f) => this.visible.has(f))) this.schedule();
  }
}

export function dataUrlToBlob(url: string): Blob {
  const [head, body] = url.split(',', 2);
  const type = /data:([^;]+)/.exec(head ?? '')?.[1] ?? 'image/png';
  const bin = atob(body ?? '');
  const bytes = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);
  return new Blob([bytes], { type });
}
