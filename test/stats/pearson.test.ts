import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { pearson } from '../../src/stats/pearson.js';
import { expectClose } from './expect-close.js';

describe('pearson', () => {
  // python3 -c "from scipy.stats import pearsonr; print(repr(float(pearsonr(X, Y).statistic)))"
  // (a 50-digit mpmath evaluation of the definition agrees to 3e-16 on each)
  it.each([
    [[1, 2, 3, 4, 5], [2, 1, 4, 3, 5], 0.8],
    [[0.5, 1.5, 2.5, 7], [10, 8, 3, 1], -0.8777427245057273],
    [[1, 2, 3, 4, 5, 6], [2, 2, 3, 4, 5, 60], 0.6906626864601291],
    [[1e9 + 1, 1e9 + 2, 1e9 + 3, 1e9 + 4], [0.1, 0.3, 0.2, 0.5], 0.8315218406203001],
  ])('pearson(%j, %j) = %s', (x, y, expected) => {
    expectClose(pearson(x, y), expected, 1e-14);
  });

  it('is exactly ±1 for two points and for exact linear relations', () => {
    expect(pearson([1, 2], [5, 3])).toBe(-1);
    expect(pearson([1, 2, 3, 4], [2, 4, 6, 8])).toBe(1);
  });

  it('is null for fewer than two points or a constant variable', () => {
    expect(pearson([], [])).toBeNull();
    expect(pearson([3], [4])).toBeNull();
    expect(pearson([1, 1, 1], [1, 2, 3])).toBeNull();
    // mean([0.1, 0.1, 0.1]) is not exactly 0.1; the variance must still count as zero.
    expect(pearson([1, 2, 3], [0.1, 0.1, 0.1])).toBeNull();
  });

  it('rejects mismatched lengths and non-finite values', () => {
    expect(() => pearson([1, 2], [1])).toThrow(RangeError);
    expect(() => pearson([1, NaN], [1, 2])).toThrow(RangeError);
    expect(() => pearson([1, 2], [1, Infinity])).toThrow(RangeError);
  });

  it('lies in [−1, 1], is symmetric and flips sign with one variable', () => {
    const values = fc.array(fc.tuple(fc.double({ min: -1e6, max: 1e6, noNaN: true }), fc.double({ min: -1e6, max: 1e6, noNaN: true })), {
      maxLength: 40,
    });
    fc.assert(
      fc.property(values, (pairs) => {
        const x = pairs.map((p) => p[0]);
        const y = pairs.map((p) => p[1]);
        const r = pearson(x, y);
        if (r === null) return;
        expect(Math.abs(r)).toBeLessThanOrEqual(1);
        expect(pearson(y, x)).toBe(r);
        expect(Math.abs((pearson(x, y.map((v) => -v)) as number) + r)).toBeLessThanOrEqual(1e-12);
      }),
      { numRuns: 300 },
    );
  });
});
