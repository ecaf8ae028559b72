// Drawing iso-lines of a function the engine evaluated on a grid (the geometry view's loss):
// marching squares, and the choice of the levels to draw. Drawing only: the values come from
// the engine; between grid points a line is placed by linear interpolation, as any contour
// plotter does.

// The segments where `values` (n × n, row by row: values[row·n + col]) crosses `level`, as
// (col₀, row₀, col₁, row₁) in grid units, four numbers per segment. A cell whose corners
// alternate (a saddle) is split by the value at its centre, the mean of its corners.
export function contourSegments(values: ArrayLike<number>, n: number, level: number): number[] {
  const out: number[] = [];
  if (!(n >= 2) || values.length < n * n) return out;
  // Where the edge from a (value va) to b (value vb) crosses the level, as a fraction from a.
  const at = (va: number, vb: number) => {
    const f = (level - va) / (vb - va);
    return Number.isFinite(f) ? Math.min(1, Math.max(0, f)) : 0.5;
  };
  for (let r = 0; r < n - 1; r++)
    for (let c = 0; c < n - 1; c++) {
      const v0 = values[r * n + c]!; // (c, r)
      const v1 = values[r * n + c + 1]!; // (c + 1, r)
      const v2 = values[(r + 1) * n + c + 1]!; // (c + 1, r + 1)
      const v3 = values[(r + 1) * n + c]!; // (c, r + 1)
      const code =
        (v0 > level ? 1 : 0) | (v1 > level ? 2 : 0) | (v2 > level ? 4 : 0) | (v3 > level ? 8 : 0);
      if (code === 0 || code === 15) continue;
      // The crossing on each edge: bottom (0–1), right (1–2), top (3–2), left (0–3).
      const bottom = () => [c + at(v0, v1), r];
      const right = () => [c + 1, r + at(v1, v2)];
      const top = () => [c + at(v3, v2), r + 1];
      const left = () => [c, r + at(v0, v3)];
      const seg = (a: number[], b: number[]) => out.push(a[0]!, a[1]!, b[0]!, b[1]!);
      switch (code) {
        case 1:
        case 14:
          seg(left(), bottom());
          break;
        case 2:
        case 13:
          seg(bottom(), right());
          break;
        case 3:
        case 12:
          seg(left(), right());
          break;
        case 4:
        case 11:
          seg(right(), top());
          break;
        case 6:
        case 9:
          seg(bottom(), top());
          break;
        case 7:
        case 8:
          seg(left(), top());
          break;
        case 5:
        case 10: {
          const centreAbove = (v0 + v1 + v2 + v3) / 4 > level;
          // 5: corners 0 and 2 above. With the centre above they connect through the middle.
          if ((code === 5) === centreAbove) {
            seg(left(), top());
            seg(bottom(), right());
          } else {
            seg(left(), bottom());
            seg(right(), top());
          }
          break;
        }
      }
    }
  return out;
}

// Levels for iso-lines of a bowl-shaped function (a quadratic loss, its minimum near 0): evenly
// spaced in √value, so the lines around the minimum are evenly spaced on the page, about
// `count` of them up to the grid's largest value. The spacing is a round number (1, 2 or 5 ×
// 10^k in √value), so it stays put while the bowl moves a little.
export function bowlLevels(values: ArrayLike<number>, count = 10): number[] {
  let max = -Infinity;
  let min = Infinity;
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    if (Number.isFinite(v)) {
      max = Math.max(max, v);
      min = Math.min(min, v);
    }
  }
  if (!(max > min)) return [];
  const raw = Math.sqrt(max - Math.min(0, min)) / count;
  const mag = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 5, 10].map((m) => m * mag).find((s) => s >= raw) ?? raw;
  const out: number[] = [];
  for (let k = 1; out.length < 4 * count; k++) {
    const level = (k * step) ** 2;
    if (level > max) break;
    if (level > min) out.push(level);
  }
  return out;
}
