// Small pictures of images and feature maps, drawn pixel by pixel on a canvas (one canvas
// pixel block per image pixel, shown with image-rendering: pixelated so an 8×8 digit stays
// crisp). Colour scales: grey for images in the data's own units (scaled per image), the
// diverging map for filters and feature maps (scaled per layer, so a dead channel looks dead).
import { css, divergingColor } from '../plane-colors';

export type Color = (v: number) => readonly number[];

// Light (low) to dark (high): ink on paper, as the digits were drawn.
export const greyColor =
  (lo: number, hi: number): Color =>
  (v) => {
    const f = hi > lo ? Math.min(1, Math.max(0, (v - lo) / (hi - lo))) : 0;
    const g = Math.round(255 - 225 * f);
    return [g, g, g];
  };

export const divergingScale =
  (scale: number): Color =>
  (v) =>
    divergingColor(v / (scale || 1));

export function range(values: Float32Array, from = 0, to = values.length): [number, number] {
  let lo = Infinity;
  let hi = -Infinity;
  for (let i = from; i < to; i++) {
    const v = values[i]!;
    if (!Number.isFinite(v)) continue;
    if (v < lo) lo = v;
    if (v > hi) hi = v;
  }
  return Number.isFinite(lo) ? [lo, hi] : [0, 0];
}

export function maxAbs(values: Float32Array, from = 0, to = values.length): number {
  const [lo, hi] = range(values, from, to);
  return Math.max(Math.abs(lo), Math.abs(hi));
}

// Draws the height × width plane values[offset ..] into `canvas`, `cell` canvas pixels per
// image pixel (the canvas is resized to fit).
export function drawPlane(
  canvas: HTMLCanvasElement,
  values: Float32Array,
  offset: number,
  height: number,
  width: number,
  color: Color,
  cell = 1,
): CanvasRenderingContext2D | null {
  if (canvas.width !== width * cell) canvas.width = width * cell;
  if (canvas.height !== height * cell) canvas.height = height * cell;
  const ctx = canvas.getContext('2d');
  if (!ctx) return null;
  if (cell === 1) {
    const img = ctx.createImageData(width, height);
    for (let i = 0; i < width * height; i++) {
      const rgb = color(values[offset + i]!);
      img.data[4 * i] = rgb[0]!;
      img.data[4 * i + 1] = rgb[1]!;
      img.data[4 * i + 2] = rgb[2]!;
      img.data[4 * i + 3] = 255;
    }
    ctx.putImageData(img, 0, 0);
    return ctx;
  }
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      ctx.fillStyle = css(color(values[offset + y * width + x]!));
      ctx.fillRect(x * cell, y * cell, cell, cell);
    }
  }
  return ctx;
}

// A canvas for one tile, shown crisp at `size` CSS px.
export function tileCanvas(className: string, size: number, label: string): HTMLCanvasElement {
  const c = document.createElement('canvas');
  c.className = className;
  c.width = 1;
  c.height = 1;
  c.style.width = `${size}px`;
  c.style.height = `${size}px`;
  c.setAttribute('role', 'img');
  c.setAttribute('aria-label', label);
  return c;
}
