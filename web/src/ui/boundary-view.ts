// What each run has learnt, drawn over its data: for 2D sets the decision surface the engine
// evaluated on a grid (P(class 1) for binary tasks, the class for multiclass, the value for
// regression) with the points on top (test points as rings, toggleable); for 1D regression
// the fitted curve over the points. In compare mode one picture per run, side by side.
// A click on the selected run's picture adds or removes a point when editing is on.
import type { Controller } from '../state/controller';
import type { AppState, Run } from '../state/store';
import type { Bounds } from '../worker/protocol';
import { t } from '../i18n/i18n';
import { h, section } from './dom';

const kClass0 = [234, 88, 12];
const kClass1 = [37, 99, 235];
const kPalette = [
  [234, 88, 12],
  [37, 99, 235],
  [22, 163, 74],
  [147, 51, 234],
  [219, 39, 119],
  [202, 138, 4],
  [8, 145, 178],
  [100, 116, 139],
  [132, 204, 22],
  [185, 28, 28],
];
const kSize = 300;

function mix(a: number[], b: number[], f: number): number[] {
  return [0, 1, 2].map((k) => Math.round(a[k]! + (b[k]! - a[k]!) * f));
}

// Colour of one grid value: orange (class 0) through white to blue (class 1), lightened so the
// points stay readable.
function surfaceColor(v: number, task: string, lo: number, hi: number): number[] {
  if (task === 'multiclass')
    return mix(kPalette[Math.round(v) % kPalette.length]!, [255, 255, 255], 0.55);
  const p = task === 'binary' ? v : (v - lo) / (hi - lo || 1);
  const q = Math.min(1, Math.max(0, p));
  return q < 0.5
    ? mix(kClass0, [255, 255, 255], 0.35 + 0.65 * (q / 0.5))
    : mix([255, 255, 255], kClass1, 0.65 * ((q - 0.5) / 0.5));
}

function classColor(y: number, task: string): string {
  const c =
    task === 'multiclass'
      ? kPalette[Math.round(y) % kPalette.length]!
      : y >= 0.5
        ? kClass1
        : kClass0;
  return `rgb(${c.join(',')})`;
}

interface Tile {
  canvas: HTMLCanvasElement;
  figure: HTMLElement;
  caption: HTMLElement;
  drawn: unknown[];
}

