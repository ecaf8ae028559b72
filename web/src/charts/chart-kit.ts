// What every metric chart shares: Chart.js set up for streaming (no animation, pre-parsed
// points, LTTB decimation when zoomed out), one colour per run, one dash per split (the one run
// legend above the charts explains both, so no chart spends height on a legend of its own),
// tooltips that read off step (or epoch) and value, markers (vertical lines at a step, or
// horizontal ones at a value, such as the early-stopping point or the clipping threshold), and
// incremental updates: each frame only the rows recorded since the last frame are appended,
// unless the store thinned them (new generation).
import {
  BarController,
  BarElement,
  CategoryScale,
  Chart,
  Decimation,
  Legend,
  LinearScale,
  LineController,
  LineElement,
  LogarithmicScale,
  PointElement,
  Tooltip,
  type ChartDataset,
  type Plugin,
} from 'chart.js';
import type { AppState, MetricColumn, Series } from '../state/store';
import { t } from '../i18n/i18n';
import { formatNumber } from '../ui/dom';

Chart.register(
  LineController,
  LineElement,
  PointElement,
  LinearScale,
  LogarithmicScale,
  CategoryScale,
  BarController,
  BarElement,
  Decimation,
  Tooltip,
  Legend,
);

const kRunColors = ['#2563eb', '#ea580c', '#16a34a', '#9333ea'];
export const kDashes: Record<string, number[]> = {
  train: [],
  validation: [6, 3],
  test: [2, 3],
  penalty: [10, 3, 2, 3],
  batch: [],
};

export function withAlpha(hex: string, alpha: number): string {
  const n = parseInt(hex.slice(1), 16);
  return `rgba(${(n >> 16) & 255},${(n >> 8) & 255},${n & 255},${alpha.toFixed(2)})`;
}

// A per-layer line: the run's colour, from light (first layer) to full (last layer).
export function layerShade(runIndex: number, layer: number, layers: number): string {
  return withAlpha(runColor(runIndex), layers <= 1 ? 1 : 0.3 + (0.7 * layer) / (layers - 1));
}

// The options every line chart here shares: drawn at once (no animation, the data changes many
// times a second), sized by its box, data given as sorted {x, y} points (no parsing).
export const kLineChartBase = {
  animation: false,
  responsive: true,
  maintainAspectRatio: false,
  parsing: false,
  normalized: true,
} as const;

// A dashed vertical line across the plot area at pixel x, labelled at the top in row `row`
// (12 px apart, so several marks stay readable); near the right edge the label goes left.
export function drawVerticalMark(
  ctx: CanvasRenderingContext2D,
  area: { top: number; bottom: number; right: number },
  x: number,
  mark: { stroke: string; fill: string; dash: number[]; label: string; row: number },
): void {
  ctx.strokeStyle = mark.stroke;
  ctx.fillStyle = mark.fill;
  ctx.setLineDash(mark.dash);
  ctx.beginPath();
  ctx.moveTo(x, area.top);
  ctx.lineTo(x, area.bottom);
  ctx.stroke();
  ctx.setLineDash([]);
  ctx.font = '10px system-ui, sans-serif';
  ctx.textBaseline = 'top';
  const right = x + 60 < area.right;
  ctx.textAlign = right ? 'left' : 'right';
  ctx.fillText(mark.label, x + (right ? 3 : -3), area.top + 2 + 12 * mark.row);
}

export type Point = { x: number; y: number };

export interface LineDef {
  key: string; // stable identity of the line (run id + what it shows)
  label: string;
  series: Series;
  values: (s: Series) => number[] | undefined;
  color: string;
  dash: number[];
  width?: number;
}

export function runColor(runIndex: number): string {
  // Run colours are declared once, as CSS custom properties in styles.css as well.
  return kRunColors[runIndex % kRunColors.length]!;
}

export function column(name: MetricColumn) {
  return (s: Series) => s.columns[name];
}

export function layerColumn(name: MetricColumn, layer: number) {
  return (s: Series) =>
    s.perLayer[name]?.[layer] ?? (s.layers === 1 && layer === 0 ? s.columns[name] : undefined);
}

export function runLabel(state: AppState, runIndex: number, what: string): string {
  return state.runs.length > 1 ? `${t('chart.run', { n: runIndex + 1 })} · ${what}` : what;
}

interface Drawn {
  generation: number;
  count: number;
}

// A reference line drawn over the plot: at x = a step (vertical) or y = a value (horizontal).
export interface Marker {
  axis: 'x' | 'y';
  value: number;
  color: string;
  label: string;
}

interface MetricChartOptions {
  title: string;
  yLog?: boolean;
  yMin?: number;
  yMax?: number;
  lines(state: AppState): LineDef[];
  markers?(state: AppState, xAxis: 'step' | 'epoch'): Marker[];
}

