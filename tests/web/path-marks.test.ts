// The path view's marks that come from counting: the stretches where the lasso's count of
// non-zeros is below an earlier one (a variable left the active set), and whether it ever drops.
import { describe, expect, it } from 'vitest';
import { dropStretches } from '../../web/src/charts/path-chart';
import { nonMonotone } from '../../web/src/ui/stage/path-view';

describe('path marks', () => {
  it('finds each stretch below an earlier count, however long', () => {
    expect(dropStretches([0, 2, 2, 3, 2, 2, 3, 1, 4])).toEqual([
      [4, 5],
      [7, 7],
    ]);
    // Diabetes' lasso path (scikit-learn's lasso_path, 100 α): 10 → 9 for 7 points → 10.
    const diabetes = [0, 2, 3, 4, 5, 6, 7, 8, 9, 10, 10, 9, 9, 9, 9, 9, 9, 9, 10, 10];
    expect(dropStretches(diabetes)).toEqual([[11, 17]]);
    expect(nonMonotone(diabetes)).toBe(true);
  });
  it('finds none on a count that never drops', () => {
    expect(dropStretches([0, 1, 1, 2, 10])).toEqual([]);
    expect(nonMonotone([0, 1, 1, 2, 10])).toBe(false);
    expect(dropStretches([])).toEqual([]);
  });
});
