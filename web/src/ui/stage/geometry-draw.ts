// The geometry view's picture on a canvas: the plane of two weights (w₁, w₂) with its axes, the
// loss's contour lines around c, where c may sit for an exact zero (shaded), and per penalty
// the ball R(w) ≤ t through the optimum, the contour that touches it there, the path of w* as λ
// grows, and w* itself; c on top, as a handle. Every shape comes from the engine (the job
// 'geometry'); this file maps weights to pixels.
import type { Bounds2d, GeometryPicture } from '../../worker/jobs/geometry';
import { ticks } from '../boundary-view';
import { bowlLevels, contourSegments } from './contours';

export interface PenaltyLayer {
  color: [number, number, number];
  picture: GeometryPicture;
  zeros: Uint8Array | null; // the zero map of this penalty (size² cells), when known
  pathDots: boolean; // the path may jump (Lp): dots, not a line
}

export interface GeometryScene {
  bounds: Bounds2d;
  resolution: number;
  loss: Float64Array | null;
  zeroSize: number;
  layers: PenaltyLayer[];
  center: [number, number]; // where the handle is (may be ahead of the pictures while dragging)
  optimumLabel: string;
}

export interface PlotArea {
  x: number;
  y: number;
  size: number;
}

const kLeft = 30;
const kBottom = 24;
const kPad = 10;

// The square plot inside a canvas of css size w × h.
export function plotArea(w: number, h: number): PlotArea {
  const size = Math.max(10, Math.min(w - kLeft - kPad, h - kBottom - kPad));
  return { x: kLeft, y: kPad, size };
}

const rgba = ([r, g, b]: [number, number, number], a: number) => `rgba(${r}, ${g}, ${b}, ${a})`;

