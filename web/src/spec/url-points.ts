// Hand-made 2D points in a link: pts=<base64url>, 5 bytes a point (int16 x1·100, int16 x2·100,
// little-endian, then the class byte). Coordinates are rounded to 0.01 before training, so what
// a link carries is exactly what was trained on.
import { safeText, type SpecWarning } from './validate';

export const kMaxSharedPoints = 2000;

// Points (x1, x2) and their class (0 or 1).
export interface CustomPoints {
  x: number[]; // x1, x2 interleaved
  y: number[]; // class per point
}

const kPointScale = 100; // 0.01 resolution, int16 range ±327.67

export function roundPointCoordinate(v: number): number {
  const q = Math.round(v * kPointScale);
  return Math.max(-32767, Math.min(32767, q)) / kPointScale;
}

export function toBase64Url(bytes: Uint8Array): string {
  let bin = '';
  for (const b of bytes) bin += String.fromCharCode(b);
  return btoa(bin).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

export function fromBase64Url(text: string): Uint8Array | null {
  if (!/^[A-Za-z0-9_-]*$/.test(text)) return null;
  try {
    const bin = atob(text.replace(/-/g, '+').replace(/_/g, '/'));
    const out = new Uint8Array(bin.length);
    for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
    return out;
  } catch {
    return null;
  }
}

// 5 bytes a point: int16 x1·100, int16 x2·100 (little-endian), class byte.
export function encodePoints(points: CustomPoints): string {
  const n = Math.min(points.y.length, kMaxSharedPoints);
  const bytes = new Uint8Array(n * 5);
  const view = new DataView(bytes.buffer);
  for (let i = 0; i < n; i++) {
    view.setInt16(
      i * 5,
      Math.round(roundPointCoordinate(points.x[2 * i] ?? 0) * kPointScale),
      true,
    );
    view.setInt16(
      i * 5 + 2,
      Math.round(roundPointCoordinate(points.x[2 * i + 1] ?? 0) * kPointScale),
      true,
    );
    bytes[i * 5 + 4] = points.y[i] === 1 ? 1 : 0;
  }
  return toBase64Url(bytes);
}

export function decodePoints(text: string, warnings: SpecWarning[]): CustomPoints | null {
  const bytes = fromBase64Url(text);
  if (!bytes || bytes.length % 5 !== 0) {
    warnings.push({ code: 'invalid', key: 'pts', value: safeText(text) });
    return null;
  }
  let n = bytes.length / 5;
  if (n > kMaxSharedPoints) {
    warnings.push({
      code: 'pointsDropped',
      key: 'pts',
      value: String(n),
      allowed: `≤ ${kMaxSharedPoints}`,
    });
    n = kMaxSharedPoints;
  }
  const view = new DataView(bytes.buffer);
  const points: CustomPoints = { x: [], y: [] };
  for (let i = 0; i < n; i++) {
    const cls = bytes[i * 5 + 4]!;
    if (cls > 1) {
      warnings.push({ code: 'invalid', key: 'pts', value: `class ${cls}` });
      return null;
    }
    points.x.push(
      view.getInt16(i * 5, true) / kPointScale,
      view.getInt16(i * 5 + 2, true) / kPointScale,
    );
    points.y.push(cls);
  }
  return points;
}
