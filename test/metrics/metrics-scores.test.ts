/**
 * Score metrics: per-cluster ROC AUC / average precision, the threshold sweep and threshold moves.
 * Reference values: ROC AUC = scipy.stats.mannwhitneyu(pos, neg).statistic / (P·N) (scipy 1.17);
 * average precision = Σ over distinct scores (descending) of new positives · precision / P, in numpy
 * (sklearn's definition). Per-cluster values are also checked against src/stats/auc.ts on each cluster.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { averagePrecision, rocAuc, thresholdSweep } from '../../src/stats/index.js';
import { rankingByCluster } from '../../src/metrics/auc.js';
import { leafToLevelMaps } from '../../src/metrics/levels.js';
import { scoreMetrics } from '../../src/metrics/scores.js';
import { operatingThreshold, roundestAbove, sweepGrid } from '../../src/metrics/threshold.js';
import { sortedScoredItems } from '../../src/metrics/score-order.js';
import { hierarchyOf, nonFiniteNumbers, verdictsOf } from './fixtures.js';

const SCORE = [0.1, 0.4, 0.35, 0.8, 0.5, 0.5, 0.9, 0.2, 0.3, 0.7, 0.7, 0.05, 0.6, 0.95, 0.47, 0.52];
const LABEL = [0, 0, 1, 1, 1, 0, 1, 0, 0, 1, 0, 0, 1, 1, 0, 1];
const LEAF = [0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 1, 1, 1, 1];
const FLAGGED = SCORE.map((s) => (s >= 0.5 ? 1 : 0));
const hierarchy = hierarchyOf(LEAF, 2, [[0, 0]]);

describe('score metrics on a small example with ties', () => {
  const m = scoreMetrics(hierarchy, verdictsOf('v', FLAGGED, SCORE, 0.5), Int8Array.from(LABEL));
  if (!m) throw new Error('expected score metrics');
  const clusterRow = (id: string) => m.clusters.find((c) => c.cluster_id === id);

  it('ROC AUC and PR AUC per cluster and overall match scipy/numpy', () => {
    expect(clusterRow('L0-000')?.roc_auc).toBeCloseTo(0.84375, 14);
    expect(clusterRow('L0-000')?.pr_auc).toBeCloseTo(0.8541666666666666, 14);
    expect(clusterRow('L0-001')?.roc_auc).toBeCloseTo(0.84375, 14);
    expect(clusterRow('L0-001')?.pr_auc).toBeCloseTo(0.8041666666666667, 14);
    expect(m.roc_auc).toBeCloseTo(0.875, 14);
    expect(m.pr_auc).toBeCloseTo(0.8668650793650793, 14);
    expect(clusterRow('L1-000')?.roc_auc).toBe(m.roc_auc);
    expect(m).toMatchObject({ scored: 16, positives: 8, negatives: 8 });
  });

  it('sweeps 0, 0.05, …, 1 for scores in [0, 1]', () => {
    expect(m.sweep.thresholds).toHaveLength(21);
    expect(m.sweep.thresholds[10]).toBe(0.5);
    expect(m.sweep.fpr[0]).toBe(1);
    expect(m.sweep.fnr[0]).toBe(0);
    expect(m.sweep.fpr[10]).toBe(0.25);
    expect(m.sweep.fnr[10]).toBe(0.125);
    expect(m.sweep.fpr[11]).toBe(0.125);
    expect(m.sweep.fnr[11]).toBe(0.375);
    expect(m.sweep.fpr[20]).toBe(0);
    expect(m.sweep.fnr[20]).toBe(1);
    expect(clusterRow('L0-000')?.sweep_fpr).toHaveLength(21);
    expect(clusterRow('L1-000')?.sweep_fnr).toEqual(m.sweep.fnr);
  });

  it('moving the threshold one step: per-cluster fp/fn changes and who gains or loses', () => {
    expect(m.operating_threshold).toBe(0.5);
    expect(m.threshold_source).toBe('configured');
    expect(m.shift?.step).toBe(0.05);
    // Up to 0.55: leaf 0 loses a fp (0.5) and gains a fn (0.5); leaf 1 gains a fn (0.52).
    expect(clusterRow('L0-000')).toMatchObject({ shift_up_fp: -1, shift_up_fn: 1, shift_down_fp: 0, shift_down_fn: 0 });
    // Down to 0.45: leaf 1's negative at 0.47 becomes a false positive.
    expect(clusterRow('L0-001')).toMatchObject({ shift_up_fp: 0, shift_up_fn: 1, shift_down_fp: 1, shift_down_fn: 0 });
    expect(m.shift?.up).toMatchObject({ threshold: 0.55, d_fp: -1, d_fn: 2, fpr: 0.125, fnr: 0.375, gains: [] });
    expect(m.shift?.up.losses.map((e) => e.cluster_id)).toEqual(['L0-001', 'L1-000']);
    expect(m.shift?.down.losses).toEqual([
      { cluster_id: 'L0-001', level: 0, d_fp: 1, d_fn: 0, d_errors: 1 },
      { cluster_id: 'L1-000', level: 1, d_fp: 1, d_fn: 0, d_errors: 1 },
    ]);
  });
});

describe('operating threshold and grid', () => {
  it('infers the roundest threshold consistent with the flags', () => {
    expect(operatingThreshold(verdictsOf('v', FLAGGED, SCORE))).toEqual({ value: 0.5, source: 'inferred' });
    expect(roundestAbove(0.4996, 0.5005)).toBe(0.5);
    expect(roundestAbove(0.5, 0.52)).toBe(0.51);
    expect(roundestAbove(12.3, 250)).toBe(100);
  });

  it('is unknown when the flags are not a threshold on the score, or all the same', () => {
    const swapped = FLAGGED.slice();
    swapped[0] = 1; // score 0.1 flagged while 0.4 is not
    expect(operatingThreshold(verdictsOf('v', swapped, SCORE))).toBeNull();
    expect(operatingThreshold(verdictsOf('v', SCORE.map(() => 1), SCORE))).toBeNull();
    const m = scoreMetrics(hierarchy, verdictsOf('v', swapped, SCORE), Int8Array.from(LABEL));
    expect(m?.shift).toBeNull();
    expect(m?.clusters[0].shift_up_fp).toBeNull();
    expect(m?.roc_auc).toBeCloseTo(0.875, 14);
  });

  it('spans other score ranges evenly, ignoring infinities', () => {
    const grid = sweepGrid(Float64Array.of(-3, 7, Infinity, NaN));
    expect(grid).toHaveLength(21);
    expect(grid[0]).toBe(-3);
    expect(grid[20]).toBe(7);
    expect(grid[1]).toBeCloseTo(-2.5, 12);
    expect(sweepGrid(Float64Array.of(NaN))).toEqual([]);
    expect(sweepGrid(Float64Array.of(5, 5))).toHaveLength(21);
  });

  it('gives no score metrics without scores, and null AUCs for one-class clusters', () => {
    expect(scoreMetrics(hierarchy, verdictsOf('v', FLAGGED), Int8Array.from(LABEL))).toBeNull();
    const allPositive = scoreMetrics(hierarchy, verdictsOf('v', FLAGGED, SCORE, 0.5), new Int8Array(16).fill(1));
    expect(allPositive?.roc_auc).toBeNull();
    expect(allPositive?.pr_auc).toBe(1);
    expect(allPositive?.sweep.fpr.every((x) => x === null)).toBe(true);
    const unlabelled = scoreMetrics(hierarchy, verdictsOf('v', FLAGGED, SCORE, 0.5), new Int8Array(16).fill(-1));
    expect(unlabelled?.scored).toBe(0);
    expect(unlabelled?.pr_auc).toBeNull();
    expect(nonFiniteNumbers(unlabelled)).toEqual([]);
  });
});

describe('grouped AUC equals src/stats on each cluster', () => {
  const perCluster = (score: number[], label: number[], cluster: number[], k: number) =>
    Array.from({ length: k }, (_, g) => {
      const idx = score.map((_, i) => i).filter((i) => cluster[i] === g && label[i] >= 0 && !Number.isNaN(score[i]));
      const s = idx.map((i) => score[i]);
      const y = idx.map((i) => label[i]);
      return { roc: rocAuc(s, y), ap: averagePrecision(s, y) };
    });

  it('for random scores with ties, missing scores and labels, over two levels', () => {
    const item = fc.record({
      score: fc.oneof(fc.integer({ min: 0, max: 8 }).map((x) => x / 8), fc.double({ min: -5, max: 5, noNaN: true }), fc.constant(NaN)),
      label: fc.integer({ min: -1, max: 1 }),
      leaf: fc.integer({ min: 0, max: 4 }),
    });
    fc.assert(
      fc.property(fc.array(item, { maxLength: 80 }), (items) => {
        const score = items.map((x) => x.score);
        const label = items.map((x) => x.label);
        const leaf = items.map((x) => x.leaf);
        const h = hierarchyOf(leaf, 5, [[0, 1, 0, 1, 1]]);
        const sorted = sortedScoredItems(Float64Array.from(score), Int8Array.from(label), h.leafOf);
        const maps = leafToLevelMaps(h);
        for (let l = 0; l < 2; l++) {
          const k = h.levels[l].k;
          const got = rankingByCluster(sorted, maps[l], k);
          const want = perCluster(score, label, leaf.map((x) => maps[l][x]), k);
          for (let g = 0; g < k; g++) {
            expect(got.rocAuc[g]).toBe(want[g].roc);
            expect(got.averagePrecision[g]).toBe(want[g].ap);
          }
        }
      }),
      { numRuns: 300 },
    );
  });

  it('on a large input sorted by the radix path (negatives, −0, infinities, ties)', () => {
    const n = 20_000;
    let seed = 7;
    const next = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    const pool = [-Infinity, Infinity, -0, 0, -1e-300, 1e300, -2.5, 0.5];
    const score = Array.from({ length: n }, (_, i) => (i % 50 === 0 ? pool[i % pool.length] : Math.round((next() * 2 - 1) * 1000) / 100));
    const label = score.map((s) => (next() < 0.3 + 0.04 * Math.max(-5, Math.min(5, s)) ? 1 : 0));
    const leaf = score.map(() => Math.floor(next() * 3));
    const h = hierarchyOf(leaf, 3);
    const sorted = sortedScoredItems(Float64Array.from(score), Int8Array.from(label), h.leafOf);
    for (let j = 1; j < n; j++) expect(sorted.score[j - 1] <= sorted.score[j]).toBe(true);
    const got = rankingByCluster(sorted, leafToLevelMaps(h)[0], 3);
    const want = perCluster(score, label, leaf, 3);
    for (let g = 0; g < 3; g++) {
      expect(got.rocAuc[g]).toBe(want[g].roc);
      expect(got.averagePrecision[g]).toBe(want[g].ap);
    }
  });
});

describe('sweep and threshold moves equal src/stats thresholdSweep', () => {
  it('overall and per leaf, for random labelled scores', () => {
    const round4 = (x: number | null) => (x === null ? null : Math.round(x * 1e4) / 1e4);
    const item = fc.record({
      score: fc.oneof(fc.integer({ min: 0, max: 20 }).map((x) => x / 20), fc.double({ min: 0, max: 1, noNaN: true })),
      label: fc.integer({ min: 0, max: 1 }),
      leaf: fc.integer({ min: 0, max: 2 }),
    });
    fc.assert(
      fc.property(fc.array(item, { minLength: 1, maxLength: 60 }), fc.integer({ min: 2, max: 18 }), (items, t) => {
        const threshold = t / 20;
        const score = items.map((x) => x.score);
        const label = items.map((x) => x.label);
        const h = hierarchyOf(items.map((x) => x.leaf), 3);
        const m = scoreMetrics(h, verdictsOf('v', score.map((s) => (s >= threshold ? 1 : 0)), score, threshold), Int8Array.from(label));
        if (!m) throw new Error('expected score metrics');
        const grid = m.sweep.thresholds;
        const want = thresholdSweep(score, label, grid);
        expect(m.sweep.fpr).toEqual(want.map((p) => round4(p.fpr)));
        expect(m.sweep.fnr).toEqual(want.map((p) => round4(p.fnr)));
        for (let leaf = 0; leaf < 3; leaf++) {
          const idx = items.map((_, i) => i).filter((i) => items[i].leaf === leaf);
          const s = idx.map((i) => score[i]);
          const y = idx.map((i) => label[i]);
          const row = m.clusters.find((c) => c.cluster_id === `L0-00${leaf}`);
          expect(row?.sweep_fpr).toEqual(thresholdSweep(s, y, grid).map((p) => round4(p.fpr)));
          const [down, at, up] = thresholdSweep(s, y, [threshold - 0.05, threshold, threshold + 0.05]);
          expect(row?.shift_down_fp).toBe(down.fp - at.fp);
          expect(row?.shift_down_fn).toBe(down.fn - at.fn);
          expect(row?.shift_up_fp).toBe(up.fp - at.fp);
          expect(row?.shift_up_fn).toBe(up.fn - at.fn);
        }
      }),
      { numRuns: 200 },
    );
  });
});