// Draws the chart's markers after its datasets (a Chart.js plugin per chart).
function markerPlugin(get: () => Marker[]): Plugin<'line'> {
  return {
    id: 'markers',
    afterDatasetsDraw(chart) {
      const { ctx, chartArea: area, scales } = chart;
      for (const m of get()) {
        const scale = scales[m.axis];
        if (!scale) continue;
        const p = scale.getPixelForValue(m.value);
        if (!Number.isFinite(p)) continue;
        const inside =
          m.axis === 'x' ? p >= area.left && p <= area.right : p >= area.top && p <= area.bottom;
        if (!inside) continue;
        ctx.save();
        ctx.strokeStyle = m.color;
        ctx.fillStyle = m.color;
        ctx.lineWidth = 1;
        ctx.setLineDash([4, 3]);
        ctx.beginPath();
        if (m.axis === 'x') {
          ctx.moveTo(p, area.top);
          ctx.lineTo(p, area.bottom);
        } else {
          ctx.moveTo(area.left, p);
          ctx.lineTo(area.right, p);
        }
        ctx.stroke();
        ctx.setLineDash([]);
        ctx.font = '10px system-ui, sans-serif';
        ctx.textBaseline = 'top';
        ctx.textAlign = m.axis === 'x' ? 'left' : 'right';
        if (m.axis === 'x') ctx.fillText(m.label, p + 3, area.top + 2);
        else ctx.fillText(m.label, area.right - 2, p + 2);
        ctx.restore();
      }
    },
  };
}

export class MetricChart {
  readonly chart: Chart<'line', Point[]>;
  private drawn = new Map<string, Drawn>();
  private keys = '';
  private xAxis: 'step' | 'epoch' = 'step';
  private yLog: boolean;
  private markers: Marker[] = [];

  constructor(
    readonly canvas: HTMLCanvasElement,
    private readonly options: MetricChartOptions,
  ) {
    this.yLog = options.yLog ?? false;
    this.chart = new Chart(canvas, {
      type: 'line',
      data: { datasets: [] },
      options: {
        ...kLineChartBase,
        spanGaps: true,
        interaction: { mode: 'nearest', axis: 'x', intersect: false },
        elements: {
          point: { radius: 0, hitRadius: 6, hoverRadius: 3 },
          line: { borderWidth: 1.5, tension: 0 },
        },
        scales: {
          x: {
            type: 'linear',
            title: { display: true, text: t('chart.step') },
            ticks: { maxTicksLimit: 6 },
          },
          y: {
            type: this.yLog ? 'logarithmic' : 'linear',
            min: options.yMin,
            max: options.yMax,
            ticks: { maxTicksLimit: 6, callback: (v) => formatNumber(Number(v), 3) },
          },
        },
        plugins: {
          decimation: { enabled: true, algorithm: 'lttb', samples: 400, threshold: 800 },
          legend: { display: false },
          tooltip: {
            callbacks: {
              title: (items) => {
                const x = items[0]?.parsed.x;
                return x === undefined || x === null
                  ? ''
                  : `${this.xAxis === 'step' ? t('readout.step') : t('readout.epoch')} ${formatNumber(x, 6)}`;
              },
              label: (item) => `${item.dataset.label ?? ''}: ${formatNumber(item.parsed.y, 5)}`,
            },
          },
        },
      },
      plugins: [markerPlugin(() => this.markers)],
    });
  }

  setLog(log: boolean): void {
    if (this.yLog === log) return;
    this.yLog = log;
    this.chart.options.scales!['y']!.type = log ? 'logarithmic' : 'linear';
    this.drawn.clear();
  }

  setXAxis(axis: 'step' | 'epoch'): void {
    if (this.xAxis === axis) return;
    this.xAxis = axis;
    const x = this.chart.options.scales!['x']!;
    (x as { title: { text: string } }).title.text =
      axis === 'step' ? t('chart.step') : t('chart.epoch');
    this.drawn.clear();
  }

  update(state: AppState): void {
    const markers = this.options.markers?.(state, this.xAxis) ?? [];
    const markersChanged = JSON.stringify(markers) !== JSON.stringify(this.markers);
    this.markers = markers;
    const lines = this.options.lines(state);
    const keys = lines.map((l) => l.key).join('|');
    if (keys !== this.keys) {
      this.keys = keys;
      this.drawn.clear();
      this.chart.data.datasets = lines.map((l): ChartDataset<'line', Point[]> => ({
        label: l.label,
        data: [],
        borderColor: l.color,
        backgroundColor: l.color,
        borderDash: l.dash,
        borderWidth: l.width ?? 1.5,
        indexAxis: 'x',
      }));
    }
    let changed = false;
    lines.forEach((l, i) => {
      const ds = this.chart.data.datasets[i]!;
      ds.label = l.label;
      const s = l.series;
      const xs = s.columns[this.xAxis];
      const ys = l.values(s);
      let d = this.drawn.get(l.key);
      if (!d || d.generation !== s.generation) {
        ds.data = [];
        d = { generation: s.generation, count: 0 };
        this.drawn.set(l.key, d);
        changed = true;
      }
      if (!xs || !ys) return;
      const n = Math.min(xs.length, ys.length);
      for (let r = d.count; r < n; r++) {
        const y = ys[r]!;
        if (Number.isFinite(y) && !(this.yLog && y <= 0)) ds.data.push({ x: xs[r]!, y });
      }
      if (n !== d.count) changed = true;
      d.count = n;
    });
    if (changed || markersChanged) {
      this.chart.update('none');
      // The share of the canvas's height the plot gets (legends, axes and titles take the
      // rest): the layout tests read it.
      const area = this.chart.chartArea;
      if (area)
        this.canvas.dataset['plotShare'] = ((area.bottom - area.top) / this.chart.height).toFixed(
          3,
        );
    }
  }

  png(): string {
    return this.chart.toBase64Image('image/png', 1);
  }

  destroy(): void {
    this.chart.destroy();
  }
}
