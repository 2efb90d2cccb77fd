import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { stratifiedRatio, type StratumSums } from '../../src/stats/stratified-ratio.js';
import { expectClose } from './expect-close.js';

/** Sums of one stratum from its observed (y, x) units. */
function stratum(population: number, units: [number, number][]): StratumSums {
  const s = { population, sampled: units.length, y: 0, x: 0, yy: 0, xy: 0, xx: 0 };
  for (const [y, x] of units) {
    s.y += y;
    s.x += x;
    s.yy += y * y;
    s.xy += x * y;
    s.xx += x * x;
  }
  return s;
}

describe('stratifiedRatio', () => {
  it('matches the textbook formula unit by unit (numpy: z = y − R·x, var(ddof=1), lonely stratum Σz²)', () => {
    // python3: w = N/n; Y = Σ w·y; X = Σ w·x; R = Y/X; V = Σ N²(1 − n/N)·var(z, ddof=1)/n / X² (n = 1: Σ z²)
    const r = stratifiedRatio([
      stratum(40, [[1, 1], [0, 1], [0, 0], [1, 1]]),
      stratum(100, [[0, 1], [0, 1], [1, 1], [0, 0], [0, 1]]),
      stratum(10, [[1, 1]]),
    ]);
    expect(r.yTotal).toBe(50);
    expect(r.xTotal).toBe(120);
    expectClose(r.estimate, 0.4166666666666667, 1e-15);
    expectClose(r.variance, 0.03354552469135802, 1e-13);
    expect(r.xxWeighted).toBe(10 * 10 * 3 + 20 * 20 * 4 + 10 * 10 * 1);
    // V(X̂) = Σ N²(1 − n/N)·var(x, ddof=1)/n (numpy), the lonely stratum with Σ x²
    expectClose(r.xVariance, 560, 1e-13);
  });

  it('takes any y, e.g. a paired change in {−1, 0, 1} (numpy reference)', () => {
    const r = stratifiedRatio([stratum(60, [[1, 1], [-1, 1], [0, 1], [0, 0], [1, 1], [0, 1]])]);
    expectClose(r.estimate, 0.2, 1e-15);
    expectClose(r.variance, 0.12096000000000001, 1e-13);
  });

  it('is the simple-random-sample proportion with one stratum: p̂ and (1 − n/N)·p̂(1 − p̂)/(n − 1)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 2, max: 60 }), fc.integer({ min: 0, max: 60 }), fc.integer({ min: 0, max: 500 }), (n, k, extra) => {
        const successes = Math.min(k, n);
        const units: [number, number][] = Array.from({ length: n }, (_, i) => [i < successes ? 1 : 0, 1]);
        const r = stratifiedRatio([stratum(n + extra, units)]);
        const p = successes / n;
        expectClose(r.estimate, p, 1e-12);
        const expected = ((1 - n / (n + extra)) * p * (1 - p)) / (n - 1);
        expect(Math.abs((r.variance as number) - expected)).toBeLessThan(1e-12);
      }),
    );
  });

  it('has no variance when every stratum was observed entirely (finite population correction)', () => {
    const r = stratifiedRatio([stratum(3, [[1, 1], [0, 1], [0, 0]]), stratum(2, [[1, 1], [0, 1]])]);
    expect(r.estimate).toBe(0.5);
    expect(r.variance).toBe(0);
  });

  it('gives no rate when nothing falls in the denominator, and skips strata with nobody observed', () => {
    expect(stratifiedRatio([stratum(10, [[0, 0], [0, 0]])]).estimate).toBeNull();
    expect(stratifiedRatio([{ population: 50, sampled: 0, y: 0, x: 0, yy: 0, xy: 0, xx: 0 }, stratum(10, [[1, 1], [0, 1]])]).estimate).toBe(0.5);
  });

  it('refuses more observed units than the stratum holds (a caller bug)', () => {
    expect(() => stratifiedRatio([stratum(1, [[1, 1], [0, 1]])])).toThrow(RangeError);
  });
});
