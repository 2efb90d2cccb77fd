/**
 * Slices get exactly the clusters' statistics: a dimension that partitions the conversations like the leaf
 * clusters gives the same numbers, field for field; suppressed slices keep their numbers but are never
 * pockets; Benjamini–Hochberg runs within a dimension; a value × cluster slice that its cluster explains is
 * not listed among the pockets.
 */
import { describe, expect, it } from 'vitest';
import { classifierMetrics, DEFAULT_METRICS_SETTINGS } from '../../src/metrics/confusion.js';
import { sliceMetrics } from '../../src/metrics/slices.js';
import { sliceDimensions, type SliceDimension } from '../../src/slicing/dimensions.js';
import { conversationsFromCounts, hierarchyOf, verdictsOf } from './fixtures.js';

// [tn, fp, fn, tp] per group: group 0 over-flags, group 3 is small.
const GROUPS = [
  [60, 40, 5, 40],
  [200, 10, 10, 80],
  [200, 10, 10, 80],
  [6, 1, 1, 2],
] as const;
const data = conversationsFromCounts(GROUPS);
const users = Int32Array.from(data.leafOf, (g, i) => (g === 3 ? i % 2 : 1000 + i));
const verdicts = verdictsOf('v1', data.flagged);
const dimension = (values: (string | null)[], minUsers = 5): SliceDimension[] =>
  sliceDimensions([{ field: 'channel', source: 'metadata', values }], { userOf: users, minUsers, minConversations: 1, cross: null });

describe('slice statistics', () => {
  it('a dimension that partitions like the leaf clusters has exactly the clusters\' statistics', () => {
    const names = ['a', 'b', 'c', 'd'];
    const dims = dimension(Array.from(data.leafOf, (g) => names[g]), 1);
    const slices = sliceMetrics(dims, verdicts, data.labels, DEFAULT_METRICS_SETTINGS).slices;
    const clusters = classifierMetrics(hierarchyOf(data.leafOf, GROUPS.length), verdicts, data.labels, DEFAULT_METRICS_SETTINGS, () => false).clusters;
    slices.forEach((slice, g) => {
      const { slice_id, dimension_id, field, value, missing, cluster_id, ...stats } = slice;
      const { cluster_id: _id, level: _level, ...expected } = clusters[g];
      expect([slice_id, dimension_id, field, value, missing, cluster_id]).toEqual([`S0-00${g}`, 'S0', 'channel', names[g], false, null]);
      expect(stats).toEqual(expected);
      expect(Object.keys(stats)).toEqual(Object.keys(expected));
    });
    expect(slices[0].pocket_fp).toBe(true);
  });

  it('ranks slice pockets by excess errors and never makes a suppressed slice a pocket', () => {
    // Group 3 (2 users) is suppressed at min-users 5; give it the over-flagging group's values too.
    const values = Array.from(data.leafOf, (g) => (g === 0 ? 'api' : g === 3 ? 'rare' : 'web'));
    const result = sliceMetrics(dimension(values), verdicts, data.labels, DEFAULT_METRICS_SETTINGS);
    expect(result.slices.map((s) => [s.value, s.suppressed])).toEqual([['api', false], [null, true], ['web', false]]);
    expect(result.slice_pockets.false_positive).toEqual(['S0-000']);
    expect(result.slices[1].n).toBe(10);
  });

  it('corrects within a dimension: a second dimension does not change the first one\'s q-values', () => {
    const values = Array.from(data.leafOf, (g) => (g === 0 ? 'api' : 'web'));
    const one = sliceMetrics(dimension(values), verdicts, data.labels, DEFAULT_METRICS_SETTINGS).slices;
    const two = sliceDimensions(
      [
        { field: 'channel', source: 'metadata', values },
        { field: 'n', source: 'metadata', values: Array.from(data.leafOf, (_, i) => String(i % 7)) },
      ],
      { userOf: users, minUsers: 1, minConversations: 1, cross: null },
    );
    const both = sliceMetrics(two, verdicts, data.labels, DEFAULT_METRICS_SETTINGS).slices;
    expect(both.slice(0, 2).map((s) => s.fpr_q)).toEqual(one.map((s) => s.fpr_q));
  });

  it('does not list a value × cluster slice whose cluster explains its rate', () => {
    const values = Array.from(data.leafOf, (_, i) => (i % 2 ? 'api' : 'web'));
    const clusterOf = Int32Array.from(data.leafOf, (g) => (g === 0 ? 0 : 1));
    const dims = sliceDimensions([{ field: 'channel', source: 'metadata', values }], {
      userOf: users,
      minUsers: 1,
      minConversations: 1,
      cross: { level: 0, clusterOf, clusterIds: ['L0-000', 'L0-001'], suppressed: [false, false] },
    });
    const clusters = classifierMetrics(hierarchyOf(clusterOf, 2), verdicts, data.labels, DEFAULT_METRICS_SETTINGS, () => false).clusters;
    const result = sliceMetrics(dims, verdicts, data.labels, DEFAULT_METRICS_SETTINGS, clusters);
    const crossPockets = result.slices.filter((s) => s.cluster_id === 'L0-000' && s.pocket_fp).map((s) => s.slice_id);
    expect(crossPockets.length).toBeGreaterThan(0);
    expect(result.slice_pockets.false_positive.filter((id) => crossPockets.includes(id))).toEqual([]);
  });
});
