/**
 * Proxy mode (no labels): flag rate vs mean concern. Reference values from scipy 1.17:
 * fisher_exact([[flagged, unflagged], [flagged elsewhere, unflagged elsewhere]], alternative='greater'),
 * false_discovery_control(..., method='bh'), pearsonr(flag rates, mean concerns).
 */
import { describe, expect, it } from 'vitest';
import { computeMetrics, concernFromFacets } from '../../src/metrics/index.js';
import { PROXY_NOTE } from '../../src/metrics/proxy.js';
import type { Facets } from '../../src/types.js';
import { expectClose } from '../stats/expect-close.js';
import { hierarchyOf, nonFiniteNumbers, verdictsOf } from './fixtures.js';

// Four leaves of 40 conversations: flagged 30 / 2 / 10 / 10, concern 1 / 4 / 2 / 3 (all conversations).
const FLAGGED_PER_LEAF = [30, 2, 10, 10];
const CONCERN_PER_LEAF = [1, 4, 2, 3];
const leafOf: number[] = [];
const flagged: number[] = [];
const concern: number[] = [];
FLAGGED_PER_LEAF.forEach((f, leaf) => {
  for (let i = 0; i < 40; i++) {
    leafOf.push(leaf);
    flagged.push(i < f ? 1 : 0);
    concern.push(CONCERN_PER_LEAF[leaf]);
  }
});
const hierarchy = hierarchyOf(leafOf, 4, [[0, 0, 1, 1]]);

describe('proxy mode', () => {
  const result = computeMetrics({ hierarchy, classifiers: [verdictsOf('v', flagged)], labels: null, concern: Float64Array.from(concern) });
  const proxy = result.classifiers[0].proxy;
  if (!proxy) throw new Error('expected proxy metrics');
  const clusterRow = (id: string) => proxy.clusters.find((r) => r.cluster_id === id);

  it('says plainly that it is a proxy', () => {
    expect(result.mode).toBe('proxy');
    expect(result.note).toBe(PROXY_NOTE);
    expect(proxy.note).toMatch(/not error rates/);
    expect(result.classifiers[0].scores).toBeNull();
  });

  it('tests flag rates one-sided both ways against the rest, with BH per level', () => {
    expect(proxy.overall_flag_rate).toBe(52 / 160);
    expectClose(clusterRow('L0-000')?.over_flag_p, 1.3050765957637565e-10, 1e-10);
    expectClose(clusterRow('L0-000')?.over_flag_q, 5.220306383055026e-10, 1e-10);
    expectClose(clusterRow('L0-001')?.under_flag_p, 3.4816601577730415e-6, 1e-10);
    expectClose(clusterRow('L0-001')?.under_flag_q, 1.3926640631092166e-5, 1e-10);
    expectClose(clusterRow('L0-002')?.under_flag_q, 0.22010731315949056, 1e-10);
    expectClose(clusterRow('L0-000')?.flag_rate_ci?.[0], 0.5980603857923197, 1e-12);
    expect(clusterRow('L0-000')).toMatchObject({ verdicts: 40, flagged: 30, flag_rate: 0.75, concern_n: 40, mean_concern: 1, excess_flags: 30 - 40 * 0.325 });
  });

  it('marks high-flag/low-concern and low-flag/high-concern clusters as candidates', () => {
    expect(clusterRow('L0-000')?.candidate).toBe('false_positive');
    expect(clusterRow('L0-001')?.candidate).toBe('false_negative');
    expect(clusterRow('L0-002')?.candidate).toBeNull();
    expect(proxy.candidates).toEqual({ false_positive: ['L0-000'], false_negative: ['L0-001'] });
  });

  it('a low-flag cluster with middling concern is not a false-negative candidate', () => {
    const mild = concern.map((c) => (c === 4 ? 2.5 : c));
    const m = computeMetrics({ hierarchy, classifiers: [verdictsOf('v', flagged)], labels: null, concern: Float64Array.from(mild) });
    expect(m.classifiers[0].proxy?.candidates.false_negative).toEqual([]);
  });

  it('correlates flag rate with mean concern across the clusters of each level', () => {
    expect(proxy.correlation[0].clusters).toBe(4);
    expectClose(proxy.correlation[0].r, -0.9079091724509455, 1e-12);
    expect(proxy.correlation[1].clusters).toBe(2);
    expect(proxy.mean_concern).toBe(2.5);
  });

  it('without any concern: flag rates only, no candidates, no NaN', () => {
    const m = computeMetrics({ hierarchy, classifiers: [verdictsOf('v', flagged)], labels: null, concern: null });
    const p = m.classifiers[0].proxy;
    expect(p?.candidates).toEqual({ false_positive: [], false_negative: [] });
    expect(p?.correlation.every((c) => c.r === null && c.clusters === 0)).toBe(true);
    expect(p?.mean_concern).toBeNull();
    expect(p?.clusters[0].flag_rate).toBe(0.75);
    expect(nonFiniteNumbers(m)).toEqual([]);
  });

  it('takes concern from the facets', () => {
    const facets = [{ concern: 4 }, {}, { concern: 2 }] as Facets[];
    expect(Array.from(concernFromFacets(facets) ?? [])).toEqual([4, NaN, 2]);
    expect(concernFromFacets([{}] as Facets[])).toBeNull();
  });
});
