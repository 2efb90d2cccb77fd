import { describe, expect, it } from 'vitest';
import { logChoose, logGamma, stirlingError } from '../../src/stats/log-gamma.js';
import { normalQuantile } from '../../src/stats/normal-quantile.js';
import { expectClose } from './expect-close.js';

describe('logGamma', () => {
  // Each expected value: python3 -c "import mpmath as mp; mp.mp.dps=50; print(repr(float(mp.loggamma(mp.mpf(X)))))"
  // with X the float literal (so mpmath sees the same double), not the decimal string. mpmath rather than
  // scipy.special.gammaln, which is not relative-accurate next to the roots 1 and 2.
  const reference: Array<[number, number]> = [
    [1e-300, 690.7755278982137],
    [1e-10, 23.025850929882736],
    [0.1, 2.252712651734206],
    [0.5, 0.5723649429247001],
    [0.99, 0.005854806764709781],
    [1.0000001, -5.772155829918507e-8],
    [1.5, -0.12078223763524522],
    [1.9999999, -4.2278430309861296e-8],
    [2.2, 0.09694746679063887],
    [2.5, 0.2846828704729192],
    [3.7, 1.428072326665388],
    [10, 12.801827480081469],
    [100.5, 361.4355404677776],
    [123456.789, 1323902.0187950633],
    [1e15, 3.3538776394910668e16],
  ];
  it.each(reference)('logGamma(%s) matches mpmath to 1e-14 relative', (x, expected) => {
    expectClose(logGamma(x), expected, 1e-14);
  });

  it('is exactly 0 at the roots 1 and 2 and equals log((n−1)!) at integers', () => {
    expect(logGamma(1)).toBe(0);
    expect(logGamma(2)).toBe(0);
    expectClose(logGamma(5), Math.log(24), 1e-15);
    expectClose(logGamma(21), Math.log(2432902008176640000), 1e-15);
  });

  it('handles the ends of its domain', () => {
    expect(logGamma(0)).toBe(Infinity);
    expect(logGamma(Infinity)).toBe(Infinity);
    expect(logGamma(-1)).toBeNaN();
    expect(logGamma(NaN)).toBeNaN();
  });
});

describe('stirlingError', () => {
  // python3 -c "import mpmath as mp; mp.mp.dps=50; x=mp.mpf(N); print(repr(float(mp.loggamma(x+1)-(x+mp.mpf(0.5))*mp.log(x)+x-mp.log(mp.sqrt(2*mp.pi)))))"
  const reference: Array<[number, number]> = [
    [0.5, 0.15342640972002736],
    [2.3, 0.03601450047177063],
    [7, 0.01189670994589177],
    [15, 0.005554733551962801],
    [15.5, 0.005375599032926835],
    [20, 0.004166319691996922],
    [35.5, 0.002347355765761607],
    [80.5, 0.001035191362724942],
    [500.5, 0.0001665001443445031],
    [1e6, 8.333333333333056e-8],
  ];
  // What matters is absolute accuracy: δ(n) is added to log-probabilities. (2.3 takes the
  // logGamma route, the rest the table or the asymptotic series.)
  it.each(reference)('stirlingError(%s) matches mpmath to 3e-16 absolute', (n, expected) => {
    expect(Math.abs(stirlingError(n) - expected)).toBeLessThanOrEqual(3e-16);
  });
});

describe('logChoose', () => {
  // python3 -c "import mpmath as mp; mp.mp.dps=50; print(repr(float(mp.log(mp.binomial(mp.mpf(N), mp.mpf(K))))))"
  const reference: Array<[number, number, number]> = [
    [5, 2, 2.302585092994046],
    [40, 20, 25.649406793250424],
    [1e6, 1, 13.815510557964274],
    [1e6, 999999, 13.815510557964274],
    [1e6, 1000, 7902.882712976144],
    [1e6, 5e5, 693140.0470130637],
    [1e9, 3, 60.37803803861118],
    [10.5, 2.25, 4.212798425506803],
  ];
  it.each(reference)('logChoose(%s, %s) matches mpmath to 1e-14 relative', (n, k, expected) => {
    expectClose(logChoose(n, k), expected, 1e-14);
  });

  it('is 0 at k = 0 and k = n, and symmetric', () => {
    expect(logChoose(0, 0)).toBe(0);
    expect(logChoose(7, 0)).toBe(0);
    expect(logChoose(7, 7)).toBe(0);
    expect(logChoose(1234, 56)).toBe(logChoose(1234, 1234 - 56));
  });

  it('rejects k outside [0, n]', () => {
    expect(() => logChoose(3, 4)).toThrow(RangeError);
    expect(() => logChoose(3, -1)).toThrow(RangeError);
    expect(() => logChoose(NaN, 1)).toThrow(RangeError);
  });
});

describe('normalQuantile', () => {
  // python3 -c "from scipy.stats import norm; print(repr(norm.ppf(P)))"
  const reference: Array<[number, number]> = [
    [0.975, 1.959963984540054],
    [0.025, -1.9599639845400545],
    [0.9, 1.2815515655446004],
    [1e-10, -6.361340902404056],
    [1e-300, -37.0470962993612],
    [0.999999, 4.753424308817087],
  ];
  it.each(reference)('normalQuantile(%s) matches scipy', (p, expected) => {
    expectClose(normalQuantile(p), expected, 1e-15);
  });

  it('is 0 at ½, infinite at 0 and 1, NaN outside [0, 1]', () => {
    expect(normalQuantile(0.5)).toBe(0);
    expect(normalQuantile(0)).toBe(-Infinity);
    expect(normalQuantile(1)).toBe(Infinity);
    expect(normalQuantile(1.5)).toBeNaN();
    expect(normalQuantile(-0.1)).toBeNaN();
  });
});
