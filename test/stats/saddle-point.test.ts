import { describe, expect, it } from 'vitest';
import { binomialDeviance, logBinomialPmf, logHypergeometricPmf } from '../../src/stats/saddle-point.js';
import { expectClose } from './expect-close.js';

describe('logBinomialPmf', () => {
  // python3 -c "import mpmath as mp; mp.mp.dps=50; P=mp.mpf(p); print(repr(float(mp.log(mp.binomial(N,X))+X*mp.log(P)+(N-X)*mp.log(1-P))))"
  // (mpmath, not scipy.stats.binom.logpmf: at n = 10⁶ scipy is off by ~1e-10.)
  const reference: Array<[number, number, number, number]> = [
    [2, 4, 0.5, -0.9808292530117262],
    [0, 10, 0.3, -3.5667494393873236],
    [10, 10, 0.3, -12.03972804325936],
    [123, 400, 0.25, -6.509923773048087],
    [3, 1000000, 1e-6, -2.7917599692293886],
    [500000, 1000000, 0.5, -7.133546881626865],
    [400123, 1000000, 0.4, -7.1447047875738114],
  ];
  it.each(reference)('log P(X = %i) for Binomial(%i, %s) matches scipy', (x, n, p, expected) => {
    expectClose(logBinomialPmf(x, n, p, 1 - p), expected, 1e-14);
  });

  it('is −Infinity outside the support and handles p = 0 or 1', () => {
    expect(logBinomialPmf(5, 4, 0.5, 0.5)).toBe(-Infinity);
    expect(logBinomialPmf(-1, 4, 0.5, 0.5)).toBe(-Infinity);
    expect(logBinomialPmf(0, 4, 0, 1)).toBe(0);
    expect(logBinomialPmf(1, 4, 0, 1)).toBe(-Infinity);
    expect(logBinomialPmf(4, 4, 1, 0)).toBe(0);
  });
});

describe('logHypergeometricPmf', () => {
  // python3 -c "from scipy.stats import hypergeom; print(repr(hypergeom.logpmf(X, WHITE+BLACK, WHITE, DRAWN)))"
  it.each([
    [1, 2, 2, 2, -0.40546510810816483],
    [3, 10, 5, 6, -1.4281158559732297],
    [0, 3, 7, 4, -1.7917594692280545],
  ])('log P(X = %i) with %i white, %i black, %i drawn matches scipy', (x, white, black, drawn, expected) => {
    expectClose(logHypergeometricPmf(x, white, black, drawn), expected, 1e-14);
  });

  it('keeps full accuracy at a million balls', () => {
    // Exact: python3 -c "import mpmath as mp; from math import comb; mp.mp.dps=40; print(repr(float(mp.log(mp.mpf(comb(400900,900)*comb(599100,100))/comb(1000000,1000)))))"
    // (scipy's hypergeom.logpmf gives -552.4767773796422, off by 1.9e-10 absolute.)
    expectClose(logHypergeometricPmf(900, 400900, 599100, 1000), -552.4767773798275, 1e-15);
  });

  it('is −Infinity outside the support', () => {
    expect(logHypergeometricPmf(3, 2, 5, 4)).toBe(-Infinity);
    expect(logHypergeometricPmf(0, 2, 1, 3)).toBe(-Infinity);
  });
});

describe('binomialDeviance', () => {
  it('is x·log(x/m) + m − x, including the near-equal series branch', () => {
    expect(binomialDeviance(7, 7)).toBe(0);
    // python3 -c "import mpmath as mp; mp.mp.dps=40; x=mp.mpf(1000); m=mp.mpf(1001); print(repr(float(x*mp.log(x/m)+m-x)))"
    expectClose(binomialDeviance(1000, 1001), 0.0004996669164668332, 1e-13);
    expectClose(binomialDeviance(5, 50), 5 * Math.log(0.1) + 45, 1e-15);
  });
});
