import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { mcnemarExactGreater } from '../../src/stats/mcnemar.js';
import { expectClose } from './expect-close.js';

describe('mcnemarExactGreater against exact rational arithmetic', () => {
  // P(X ≥ worse), X ~ Binomial(worse + better, ½), exactly:
  //   python3 -c "from math import comb; from fractions import Fraction as F; w,b=W,B; n=w+b; print(repr(float(F(sum(comb(n,j) for j in range(w,n+1)), 2**n))))"
  // scipy.stats.binomtest(w, w+b, 0.5, alternative='greater').pvalue agrees on all of these to 1e-12.
  it.each([
    [8, 2, 0.0546875],
    [5, 5, 0.623046875],
    [2, 8, 0.9892578125], // below the mode: 1 − lower tail
    [60, 20, 4.290279933524806e-6],
    [3000, 2800, 0.004484718000596708],
    [12279, 7480, 3.3631671615487854e-258],
  ])('worse = %i, better = %i → %s', (worse, better, expected) => {
    expectClose(mcnemarExactGreater(worse, better), expected, 1e-12);
  });

  it('is 2^-n when every discordant pair went the wrong way', () => {
    expectClose(mcnemarExactGreater(10, 0), 2 ** -10, 1e-14);
    expectClose(mcnemarExactGreater(1000, 0), 2 ** -1000, 1e-12);
  });

  it('stays accurate with two million discordant pairs', () => {
    // python3 -c "import mpmath as mp; mp.mp.dps=50; w,b=1001000,1000000; n=w+b; lp=lambda j: mp.log(mp.binomial(n,j))-n*mp.log(2); print(repr(float(1-mp.fsum(mp.exp(lp(j)) for j in range(w-1,w-20000,-1)))))"
    // (scipy binomtest: 0.24002469549501923)
    expectClose(mcnemarExactGreater(1001000, 1000000), 0.24002469549500816, 1e-13);
    // same, w,b=1010000,1000000 and print(repr(float(mp.fsum(mp.exp(lp(j)) for j in range(w,w+20000)))))
    expectClose(mcnemarExactGreater(1010000, 1000000), 8.769842807182978e-13, 1e-12);
  });
});

describe('mcnemarExactGreater edge cases', () => {
  it('is exactly 1 with no discordant pairs or none against the candidate', () => {
    expect(mcnemarExactGreater(0, 0)).toBe(1);
    expect(mcnemarExactGreater(0, 7)).toBe(1);
  });

  it('rejects negative and fractional counts', () => {
    expect(() => mcnemarExactGreater(-1, 3)).toThrow(RangeError);
    expect(() => mcnemarExactGreater(2.5, 3)).toThrow(RangeError);
  });
});

describe('mcnemarExactGreater properties', () => {
  it('is a probability and non-increasing in `worse` for a fixed number of discordant pairs', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 3000 }), (n) => {
        let previous = Infinity;
        for (let worse = 0; worse <= n; worse += Math.max(1, Math.floor(n / 50))) {
          const p = mcnemarExactGreater(worse, n - worse);
          expect(p).toBeGreaterThanOrEqual(0);
          expect(p).toBeLessThanOrEqual(1);
          expect(p).toBeLessThanOrEqual(previous);
          previous = p;
        }
      }),
      { numRuns: 100 },
    );
  });

  it('P(X ≥ k) + P(X ≥ n − k + 1) = 1 by the symmetry of Binomial(n, ½)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 2_000_000 }), fc.double({ min: 0, max: 1, noNaN: true }), (n, share) => {
        const k = Math.max(1, Math.min(n, Math.round(share * n)));
        const sum = mcnemarExactGreater(k, n - k) + mcnemarExactGreater(n - k + 1, k - 1);
        expect(Math.abs(sum - 1)).toBeLessThanOrEqual(1e-13);
      }),
      { numRuns: 300 },
    );
  });
});
