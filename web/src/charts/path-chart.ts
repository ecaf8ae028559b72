// The regularization path, as glmnet and Tibshirani draw it: every coefficient against the
// log of the penalty, strongest penalty on the left (every weight 0 there), the number of
// non-zero coefficients along the top axis, each line labelled with its feature at its right
// end, and the chosen grid value as a dashed vertical line. Hover names the feature and its
// value; a click chooses the grid value under the pointer.
// x is log₁₀ of the grid value, labelled with the value itself (log-axis.ts): α (lasso, elastic
// net, ridge), drawn reversed so that α decreases to the right, or C (logistic, an inverse
// penalty), drawn as it is.
import { Chart, type ChartDataset, type Plugin } from 'chart.js';
import { t } from '../i18n/i18n';
import { formatNumber } from '../ui/dom';
import { drawVerticalMark, kLineChartBase, withAlpha, type Point } from './chart-kit';
import { decadeLabel, decadeTicks } from './log-axis';
import './chart-kit'; // registers the controllers and scales

// Feature colours: ten distinguishable hues, repeated with a dash beyond ten.
const kPalette = [
  '#1d4ed8',
  '#dc2626',
  '#059669',
  '#d97706',
  '#7c3aed',
  '#0891b2',
  '#db2777',
  '#65a30d',
  '#475569',
  '#b45309',
];

export interface PathPicture {
  grid: number[]; // α decreasing or C increasing
  inverse: boolean; // the grid is C (logistic)
  coefs: number[]; // grid × p, row-major
  names: string[]; // p labels
  nonZeros: number[];
  // Marked grid points (chosen α, CV min, 1SE; muted: the run's own λ, dotted and grey).
  chosen: { index: number; label: string; muted?: boolean }[];
}

// Labels at the right end: the features with the largest final |coefficient|, at most this
// many (30 labels cannot be read; hover names every line).
export const kMaxLabels = 10;

export function labelledFeatures(p: PathPicture): number[] {
  const n = p.names.length;
  const last = p.grid.length - 1;
  const order = [...Array(n).keys()].sort(
    (a, b) => Math.abs(p.coefs[last * n + b]!) - Math.abs(p.coefs[last * n + a]!),
  );
  return order.slice(0, kMaxLabels).filter((j) => p.coefs[last * n + j] !== 0);
}

// Stretches of the grid where the count of non-zeros is below a count it had at a stronger
// penalty: a variable has left the active set (the lasso's path is not monotone there).
// Index ranges [first, last], inclusive.
export function dropStretches(nonZeros: readonly number[]): [number, number][] {
  const out: [number, number][] = [];
  let peak = -1;
  nonZeros.forEach((n, i) => {
    if (n < peak) {
      const last = out.at(-1);
      if (last && last[1] === i - 1) last[1] = i;
      else out.push([i, i]);
    }
    peak = Math.max(peak, n);
  });
  return out;
}

function endLabels(get: () => PathPicture | null): Plugin<'line'> {
  return {
    id: 'pathLabels',
    // Behind the lines: a light band where a variable has left the active set.
    beforeDatasetsDraw(chart) {
      const p = get();
      if (!p) return;
      const { ctx, chartArea: area, scales } = chart;
      const x = (i: number) => scales['x']!.getPixelForValue(Math.log10(p.grid[i]!));
      ctx.save();
      ctx.font = '10px system-ui, sans-serif';
      ctx.textBaseline = 'bottom';
      ctx.textAlign = 'center';
      for (const [first, last] of dropStretches(p.nonZeros)) {
        // From halfway to the point before the stretch to halfway past its last point.
        const a = (x(first - 1) + x(first)) / 2;
        const b = last + 1 < p.grid.length ? (x(last) + x(last + 1)) / 2 : x(last);
        const left = Math.min(a, b);
        const width = Math.max(3, Math.abs(b - a));
        ctx.fillStyle = 'rgba(245, 158, 11, 0.18)';
        ctx.fillRect(left, area.top, width, area.bottom - area.top);
        ctx.fillStyle = '#92400e';
        ctx.fillText(
          t('path.leaves'),
          Math.min(area.right - 30, left + width / 2),
          area.bottom - 2,
        );
      }
      ctx.restore();
    },
    afterDatasetsDraw(chart) {
      const p = get();
      if (!p) return;
      const { ctx, chartArea: area, scales } = chart;
      const n = p.names.length;
      const last = p.grid.length - 1;
      const wanted = labelledFeatures(p).map((j) => ({
        j,
        y: scales['y']!.getPixelForValue(p.coefs[last * n + j]!),
      }));
      // Push overlapping labels apart, top to bottom, 11 px each.
      wanted.sort((a, b) => a.y - b.y);
      for (let i = 1; i < wanted.length; i++)
        wanted[i]!.y = Math.max(wanted[i]!.y, wanted[i - 1]!.y + 11);
      ctx.save();
      ctx.font = '10px system-ui, sans-serif';
      ctx.textBaseline = 'middle';
      ctx.textAlign = 'left';
      for (const { j, y } of wanted) {
        ctx.fillStyle = kPalette[j % kPalette.length]!;
        const text = p.names[j]!;
        const short = text.length > 10 ? `${text.slice(0, 9)}…` : text;
        ctx.fillText(short, area.right + 4, Math.min(y, chart.height - 6));
      }
      const rest = n - wanted.length;
      if (rest > 0 && n > kMaxLabels) {
        ctx.fillStyle = '#475569';
        ctx.fillText(t('path.more', { n: rest }), area.right + 4, area.bottom - 4);
      }
      // The chosen grid values.
      for (const c of p.chosen) {
        const x = scales['x']!.getPixelForValue(Math.log10(p.grid[c.index]!));
        if (!(x >= area.left && x <= area.right)) continue;
        drawVerticalMark(ctx, area, x, {
          stroke: c.muted ? '#64748b' : '#0f172a',
          fill: c.muted ? '#475569' : '#0f172a',
          dash: c.muted ? [1, 3] : [4, 3],
          label: c.label,
          row: p.chosen.indexOf(c),
        });
      }
      ctx.restore();
    },
  };
}

