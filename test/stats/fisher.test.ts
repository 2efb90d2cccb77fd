import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fisherExactGreater } from '../../src/stats/fisher.js';
import { expectClose } from './expect-close.js';

/*
 * Reference values are the exact rational tail, rounded once to a double:
 *   python3 -c "from math import comb; from fractions import Fraction as F; a,b,c,d=A,B,C,D; r=a+b; k=a+c; n=a+b+c+d; print(repr(float(F(sum(comb(k,x)*comb(n-k,r-x) for x in range(a,min(r,k)+1)), comb(n,r)))))"
 * For every small table scipy.stats.fisher_exact([[a,b],[c,d]], alternative='greater').pvalue agrees
 * to 1e-15; for [[900,100],[400000,599000]] scipy gives 1.246799015949524e-240, 2.6e-11 off the exact value.
 */
describe('fisherExactGreater against exact rational arithmetic', () => {
  const small: Array<[number, number, number, number, number]> = [
    [3, 1, 1, 3, 0.24285714285714285],
    [8, 2, 1, 5, 0.024475524475524476],
    [7, 3, 2, 8, 0.03488925934746368],
    [5, 0, 0, 5, 0.003968253968253968],
    [1, 9, 11, 3, 0.9999663480953022], // a below the mode: computed as 1 − lower tail
    [10, 20, 30, 40, 0.8676419647894413],
    [2, 7, 8, 2, 0.9990149169715733],
    [12, 5, 29, 2, 0.9945252060218822],
  ];
  it.each(small)('[[%i, %i], [%i, %i]] → %s', (a, b, c, d, expected) => {
    expectClose(fisherExactGreater(a, b, c, d), expected, 1e-14);
  });

  it('stays exact on a million-row table with p ≈ 1e-240', () => {
    expectClose(fisherExactGreater(900, 100, 400000, 599000), 1.2467990159171717e-240, 1e-12);
  });

  it('stays exact on a million-row table near p = ½', () => {
    // 30 errors in a 100-row cluster against a 30% base rate in 1,000,000 rows (exact, as above).
    expectClose(fisherExactGreater(30, 70, 300000, 700000), 0.5376633013128533, 1e-14);
  });

  it('handles p ≈ 1e-200 and p ≈ 1e-34', () => {
    // [[340,0],[0,340]]: p = 1/C(680,340) exactly.
    expectClose(fisherExactGreater(340, 0, 0, 340), 6.517439529958123e-204, 1e-12);
    expectClose(fisherExactGreater(60, 40, 10000, 90000), 2.523351108734537e-34, 1e-13);
  });

  it('underflows to exactly 0 below the smallest double, never to a negative or NaN', () => {
    // p = 1/C(1001000, 1000) ≈ 10^-3000: the exact one-liner above prints 0.0.
    expect(fisherExactGreater(1000, 0, 0, 1000000)).toBe(0);
  });

  it('matches mpmath where exact rationals are too slow (3.6 million rows)', () => {
    // python3 -c "import mpmath as mp; mp.mp.dps=50; lc=lambda n,k: mp.loggamma(n+1)-mp.loggamma(k+1)-mp.loggamma(n-k+1); a,b,c,d=1009186,919020,838810,812761; r=a+b; k=a+c; n=a+b+c+d; print(repr(float(mp.fsum(mp.exp(lc(k,x)+lc(n-k,r-x)-lc(n,r)) for x in range(a,a+3000)))))"
    // (scipy: 2.7630186449241048e-188, 5e-10 off)
    expectClose(fisherExactGreater(1009186, 919020, 838810, 812761), 2.763018646321457e-188, 1e-12);
    // a at the mode of a 1,000,000-row table: 1 − P(X ≤ 499), same one-liner with
    // print(repr(float(1-mp.fsum(mp.exp(lc(k,x)+lc(n-k,r-x)-lc(n,r)) for x in range(0,a))))) and a,b,c,d=500,499500,500,499500
    expectClose(fisherExactGreater(500, 499500, 500, 499500), 0.5126188200742029, 1e-14);
  });
});

describe('fisherExactGreater edge cases', () => {
  it('is exactly 1 when a is the smallest value the margins allow', () => {
    expect(fisherExactGreater(0, 5, 5, 0)).toBe(1);
    expect(fisherExactGreater(0, 10, 3, 7)).toBe(1);
    // Row 1 = 8, column 2 = 5, so a ≥ 3 whatever the table: a = 3 is the minimum.
    expect(fisherExactGreater(3, 5, 4, 0)).toBe(1);
    expect(fisherExactGreater(0, 0, 0, 0)).toBe(1);
    expect(fisherExactGreater(1, 0, 0, 0)).toBe(1);
  });

  it('rejects negative, fractional and non-finite counts', () => {
    expect(() => fisherExactGreater(-1, 2, 3, 4)).toThrow(RangeError);
    expect(() => fisherExactGreater(1.5, 2, 3, 4)).toThrow(RangeError);
    expect(() => fisherExactGreater(1, 2, NaN, 4)).toThrow(RangeError);
    expect(() => fisherExactGreater(1, 2, 3, Infinity)).toThrow(RangeError);
  });
});

describe('fisherExactGreater properties', () => {
  const count = fc.integer({ min: 0, max: 400 });
  const bigCount = fc.integer({ min: 0, max: 2_000_000 });

  it('is a probability, and unchanged by transposing the table', () => {
    fc.assert(
      fc.property(fc.oneof(count, bigCount), count, count, fc.oneof(count, bigCount), (a, b, c, d) => {
        const p = fisherExactGreater(a, b, c, d);
        expect(p).toBeGreaterThanOrEqual(0);
        expect(p).toBeLessThanOrEqual(1);
        const transposed = fisherExactGreater(a, c, b, d);
        // The documented accuracy: ~1e-13 relative, plus a few ulps of log p (5.7e-14 each at p = 1e-220).
        const tolerance = p * (1e-13 + 2e-15 * Math.abs(Math.log(Math.max(p, Number.MIN_VALUE)))) + 1e-300;
        expect(Math.abs(transposed - p)).toBeLessThanOrEqual(tolerance);
      }),
      { numRuns: 300 },
    );
  });

  it('P(X ≥ a) + P(X ≤ a − 1) = 1 (the lower tail is the greater-test of the column-swapped table)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 3000 }), count, count, fc.integer({ min: 1, max: 3000 }), (a, b, c, d) => {
        // Swapping the columns turns X into r − X; [[b+1, a−1], [d−1, c+1]] keeps all margins.
        const upper = fisherExactGreater(a, b, c, d);
        const lowerTail = fisherExactGreater(b + 1, a - 1, d - 1, c + 1);
        expect(Math.abs(upper + lowerTail - 1)).toBeLessThanOrEqual(1e-13);
      }),
      { numRuns: 300 },
    );
  });

  it('is non-increasing in a with the margins fixed', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 300 }),
        fc.integer({ min: 0, max: 300 }),
        fc.integer({ min: 0, max: 300 }),
        fc.integer({ min: 0, max: 300 }),
        (a0, b0, c0, d0) => {
          const row1 = a0 + b0;
          const col1 = a0 + c0;
          const total = a0 + b0 + c0 + d0;
          const lowest = Math.max(0, row1 + col1 - total);
          const highest = Math.min(row1, col1);
          let previous = Infinity;
          for (let a = lowest; a <= highest; a++) {
            const p = fisherExactGreater(a, row1 - a, col1 - a, total - row1 - col1 + a);
            expect(p).toBeLessThanOrEqual(previous);
            previous = p;
          }
        },
      ),
      { numRuns: 60 },
    );
  });
});
