// A log₁₀ axis drawn in the values themselves: the data sit at log₁₀ of a penalty (α, C), the
// ticks at whole decades (and 2× and 5× when fewer than three decades show), each labelled
// with the value (10, 1, 0.1), so a reader reads α, not its logarithm.
import type { Scale } from 'chart.js';
import { formatNumber } from '../ui/dom';

export function decadeTicks(axis: Scale): void {
  const lo = Math.min(axis.min, axis.max);
  const hi = Math.max(axis.min, axis.max);
  const steps = hi - lo < 2.5 ? [1, 2, 5] : [1];
  const at: number[] = [];
  for (let d = Math.floor(lo); d <= Math.ceil(hi); d++)
    for (const m of steps) {
      const x = d + Math.log10(m);
      if (x >= lo - 1e-9 && x <= hi + 1e-9) at.push(x);
    }
  axis.ticks = at.map((value) => ({ value }));
}

export const decadeLabel = (v: number | string): string => formatNumber(10 ** Number(v), 3);
