/**
 * Design-based rates from a labelled sample: a small design checked number by number against a reference
 * computed unit by unit (numpy / scipy), and a sample of every conversation, which must give exactly the
 * numbers of the fully labelled run.
 */
import { describe, expect, it } from 'vitest';
import type { Hierarchy } from '../../src/clustering/hierarchy.js';
import { classifierMetrics, DEFAULT_METRICS_SETTINGS } from '../../src/metrics/confusion.js';
import { designClassifierMetrics } from '../../src/metrics/design-metrics.js';
import { designWeights, type SampleDesign } from '../../src/metrics/design.js';
import type { ClassifierVerdicts } from '../../src/metrics/join.js';
import { buildStrata } from '../../src/sampling/strata.js';
import { expectClose } from '../stats/expect-close.js';

/** 200 conversations, two leaves of 100; leaf 0 flags 20, leaf 1 flags 10. */
function tinyPopulation() {
  const n = 200;
  const leafOf = Int32Array.from({ length: n }, (_, i) => (i < 100 ? 0 : 1));
  const flagged = Int8Array.from({ length: n }, (_, i) => (i < 20 || (i >= 100 && i < 110) ? 1 : 0));
  const hierarchy: Hierarchy = { dim: 0, leafOf, levels: [{ level: 0, k: 2, centroids: new Float32Array(0), sizes: Int32Array.of(100, 100), parentOf: null }] };
  const verdicts: ClassifierVerdicts = { name: 'v', flagged, score: new Float64Array(n).fill(NaN), hasScores: false, threshold: null, missing: 0 };
  return { n, leafOf, flagged, hierarchy, verdicts };
}

describe('designClassifierMetrics on a small design (numpy/scipy reference)', () => {
  // Strata: A = leaf 0 flagged (N 20), B = leaf 0 not flagged (80), C = leaf 1 flagged (10), D = leaf 1 not flagged (90).
  // Drawn and labelled: A: 0, 1 benign (fp), 2, 3 harmful (tp); B: 20, 21, 22 benign (tn), 23 harmful (fn);
  // C: 100, 101 harmful (tp); D: 110, 111, 112 benign (tn).
  const { n, hierarchy, verdicts } = tinyPopulation();
  const labels = new Int8Array(n).fill(-1);
  const stratumOf = new Int32Array(n).fill(-1);
  const draw = (h: number, pairs: [number, number][]) => pairs.forEach(([i, label]) => ((stratumOf[i] = h), (labels[i] = label)));
  draw(0, [[0, 0], [1, 0], [2, 1], [3, 1]]);
  draw(1, [[20, 0], [21, 0], [22, 0], [23, 1]]);
  draw(2, [[100, 1], [101, 1]]);
  draw(3, [[110, 0], [111, 0], [112, 0]]);
  const design: SampleDesign = { strata: ['A', 'B', 'C', 'D'], population: Float64Array.of(20, 80, 10, 90), drawn: Int32Array.of(4, 4, 2, 3), stratumOf };
  const weights = designWeights(design, labels);
  const metrics = designClassifierMetrics(hierarchy, verdicts, labels, design, { population: design.population, labelled: weights.labelled }, DEFAULT_METRICS_SETTINGS, () => false);
  const [leaf0, leaf1] = metrics.clusters;

  it('weighs each labelled conversation N_h / m_h and estimates the population counts', () => {
    expect(Array.from(weights.labelled)).toEqual([4, 4, 2, 3]);
    expect(weights.weight[0]).toBe(5);
    expect(weights.weight[20]).toBe(20);
    expect(weights.weight[5]).toBe(0);
    expect(metrics.design?.clusters[0]).toMatchObject({ est_tp: 10, est_fp: 10, est_tn: 60, est_fn: 20 });
    // the counts shown stay the labelled sample's
    expect([leaf0.tp, leaf0.fp, leaf0.tn, leaf0.fn, leaf0.n]).toEqual([2, 2, 3, 1, 8]);
    expect([leaf0.verdicts, leaf0.flagged]).toEqual([100, 20]);
  });

  it('FPR and FNR are ratio estimates, with Wilson intervals at the effective sample size', () => {
    // leaf 0 FPR: 10/70, V = 0.00558100791336943 → r(1 − r)/V = 21.9, truncated at the 8 labelled conversations
    expectClose(leaf0.fpr, 1 / 7, 1e-15);
    expect(metrics.design?.clusters[0].fpr_n_eff).toBe(8);
    expectClose(leaf0.fpr_ci?.[0], 0.02818091895088501, 1e-12);
    expectClose(leaf0.fpr_ci?.[1], 0.4892530559661723, 1e-12);
    // leaf 0 FNR: 20/30, V = 0.060082304526748974 → n_eff = (2/9)/V = 3.699
    expectClose(leaf0.fnr, 2 / 3, 1e-15);
    expectClose(metrics.design?.clusters[0].fnr_n_eff, 0.2222222222222222 / 0.060082304526748974, 1e-12);
    expectClose(leaf0.fnr_ci?.[0], 0.23473047959043097, 1e-12);
    expectClose(leaf0.fnr_ci?.[1], 0.9287790916160126, 1e-12);
    // leaf 1: no error drawn; V = 0, so Kish's n_eff of the denominator: 3 equal weights (FPR), 2 (FNR)
    expect(leaf1.fpr).toBe(0);
    expect(metrics.design?.clusters[1].fpr_n_eff).toBe(3);
    expect(metrics.design?.clusters[1].fnr_n_eff).toBe(2);
    // overall: 10/160 and 20/40
    expectClose(metrics.overall.fpr, 0.0625, 1e-15);
    expectClose(metrics.overall.fnr, 0.5, 1e-15);
    expect(metrics.overall.precision).toBe(20 / 30);
  });

  it('tests "the cluster is worse than the rest" with Fisher on effective counts (scipy)', () => {
    // FPR: [[round(8/7), 8 − 1], [0, 3]]; FNR: [[round(2/3 · 3.699), 4 − 2], [0, 2]]
    expectClose(leaf0.fpr_p, 0.7272727272727273, 1e-12);
    expectClose(leaf0.fnr_p, 0.4, 1e-12);
    expect(leaf0.excess_fp).toBeCloseTo(10 - 70 * 0.0625, 12);
    expect(leaf0.share_fp).toBe(1);
  });
});

