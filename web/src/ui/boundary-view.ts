// What each run has learnt, drawn over its data, with axes and tick values: for 2D sets the
// surface the engine evaluated on a fine grid (P(class 1) for binary tasks, the class for
// multiclass, the value for regression) with the points on top (test points as rings,
// toggleable), a colour bar saying what the colours mean, and a switch that discretizes the
// surface into the decision regions; for 1D regression the fitted curve (one per target
// column) over the points. In compare mode one picture per run, side by side, each framed in
// its run's colour. A click on the selected run's picture adds or removes a point when point
// editing is on.
import { isImageData } from '../spec/layer-presets';
import type { Controller } from '../state/controller';
import type { AppState, Run } from '../state/store';
import type { Bounds } from '../worker/protocol';
import { runColor } from '../charts/chart-kit';
import { t } from '../i18n/i18n';
import { formatNumber, h, uid } from './dom';
import { classColor, css, divergingColor, kPalette, probabilityColor } from './plane-colors';

const kAxisLeft = 34;
const kAxisBottom = 24;
const kPad = 6;

interface Tile {
  canvas: HTMLCanvasElement;
  figure: HTMLElement;
  caption: HTMLElement;
  drawn: unknown[];
}

// Round tick values covering [lo, hi]: about `count` of them, at 1, 2 or 5 × 10^k steps.
export function ticks(lo: number, hi: number, count = 5): number[] {
  if (!(hi > lo)) return [lo];
  const raw = (hi - lo) / count;
  const mag = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 5, 10].map((m) => m * mag).find((s) => s >= raw) ?? raw;
  const out: number[] = [];
  for (let v = Math.ceil(lo / step) * step; v <= hi + step * 1e-9; v += step)
    out.push(Math.abs(v) < step * 1e-9 ? 0 : Number(v.toPrecision(12)));
  return out;
}

