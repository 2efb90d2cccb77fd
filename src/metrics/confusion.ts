/**
 * Per-cluster error rates for every classifier and level (and, through `groupMetrics`, per slice): Wilson 95 % intervals, one-sided Fisher exact tests of "this cluster's rate exceeds the rest",
 * Benjamini–Hochberg across the clusters of one level, excess errors, and the mis-fire pockets.
 */
import { benjaminiHochberg, fisherExactGreater, ratio, wilsonInterval } from '../stats/index.js';
import { FLAGGED, FN, FP, STRIDE, TN, TP, VERDICTS, countsByLevel, totals } from './counts.js';
import type { Hierarchy } from '../clustering/hierarchy.js';
import { clusterId } from '../clustering/hierarchy.js';
import type { ClassifierVerdicts } from './join.js';
import type { CategoryMetrics } from './categories.js';
import type { ClassifierErrorPockets } from './error-pockets.js';
import type { ClassifierDesignMetrics } from './design-metrics.js';
import type { ProxyMetrics } from './proxy.js';
import type { ScoreMetrics } from './scores.js';
import { rankPockets } from './pocket-ranking.js';
import type { SliceMetrics } from './slices.js';

export interface MetricsSettings {
  alpha: number;
  minEffect: number;
  minSupport: number;
}

export const DEFAULT_METRICS_SETTINGS: MetricsSettings = { alpha: 0.05, minEffect: 0.05, minSupport: 20 };

export type Interval = [number, number] | null;

export interface OverallMetrics {
  n: number;
  tp: number;
  fp: number;
  tn: number;
  fn: number;
  fpr: number | null;
  fpr_ci: Interval;
  fnr: number | null;
  fnr_ci: Interval;
  precision: number | null;
  recall: number | null;
  flag_rate: number | null;
  prevalence: number | null;
  verdicts: number;
  flagged: number;
}

/** The statistics of one group of conversations against the rest: a cluster of one level, or a slice (slices.ts). */
export interface GroupMetrics extends OverallMetrics {
  fpr_p: number | null;
  fpr_q: number | null;
  excess_fp: number | null;
  share_fp: number | null;
  fnr_p: number | null;
  fnr_q: number | null;
  excess_fn: number | null;
  share_fn: number | null;
  pocket_fp: boolean;
  pocket_fn: boolean;
  suppressed: boolean;
}

export interface ClusterMetrics extends GroupMetrics {
  cluster_id: string;
  level: number;
}

export interface ClassifierMetrics {
  name: string;
  threshold: number | null;
  has_scores: boolean;
  overall: OverallMetrics;
  clusters: ClusterMetrics[];
  /** Cluster ids of mis-fire pockets of every level, most excess errors first; a parent whose pocket children account for most of its excess is left out (pocket-ranking.ts). */
  pockets: { false_positive: string[]; false_negative: string[] };
  /** Score-based metrics (labels present and the verdicts carry scores), else null. See scores.ts. */
  scores: ScoreMetrics | null;
  /** Flag rate vs mean concern (proxy mode: no labels given), else null. See proxy.ts. */
  proxy: ProxyMetrics | null;
  /** FNR per label category (labels carry categories), else null. See categories.ts. */
  categories: CategoryMetrics | null;
  /** Pockets found among the classifier's errors (labels present and the search on), else null. See error-pockets.ts. */
  error_pockets: ClassifierErrorPockets | null;
  /** The statistics of every slice of every slicing dimension (metadata values, language; slices.ts). */
  slices: SliceMetrics[];
  /** Slice ids of the mis-fire pockets among the slices, most excess errors first. */
  slice_pockets: { false_positive: string[]; false_negative: string[] };
  /** Design-based estimates behind the rates when they come from a labelled sample (`run --sample`); absent otherwise. See design-metrics.ts. */
  design?: ClassifierDesignMetrics;
}

export function overallFrom(counts: Int32Array, offset = 0): OverallMetrics {
  const tn = counts[offset + TN];
  const fp = counts[offset + FP];
  const fn = counts[offset + FN];
  const tp = counts[offset + TP];
  const n = tn + fp + fn + tp;
  return {
    n,
    tp,
    fp,
    tn,
    fn,
    fpr: ratio(fp, fp + tn),
    fpr_ci: wilsonInterval(fp, fp + tn),
    fnr: ratio(fn, fn + tp),
    fnr_ci: wilsonInterval(fn, fn + tp),
    precision: ratio(tp, tp + fp),
    recall: ratio(tp, tp + fn),
    flag_rate: ratio(tp + fp, n),
    prevalence: ratio(tp + fn, n),
    verdicts: counts[offset + VERDICTS],
    flagged: counts[offset + FLAGGED],
  };
}

/**
 * Metrics of one classifier for every cluster of every level.
 * `suppressedAt(level, index)` marks clusters whose text is withheld (their counts still appear).
 */
export function classifierMetrics(
  hierarchy: Hierarchy,
  verdicts: ClassifierVerdicts,
  labels: Int8Array | null,
  settings: MetricsSettings,
  suppressedAt: (level: number, index: number) => boolean,
): ClassifierMetrics {
  return classifierMetricsFromCounts(hierarchy, verdicts, countsByLevel(hierarchy, verdicts.flagged, labels), settings, suppressedAt);
}

