// Cross-validation error against the penalty, as glmnet's plot.cv.glmnet draws it: the mean
// validation error over the folds at each grid point with ± one standard error bars, the
// minimum and the one-standard-error choice as dashed vertical lines. The exact solver's grid
// is drawn on log₁₀ of its value (α reversed so the strongest penalty is on the left, as on
// the path; C as it is); a network grid at evenly spaced positions labelled with its values.
// A click picks the grid point under the pointer.
import { Chart, type Plugin } from 'chart.js';
import { t } from '../i18n/i18n';
import { formatNumber } from '../ui/dom';
import { drawVerticalMark, kLineChartBase, type Point } from './chart-kit';
import { decadeLabel, decadeTicks } from './log-axis';
import './chart-kit'; // registers the controllers and scales

export interface CvPicture {
  x: number[]; // position of each grid point
  labels: string[] | null; // tick label per grid point (a network grid), else numeric ticks
  reverse: boolean;
  axisTitle: string;
  symbol: string; // the grid's symbol in the tooltip (α, C, or the parameter's name)
  yTitle: string;
  mean: number[];
  se: number[];
  marks: { index: number; label: string; color: string }[];
}

function errorBars(get: () => CvPicture | null): Plugin<'line'> {
  return {
    id: 'cvErrorBars',
    afterDatasetsDraw(chart) {
      const p = get();
      if (!p) return;
      const { ctx, chartArea: area, scales } = chart;
      const xs = scales['x']!;
      const ys = scales['y']!;
      ctx.save();
      ctx.strokeStyle = '#94a3b8';
      ctx.lineWidth = 1;
      p.mean.forEach((m, i) => {
        const s = p.se[i]!;
        if (!Number.isFinite(m) || !Number.isFinite(s)) return;
        const x = xs.getPixelForValue(p.x[i]!);
        const top = Math.max(area.top, ys.getPixelForValue(m + s));
        const bottom = Math.min(area.bottom, ys.getPixelForValue(m - s));
        ctx.beginPath();
        ctx.moveTo(x, top);
        ctx.lineTo(x, bottom);
        ctx.moveTo(x - 2, top);
        ctx.lineTo(x + 2, top);
        ctx.moveTo(x - 2, bottom);
        ctx.lineTo(x + 2, bottom);
        ctx.stroke();
      });
      p.marks.forEach((mark, k) => {
        const x = xs.getPixelForValue(p.x[mark.index]!);
        if (!(x >= area.left - 1 && x <= area.right + 1)) return;
        drawVerticalMark(ctx, area, x, {
          stroke: mark.color,
          fill: mark.color,
          dash: [4, 3],
          label: mark.label,
          row: k,
        });
      });
      ctx.restore();
    },
  };
}

export class CvChart {
  readonly chart: Chart<'line', Point[]>;
  private picture: CvPicture | null = null;

  constructor(
    readonly canvas: HTMLCanvasElement,
    onPick: (index: number) => void,
  ) {
    this.chart = new Chart(canvas, {
      type: 'line',
      data: { datasets: [] },
      options: {
        ...kLineChartBase,
        interaction: { mode: 'nearest', axis: 'x', intersect: false },
        elements: {
          point: { radius: 2, hitRadius: 6, hoverRadius: 4 },
          line: { borderWidth: 1.5, tension: 0 },
        },
        scales: {
          x: {
            type: 'linear',
            title: { display: true, text: '' },
            afterBuildTicks: (axis) => {
              const p = this.picture;
              if (p?.labels) axis.ticks = p.x.map((value) => ({ value }));
              else decadeTicks(axis);
            },
            ticks: {
              autoSkip: true,
              callback: (v) => {
                const p = this.picture;
                if (p?.labels) return p.labels[p.x.indexOf(Number(v))] ?? '';
                return decadeLabel(v);
              },
            },
          },
          y: {
            type: 'linear',
            title: { display: true, text: '' },
            ticks: {
              maxTicksLimit: 6,
              includeBounds: false,
              callback: (v) => formatNumber(Number(v), 3),
            },
          },
        },
        plugins: {
          legend: { display: false },
          decimation: { enabled: false },
          tooltip: {
            callbacks: {
              title: (items) => {
                const p = this.picture;
                const i = p ? p.x.indexOf(items[0]?.parsed.x ?? NaN) : -1;
                if (!p || i < 0) return '';
                return p.labels ? p.labels[i]! : `${p.symbol} = ${formatNumber(10 ** p.x[i]!, 4)}`;
              },
              label: (item) => {
                const p = this.picture;
                const i = p ? p.x.indexOf(item.parsed.x ?? NaN) : -1;
                if (!p || i < 0) return '';
                return t('cv.tooltip', {
                  mean: formatNumber(p.mean[i], 4),
                  se: formatNumber(p.se[i], 3),
                });
              },
            },
          },
        },
        onClick: (event) => {
          const p = this.picture;
          if (!p || event.x === null || event.x === undefined) return;
          const v = this.chart.scales['x']!.getValueForPixel(event.x);
          if (v === undefined) return;
          let best = 0;
          p.x.forEach((x, i) => {
            if (Math.abs(x - v) < Math.abs(p.x[best]! - v)) best = i;
          });
          onPick(best);
        },
      },
      plugins: [errorBars(() => this.picture)],
    });
  }

  show(p: CvPicture): void {
    this.picture = p;
    const scales = this.chart.options.scales!;
    const x = scales['x'] as {
      min?: number;
      max?: number;
      reverse?: boolean;
      title: { text: string };
    };
    const lo = Math.min(...p.x);
    const hi = Math.max(...p.x);
    const pad = p.labels ? 0.5 : 0;
    x.min = lo - pad;
    x.max = hi + pad;
    x.reverse = p.reverse;
    x.title.text = p.axisTitle;
    // The y range holds the error bars too, so a wide bar is seen whole.
    const y = scales['y'] as { title: { text: string }; min?: number; max?: number };
    y.title.text = p.yTitle;
    const ends = p.mean.flatMap((m, i) => {
      const se = Number.isFinite(p.se[i]) ? p.se[i]! : 0;
      return Number.isFinite(m) ? [m - se, m + se] : [];
    });
    const bottom = ends.length ? Math.min(...ends) : 0;
    const top = ends.length ? Math.max(...ends) : 1;
    const margin = 0.04 * (top - bottom || Math.abs(top) || 1);
    y.min = bottom - margin;
    y.max = top + margin;
    this.chart.data.datasets = [
      {
        label: p.yTitle,
        data: p.x.map((x, i) => ({ x, y: p.mean[i]! })).filter((d) => Number.isFinite(d.y)),
        borderColor: '#dc2626',
        backgroundColor: '#dc2626',
      },
    ];
    this.chart.update('none');
  }

  clear(): void {
    this.picture = null;
    this.chart.data.datasets = [];
    this.chart.update('none');
  }

  destroy(): void {
    this.chart.destroy();
  }
}
