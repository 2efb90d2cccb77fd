import { describe, expect, it } from 'vitest';
import { MisfireError } from '../../src/errors.js';
import { createRng } from '../../src/random.js';
import { drawWithinStrata } from '../../src/sampling/draw.js';
import { planSample, planUniformSample, validateSampleSettings } from '../../src/sampling/index.js';

/** Two leaves of 500: leaf 0 flags half its conversations, leaf 1 one in fifty. */
function twoLeaves() {
  const n = 1000;
  const leafOf = Int32Array.from({ length: n }, (_, i) => (i < 500 ? 0 : 1));
  const flagged = Int8Array.from({ length: n }, (_, i) => (i < 500 ? (i % 2 === 0 ? 1 : 0) : i % 50 === 0 ? 1 : 0));
  return { leafOf, leafIds: ['L0-000', 'L0-001'], flagged, labels: null };
}

describe('planSample', () => {
  it('draws exactly the budget, n_h from each stratum, with inclusion probability n_h/N_h', () => {
    const plan = planSample({ ...twoLeaves(), budget: 100, seed: 1 });
    expect(plan.picks).toHaveLength(100);
    expect(plan.strata.reduce((sum, s) => sum + s.sampled, 0)).toBe(100);
    for (const [h, s] of plan.strata.entries()) {
      expect(plan.picks.filter((p) => p.stratum === h)).toHaveLength(s.sampled);
      expect(s.inclusionProbability).toBe(s.sampled / s.population);
      expect(s.sampled).toBeGreaterThanOrEqual(Math.min(2, s.population));
    }
    const indices = plan.picks.map((p) => p.index);
    expect(indices).toEqual([...indices].sort((a, b) => a - b));
    expect(new Set(indices).size).toBe(100);
  });

  it('is deterministic in the seed', () => {
    const a = planSample({ ...twoLeaves(), budget: 60, seed: 7 });
    expect(planSample({ ...twoLeaves(), budget: 60, seed: 7 })).toEqual(a);
    expect(planSample({ ...twoLeaves(), budget: 60, seed: 8 }).picks).not.toEqual(a.picks);
  });

  it('puts more of the budget where the rates are uncertain: the leaf with many flags, and its flagged stratum above its share', () => {
    const plan = planSample({ ...twoLeaves(), budget: 100, seed: 1 });
    const bySName = new Map(plan.strata.map((s) => [s.name, s]));
    const leaf0 = (bySName.get('L0-000/flagged')?.sampled ?? 0) + (bySName.get('L0-000/not-flagged')?.sampled ?? 0);
    const leaf1 = (bySName.get('L0-001/flagged')?.sampled ?? 0) + (bySName.get('L0-001/not-flagged')?.sampled ?? 0);
    expect(leaf0).toBeGreaterThan(leaf1);
    // leaf 1's 10 flagged conversations are 2 % of it; they get far more than 2 % of its labels
    expect((bySName.get('L0-001/flagged')?.sampled ?? 0) / leaf1).toBeGreaterThan(0.1);
  });

  it('moves labels towards the misses when they cost more (--fn-cost)', () => {
    const cheap = planSample({ ...twoLeaves(), budget: 100, seed: 1 });
    const costly = planSample({ ...twoLeaves(), budget: 100, seed: 1, fnCost: 5 });
    const notFlagged = (plan: typeof cheap) => plan.strata.filter((s) => s.verdict === 'not-flagged').reduce((sum, s) => sum + s.sampled, 0);
    expect(notFlagged(costly)).toBeGreaterThan(notFlagged(cheap));
  });

  it("uses the run's labels for each stratum's error share, and the allocation follows them", () => {
    const base = twoLeaves();
    const labels = new Int8Array(1000).fill(-1);
    // leaf 0, flagged: 10 labelled, 5 of them benign (false positives) → e = (1 + 5)/(5 + 10) = 0.4 instead of 0.2
    for (let i = 0, k = 0; k < 10; i += 2) labels[i] = k++ % 2;
    const without = planSample({ ...base, budget: 100, seed: 1 });
    const withLabels = planSample({ ...base, labels, budget: 100, seed: 1 });
    const stratum = (plan: typeof without, name: string) => plan.strata.find((s) => s.name === name);
    expect(stratum(without, 'L0-000/flagged')?.errorShare).toBe(0.2);
    expect(stratum(withLabels, 'L0-000/flagged')?.errorShare).toBeCloseTo(0.4, 12);
    expect(stratum(withLabels, 'L0-000/not-flagged')?.errorShare).toBe(0.2);
    expect(withLabels.strata.map((s) => s.sampled)).not.toEqual(without.strata.map((s) => s.sampled));
  });

  it('refuses a budget below the floors, naming the flags to change', () => {
    const call = () => planSample({ ...twoLeaves(), budget: 5, seed: 1 });
    expect(call).toThrow(MisfireError);
    expect(call).toThrow(/--budget 5 is below the floor: the 4 strata .* need 8 conversations with --min-per-stratum 2; raise --budget to at least 8 or lower --min-per-stratum/);
  });

  it('takes every conversation when the budget covers them all', () => {
    const plan = planSample({ ...twoLeaves(), budget: 5000, seed: 1 });
    expect(plan.picks).toHaveLength(1000);
    expect(plan.strata.every((s) => s.inclusionProbability === 1)).toBe(true);
  });

  it('checks its settings before any work', () => {
    expect(() => validateSampleSettings({ budget: 0 })).toThrow('--budget must be a whole number ≥ 1, got 0');
    expect(() => validateSampleSettings({ budget: 10, minPerStratum: 0 })).toThrow('--min-per-stratum must be a whole number ≥ 1, got 0');
    expect(() => validateSampleSettings({ budget: 10, fnCost: 0 })).toThrow('--fn-cost must be a number above 0, got 0');
  });
});

describe('drawWithinStrata', () => {
  it('draws every member with probability n/N (over many seeds)', () => {
    const members = [Int32Array.from({ length: 10 }, (_, i) => i)];
    const hits = new Int32Array(10);
    const rng = createRng(3);
    const rounds = 4000;
    for (let r = 0; r < rounds; r++) for (const i of drawWithinStrata(members, Int32Array.of(3), rng)[0]) hits[i]++;
    // expected 1200 each, sd ≈ 29: a 5-sd band
    for (const h of hits) expect(Math.abs(h - 1200)).toBeLessThan(150);
  });
});

describe('planUniformSample', () => {
  it('is one stratum with inclusion probability budget/n', () => {
    const plan = planUniformSample(3000, 150, 1);
    expect(plan.strata).toEqual([{ name: 'all', leafId: null, verdict: null, population: 3000, sampled: 150, inclusionProbability: 0.05, errorShare: null, spread: 0 }]);
    expect(plan.picks).toHaveLength(150);
  });
});
