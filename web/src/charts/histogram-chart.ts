// Histogram of every weight of the selected run, recomputed by the engine a few times a second:
// L1 piles weights at exactly 0, L2 narrows the bell.
import { Chart } from 'chart.js';
import type { AppState } from '../state/store';
import { t } from '../i18n/i18n';
import { formatNumber } from '../ui/dom';
import { runColor } from './chart-kit';

export class HistogramChart {
  readonly chart: Chart<'bar', number[], string>;
  private shown: unknown = null;

  constructor(readonly canvas: HTMLCanvasElement) {
    this.chart = new Chart(canvas, {
      type: 'bar',
      data: {
        labels: [],
        datasets: [
          {
            label: t('chart.count'),
            data: [],
            // Set at creation too: the bar colour resolved on the first draw is the one kept.
            backgroundColor: runColor(0),
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
          tooltip: {
            callbacks: {
              title: (items) => {
                const i = items[0]?.dataIndex ?? 0;
                const edges = (this.shown as { edges: Float64Array } | null)?.edges;
                return edges
                  ? `[${formatNumber(edges[i], 4)}, ${formatNumber(edges[i + 1], 4)})`
                  : '';
              },
            },
          },
        },
      },
    });
  }

  update(state: AppState): void {
    const run = state.runs[state.selected];
    const h = run?.visuals.histogram ?? null;
    if (h === this.shown) return;
    this.shown = h;
    const ds = this.chart.data.datasets[0]!;
    ds.backgroundColor = runColor(state.selected);
    if (!h) {
      this.chart.data.labels = [];
      ds.data = [];
    } else {
      this.chart.data.labels = Array.from(h.counts, (_, i) => formatNumber(h.edges[i], 2));
      ds.data = Array.from(h.counts);
    }
    this.chart.update('none');
  }

  png(): string {
    return this.chart.toBase64Image('image/png', 1);
  }

  destroy(): void {
    this.chart.destroy();
  }
}