/**
 * {@link classifierMetrics} from per-level counts (`countsByLevel`'s layout), for callers that hold counts
 * rather than conversations (src/counts). Only `hierarchy.levels` is read, not `leafOf`.
 * @example
 * classifierMetricsFromCounts(hierarchy, { name: 'v7', threshold: null, hasScores: false }, perLevel, DEFAULT_METRICS_SETTINGS, () => false);
 */
export function classifierMetricsFromCounts(
  hierarchy: Hierarchy,
  verdicts: Pick<ClassifierVerdicts, 'name' | 'threshold' | 'hasScores'>,
  perLevel: readonly Int32Array[],
  settings: MetricsSettings,
  suppressedAt: (level: number, index: number) => boolean,
): ClassifierMetrics {
  const all = totals(perLevel[0] ?? new Int32Array(STRIDE));
  const overall = overallFrom(all);
  const rowsByLevel: ClusterMetrics[][] = [];
  perLevel.forEach((counts, level) => {
    const stats = groupMetrics(counts, hierarchy.levels[level]?.k ?? 0, all, overall, settings, (c) => suppressedAt(level, c));
    const rows = stats.map((row, c): ClusterMetrics => ({ cluster_id: clusterId(level, c), level, ...row }));
    rowsByLevel.push(rows);
  });
  return classifierRecord(hierarchy, verdicts, overall, rowsByLevel);
}

/**
 * A classifier's metrics record from its cluster rows by level: the clusters of every level in order, its
 * pockets ranked, and the sections other stages fill (scores, proxy, categories, pockets by meaning, slices)
 * empty.
 * @example
 * const metrics = classifierRecord(hierarchy, verdicts, overall, rowsByLevel); // metrics.scores === null
 */
export function classifierRecord(
  hierarchy: Hierarchy,
  verdicts: Pick<ClassifierVerdicts, 'name' | 'threshold' | 'hasScores'>,
  overall: OverallMetrics,
  rowsByLevel: ClusterMetrics[][],
): ClassifierMetrics {
  return {
    name: verdicts.name,
    threshold: verdicts.threshold,
    has_scores: verdicts.hasScores,
    overall,
    clusters: rowsByLevel.flat(),
    pockets: { false_positive: rankPockets(hierarchy, rowsByLevel, 'fp'), false_negative: rankPockets(hierarchy, rowsByLevel, 'fn') },
    scores: null,
    proxy: null,
    categories: null,
    error_pockets: null,
    slices: [],
    slice_pockets: { false_positive: [], false_negative: [] },
  };
}

/**
 * The statistics of every group of one family (the clusters of one level, the values of one slicing
 * dimension) from its counts (`groups × STRIDE`, counts.ts): rates with Wilson intervals, one-sided Fisher
 * tests of each group against the rest of the data (`all` minus the group), Benjamini–Hochberg across the
 * family, excess errors and the pocket rule. `all` and `overall` are the classifier's totals.
 * @example
 * const rows = groupMetrics(leafCounts(leafOf, k, flagged, labels), k, all, overallFrom(all), settings, () => false);
 * rows[3].pocket_fp; // true when group 3's FPR is a mis-fire pocket
 */
export function groupMetrics(
  counts: Int32Array,
  groups: number,
  all: Int32Array,
  overall: OverallMetrics,
  settings: MetricsSettings,
  suppressed: (group: number) => boolean,
): GroupMetrics[] {
  const rows: GroupMetrics[] = [];
  for (let g = 0; g < groups; g++) rows.push(groupRow(counts, g, all, overall, suppressed(g)));
  const fpq = benjaminiHochberg(rows.map((r) => r.fpr_p));
  const fnq = benjaminiHochberg(rows.map((r) => r.fnr_p));
  rows.forEach((row, i) => {
    row.fpr_q = fpq[i];
    row.fnr_q = fnq[i];
    row.pocket_fp = isPocket(row.fpr, overall.fpr, row.fpr_q, row.fp + row.tn, settings);
    row.pocket_fn = isPocket(row.fnr, overall.fnr, row.fnr_q, row.fn + row.tp, settings);
  });
  return rows;
}

function groupRow(counts: Int32Array, g: number, all: Int32Array, overall: OverallMetrics, suppressed: boolean): GroupMetrics {
  const base = overallFrom(counts, g * STRIDE);
  const negatives = base.fp + base.tn;
  const positives = base.fn + base.tp;
  return {
    ...base,
    fpr_p: negatives > 0 ? fisherExactGreater(base.fp, base.tn, all[FP] - base.fp, all[TN] - base.tn) : null,
    fpr_q: null,
    excess_fp: overall.fpr === null ? null : base.fp - negatives * overall.fpr,
    share_fp: ratio(base.fp, all[FP]),
    fnr_p: positives > 0 ? fisherExactGreater(base.fn, base.tp, all[FN] - base.fn, all[TP] - base.tp) : null,
    fnr_q: null,
    excess_fn: overall.fnr === null ? null : base.fn - positives * overall.fnr,
    share_fn: ratio(base.fn, all[FN]),
    pocket_fp: false,
    pocket_fn: false,
    suppressed,
  };
}

/**
 * The pocket rule: q < alpha, a rate at least min-effect above the overall rate, and at least min-support behind it.
 * @example isPocket(0.3, 0.1, 0.001, 40, DEFAULT_METRICS_SETTINGS); // true
 */
export function isPocket(rate: number | null, overall: number | null, q: number | null, support: number, s: MetricsSettings): boolean {
  if (rate === null || overall === null || q === null) return false;
  return q < s.alpha && rate - overall >= s.minEffect && support >= s.minSupport;
}
