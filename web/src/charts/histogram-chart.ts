// Histogram of every weight of the selected run (named in its caption, drawn in its colour),
// recomputed by the engine a few times a second. Exact zeros get a bar of their own ("= 0"),
// so L1's exact zeros stand apart from weights that are merely small; the bins span a robust
// range (the engine's quantile), with what lies beyond in an under- and an overflow bar, so a
// diverged run's huge weights do not squash the rest into one bar.
import { Chart } from 'chart.js';
import type { AppState } from '../state/store';
import { t } from '../i18n/i18n';
import { formatNumber } from '../ui/dom';
import { runColor, withAlpha } from './chart-kit';

const kZeroColor = '#0f172a';

export class HistogramChart {
  readonly chart: Chart<'bar', number[], string>;
  private shown: unknown = null;
  private selected = -1;
  private tips: string[] = [];
  caption = '';

  constructor(readonly canvas: HTMLCanvasElement) {
    this.chart = new Chart(canvas, {
      type: 'bar',
      data: {
        labels: [],
        datasets: [
          {
            label: t('chart.count'),
            data: [],
            backgroundColor: [],
            borderWidth: 0,
            barPercentage: 1,
            categoryPercentage: 1,
          },
        ],
      },
      options: {
        animation: false,
        responsive: true,
        maintainAspectRatio: false,
        scales: {
          x: {
            title: { display: true, text: t('chart.weight') },
            ticks: { maxTicksLimit: 7, maxRotation: 0 },
          },
          y: { type: 'linear', beginAtZero: true, ticks: { maxTicksLimit: 5 } },
        },
        plugins: {
          legend: { display: false },
          tooltip: { callbacks: { title: (items) => this.tips[items[0]?.dataIndex ?? 0] ?? '' } },
        },
      },
    });
  }

  update(state: AppState): void {
    const run = state.runs[state.selected];
    const h = run?.visuals.histogram ?? null;
    if (h === this.shown && state.selected === this.selected) return;
    this.shown = h;
    this.selected = state.selected;
    const ds = this.chart.data.datasets[0]!;
    const color = runColor(state.selected);
    if (!h) {
      this.chart.data.labels = [];
      ds.data = [];
      this.tips = [];
      this.caption = '';
    } else {
      const bins = h.counts.length;
      const m = h.edges[bins] ?? 1;
      const labels = [`< ${formatNumber(-m, 2)}`];
      const tips = [t('chart.below', { m: formatNumber(-m, 3) })];
      for (let i = 0; i < bins; i++) {
        labels.push(formatNumber(h.edges[i], 2));
        tips.push(`[${formatNumber(h.edges[i], 4)}, ${formatNumber(h.edges[i + 1], 4)})`);
      }
      labels.push(`> ${formatNumber(m, 2)}`, '= 0');
      tips.push(t('chart.above', { m: formatNumber(m, 3) }), t('chart.exactZero'));
      this.chart.data.labels = labels;
      this.tips = tips;
      ds.data = [h.below, ...Array.from(h.counts), h.above, h.zeros];
      ds.backgroundColor = [
        withAlpha(color, 0.45),
        ...Array.from(h.counts, () => color),
        withAlpha(color, 0.45),
        kZeroColor,
      ];
      this.caption = t('chart.zeroShare', {
        n: h.zeros,
        share: h.total > 0 ? formatNumber((100 * h.zeros) / h.total, 3) : '0',
      });
    }
    this.chart.update('none');
    const area = this.chart.chartArea;
    if (area)
      this.canvas.dataset['plotShare'] = ((area.bottom - area.top) / this.chart.height).toFixed(3);
  }

  png(): string {
    return this.chart.toBase64Image('image/png', 1);
  }

  destroy(): void {
    this.chart.destroy();
  }
}