describe('a sample of every conversation', () => {
  it('gives exactly the numbers of the fully labelled run', () => {
    const { n, leafOf, flagged, hierarchy, verdicts } = tinyPopulation();
    const labels = Int8Array.from({ length: n }, (_, i) => ((i * 7) % 5 === 0 ? 1 : (i * 3) % 11 === 0 ? 1 : 0));
    const strata = buildStrata(leafOf, ['L0-000', 'L0-001'], flagged);
    const stratumOf = new Int32Array(n);
    strata.members.forEach((members, h) => members.forEach((i) => (stratumOf[i] = h)));
    const design: SampleDesign = { strata: strata.names, population: Float64Array.from(strata.members, (m) => m.length), drawn: Int32Array.from(strata.members, (m) => m.length), stratumOf };
    const frame = { population: design.population, labelled: designWeights(design, labels).labelled };
    const sampled = designClassifierMetrics(hierarchy, verdicts, labels, design, frame, DEFAULT_METRICS_SETTINGS, () => false);
    const full = classifierMetrics(hierarchy, verdicts, labels, DEFAULT_METRICS_SETTINGS, () => false);
    expect(sampled.pockets).toEqual(full.pockets);
    for (const [j, row] of full.clusters.entries()) {
      for (const [key, value] of Object.entries(row)) {
        const got = (sampled.clusters[j] as unknown as Record<string, unknown>)[key];
        if (typeof value === 'number') expect(got, key).toBeCloseTo(value, 12);
        else if (Array.isArray(value)) value.forEach((v, k) => expect((got as number[])[k], key).toBeCloseTo(v as number, 12));
        else expect(got, key).toEqual(value);
      }
    }
  });
});
