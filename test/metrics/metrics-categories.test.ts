/** FNR per label category per cluster (Wilson intervals as in scipy's binomtest(...).proportion_ci(method='wilson')). */
import { describe, expect, it } from 'vitest';
import { computeMetrics } from '../../src/metrics/index.js';
import { expectClose } from '../stats/expect-close.js';
import { hierarchyOf, verdictsOf } from './fixtures.js';

//            leaf, label, flagged, category
const ROWS: [number, number, number, string | null][] = [
  [0, 1, 0, 'hate'],
  [0, 1, 1, 'hate'],
  [0, 1, 0, 'fraud'],
  [0, 0, 1, 'hate'], // negatives' categories are ignored
  [1, 1, 1, 'fraud'],
  [1, 1, 0, null], // uncategorised positive
  [1, 1, -1, 'hate'], // no verdict: not counted
  [2, 0, 0, null],
];
const hierarchy = hierarchyOf(ROWS.map((r) => r[0]), 3, [[0, 0, 1]]);

describe('category FNRs', () => {
  const run = (categories: (string | null)[] | null) =>
    computeMetrics({
      hierarchy,
      classifiers: [verdictsOf('v', ROWS.map((r) => r[2]))],
      labels: Int8Array.from(ROWS.map((r) => r[1])),
      categories,
    }).classifiers[0].categories;

  it('counts positives and misses per category, sorted by name, with Wilson intervals', () => {
    const c = run(ROWS.map((r) => r[3]));
    expect(c?.names).toEqual(['fraud', 'hate']);
    expect(c?.uncategorised_positives).toBe(1);
    expect(c?.overall).toMatchObject({ positives: [2, 2], fn: [1, 1], fnr: [0.5, 0.5] });
    const leaf0 = c?.clusters.find((x) => x.cluster_id === 'L0-000');
    expect(leaf0).toMatchObject({ level: 0, positives: [1, 2], fn: [1, 1], fnr: [1, 0.5] });
    // binomtest(1, 2).proportion_ci(0.95, 'wilson') = (0.09453120573423074, 0.9054687942657693)
    expectClose(leaf0?.fnr_ci[1]?.[0], 0.09453120573423074, 1e-12);
    expectClose(leaf0?.fnr_ci[1]?.[1], 0.9054687942657693, 1e-12);
    expect(c?.clusters.find((x) => x.cluster_id === 'L0-001')).toMatchObject({ positives: [1, 0], fn: [0, 0], fnr: [0, null], fnr_ci: [[0, expect.any(Number)], null] });
    // Leaf 2 has no categorised positive: left out. The parent of leaves 0 and 1 sums them.
    expect(c?.clusters.map((x) => x.cluster_id)).toEqual(['L0-000', 'L0-001', 'L1-000']);
    expect(c?.clusters[2]).toMatchObject({ positives: [2, 2], fn: [1, 1] });
  });

  it('is null when no positive carries a category', () => {
    expect(run(null)).toBeNull();
    expect(run(ROWS.map(() => null))).toBeNull();
    expect(run(ROWS.map(() => ''))).toBeNull();
  });
});
