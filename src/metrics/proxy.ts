/**
 * Proxy mode (Clio §4.3), used when no labels are given: per cluster, the classifier's flag rate
 * next to the mean concern (1–5) of its conversations. Not an error rate — a pointer to where to look.
 *
 * Rule (documented in src/render/methods.ts): a cluster is a **false-positive candidate** when its flag
 * rate exceeds the classifier's overall flag rate by ≥ min-effect, the one-sided Fisher test of
 * "flags more than the rest" has BH q < alpha (per level), it has ≥ min-support verdicts and its mean
 * concern is ≤ 2; a **false-negative candidate** when its flag rate is below the overall rate by
 * ≥ min-effect, the one-sided test of "flags less than the rest" has q < alpha, support as above,
 * and mean concern ≥ 3. Clusters with no concern value are never candidates.
 */
import { benjaminiHochberg, fisherExactGreater, pearson, ratio, wilsonInterval } from '../stats/index.js';
import { FLAGGED, STRIDE, VERDICTS, countsByLevel, totals } from './counts.js';
import { clusterId, type Hierarchy } from '../clustering/hierarchy.js';
import type { ClassifierVerdicts } from './join.js';
import type { Interval, MetricsSettings } from './confusion.js';

export const LOW_CONCERN_MAX = 2;
export const HIGH_CONCERN_MIN = 3;

export const PROXY_NOTE =
  'Proxy mode: no labels were given, so these are not error rates. Each cluster\'s flag rate is compared with the mean concern (1–5) of its conversations; high-flag/low-concern clusters are false-positive candidates and low-flag/high-concern clusters false-negative candidates, to be checked by a human.';

export type ProxyCandidate = 'false_positive' | 'false_negative' | null;

export interface ProxyClusterMetrics {
  cluster_id: string;
  level: number;
  verdicts: number;
  flagged: number;
  flag_rate: number | null;
  flag_rate_ci: Interval;
  /** flagged − verdicts · overall flag rate (positive = flags more than average). */
  excess_flags: number | null;
  /** Conversations with a concern value, and their mean concern (null when none). */
  concern_n: number;
  mean_concern: number | null;
  over_flag_p: number | null;
  over_flag_q: number | null;
  under_flag_p: number | null;
  under_flag_q: number | null;
  candidate: ProxyCandidate;
}

export interface ProxyMetrics {
  note: string;
  overall_flag_rate: number | null;
  /** Conversations with a concern value (over all conversations, not only those with a verdict). */
  concern_n: number;
  mean_concern: number | null;
  /** Pearson r between flag rate and mean concern across the clusters of each level that have both. */
  correlation: { level: number; r: number | null; clusters: number }[];
  /** Candidate cluster ids, all levels, most excess flags first (false negatives: most missing flags first). */
  candidates: { false_positive: string[]; false_negative: string[] };
  clusters: ProxyClusterMetrics[];
}

/** Per leaf: [sum of concern, conversations with concern]; NaN concern is skipped. */
export function concernByLeaf(concern: Float64Array | null, leafOf: Int32Array, leafCount: number): Float64Array {
  const rows = new Float64Array(leafCount * 2);
  if (!concern) return rows;
  for (let i = 0; i < leafOf.length; i++) {
    const c = concern[i];
    if (c !== c) continue;
    rows[leafOf[i] * 2] += c;
    rows[leafOf[i] * 2 + 1]++;
  }
  return rows;
}

/**
 * Proxy metrics of one classifier. `concernRows` = `sumRowsByLevel(concernByLeaf(…), 2, hierarchy)`.
 *
 * @example
 * proxyMetrics(h, verdicts, sumRowsByLevel(concernByLeaf(concern, h.leafOf, k0), 2, h), DEFAULT_METRICS_SETTINGS);
 */
export function proxyMetrics(hierarchy: Hierarchy, verdicts: ClassifierVerdicts, concernRows: Float64Array[], settings: MetricsSettings): ProxyMetrics {
  return proxyMetricsFromCounts(hierarchy, countsByLevel(hierarchy, verdicts.flagged, null), concernRows, settings);
}

