/** Degenerate inputs: empty and single-item clusters, no positives, all flagged, no labels, nothing at all. */
import { describe, expect, it } from 'vitest';
import { toJson } from '../../src/artifacts/canonical-json.js';
import { computeMetrics } from '../../src/metrics/index.js';
import { hierarchyOf, nonFiniteNumbers, verdictsOf } from './fixtures.js';

const SCORES = [0.9, 0.2, 0.6, 0.4, 0.8, 0.1];

describe('guard rails', () => {
  it('an empty cluster and a single-item cluster give nulls, not NaN', () => {
    // Leaf 1 is empty; leaf 2 holds one false positive.
    const h = hierarchyOf([0, 0, 0, 0, 0, 2], 3, [[0, 0, 1]]);
    const r = computeMetrics({
      hierarchy: h,
      classifiers: [verdictsOf('v', [1, 0, 1, 0, 1, 1], SCORES, 0.5)],
      labels: Int8Array.of(1, 0, 1, 1, 0, 0),
      categories: ['hate', null, 'fraud', 'hate', null, null],
    });
    const m = r.classifiers[0];
    const empty = m.clusters.find((c) => c.cluster_id === 'L0-001');
    expect(empty).toMatchObject({ n: 0, fpr: null, fpr_ci: null, fpr_p: null, fpr_q: null, fnr: null, excess_fp: 0, share_fp: 0 });
    const single = m.clusters.find((c) => c.cluster_id === 'L0-002');
    expect(single).toMatchObject({ n: 1, fp: 1, fpr: 1, fnr: null, fnr_p: null });
    expect(single?.fpr_ci?.[1]).toBe(1);
    expect(single?.fpr_p).toBeGreaterThan(0);
    const scored = m.scores?.clusters.find((c) => c.cluster_id === 'L0-002');
    expect(scored).toMatchObject({ scored: 1, roc_auc: null, pr_auc: null });
    expect(m.scores?.clusters.find((c) => c.cluster_id === 'L0-001')?.sweep_fpr?.every((x) => x === null)).toBe(true);
    expect(nonFiniteNumbers(r)).toEqual([]);
    expect(toJson(r)).not.toMatch(/NaN|Infinity/);
  });

  it('a classifier with no positives in the labels: FNR-side statistics are null', () => {
    const h = hierarchyOf([0, 0, 1, 1], 2);
    const m = computeMetrics({
      hierarchy: h,
      classifiers: [verdictsOf('v', [1, 0, 0, 0], [0.7, 0.1, 0.2, 0.3], null)],
      labels: Int8Array.of(0, 0, 0, 0),
      categories: ['hate', null, null, null],
    }).classifiers[0];
    expect(m.overall).toMatchObject({ fnr: null, fnr_ci: null, recall: null, precision: 0, prevalence: 0, fpr: 0.25 });
    expect(m.clusters.every((c) => c.fnr_p === null && c.fnr_q === null && c.excess_fn === null && c.share_fn === null)).toBe(true);
    expect(m.pockets.false_negative).toEqual([]);
    expect(m.categories).toBeNull();
    expect(m.scores).toMatchObject({ roc_auc: null, pr_auc: null, positives: 0, operating_threshold: 0.4, threshold_source: 'inferred' });
    expect(nonFiniteNumbers(m)).toEqual([]);
  });

  it('an all-flagged classifier: FPR 1 everywhere, p = 1, no pockets, no inferred threshold', () => {
    const h = hierarchyOf([0, 0, 0, 1, 1, 1], 2);
    const m = computeMetrics({
      hierarchy: h,
      classifiers: [verdictsOf('v', [1, 1, 1, 1, 1, 1], SCORES)],
      labels: Int8Array.of(0, 0, 1, 0, 1, 1),
    }).classifiers[0];
    expect(m.overall).toMatchObject({ fpr: 1, fnr: 0, flag_rate: 1 });
    for (const c of m.clusters) {
      expect(c.fpr_p).toBe(1);
      expect(c.fpr_q).toBe(1);
      expect(c.excess_fp).toBe(0);
    }
    expect(m.pockets).toEqual({ false_positive: [], false_negative: [] });
    expect(m.scores?.shift).toBeNull();
    expect(nonFiniteNumbers(m)).toEqual([]);
  });

  it('all-flagged and never-flagged classifiers in proxy mode', () => {
    const h = hierarchyOf([0, 0, 1, 1], 2);
    const r = computeMetrics({
      hierarchy: h,
      classifiers: [verdictsOf('all', [1, 1, 1, 1]), verdictsOf('none', [0, 0, 0, 0]), verdictsOf('missing', [-1, -1, -1, -1])],
      labels: null,
      concern: Float64Array.of(1, 1, 5, 5),
      settings: { alpha: 0.05, minEffect: 0.05, minSupport: 0 },
    });
    for (const m of r.classifiers) {
      expect(m.proxy?.candidates).toEqual({ false_positive: [], false_negative: [] });
      expect(m.proxy?.correlation[0].r).toBeNull(); // flag rate constant (or absent) across clusters
    }
    expect(r.classifiers[2].proxy?.overall_flag_rate).toBeNull();
    expect(r.classifiers[2].proxy?.clusters[0]).toMatchObject({ verdicts: 0, flag_rate: null, flag_rate_ci: null, over_flag_p: null });
    expect(nonFiniteNumbers(r)).toEqual([]);
  });

  it('labels given but none usable, and no conversations at all', () => {
    const h = hierarchyOf([0, 0], 1);
    const r = computeMetrics({ hierarchy: h, classifiers: [verdictsOf('v', [1, 0], [0.9, 0.1], 0.5)], labels: Int8Array.of(-1, -1) });
    expect(r.mode).toBe('labelled');
    expect(r.classifiers[0].overall.n).toBe(0);
    expect(r.classifiers[0].scores?.scored).toBe(0);
    expect(nonFiniteNumbers(r)).toEqual([]);
    const none = computeMetrics({ hierarchy: hierarchyOf([], 1), classifiers: [verdictsOf('v', [])], labels: new Int8Array(0) });
    expect(none.classifiers[0].clusters).toHaveLength(1);
    expect(nonFiniteNumbers(none)).toEqual([]);
    const noLevels = computeMetrics({ hierarchy: { dim: 0, levels: [], leafOf: new Int32Array(0) }, classifiers: [verdictsOf('v', [])], labels: null });
    expect(noLevels.classifiers[0].clusters).toEqual([]);
  });
});