export function boundaryView(controller: Controller) {
  const grid = h('div', { class: 'boundary-grid' });
  const message = h('p', { class: 'field-help boundary-message' });
  const el = section('boundary', t('panel.boundary'), grid, message);
  const tiles = new Map<number, Tile>();
  const offscreen = document.createElement('canvas');

  const toData = (run: Run, canvas: HTMLCanvasElement, ev: MouseEvent) => {
    const b = run.splits?.bounds;
    if (!b) return null;
    const rect = canvas.getBoundingClientRect();
    const fx = (ev.clientX - rect.left) / rect.width;
    const fy = (ev.clientY - rect.top) / rect.height;
    return {
      x1: b.xMin + fx * (b.xMax - b.xMin),
      x2: b.yMax - fy * (b.yMax - b.yMin),
      radius: (10 / rect.width) * (b.xMax - b.xMin),
    };
  };

  const tile = (run: Run, index: number, state: AppState): Tile => {
    let tl = tiles.get(run.id);
    if (!tl) {
      const canvas = h('canvas', {
        class: 'boundary-canvas',
        width: kSize,
        height: kSize,
        role: 'img',
        'data-run': index,
      });
      canvas.addEventListener('click', (ev) => {
        const s = latest;
        const r = s.runs.find((x) => x.id === run.id);
        if (!r || s.editMode === 'none') return;
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
    tl.canvas.dataset['run'] = String(index);
    return tl;
  };

  const draw2D = (ctx: CanvasRenderingContext2D, run: Run, state: AppState, b: Bounds) => {
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
          const [cr, cg, cb] = surfaceColor(g.values[row * r + c]!, task, lo, hi);
          const k = (dst + c) * 4;
          img.data[k] = cr!;
          img.data[k + 1] = cg!;
          img.data[k + 2] = cb!;
          img.data[k + 3] = 255;
        }
      }
      octx.putImageData(img, 0, 0);
      ctx.imageSmoothingEnabled = true;
      ctx.drawImage(offscreen, 0, 0, kSize, kSize);
    }
    const px = (x: number) => ((x - b.xMin) / (b.xMax - b.xMin)) * kSize;
    const py = (y: number) => (1 - (y - b.yMin) / (b.yMax - b.yMin)) * kSize;
    const splits = run.splits!;
    const drawSplit = (set: typeof splits.train, ring: boolean) => {
      for (let i = 0; i < set.rows; i++) {
        ctx.beginPath();
        ctx.arc(px(set.x[2 * i]!), py(set.x[2 * i + 1]!), ring ? 3.5 : 3, 0, 2 * Math.PI);
        if (ring) {
          ctx.lineWidth = 1.5;
          ctx.strokeStyle = classColor(set.y[i]!, task);
          ctx.fillStyle = '#fff';
          ctx.fill();
          ctx.stroke();
        } else {
          ctx.fillStyle = classColor(set.y[i]!, task);
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
  };

  const draw1D = (ctx: CanvasRenderingContext2D, run: Run, state: AppState, b: Bounds) => {
    ctx.fillStyle = '#f8fafc';
    ctx.fillRect(0, 0, kSize, kSize);
    const px = (x: number) => ((x - b.xMin) / (b.xMax - b.xMin)) * kSize;
    const py = (y: number) => (1 - (y - b.yMin) / (b.yMax - b.yMin)) * kSize;
    const splits = run.splits!;
    // One colour per target column (multi-output regression), points and curve alike.
    const colorOf = (j: number) => `rgb(${kPalette[(j + 1) % kPalette.length]!.join(',')})`;
    const dots = (set: typeof splits.train, ring: boolean) => {
      for (let i = 0; i < set.rows; i++) {
        for (let j = 0; j < set.yCols; j++) {
          ctx.beginPath();
          ctx.arc(px(set.x[i]!), py(set.y[i * set.yCols + j]!), 2.5, 0, 2 * Math.PI);
          if (ring) {
            ctx.strokeStyle = colorOf(j);
            ctx.stroke();
          } else {
            ctx.fillStyle = set.yCols > 1 ? colorOf(j) : '#64748b';
            ctx.fill();
          }
        }
      }
    };
    dots(splits.train, false);
    dots(splits.validation, false);
    if (state.view.showTest) dots(splits.test, true);
    const c = run.visuals.curve;
    if (c) {
      ctx.lineWidth = 2;
      for (let j = 0; j < c.outputs; j++) {
        ctx.strokeStyle = colorOf(j);
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
  };

  let latest: AppState;
  return {
    el,
    render(state: AppState) {
      latest = state;
      const shown = state.runs.filter((r) => r.splits);
      const noView = state.runs.find((r) => r.network && !r.splits);
      message.textContent =
        noView && !shown.length ? t('data.noView', { cols: noView.network!.inputs }) : '';
      const heading = el.querySelector('h2');
      const oneD = shown.some((r) => r.splits!.train.cols === 1);
      if (heading) heading.textContent = oneD ? t('panel.curve') : t('panel.boundary');
      const wanted = new Set(shown.map((r) => r.id));
      for (const [id, tl] of tiles)
        if (!wanted.has(id)) {
          tl.figure.remove();
          tiles.delete(id);
        }
      const figures: HTMLElement[] = [];
      grid.classList.toggle('many', state.runs.length > 2);
      state.runs.forEach((run, index) => {
        if (!run.splits) return;
        const tl = tile(run, index, state);
        figures.push(tl.figure);
        const key = [run.visuals.grid, run.visuals.curve, run.splits, state.view.showTest, index];
        if (key.every((k, i) => k === tl.drawn[i])) return;
        tl.drawn = key;
        const ctx = tl.canvas.getContext('2d')!;
        ctx.clearRect(0, 0, kSize, kSize);
        const b = run.splits.bounds;
        if (run.splits.train.cols === 2) draw2D(ctx, run, state, b);
        else draw1D(ctx, run, state, b);
        const label =
          run.splits.train.cols === 2
            ? t('boundary.description', { n: index + 1 })
            : t('curve.description', { n: index + 1 });
        tl.canvas.setAttribute('aria-label', label);
        tl.caption.textContent = state.runs.length > 1 ? t('compare.run', { n: index + 1 }) : '';
      });
      if (figures.length !== grid.children.length || figures.some((f, i) => grid.children[i] !== f))
        grid.replaceChildren(...figures);
    },
  };
}