/** {@link proxyMetrics} from per-level counts (`countsByLevel`'s layout; only VERDICTS and FLAGGED are read). */
export function proxyMetricsFromCounts(hierarchy: Hierarchy, perLevel: readonly Int32Array[], concernRows: Float64Array[], settings: MetricsSettings): ProxyMetrics {
  const all = totals(perLevel[0] ?? new Int32Array(STRIDE));
  const allFlagged = all[FLAGGED];
  const allUnflagged = all[VERDICTS] - allFlagged;
  const overall = ratio(allFlagged, all[VERDICTS]);
  const clusters: ProxyClusterMetrics[] = [];
  const correlation: ProxyMetrics['correlation'] = [];
  perLevel.forEach((counts, l) => {
    const rows: ProxyClusterMetrics[] = [];
    for (let c = 0; c < (hierarchy.levels[l]?.k ?? 0); c++) {
      const verdictCount = counts[c * STRIDE + VERDICTS];
      const flagged = counts[c * STRIDE + FLAGGED];
      const unflagged = verdictCount - flagged;
      const concernN = concernRows[l][c * 2 + 1];
      const tested = verdictCount > 0;
      rows.push({
        cluster_id: clusterId(l, c),
        level: l,
        verdicts: verdictCount,
        flagged,
        flag_rate: ratio(flagged, verdictCount),
        flag_rate_ci: wilsonInterval(flagged, verdictCount),
        excess_flags: overall === null ? null : flagged - verdictCount * overall,
        concern_n: concernN,
        mean_concern: ratio(concernRows[l][c * 2], concernN),
        over_flag_p: tested ? fisherExactGreater(flagged, unflagged, allFlagged - flagged, allUnflagged - unflagged) : null,
        over_flag_q: null,
        under_flag_p: tested ? fisherExactGreater(unflagged, flagged, allUnflagged - unflagged, allFlagged - flagged) : null,
        under_flag_q: null,
        candidate: null,
      });
    }
    const overQ = benjaminiHochberg(rows.map((r) => r.over_flag_p));
    const underQ = benjaminiHochberg(rows.map((r) => r.under_flag_p));
    rows.forEach((row, i) => {
      row.over_flag_q = overQ[i];
      row.under_flag_q = underQ[i];
      row.candidate = candidateOf(row, overall, settings);
    });
    const paired = rows.filter((r) => r.flag_rate !== null && r.mean_concern !== null);
    correlation.push({
      level: l,
      r: pearson(paired.map((r) => r.flag_rate as number), paired.map((r) => r.mean_concern as number)),
      clusters: paired.length,
    });
    clusters.push(...rows);
  });
  const concernTotal = concernRows[0]?.reduce((s, v, i) => (i % 2 === 0 ? s + v : s), 0) ?? 0;
  const concernN = concernRows[0]?.reduce((s, v, i) => (i % 2 === 1 ? s + v : s), 0) ?? 0;
  const ranked = (kind: ProxyCandidate, sign: number) =>
    clusters
      .filter((r) => r.candidate === kind)
      .sort((a, b) => sign * ((b.excess_flags ?? 0) - (a.excess_flags ?? 0)) || a.level - b.level || (a.cluster_id < b.cluster_id ? -1 : 1))
      .map((r) => r.cluster_id);
  return {
    note: PROXY_NOTE,
    overall_flag_rate: overall,
    concern_n: concernN,
    mean_concern: ratio(concernTotal, concernN),
    correlation,
    candidates: { false_positive: ranked('false_positive', 1), false_negative: ranked('false_negative', -1) },
    clusters,
  };
}

function candidateOf(row: ProxyClusterMetrics, overall: number | null, s: MetricsSettings): ProxyCandidate {
  if (overall === null || row.flag_rate === null || row.mean_concern === null || row.verdicts < s.minSupport) return null;
  if (row.over_flag_q !== null && row.over_flag_q < s.alpha && row.flag_rate - overall >= s.minEffect && row.mean_concern <= LOW_CONCERN_MAX) {
    return 'false_positive';
  }
  if (row.under_flag_q !== null && row.under_flag_q < s.alpha && overall - row.flag_rate >= s.minEffect && row.mean_concern >= HIGH_CONCERN_MIN) {
    return 'false_negative';
  }
  return null;
}