export function boundaryView(controller: Controller) {
  const grid = h('div', { class: 'boundary-grid' });
  const message = h('p', { class: 'field-help boundary-message' });
  const discretizeId = uid('disc');
  const discretize = h('input', {
    type: 'checkbox',
    id: discretizeId,
    'data-action': 'discretize',
  });
  const testId = uid('tp');
  const showTest = h('input', { type: 'checkbox', id: testId });
  showTest.addEventListener('change', () => controller.setView({ showTest: showTest.checked }));
  const colorBar = h('div', { class: 'color-bar', 'aria-hidden': 'true' });
  const colorLabels = h('div', { class: 'color-labels' });
  const colorTitle = h('span', { class: 'color-title' });
  const barBox = h(
    'div',
    { class: 'color-key' },
    colorTitle,
    h('div', { class: 'color-scale' }, colorBar, colorLabels),
  );
  const switches = h(
    'div',
    { class: 'boundary-switches' },
    h(
      'span',
      { class: 'chip' },
      discretize,
      h('label', { for: discretizeId }, t('boundary.discretize')),
    ),
    h('span', { class: 'chip' }, showTest, h('label', { for: testId }, t('data.showTest'))),
  );
  const heading = h('h2', {}, t('panel.boundary'));
  const el = h(
    'section',
    { class: 'panel panel-boundary', 'data-panel': 'boundary' },
    heading,
    h('div', { class: 'boundary-body' }, grid, barBox),
    switches,
    message,
  );
  const tiles = new Map<number, Tile>();
  const offscreen = document.createElement('canvas');
  let latest: AppState;
  discretize.addEventListener('change', () => {
    for (const tile of tiles.values()) tile.drawn = [];
    render(latest);
  });

  // The plot area of a canvas of css size w × w.
  const area = (w: number) => ({
    x: kAxisLeft,
    y: kPad,
    size: Math.max(10, Math.min(w - kAxisLeft - kPad, w - kAxisBottom - kPad)),
  });

  const toData = (run: Run, canvas: HTMLCanvasElement, ev: MouseEvent) => {
    const b = run.splits?.bounds;
    if (!b) return null;
    const rect = canvas.getBoundingClientRect();
    const a = area(rect.width);
    const fx = (ev.clientX - rect.left - a.x) / a.size;
    const fy = (ev.clientY - rect.top - a.y) / a.size;
    if (fx < 0 || fx > 1 || fy < 0 || fy > 1) return null;
    return {
      x1: b.xMin + fx * (b.xMax - b.xMin),
      x2: b.yMax - fy * (b.yMax - b.yMin),
      radius: (10 / a.size) * (b.xMax - b.xMin),
    };
  };

  const tile = (run: Run, index: number, state: AppState): Tile => {
    let tl = tiles.get(run.id);
    if (!tl) {
      const canvas = h('canvas', { class: 'boundary-canvas', role: 'img', 'data-run': index });
      canvas.addEventListener('click', (ev) => {
        const r = latest.runs.find((x) => x.id === run.id);
        if (!r || latest.editMode === 'none') return;
        const p = toData(r, canvas, ev);
        if (p) controller.editAt(p.x1, p.x2, p.radius);
      });
      const caption = h('figcaption', {});
      tl = {
        canvas,
        figure: h('figure', { class: `boundary run-${index}` }, canvas, caption),
        caption,
        drawn: [],
      };
      tiles.set(run.id, tl);
    }
    tl.figure.className = `boundary run-${index}${state.editMode !== 'none' ? ' editing' : ''}`;
    tl.figure.style.borderColor = state.runs.length > 1 ? runColor(index) : '';
    tl.canvas.dataset['run'] = String(index);
    return tl;
  };

  const axes = (
    ctx: CanvasRenderingContext2D,
    a: ReturnType<typeof area>,
    b: Bounds,
    names: [string, string],
  ) => {
    ctx.strokeStyle = '#94a3b8';
    ctx.lineWidth = 1;
    ctx.strokeRect(a.x + 0.5, a.y + 0.5, a.size - 1, a.size - 1);
    ctx.fillStyle = '#334155';
    ctx.font = '10px system-ui, sans-serif';
    ctx.textAlign = 'center';
    ctx.textBaseline = 'top';
    for (const v of ticks(b.xMin, b.xMax, 4)) {
      const x = a.x + ((v - b.xMin) / (b.xMax - b.xMin)) * a.size;
      ctx.fillRect(x, a.y + a.size, 1, 3);
      ctx.fillText(formatNumber(v, 3), x, a.y + a.size + 4);
    }
    ctx.textAlign = 'right';
    ctx.textBaseline = 'middle';
    for (const v of ticks(b.yMin, b.yMax, 4)) {
      const y = a.y + (1 - (v - b.yMin) / (b.yMax - b.yMin)) * a.size;
      ctx.fillRect(a.x - 3, y, 3, 1);
      ctx.fillText(formatNumber(v, 3), a.x - 5, y);
    }
    ctx.textAlign = 'right';
    ctx.textBaseline = 'bottom';
    ctx.fillText(names[0], a.x + a.size, a.y + a.size + kAxisBottom);
    ctx.save();
    ctx.translate(9, a.y);
    ctx.rotate(-Math.PI / 2);
    ctx.textAlign = 'right';
    ctx.textBaseline = 'middle';
    ctx.fillText(names[1], 0, 0);
    ctx.restore();
  };

  const surfaceColor = (v: number, task: string, lo: number, hi: number): readonly number[] => {
    if (task === 'multiclass') return classColor(v);
    const p = task === 'binary' ? v : (v - lo) / (hi - lo || 1);
    if (discretize.checked) return p >= 0.5 ? divergingColor(0.6) : divergingColor(-0.6);
    return probabilityColor(p);
  };

  const draw2D = (
    ctx: CanvasRenderingContext2D,
    run: Run,
    state: AppState,
    b: Bounds,
    a: ReturnType<typeof area>,
  ) => {
    const g = run.visuals.grid;
    const task = run.network?.task ?? 'binary';
    if (g) {
      const r = g.resolution;
      let lo = Infinity;
      let hi = -Infinity;
      if (task === 'regression')
        for (const v of g.values) {
          if (v < lo) lo = v;
          if (v > hi) hi = v;
        }
      offscreen.width = r;
      offscreen.height = r;
      const octx = offscreen.getContext('2d')!;
      const img = octx.createImageData(r, r);
      for (let row = 0; row < r; row++) {
        // The engine's rows go up from yMin; the canvas's rows go down from the top.
        const dst = (r - 1 - row) * r;
        for (let c = 0; c < r; c++) {
          const rgb = surfaceColor(g.values[row * r + c]!, task, lo, hi);
          const k = (dst + c) * 4;
          img.data[k] = rgb[0]!;
          img.data[k + 1] = rgb[1]!;
          img.data[k + 2] = rgb[2]!;
          img.data[k + 3] = 255;
        }
      }
      octx.putImageData(img, 0, 0);
      ctx.imageSmoothingEnabled = !discretize.checked;
      ctx.drawImage(offscreen, a.x, a.y, a.size, a.size);
    }
    const px = (x: number) => a.x + ((x - b.xMin) / (b.xMax - b.xMin)) * a.size;
    const py = (y: number) => a.y + (1 - (y - b.yMin) / (b.yMax - b.yMin)) * a.size;
    const splits = run.splits!;
    const pointColor = (y: number) =>
      task === 'multiclass'
        ? css(kPalette[Math.round(y) % kPalette.length]!)
        : y >= 0.5
          ? css(kPalette[1])
          : css(kPalette[0]);
    const drawSplit = (set: typeof splits.train, ring: boolean) => {
      for (let i = 0; i < set.rows; i++) {
        ctx.beginPath();
        ctx.arc(px(set.x[2 * i]!), py(set.x[2 * i + 1]!), ring ? 3.5 : 3, 0, 2 * Math.PI);
        if (ring) {
          ctx.lineWidth = 1.5;
          ctx.strokeStyle = pointColor(set.y[i]!);
          ctx.fillStyle = '#fff';
          ctx.fill();
          ctx.stroke();
        } else {
          ctx.fillStyle = pointColor(set.y[i]!);
          ctx.lineWidth = 0.75;
          ctx.strokeStyle = '#fff';
          ctx.fill();
          ctx.stroke();
        }
      }
    };
    drawSplit(splits.train, false);
    drawSplit(splits.validation, false);
    if (state.view.showTest) drawSplit(splits.test, true);
    const names = run.network?.featureNames ?? [];
    axes(
      ctx,
      a,
      b,
      ['x₁', 'x₂'].map((d, i) => (names[i] === `x${i + 1}` || !names[i] ? d : names[i]!)) as [
        string,
        string,
      ],
    );
  };

  const draw1D = (
    ctx: CanvasRenderingContext2D,
    run: Run,
    state: AppState,
    b: Bounds,
    a: ReturnType<typeof area>,
  ) => {
    ctx.fillStyle = '#f8fafc';
    ctx.fillRect(a.x, a.y, a.size, a.size);
    const px = (x: number) => a.x + ((x - b.xMin) / (b.xMax - b.xMin)) * a.size;
    const py = (y: number) => a.y + (1 - (y - b.yMin) / (b.yMax - b.yMin)) * a.size;
    const splits = run.splits!;
    // One colour per target column (multi-output regression), points and curve alike.
    const colorOf = (j: number, k: number) =>
      k > 1 ? css(kPalette[(j + 1) % kPalette.length]!) : j === 0 ? '#475569' : '#475569';
    const curveColor = (j: number, k: number) =>
      k > 1 ? css(kPalette[(j + 1) % kPalette.length]!) : '#2563eb';
    const dots = (set: typeof splits.train, ring: boolean) => {
      for (let i = 0; i < set.rows; i++) {
        for (let j = 0; j < set.yCols; j++) {
          ctx.beginPath();
          ctx.arc(px(set.x[i]!), py(set.y[i * set.yCols + j]!), 2.5, 0, 2 * Math.PI);
          if (ring) {
            ctx.strokeStyle = colorOf(j, set.yCols);
            ctx.stroke();
          } else {
            ctx.fillStyle = colorOf(j, set.yCols);
            ctx.fill();
          }
        }
      }
    };
    ctx.save();
    ctx.beginPath();
    ctx.rect(a.x, a.y, a.size, a.size);
    ctx.clip();
    dots(splits.train, false);
    dots(splits.validation, false);
    if (state.view.showTest) dots(splits.test, true);
    const c = run.visuals.curve;
    if (c) {
      ctx.lineWidth = 2;
      for (let j = 0; j < c.outputs; j++) {
        ctx.strokeStyle = curveColor(j, c.outputs);
        ctx.beginPath();
        for (let i = 0; i < c.x.length; i++) {
          const x = px(c.x[i]!);
          const y = py(c.y[i * c.outputs + j]!);
          if (i === 0) ctx.moveTo(x, y);
          else ctx.lineTo(x, y);
        }
        ctx.stroke();
      }
    }
    ctx.restore();
    const names = run.network;
    axes(ctx, a, b, [names?.featureNames[0] ?? 'x', (names?.targetNames ?? []).join(', ') || 'y']);
  };

  const renderColorKey = (state: AppState) => {
    const run = state.runs[state.selected];
    const task = run?.network?.task;
    const g = run?.visuals.grid;
    barBox.hidden = !g || !task;
    if (!g || !task) return;
    colorTitle.textContent =
      task === 'binary'
        ? t('boundary.pClass1')
        : task === 'multiclass'
          ? t('boundary.classes')
          : t('boundary.value');
    if (task === 'multiclass') {
      colorBar.style.background = 'none';
      const classes = run?.network?.outputs ?? 0;
      colorLabels.replaceChildren(
        ...Array.from({ length: classes }, (_, k) =>
          h(
            'span',
            { class: 'class-key' },
            h('i', { style: `background:${css(kPalette[k % kPalette.length]!)}` }),
            String(k),
          ),
        ),
      );
      return;
    }
    const stops = [0, 0.25, 0.5, 0.75, 1].map((p) => `${css(probabilityColor(1 - p))} ${p * 100}%`);
    colorBar.style.background = `linear-gradient(${stops.join(',')})`;
    if (task === 'binary') {
      colorLabels.replaceChildren(h('span', {}, '1'), h('span', {}, '0.5'), h('span', {}, '0'));
    } else {
      let lo = Infinity;
      let hi = -Infinity;
      for (const v of g.values) {
        if (v < lo) lo = v;
        if (v > hi) hi = v;
      }
      colorLabels.replaceChildren(
        h('span', {}, formatNumber(hi, 3)),
        h('span', {}, formatNumber((lo + hi) / 2, 3)),
        h('span', {}, formatNumber(lo, 3)),
      );
    }
  };

  const render = (state: AppState) => {
    latest = state;
    discretize.disabled = false;
    showTest.checked = state.view.showTest;
    const shown = state.runs.filter((r) => r.splits);
    const noView = state.runs.find((r) => r.network && !r.splits);
    // An image set has its own pictures: point there instead of only to the charts.
    message.textContent = !noView
      ? ''
      : isImageData(noView.spec.data.kind)
        ? t('data.imageView', { stage: t('stage.images') })
        : t('data.noView', { cols: noView.network!.inputs });
    const oneD = shown.some((r) => r.splits!.train.cols === 1);
    // Without any picture the panel only says where to look instead.
    heading.textContent = oneD
      ? t('panel.curve')
      : shown.length === 0 && noView
        ? t('panel.output')
        : t('panel.boundary');
    switches.hidden = shown.length === 0;
    discretize.parentElement!.hidden = oneD;
    grid.dataset['runs'] = String(shown.length);
    const live = new Set<number>();
    const figures: HTMLElement[] = [];
    state.runs.forEach((run, index) => {
      if (!run.splits) return;
      live.add(run.id);
      const tl = tile(run, index, state);
      figures.push(tl.figure);
      const cssSize = Math.max(120, Math.round(tl.canvas.clientWidth || 300));
      const key = [
        run.visuals.grid,
        run.visuals.curve,
        run.splits,
        state.view.showTest,
        index,
        cssSize,
        state.runs.length,
      ];
      if (key.every((k, i) => k === tl.drawn[i])) return;
      tl.drawn = key;
      const dpr = Math.min(2, window.devicePixelRatio || 1);
      tl.canvas.width = Math.round(cssSize * dpr);
      tl.canvas.height = Math.round(cssSize * dpr);
      const ctx = tl.canvas.getContext('2d')!;
      ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
      ctx.clearRect(0, 0, cssSize, cssSize);
      const b = run.splits.bounds;
      const a = area(cssSize);
      const is1D = run.splits.train.cols === 1;
      if (is1D) draw1D(ctx, run, state, b, a);
      else draw2D(ctx, run, state, b, a);
      tl.canvas.setAttribute(
        'aria-label',
        is1D
          ? t('curve.description', { n: index + 1 })
          : t('boundary.description', { n: index + 1 }),
      );
      tl.caption.textContent = state.runs.length > 1 ? t('compare.run', { n: index + 1 }) : '';
    });
    for (const id of [...tiles.keys()]) if (!live.has(id)) tiles.delete(id);
    if (grid.children.length !== figures.length || figures.some((f, i) => grid.children[i] !== f))
      grid.replaceChildren(...figures);
    renderColorKey(state);
  };

  return { el, render };
}
