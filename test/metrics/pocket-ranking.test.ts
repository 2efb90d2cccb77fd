/**
 * Pockets are listed once: a parent whose pocket children account for most of its excess errors (or whose
 * only shown child is itself a pocket) is the same errors again, so the ranking leaves it out; a parent
 * whose excess comes from children that are not pockets on their own stays.
 */
import { describe, expect, it } from 'vitest';
import { classifierMetrics, DEFAULT_METRICS_SETTINGS, type ClusterMetrics } from '../../src/metrics/confusion.js';
import { conversationsFromCounts, hierarchyOf, verdictsOf } from './fixtures.js';

// [tn, fp, fn, tp] per leaf. L0-000 misses most harmful items; L0-001 is small; L0-002…L0-004 are ordinary.
const LEAVES = [
  [50, 2, 30, 10],
  [5, 0, 2, 3],
  [100, 3, 5, 40],
  [100, 3, 5, 40],
  [100, 3, 5, 40],
] as const;
const data = conversationsFromCounts(LEAVES);
const run = (parentOf: number[], suppressed: string[] = []) =>
  classifierMetrics(
    hierarchyOf(data.leafOf, LEAVES.length, [parentOf]),
    verdictsOf('v1', data.flagged),
    data.labels,
    DEFAULT_METRICS_SETTINGS,
    (level, index) => suppressed.includes(`L${level}-${String(index).padStart(3, '0')}`),
  );
const row = (rows: ClusterMetrics[], id: string) => rows.find((r) => r.cluster_id === id) as ClusterMetrics;

describe('pocket ranking: each pocket once', () => {
  it('a parent whose pocket child accounts for most of its excess errors is left out of the list', () => {
    const m = run([0, 0, 1, 1, 1]);
    expect(row(m.clusters, 'L1-000').pocket_fn).toBe(true);
    expect(m.pockets.false_negative).toEqual(['L0-000']);
  });

  it('a parent whose excess errors come from children too small to be pockets is listed', () => {
    // Two leaves that each miss 12 of 18 harmful items: below min-support alone, a pocket together.
    const leaves = [[20, 0, 12, 6], [20, 0, 12, 6], [100, 3, 5, 40], [100, 3, 5, 40], [100, 3, 5, 40]] as const;
    const d = conversationsFromCounts(leaves);
    const m = classifierMetrics(hierarchyOf(d.leafOf, leaves.length, [[0, 0, 1, 1, 1]]), verdictsOf('v1', d.flagged), d.labels, DEFAULT_METRICS_SETTINGS, () => false);
    expect(row(m.clusters, 'L0-000').pocket_fn).toBe(false);
    expect(m.pockets.false_negative).toEqual(['L1-000']);
  });

  it('a parent whose only shown child is a pocket is left out of the list, but keeps its statistics', () => {
    const m = run([0, 0, 1, 1, 1], ['L0-001']);
    expect(m.pockets.false_negative).toEqual(['L0-000']);
    expect(row(m.clusters, 'L1-000').pocket_fn).toBe(true);
    expect(row(m.clusters, 'L1-000').fnr_q).toBeLessThan(0.05);
  });

  it('a parent with a single child is the same conversations: listed once, as the child', () => {
    const m = run([0, 1, 2, 2, 2]);
    expect(row(m.clusters, 'L1-000').pocket_fn).toBe(true);
    expect(m.pockets.false_negative).toEqual(['L0-000']);
  });

  it('a parent whose only shown child is not a pocket stays listed', () => {
    const m = run([0, 0, 1, 1, 1], ['L0-000']);
    expect(m.pockets.false_negative).toEqual(['L1-000', 'L0-000']);
    expect(row(m.clusters, 'L0-001').pocket_fn).toBe(false);
  });
});