export function drawGeometry(canvas: HTMLCanvasElement, scene: GeometryScene): PlotArea {
  const rect = canvas.getBoundingClientRect();
  const dpr = window.devicePixelRatio || 1;
  const w = Math.max(1, Math.round(rect.width));
  const h = Math.max(1, Math.round(rect.height));
  if (canvas.width !== Math.round(w * dpr) || canvas.height !== Math.round(h * dpr)) {
    canvas.width = Math.round(w * dpr);
    canvas.height = Math.round(h * dpr);
  }
  const ctx = canvas.getContext('2d')!;
  ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
  ctx.clearRect(0, 0, w, h);
  const a = plotArea(w, h);
  const [xMin, xMax, yMin, yMax] = scene.bounds;
  const px = (v: number) => a.x + ((v - xMin) / (xMax - xMin)) * a.size;
  const py = (v: number) => a.y + ((yMax - v) / (yMax - yMin)) * a.size;

  ctx.fillStyle = '#ffffff';
  ctx.fillRect(a.x, a.y, a.size, a.size);
  ctx.save();
  ctx.beginPath();
  ctx.rect(a.x, a.y, a.size, a.size);
  ctx.clip();

  // Where c gives an exact zero: cells tinted in the penalty's colour (w* = 0: darker). Cell
  // edges are rounded to whole device pixels, so neighbours meet without a gap or an overlap
  // (a translucent overlap would draw a darker grid).
  const n = Math.max(1, scene.zeroSize);
  const device = (v: number) => Math.round(v * dpr) / dpr;
  const edgeX = (col: number) => device(a.x + (col * a.size) / n);
  const edgeY = (row: number) => device(a.y + a.size - (row * a.size) / n);
  for (const layer of scene.layers) {
    if (!layer.zeros) continue;
    for (let row = 0; row < n; row++)
      for (let col = 0; col < n; col++) {
        const z = layer.zeros[row * n + col]!;
        if (!z) continue;
        ctx.fillStyle = rgba(layer.color, z === 3 ? 0.3 : 0.16);
        const x0 = edgeX(col);
        const y0 = edgeY(row + 1);
        ctx.fillRect(x0, y0, edgeX(col + 1) - x0, edgeY(row) - y0);
      }
  }

  // The loss's contours (grid units → pixels).
  const m = scene.resolution;
  const gx = (c: number) => a.x + (c / (m - 1)) * a.size;
  const gy = (r: number) => a.y + a.size - (r / (m - 1)) * a.size;
  const strokeLevel = (level: number) => {
    const s = contourSegments(scene.loss!, m, level);
    ctx.beginPath();
    for (let i = 0; i < s.length; i += 4) {
      ctx.moveTo(gx(s[i]!), gy(s[i + 1]!));
      ctx.lineTo(gx(s[i + 2]!), gy(s[i + 3]!));
    }
    ctx.stroke();
  };
  if (scene.loss) {
    ctx.strokeStyle = '#a8b3c4';
    ctx.lineWidth = 1;
    for (const level of bowlLevels(scene.loss, 9)) strokeLevel(level);
  }

  // The axes: where a weight is exactly zero.
  ctx.strokeStyle = '#1e293b';
  ctx.lineWidth = 1.5;
  ctx.beginPath();
  ctx.moveTo(a.x, py(0));
  ctx.lineTo(a.x + a.size, py(0));
  ctx.moveTo(px(0), a.y);
  ctx.lineTo(px(0), a.y + a.size);
  ctx.stroke();

  for (const layer of scene.layers) {
    const p = layer.picture;
    // The ball R(w) ≤ t through w*.
    const o = p.outline;
    ctx.beginPath();
    for (let i = 0; i < o.length; i += 2) {
      if (i === 0) ctx.moveTo(px(o[0]!), py(o[1]!));
      else ctx.lineTo(px(o[i]!), py(o[i + 1]!));
    }
    ctx.closePath();
    ctx.fillStyle = rgba(layer.color, 0.14);
    ctx.fill();
    ctx.strokeStyle = rgba(layer.color, 1);
    ctx.lineWidth = 2;
    ctx.stroke();
    // The contour that touches the ball at w* (solid: marching squares gives short pieces,
    // on which a dash pattern would not show).
    if (scene.loss && p.lossAtOptimum > 0) {
      ctx.strokeStyle = rgba(layer.color, 0.9);
      ctx.lineWidth = 1.5;
      strokeLevel(p.lossAtOptimum);
    }
    // The path of w* from λ = 0 (at c) to large λ (at 0).
    const q = p.path;
    ctx.strokeStyle = rgba(layer.color, 0.75);
    ctx.fillStyle = rgba(layer.color, 0.75);
    if (layer.pathDots) {
      for (let i = 0; i < q.length; i += 2) {
        ctx.beginPath();
        ctx.arc(px(q[i]!), py(q[i + 1]!), 1.6, 0, 2 * Math.PI);
        ctx.fill();
      }
    } else {
      ctx.lineWidth = 1.5;
      ctx.beginPath();
      for (let i = 0; i < q.length; i += 2) {
        if (i === 0) ctx.moveTo(px(q[0]!), py(q[1]!));
        else ctx.lineTo(px(q[i]!), py(q[i + 1]!));
      }
      ctx.stroke();
    }
  }
  // w* on top of every ball and path.
  ctx.font = '600 12px system-ui, sans-serif';
  ctx.textBaseline = 'bottom';
  scene.layers.forEach((layer, i) => {
    const [w1, w2] = layer.picture.optimum;
    const x = px(w1);
    const y = py(w2);
    const onAxis = w1 === 0 || w2 === 0;
    if (onAxis) {
      ctx.strokeStyle = rgba(layer.color, 1);
      ctx.lineWidth = 2;
      ctx.beginPath();
      ctx.arc(x, y, 10, 0, 2 * Math.PI);
      ctx.stroke();
    }
    ctx.fillStyle = rgba(layer.color, 1);
    ctx.strokeStyle = '#ffffff';
    ctx.lineWidth = 2;
    ctx.beginPath();
    ctx.arc(x, y, 6, 0, 2 * Math.PI);
    ctx.fill();
    ctx.stroke();
    // The label on the far side of w* from c (it moved away from c along its path), so it
    // covers neither c nor the segment between them; straight up when w* is at c.
    let dx = x - px(scene.center[0]);
    let dy = y - py(scene.center[1]);
    const length = Math.hypot(dx, dy);
    [dx, dy] = length > 4 ? [dx / length, dy / length] : [0.6 + 0.2 * i, -0.8];
    ctx.textAlign = dx > 0.35 ? 'left' : dx < -0.35 ? 'right' : 'center';
    ctx.textBaseline = dy > 0.35 ? 'top' : dy < -0.35 ? 'bottom' : 'middle';
    const lx = Math.min(a.x + a.size - 14, Math.max(a.x + 14, x + dx * 11));
    const ly = Math.min(a.y + a.size - 8, Math.max(a.y + 8, y + dy * 11));
    ctx.lineWidth = 3;
    ctx.strokeText(scene.optimumLabel, lx, ly);
    ctx.fillText(scene.optimumLabel, lx, ly);
  });

  // c: the unpenalised optimum, the handle.
  const cx = px(scene.center[0]);
  const cy = py(scene.center[1]);
  ctx.fillStyle = '#ffffff';
  ctx.strokeStyle = '#0f172a';
  ctx.lineWidth = 2;
  ctx.beginPath();
  ctx.arc(cx, cy, 8, 0, 2 * Math.PI);
  ctx.fill();
  ctx.stroke();
  ctx.beginPath();
  ctx.moveTo(cx - 4, cy);
  ctx.lineTo(cx + 4, cy);
  ctx.moveTo(cx, cy - 4);
  ctx.lineTo(cx, cy + 4);
  ctx.stroke();
  ctx.fillStyle = '#0f172a';
  ctx.textAlign = cx > a.x + a.size - 30 ? 'right' : 'left';
  ctx.strokeStyle = '#ffffff';
  ctx.lineWidth = 3;
  const cxText = cx + (ctx.textAlign === 'right' ? -11 : 11);
  ctx.strokeText('c', cxText, cy - 6);
  ctx.fillText('c', cxText, cy - 6);
  ctx.restore();

  // Frame, ticks, axis names.
  ctx.strokeStyle = '#94a3b8';
  ctx.lineWidth = 1;
  ctx.strokeRect(a.x + 0.5, a.y + 0.5, a.size - 1, a.size - 1);
  ctx.fillStyle = '#334155';
  ctx.font = '10px system-ui, sans-serif';
  ctx.textAlign = 'center';
  ctx.textBaseline = 'top';
  for (const v of ticks(xMin, xMax, 6)) ctx.fillText(String(v), px(v), a.y + a.size + 3);
  ctx.textAlign = 'right';
  ctx.textBaseline = 'middle';
  for (const v of ticks(yMin, yMax, 6)) ctx.fillText(String(v), a.x - 4, py(v));
  ctx.font = 'italic 600 13px system-ui, sans-serif';
  ctx.fillStyle = '#1e293b';
  ctx.textAlign = 'right';
  ctx.textBaseline = 'bottom';
  ctx.fillText('w₁', a.x + a.size - 4, py(0) - 3);
  ctx.textAlign = 'left';
  ctx.textBaseline = 'top';
  ctx.fillText('w₂', px(0) + 5, a.y + 3);
  return a;
}
