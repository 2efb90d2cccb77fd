/**
 * Flag-rate pockets (proxy mode without a concern score): the run's pocket rule applied to the flag rate,
 * at its edges; a parent is listed only when its own pocket leaves do not already show its excess flags.
 */
import { describe, expect, it } from 'vitest';
import type { ClusterRecord } from '../../src/artifacts/cluster-record.js';
import type { ProxyClusterMetrics, ProxyMetrics } from '../../src/metrics/proxy.js';
import { flagRatePockets, flagRatesOnly, proxyTotals, sampleCommand } from '../../src/render/flag-rate-pockets.js';

const RULE = { alpha: 0.05, minEffect: 0.05, minSupport: 20 };

function row(cluster_id: string, verdicts: number, flagged: number, q: number, overall = 0.2): ProxyClusterMetrics {
  return {
    cluster_id,
    level: Number(cluster_id[1]),
    verdicts,
    flagged,
    flag_rate: flagged / verdicts,
    flag_rate_ci: [0, 1],
    excess_flags: flagged - verdicts * overall,
    concern_n: 0,
    mean_concern: null,
    over_flag_p: q,
    over_flag_q: q,
    under_flag_p: 1,
    under_flag_q: 1,
    candidate: null,
  };
}

function proxy(clusters: ProxyClusterMetrics[], concern_n = 0): ProxyMetrics {
  return { note: '', overall_flag_rate: 0.2, concern_n, mean_concern: null, correlation: [], candidates: { false_positive: [], false_negative: [] }, clusters };
}

function record(cluster_id: string, parent_id: string | null, suppressed = false): ClusterRecord {
  return { cluster_id, parent_id, level: Number(cluster_id[1]), label: null, description: null, size: 0, unique_users: 0, suppressed, suppression_reason: null, terms: [], examples: [] };
}

describe('the rule', () => {
  it('needs q below alpha, a flag rate at least min-effect above the average and min-support verdicts', () => {
    const rows = [
      row('L0-000', 100, 26, 0.01), // +6 points: a pocket
      row('L0-001', 100, 24, 0.01), // +4 points: too small
      row('L0-002', 100, 60, 0.05), // q = alpha: not below it
      row('L0-003', 19, 19, 0.001), // too few verdicts
      row('L0-004', 20, 20, 0.001), // just enough
    ];
    const clusters = rows.map((r) => record(r.cluster_id, null));
    expect(flagRatePockets(proxy(rows), RULE, clusters).map((r) => r.cluster_id)).toEqual(['L0-004', 'L0-000']);
  });

  it('is empty when the classifier has no verdicts', () => {
    expect(flagRatePockets({ ...proxy([row('L0-000', 100, 90, 0.001)]), overall_flag_rate: null }, RULE, [])).toEqual([]);
  });
});

describe('parents', () => {
  const leaves = [row('L0-000', 100, 70, 0.001), row('L0-001', 100, 20, 0.9), row('L0-002', 100, 60, 0.001), row('L0-003', 100, 10, 0.99)];
  const parents = [row('L1-000', 200, 90, 0.001), row('L1-001', 200, 70, 0.001)];
  const clusters = [record('L0-000', 'L1-000'), record('L0-001', 'L1-000'), record('L0-002', 'L1-001'), record('L0-003', 'L1-001', true), record('L1-000', null), record('L1-001', null)];

  it('a parent whose pocket leaves hold most of its excess flags is left out; so is one with a single shown child that is a pocket', () => {
    // L1-000: excess 50, its pocket leaf L0-000 has 50 → left out. L1-001: its only shown child (L0-003 is suppressed) is a pocket → left out.
    expect(flagRatePockets(proxy([...leaves, ...parents]), RULE, clusters).map((r) => r.cluster_id)).toEqual(['L0-000', 'L0-002']);
  });

  it('a parent is listed when its excess is mostly outside its pocket leaves', () => {
    const wide = [row('L1-000', 400, 200, 0.001), row('L1-001', 200, 70, 0.001)];
    expect(flagRatePockets(proxy([...leaves, ...wide]), RULE, clusters).map((r) => r.cluster_id)).toEqual(['L1-000', 'L0-000', 'L0-002']);
  });
});

describe('what proxy mode has', () => {
  it('flag rates only when no conversation has a concern score', () => {
    expect(flagRatesOnly(proxy([]))).toBe(true);
    expect(flagRatesOnly(proxy([], 12))).toBe(false);
    expect(flagRatesOnly(null)).toBe(false);
  });

  it('totals over the leaves', () => {
    expect(proxyTotals(proxy([row('L0-000', 100, 70, 1), row('L0-001', 50, 5, 1), row('L1-000', 150, 75, 1)]))).toEqual({ verdicts: 150, flagged: 75 });
  });

  it('the sample command names the run folder, quoted for a shell when it must be', () => {
    expect(sampleCommand('reports/prod')).toBe('misfire sample --run reports/prod --budget N --classifier NAME');
    expect(sampleCommand("my runs/it's")).toBe(`misfire sample --run 'my runs/it'\\''s' --budget N --classifier NAME`);
  });
});
