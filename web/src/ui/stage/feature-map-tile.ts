// One feature-map channel as a tile of "What the network sees", with what training dropped
// made visible: a channel Dropout2d dropped is greyed and crossed out, DropBlock's dropped
// regions are outlined (the edges of a dropped pixel that border a kept one).
import type { FeatureMap } from '../../engine/engine-api';
import { divergingScale, drawPlane, tileCanvas } from './image-tiles';

const kDropColor = '#d946ef'; // DropBlock's blocks: a colour no scale here uses
const kCrossColor = '#dc2626';
const kMapCell = 6; // canvas pixels per feature-map pixel (room for the block outlines)

export function featureMapTile(m: FeatureMap, c: number, scale: number, title: string) {
  const { height, width } = m.shape;
  const canvas = tileCanvas('iv-tile iv-map', Math.max(30, Math.min(44, width * 5)), title);
  const ctx = drawPlane(
    canvas,
    m.values,
    c * height * width,
    height,
    width,
    divergingScale(scale),
    kMapCell,
  );
  const dropped = m.droppedChannels?.[c] === 1;
  canvas.dataset['channel'] = String(c);
  if (dropped) canvas.dataset['dropped'] = '1';
  if (!ctx) return canvas;
  const W = width * kMapCell;
  const H = height * kMapCell;
  if (m.blockMask && !dropped) {
    // Outline each dropped region: the edges of a dropped pixel that border a kept one.
    const mask = m.blockMask;
    const off = c * height * width;
    const isDropped = (y: number, x: number) =>
      y >= 0 && y < height && x >= 0 && x < width && mask[off + y * width + x] === 0;
    ctx.strokeStyle = kDropColor;
    ctx.lineWidth = 2;
    ctx.beginPath();
    let blocks = 0;
    for (let y = 0; y < height; y++)
      for (let x = 0; x < width; x++) {
        if (!isDropped(y, x)) continue;
        blocks++;
        const X = x * kMapCell;
        const Y = y * kMapCell;
        if (!isDropped(y - 1, x)) (ctx.moveTo(X, Y + 1), ctx.lineTo(X + kMapCell, Y + 1));
        if (!isDropped(y + 1, x))
          (ctx.moveTo(X, Y + kMapCell - 1), ctx.lineTo(X + kMapCell, Y + kMapCell - 1));
        if (!isDropped(y, x - 1)) (ctx.moveTo(X + 1, Y), ctx.lineTo(X + 1, Y + kMapCell));
        if (!isDropped(y, x + 1))
          (ctx.moveTo(X + kMapCell - 1, Y), ctx.lineTo(X + kMapCell - 1, Y + kMapCell));
      }
    ctx.stroke();
    if (blocks) canvas.dataset['blocks'] = String(blocks);
  }
  if (dropped) {
    ctx.fillStyle = 'rgba(148,163,184,0.75)';
    ctx.fillRect(0, 0, W, H);
    ctx.strokeStyle = kCrossColor;
    ctx.lineWidth = Math.max(2, W / 14);
    ctx.beginPath();
    ctx.moveTo(0, 0);
    ctx.lineTo(W, H);
    ctx.moveTo(W, 0);
    ctx.lineTo(0, H);
    ctx.stroke();
  }
  return canvas;
}
