/**
 * Per-cluster statistics against reference values. Expected numbers were computed with scipy 1.17:
 *   fisher_exact([[fp, tn], [fp_all − fp, tn_all − tn]], alternative='greater')[1]   (fnr: fn, tp)
 *   binomtest(k, n).proportion_ci(0.95, 'wilson')
 *   false_discovery_control(p_of_clusters_with_denominator, method='bh')
 * for leaves (tn, fp, fn, tp) = (40,12,3,20), (55,2,10,8), (30,5,1,25), (0,0,2,0), (60,9,4,4);
 * parents L1-000 = leaves 0–2, L1-001 = leaves 3–4.
 */
import { describe, expect, it } from 'vitest';
import { classifierMetrics, DEFAULT_METRICS_SETTINGS, type ClusterMetrics } from '../../src/metrics/confusion.js';
import { expectClose } from '../stats/expect-close.js';
import { conversationsFromCounts, hierarchyOf, verdictsOf } from './fixtures.js';

const LEAVES = [
  [40, 12, 3, 20],
  [55, 2, 10, 8],
  [30, 5, 1, 25],
  [0, 0, 2, 0],
  [60, 9, 4, 4],
] as const;
const data = conversationsFromCounts(LEAVES);
const hierarchy = hierarchyOf(data.leafOf, 5, [[0, 0, 0, 1, 1]]);
const never = () => false;
const referenceMetrics = (minSupport = 20) =>
  classifierMetrics(hierarchy, verdictsOf('v7', data.flagged), data.labels, { ...DEFAULT_METRICS_SETTINGS, minSupport }, never);
const byId = (rows: ClusterMetrics[], id: string) => rows.find((r) => r.cluster_id === id) as ClusterMetrics;

// [fpr_p, fpr_q, fnr_p, fnr_q, fpr_ci, fnr_ci] from scipy (null where the denominator is 0).
const SCIPY: Record<string, [number | null, number | null, number, number, [number, number] | null, [number, number]]> = {
  'L0-000': [0.01695057937812725, 0.067802317512509, 0.9802592856009192, 0.9999473436402488, [0.13724260925492748, 0.36133782558099836], [0.045376590936312355, 0.32127482270095964]],
  'L0-001': [0.9989407385087032, 0.9989407385087032, 0.0021687050748572167, 0.010843525374286084, [0.009675664344932874, 0.11920781367625806], [0.33716415642042774, 0.7544048187299437]],
  'L0-002': [0.5033715621631333, 0.787151060761276, 0.9999473436402488, 0.9999473436402488, [0.06260231079433712, 0.29375554086595146], [0.006821984993543473, 0.18892778903034757]],
  'L0-003': [null, null, 0.06493506493506493, 0.16233766233766234, null, [0.34238022750665303, 1.0]],
  'L0-004': [0.590363295570957, 0.787151060761276, 0.11566712380912651, 0.19277853968187753, [0.07016627839603491, 0.2296829993958729], [0.21521606221387757, 0.7847839377861224]],
  'L1-000': [0.5808497789779787, 0.590363295570957, 0.9977401488596113, 0.9977401488596113, [0.08612287093995372, 0.19689286195700392], [0.12875685189029124, 0.3207180650688247]],
  'L1-001': [0.590363295570957, 0.590363295570957, 0.016216714999525022, 0.032433429999050044, [0.07016627839603491, 0.2296829993958729], [0.3126737697336583, 0.8318196702937639]],
};

describe('per-cluster statistics match scipy', () => {
  const metrics = referenceMetrics();
  for (const [id, [fprP, fprQ, fnrP, fnrQ, fprCi, fnrCi]] of Object.entries(SCIPY)) {
    it(`${id}: Fisher p, BH q and Wilson intervals`, () => {
      const row = byId(metrics.clusters, id);
      if (fprP === null) {
        expect(row.fpr_p).toBeNull();
        expect(row.fpr_q).toBeNull();
        expect(row.fpr_ci).toBeNull();
        expect(row.fpr).toBeNull();
      } else {
        expectClose(row.fpr_p, fprP, 1e-12);
        expectClose(row.fpr_q, fprQ as number, 1e-12);
        expectClose(row.fpr_ci?.[0], (fprCi as [number, number])[0], 1e-12);
        expectClose(row.fpr_ci?.[1], (fprCi as [number, number])[1], 1e-12);
      }
      expectClose(row.fnr_p, fnrP, 1e-12);
      expectClose(row.fnr_q, fnrQ, 1e-12);
      expectClose(row.fnr_ci?.[0], fnrCi[0], 1e-12);
      expectClose(row.fnr_ci?.[1], fnrCi[1], 1e-12);
    });
  }

  it('BH q is assigned by rank, not by sort index (the leaf p-values are in neither order)', () => {
    // Leaf FNR p ascending is L0-001, L0-003, L0-004, L0-000, L0-002: argsort [1,3,4,0,2] ≠ ranks [3,0,4,1,2].
    const q = metrics.clusters.filter((r) => r.level === 0).map((r) => r.fnr_q);
    expect(q[1]).toBeLessThan(0.05);
    expect(q[3]).toBeCloseTo(0.16233766233766234, 12);
    expect(q[4]).toBeCloseTo(0.19277853968187753, 12);
  });

  it('counts, rates, excess and shares', () => {
    expect(metrics.overall).toMatchObject({ n: 290, tn: 185, fp: 28, fn: 20, tp: 57 });
    const row = byId(metrics.clusters, 'L0-000');
    expect(row).toMatchObject({ n: 75, tn: 40, fp: 12, fn: 3, tp: 20, fpr: 12 / 52, fnr: 3 / 23, precision: 20 / 32, recall: 20 / 23 });
    expect(row.flag_rate).toBe(32 / 75);
    expect(row.prevalence).toBe(23 / 75);
    expect(row.excess_fp).toBeCloseTo(12 - 52 * (28 / 213), 12);
    expect(row.share_fp).toBe(12 / 28);
    expect(byId(metrics.clusters, 'L1-001')).toMatchObject({ tn: 60, fp: 9, fn: 6, tp: 4 });
  });

  it('a pocket needs q < alpha, the minimum effect and the minimum support', () => {
    // L0-001: FNR 10/18 vs 20/77 overall, q ≈ 0.011, but only 18 positives (< 20).
    expect(referenceMetrics(20).pockets.false_negative).toEqual([]);
    // With min-support 10, L0-001 (excess ≈ 5.3) and L1-001 (6/10, q ≈ 0.032, excess ≈ 3.4) qualify.
    const pockets = referenceMetrics(10).pockets;
    expect(pockets.false_negative).toEqual(['L0-001', 'L1-001']);
    // L0-000's FPR p = 0.017 but q = 0.068 ≥ 0.05: never a pocket.
    expect(pockets.false_positive).toEqual([]);
  });
});
