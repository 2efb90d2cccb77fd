import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { neymanAllocation } from '../../src/sampling/allocate.js';

describe('neymanAllocation', () => {
  it('splits the budget in proportion to N_h·S_h (hand-computed)', () => {
    // λ·100·1 + λ·100·3 = 20 → λ = 0.05
    expect(Array.from(neymanAllocation([100, 100], [1, 3], [2, 2], 20))).toEqual([5, 15]);
  });

  it('rounds by largest remainder, ties to the earlier stratum', () => {
    // 110λ = 50 → [4.545…, 45.45…] → [4, 45] + 1 to the larger remainder (0.545 > 0.454)
    expect(Array.from(neymanAllocation([10, 100], [1, 1], [2, 2], 50))).toEqual([5, 45]);
    // [2.5, 2.5] → [2, 2] + 1 to the first
    expect(Array.from(neymanAllocation([50, 50], [1, 1], [1, 1], 5))).toEqual([3, 2]);
  });

  it('caps a stratum at its size and gives the rest to the others', () => {
    // a = [100, 100]: stratum 0 full at 10; 10 + 100λ = 50 → λ = 0.4
    expect(Array.from(neymanAllocation([10, 100], [10, 1], [2, 2], 50))).toEqual([10, 40]);
  });

  it('keeps every floor, even where N_h·S_h asks for less', () => {
    expect(Array.from(neymanAllocation([100, 100, 100], [1, 0.001, 0], [3, 3, 3], 30))).toEqual([24, 3, 3]);
  });

  it('spreads what strata with S_h > 0 cannot take over the others by size', () => {
    // stratum 0 full (10); 28 more over strata 1, 2 in proportion 30 : 50 → [10, 11.25, 18.75]
    expect(Array.from(neymanAllocation([10, 30, 50], [1, 0, 0], [1, 1, 1], 40))).toEqual([10, 11, 19]);
    // no stratum has a spread: proportional to size above the floors
    expect(Array.from(neymanAllocation([10, 30], [0, 0], [2, 2], 20))).toEqual([5, 15]);
  });

  it('takes everything when the budget covers the population, and refuses a budget below the floors', () => {
    expect(Array.from(neymanAllocation([3, 4], [1, 1], [2, 2], 100))).toEqual([3, 4]);
    expect(() => neymanAllocation([10, 10], [1, 1], [3, 3], 5)).toThrow(RangeError);
  });

  it('always spends exactly the budget within [floor, N] (property)', () => {
    const strata = fc.array(fc.record({ size: fc.integer({ min: 1, max: 400 }), spread: fc.oneof(fc.constant(0), fc.double({ min: 0, max: 10, noNaN: true })), floor: fc.integer({ min: 0, max: 5 }) }), { minLength: 1, maxLength: 40 });
    fc.assert(
      fc.property(strata, fc.double({ min: 0, max: 1, noNaN: true }), (list, share) => {
        const sizes = list.map((s) => s.size);
        const floors = list.map((s) => Math.min(s.floor, s.size));
        const spreads = list.map((s) => s.spread);
        const population = sizes.reduce((a, b) => a + b, 0);
        const floorTotal = floors.reduce((a, b) => a + b, 0);
        const budget = floorTotal + Math.floor(share * (population - floorTotal));
        const n = neymanAllocation(sizes, spreads, floors, budget);
        expect(n.reduce((a, b) => a + b, 0)).toBe(budget);
        n.forEach((value, h) => {
          expect(value).toBeGreaterThanOrEqual(floors[h]);
          expect(value).toBeLessThanOrEqual(sizes[h]);
        });
      }),
      { numRuns: 300 },
    );
  });

  it('has a smaller Neyman variance Σ N_h²S_h²/n_h than proportional allocation with the same floors (property)', () => {
    const strata = fc.array(fc.record({ size: fc.integer({ min: 20, max: 400 }), spread: fc.double({ min: 0.01, max: 10, noNaN: true }) }), { minLength: 2, maxLength: 30 });
    fc.assert(
      fc.property(strata, fc.double({ min: 0.05, max: 0.9, noNaN: true }), (list, share) => {
        const sizes = list.map((s) => s.size);
        const spreads = list.map((s) => s.spread);
        const floors = sizes.map(() => 2);
        const population = sizes.reduce((a, b) => a + b, 0);
        const budget = Math.max(2 * sizes.length, Math.round(share * population));
        const variance = (n: ArrayLike<number>) => sizes.reduce((sum, size, h) => sum + (size * size * spreads[h] * spreads[h]) / n[h], 0);
        const neyman = neymanAllocation(sizes, spreads, floors, budget);
        const proportional = neymanAllocation(sizes, sizes.map(() => 1), floors, budget);
        expect(variance(neyman)).toBeLessThanOrEqual(variance(proportional) * 1.02);
      }),
      { numRuns: 200 },
    );
  });
});
