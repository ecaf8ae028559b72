// The colours of the pictures over the input plane (output picture, neuron pictures, colour
// bar), one map for all of them so they read the same: orange for class 0 / negative values,
// white in the middle, blue for class 1 / positive values; a palette for more classes.
export const kClass0 = [234, 88, 12] as const;
export const kClass1 = [37, 99, 235] as const;
export const kPalette = [
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
] as const;

type Rgb = [number, number, number];

function mix(a: readonly number[], b: readonly number[], f: number): Rgb {
  return [0, 1, 2].map((k) => Math.round(a[k]! + (b[k]! - a[k]!) * f)) as Rgb;
}

const kWhite = [255, 255, 255];

// v in [−1, 1] (clamped): orange at −1, white at 0, blue at +1, lightened so points drawn on
// top stay readable.
export function divergingColor(v: number): Rgb {
  const q = Math.min(1, Math.max(-1, Number.isFinite(v) ? v : 0));
  return q < 0 ? mix(kWhite, kClass0, 0.85 * -q) : mix(kWhite, kClass1, 0.85 * q);
}

// A probability of class 1, or a value scaled to [0, 1]: the same map, 0 ↦ orange, 1 ↦ blue.
export function probabilityColor(p: number): Rgb {
  return divergingColor(2 * p - 1);
}

export function classColor(k: number): Rgb {
  const c = kPalette[((Math.round(k) % kPalette.length) + kPalette.length) % kPalette.length]!;
  return mix(c, kWhite, 0.55);
}

export function css(rgb: readonly number[]): string {
  return `rgb(${rgb[0]},${rgb[1]},${rgb[2]})`;
}
