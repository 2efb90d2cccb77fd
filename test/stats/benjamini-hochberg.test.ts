import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { benjaminiHochberg } from '../../src/stats/benjamini-hochberg.js';

/*
 * Every expected vector below was computed twice and the two agreed exactly:
 *   python3 -c "from scipy.stats import false_discovery_control as f; print([repr(float(x)) for x in f(V, method='bh')])"
 *   python3 -c "import numpy as np; p=np.array(V,float); m=len(p); r=np.argsort(np.argsort(p,kind='stable'))+1; print([repr(float(min(1.0,min(p[j]*(m/r[j]) for j in range(m) if p[j]>=p[i])))) for i in range(m)])"
 * (the second is the definition written out: q_i = min over p_j ≥ p_i of p_j·m/rank_j, capped at 1).
 */

/** 0-based position of each entry in ascending order (its rank − 1). */
function ranksOf(values: number[]): number[] {
  const order = values.map((_, i) => i).sort((i, j) => values[i] - values[j]);
  const ranks = new Array<number>(values.length);
  order.forEach((index, position) => (ranks[index] = position));
  return ranks;
}

/** Indices that sort the values ascending (what a buggy implementation confuses with ranks). */
function sortIndicesOf(values: number[]): number[] {
  return values.map((_, i) => i).sort((i, j) => values[i] - values[j]);
}

describe('benjaminiHochberg against scipy and a numpy transcription of the definition', () => {
  it('writes each q back to its own p when sort indices differ from ranks', () => {
    const p = [0.04, 0.001, 0.03, 0.02, 0.5, 0.011];
    // The fixture only catches the rank/sort-index mix-up if the two permutations differ.
    expect(sortIndicesOf(p)).toEqual([1, 5, 3, 2, 0, 4]);
    expect(ranksOf(p)).toEqual([4, 0, 3, 2, 5, 1]);
    expect(benjaminiHochberg(p)).toEqual([0.048, 0.006, 0.045, 0.04, 0.5, 0.033]);
  });

  it('handles a longer unsorted vector with a tie', () => {
    const p = [0.9, 0.003, 0.047, 0.012, 0.012, 0.6, 0.04, 0.0001];
    expect(benjaminiHochberg(p)).toEqual([
      0.9, 0.012, 0.06266666666666666, 0.024, 0.024, 0.6857142857142856, 0.06266666666666666, 0.0008,
    ]);
  });

  it('gives tied p-values the same q', () => {
    expect(benjaminiHochberg([0.01, 0.01, 0.02, 0.02, 0.2])).toEqual([0.025, 0.025, 0.025, 0.025, 0.2]);
    expect(benjaminiHochberg([0.5, 0.5, 0.5])).toEqual([0.5, 0.5, 0.5]);
  });

  it('keeps 0 and 1 and caps at 1', () => {
    expect(benjaminiHochberg([0, 1, 0.3])).toEqual([0, 1, 0.44999999999999996]);
    expect(benjaminiHochberg([0.9, 0.95])).toEqual([0.95, 0.95]);
  });

  it('leaves nulls out of the family and in place', () => {
    // m = 3 (the non-null entries); V = [0.01, 0.04, 0.03] → [0.03, 0.04, 0.04]
    expect(benjaminiHochberg([null, 0.01, null, 0.04, 0.03])).toEqual([null, 0.03, null, 0.04, 0.04]);
    expect(benjaminiHochberg([null, null])).toEqual([null, null]);
    expect(benjaminiHochberg([])).toEqual([]);
  });

  it('rejects values that are not probabilities', () => {
    expect(() => benjaminiHochberg([0.1, 1.5])).toThrow(RangeError);
    expect(() => benjaminiHochberg([0.1, -0.01])).toThrow(RangeError);
    expect(() => benjaminiHochberg([0.1, NaN])).toThrow(RangeError);
  });
});

describe('benjaminiHochberg properties', () => {
  // p-values with deliberate ties (a small grid) mixed with continuous values and nulls.
  const pValue = fc.oneof(
    fc.double({ min: 0, max: 1, noNaN: true }),
    fc.integer({ min: 0, max: 20 }).map((k) => k / 20),
  );
  const family = fc.array(fc.option(pValue, { nil: null, freq: 5 }), { maxLength: 60 });

  it('q ≥ p, q ≤ 1, and q is monotone in p; nulls stay null', () => {
    fc.assert(
      fc.property(family, (p) => {
        const q = benjaminiHochberg(p);
        expect(q).toHaveLength(p.length);
        for (let i = 0; i < p.length; i++) {
          const pi = p[i];
          if (pi === null) {
            expect(q[i]).toBeNull();
            continue;
          }
          const qi = q[i] as number;
          expect(qi).toBeGreaterThanOrEqual(pi);
          expect(qi).toBeLessThanOrEqual(1);
          for (let j = 0; j < p.length; j++) {
            const pj = p[j];
            if (pj !== null && pi <= pj) expect(qi).toBeLessThanOrEqual(q[j] as number);
          }
        }
      }),
      { numRuns: 300 },
    );
  });

  it('moves with its p-value when the input is shuffled', () => {
    fc.assert(
      fc.property(
        family.chain((p) => fc.tuple(fc.constant(p), fc.shuffledSubarray(p.map((_, i) => i), { minLength: p.length }))),
        ([p, permutation]) => {
          const q = benjaminiHochberg(p);
          const shuffledQ = benjaminiHochberg(permutation.map((i) => p[i]));
          permutation.forEach((original, position) => expect(shuffledQ[position]).toBe(q[original]));
        },
      ),
      { numRuns: 300 },
    );
  });

  it('matches the definition q_i = min(1, min over p_j ≥ p_i of p_j·m/rank_j)', () => {
    fc.assert(
      fc.property(fc.array(pValue, { minLength: 1, maxLength: 40 }), (p) => {
        const m = p.length;
        const ranks = ranksOf(p);
        const q = benjaminiHochberg(p);
        for (let i = 0; i < m; i++) {
          let expected = 1;
          for (let j = 0; j < m; j++) if (p[j] >= p[i]) expected = Math.min(expected, p[j] * (m / (ranks[j] + 1)));
          expect(q[i]).toBe(expected);
        }
      }),
      { numRuns: 300 },
    );
  });
});
