import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { wilsonInterval } from '../../src/stats/wilson.js';
import { expectClose } from './expect-close.js';

describe('wilsonInterval against scipy', () => {
  // python3 -c "from scipy.stats import binomtest; ci=binomtest(K, N).proportion_ci(confidence_level=C, method='wilson'); print(repr(ci.low), repr(ci.high))"
  const reference: Array<[number, number, number, number, number]> = [
    [0, 10, 0.95, 0, 0.27753279986288926],
    [10, 10, 0.95, 0.7224672001371109, 1],
    [0, 1, 0.95, 0, 0.7934506856227626],
    [1, 1, 0.95, 0.20654931437723745, 1],
    [5, 10, 0.95, 0.236593090512564, 0.7634069094874361],
    [7, 20, 0.95, 0.1811918241010821, 0.5671457233147637],
    [7, 20, 0.9, 0.20226004005676104, 0.5334873111515284],
    [7, 20, 0.99, 0.14639344137693885, 0.6283381789526872],
    [3, 50, 0.999, 0.011145790436260461, 0.26549796222433586],
    [123456, 10000000, 0.95, 0.012277347608366313, 0.012414227052349028],
    [1, 1000000, 0.95, 1.765245767453709e-7, 5.664911804311442e-6],
    [999999, 1000000, 0.95, 0.9999943350881957, 0.9999998234754233],
  ];
  it.each(reference)('%i/%i at %s → [%s, %s]', (successes, trials, confidence, low, high) => {
    const interval = wilsonInterval(successes, trials, confidence);
    expect(interval).not.toBeNull();
    const [lower, upper] = interval as [number, number];
    expectClose(lower, low, 1e-13);
    expectClose(upper, high, 1e-13);
  });

  it('is exact where the textbook formula cancels (40-digit mpmath)', () => {
    // python3 -c "import mpmath as mp; mp.mp.dps=40; k,n,c=K,N,C; z=mp.sqrt(2)*mp.erfinv(mp.mpf(c)); p=mp.mpf(k)/n; d=1+z*z/n; m=(p+z*z/(2*n))/d; h=z/d*mp.sqrt(p*(1-p)/n+z*z/(4*n*n)); print(mp.nstr(m-h,20), mp.nstr(m+h,20))"
    // (scipy is 4e-15 and 1.6e-14 off on these two lower bounds.)
    const [rare] = wilsonInterval(1, 1000000) as [number, number];
    expectClose(rare, 1.7652457674537151364e-7, 1e-15);
    const [lower, upper] = wilsonInterval(3, 50, 0.999) as [number, number];
    expectClose(lower, 0.011145790436260634712, 2e-15);
    expectClose(upper, 0.2654979622243332875, 2e-15);
  });
});

describe('wilsonInterval edge cases', () => {
  it('returns null when there are no trials', () => {
    expect(wilsonInterval(0, 0)).toBeNull();
  });

  it('pins the bound at 0 for no successes and at 1 for all successes', () => {
    expect((wilsonInterval(0, 1e9) as [number, number])[0]).toBe(0);
    expect((wilsonInterval(1e9, 1e9) as [number, number])[1]).toBe(1);
  });

  it('uses z = 1.959963984540054 by default', () => {
    // At 0/n the upper bound is z²/(n + z²).
    const z = 1.959963984540054;
    expect((wilsonInterval(0, 10) as [number, number])[1]).toBe((z * z) / (10 + z * z));
  });

  it('rejects impossible counts and confidence levels', () => {
    expect(() => wilsonInterval(3, 2)).toThrow(RangeError);
    expect(() => wilsonInterval(-1, 2)).toThrow(RangeError);
    expect(() => wilsonInterval(NaN, 2)).toThrow(RangeError);
    expect(() => wilsonInterval(1, 2, 1)).toThrow(RangeError);
    expect(() => wilsonInterval(1, 2, 0)).toThrow(RangeError);
    expect(() => wilsonInterval(1, 2, 95)).toThrow(RangeError);
  });
});

describe('wilsonInterval properties', () => {
  const countsAndTrials = fc
    .integer({ min: 1, max: 2_000_000_000 })
    .chain((trials) => fc.tuple(fc.integer({ min: 0, max: trials }), fc.constant(trials)));
  const confidence = fc.double({ min: 0.5, max: 0.9999, noNaN: true });

  it('lies in [0, 1] and contains successes/trials', () => {
    fc.assert(
      fc.property(countsAndTrials, confidence, ([successes, trials], level) => {
        const [lower, upper] = wilsonInterval(successes, trials, level) as [number, number];
        const rate = successes / trials;
        expect(lower).toBeGreaterThanOrEqual(0);
        expect(upper).toBeLessThanOrEqual(1);
        expect(lower).toBeLessThanOrEqual(rate);
        expect(upper).toBeGreaterThanOrEqual(rate);
      }),
      { numRuns: 500 },
    );
  });

  it('is the mirror image of the interval for failures, and widens with the confidence level', () => {
    fc.assert(
      fc.property(countsAndTrials, ([successes, trials]) => {
        const [lower, upper] = wilsonInterval(successes, trials) as [number, number];
        const [failLower, failUpper] = wilsonInterval(trials - successes, trials) as [number, number];
        expect(Math.abs(lower - (1 - failUpper))).toBeLessThanOrEqual(1e-15);
        expect(Math.abs(upper - (1 - failLower))).toBeLessThanOrEqual(1e-15);
        const [wideLower, wideUpper] = wilsonInterval(successes, trials, 0.99) as [number, number];
        expect(wideLower).toBeLessThanOrEqual(lower);
        expect(wideUpper).toBeGreaterThanOrEqual(upper);
      }),
      { numRuns: 300 },
    );
  });
});
