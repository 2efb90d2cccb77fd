/**
 * What a run without labels can still say (proxy mode): how often each classifier flags, and its
 * **flag-rate pockets** — clusters it flags significantly more often than its own average, by the pocket
 * rule of the run applied to the flag rate (metrics.json proxy rows: BH-adjusted one-sided Fisher q <
 * alpha, flag rate ≥ overall + min-effect, ≥ min-support verdicts). A flag-rate pocket may hold more
 * harmful conversations rather than more errors; only labels can tell. Ranked and listed once like the
 * error pockets: a parent whose pocket children account for most of its excess flags is left out.
 */
import type { ClusterRecord } from '../artifacts/cluster-record.js';
import type { ProxyClusterMetrics, ProxyMetrics } from '../metrics/proxy.js';
import { EXPLAINED_SHARE } from '../metrics/pocket-ranking.js';

/** The run's pocket rule (metrics.json `settings`). */
export interface PocketRule {
  alpha: number;
  minEffect: number;
  minSupport: number;
}

/**
 * The run has no labels and no concern score: the report can show flag rates only.
 * @example
 * flagRatesOnly(classifier.proxy); // true for a run of the offline provider without labels or a `concern` field
 */
export function flagRatesOnly(proxy: ProxyMetrics | null): boolean {
  return proxy !== null && proxy.concern_n === 0;
}

/**
 * Verdicts and flags of a classifier over every conversation (its leaf clusters' sums).
 * @example
 * proxyTotals(classifier.proxy); // { verdicts: 3000, flagged: 1027 }
 */
export function proxyTotals(proxy: ProxyMetrics): { verdicts: number; flagged: number } {
  const leaves = proxy.clusters.filter((r) => r.level === 0);
  return { verdicts: leaves.reduce((s, r) => s + r.verdicts, 0), flagged: leaves.reduce((s, r) => s + r.flagged, 0) };
}

/**
 * The flag-rate pockets of a classifier, most excess flags first (ties: lower level, then id).
 * @example
 * flagRatePockets(classifier.proxy, { alpha: 0.05, minEffect: 0.05, minSupport: 20 }, clusters); // [{ cluster_id: 'L0-006', flag_rate: 0.87, … }, …]
 */
export function flagRatePockets(proxy: ProxyMetrics, rule: PocketRule, clusters: Iterable<ClusterRecord>): ProxyClusterMetrics[] {
  const overall = proxy.overall_flag_rate;
  if (overall === null) return [];
  const isPocket = (r: ProxyClusterMetrics) =>
    r.over_flag_q !== null && r.over_flag_q < rule.alpha && r.flag_rate !== null && r.flag_rate - overall >= rule.minEffect && r.verdicts >= rule.minSupport;
  const rows = new Map(proxy.clusters.map((r) => [r.cluster_id, r]));
  const shownChildren = new Map<string, ProxyClusterMetrics[]>();
  for (const c of clusters) {
    const row = rows.get(c.cluster_id);
    if (c.parent_id === null || c.suppressed || !row) continue;
    shownChildren.set(c.parent_id, [...(shownChildren.get(c.parent_id) ?? []), row]);
  }
  const excess = (r: ProxyClusterMetrics) => r.excess_flags ?? 0;
  return proxy.clusters
    .filter(isPocket)
    .filter((r) => {
      const children = shownChildren.get(r.cluster_id) ?? [];
      if (children.length === 1 && isPocket(children[0])) return false;
      const explained = children.filter(isPocket).reduce((sum, child) => sum + Math.max(0, excess(child)), 0);
      return !(explained > 0 && explained >= EXPLAINED_SHARE * excess(r));
    })
    .sort((a, b) => excess(b) - excess(a) || a.level - b.level || (a.cluster_id < b.cluster_id ? -1 : 1));
}

/**
 * How to get error rates instead: the `misfire sample` command line for this run.
 * @example
 * sampleCommand('reports/prod'); // 'misfire sample --run reports/prod --budget N --classifier NAME'
 */
export function sampleCommand(runDir: string): string {
  const run = /^[\w./:@%+=,-]+$/.test(runDir) ? runDir : `'${runDir.replace(/'/g, "'\\''")}'`;
  return `misfire sample --run ${run} --budget N --classifier NAME`;
}