export class PathChart {
  readonly chart: Chart<'line', Point[]>;
  private picture: PathPicture | null = null;

  constructor(
    readonly canvas: HTMLCanvasElement,
    onPick: (index: number) => void,
  ) {
    this.chart = new Chart(canvas, {
      type: 'line',
      data: { datasets: [] },
      options: {
        ...kLineChartBase,
        layout: { padding: { right: 64 } },
        interaction: { mode: 'nearest', axis: 'xy', intersect: false },
        elements: {
          point: { radius: 0, hitRadius: 4, hoverRadius: 3 },
          line: { borderWidth: 1.5, tension: 0 },
        },
        scales: {
          x: {
            type: 'linear',
            title: { display: true, text: '' },
            afterBuildTicks: decadeTicks,
            ticks: { autoSkip: true, callback: decadeLabel },
          },
          top: {
            type: 'linear',
            position: 'top',
            grid: { display: false },
            title: { display: true, text: t('path.nonZeros') },
            afterBuildTicks: (axis) => {
              const p = this.picture;
              if (!p) return;
              const m = p.grid.length;
              const step = Math.max(1, Math.round((m - 1) / 6));
              const at: number[] = [];
              for (let i = 0; i < m; i += step) at.push(i);
              // The last count too (every feature, at the weakest penalty), unless too close.
              if (m - 1 - at.at(-1)! >= step / 2) at.push(m - 1);
              axis.ticks = at.map((i) => ({ value: Math.log10(p.grid[i]!) }));
            },
            ticks: {
              callback: (v) => {
                const p = this.picture;
                if (!p) return '';
                const i = nearest(p.grid, Number(v));
                return String(p.nonZeros[i] ?? '');
              },
            },
          },
          y: {
            type: 'linear',
            title: { display: true, text: t('path.coefficient') },
            ticks: { maxTicksLimit: 6, callback: (v) => formatNumber(Number(v), 3) },
          },
        },
        plugins: {
          legend: { display: false },
          decimation: { enabled: false },
          tooltip: {
            callbacks: {
              title: (items) => {
                const x = items[0]?.parsed.x;
                const p = this.picture;
                if (x === undefined || x === null || !p) return '';
                const i = nearest(p.grid, x);
                return `${p.inverse ? 'C' : 'α'} = ${formatNumber(p.grid[i], 4)} · ${t('path.nonZeroCount', { n: p.nonZeros[i] ?? 0 })}`;
              },
              label: (item) => `${item.dataset.label ?? ''}: ${formatNumber(item.parsed.y, 4)}`,
            },
          },
        },
        onClick: (event) => {
          const p = this.picture;
          const x = event.x;
          if (!p || x === null || x === undefined) return;
          const value = this.chart.scales['x']!.getValueForPixel(x);
          if (value === undefined) return;
          onPick(nearest(p.grid, value));
        },
      },
      plugins: [endLabels(() => this.picture)],
    });
  }

  show(p: PathPicture): void {
    const same =
      this.picture &&
      this.picture.grid === p.grid &&
      this.picture.coefs === p.coefs &&
      this.picture.names === p.names;
    this.picture = p;
    const lo = Math.log10(Math.min(...p.grid));
    const hi = Math.log10(Math.max(...p.grid));
    const scales = this.chart.options.scales!;
    for (const id of ['x', 'top'] as const) {
      const s = scales[id] as { min?: number; max?: number; reverse?: boolean };
      s.min = lo;
      s.max = hi;
      s.reverse = !p.inverse;
    }
    (scales['x'] as { title: { text: string } }).title.text = p.inverse
      ? t('path.axisC')
      : t('path.axisAlpha');
    if (!same) {
      const n = p.names.length;
      const labelled = new Set(labelledFeatures(p));
      this.chart.data.datasets = p.names.map((name, j): ChartDataset<'line', Point[]> => {
        const color = kPalette[j % kPalette.length]!;
        return {
          label: name,
          data: p.grid.map((a, i) => ({ x: Math.log10(a), y: p.coefs[i * n + j]! })),
          borderColor: labelled.has(j) || n <= kMaxLabels ? color : withAlpha(color, 0.45),
          backgroundColor: color,
          borderDash: j >= kPalette.length ? [5, 3] : [],
          borderWidth: labelled.has(j) ? 1.8 : 1.2,
        };
      });
    }
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

// The grid index whose log₁₀ is closest to x.
export function nearest(grid: readonly number[], x: number): number {
  let best = 0;
  for (let i = 1; i < grid.length; i++)
    if (Math.abs(Math.log10(grid[i]!) - x) < Math.abs(Math.log10(grid[best]!) - x)) best = i;
  return best;
}
