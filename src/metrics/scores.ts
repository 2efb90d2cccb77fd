/**
 * Score-based metrics of one classifier (only when its verdicts carry scores and labels are given):
 * ROC AUC and average precision per cluster at every level, FPR/FNR along a 21-threshold sweep
 * (overall, and per cluster for the leaf and parent levels), and the clusters that gain or lose
 * errors when the operating threshold moves one grid step down or up.
 */
import { clusterId, type Hierarchy } from '../clustering/hierarchy.js';
import type { ClassifierVerdicts } from './join.js';
import { ratio } from '../stats/index.js';
import { rankingByLevels, type RankingByCluster } from './auc.js';
import { columnTotals, leafToLevelMaps, sumRowsByLevel } from './levels.js';
import {
  SHIFT_FN_AT, SHIFT_FN_DOWN, SHIFT_FN_UP, SHIFT_FP_AT, SHIFT_FP_DOWN, SHIFT_FP_UP, SHIFT_WIDTH,
  shiftCounts, sweepHistogram, sweepRates,
} from './sweep.js';
import { operatingThreshold, sweepGrid, type OperatingThreshold, type ThresholdSource } from './threshold.js';
import { sortedScoredItems } from './score-order.js';

/** Per-cluster sweeps are kept for levels below this (leaves and their parents). */
export const SWEEP_LEVELS = 2;
/** Clusters listed per level and direction in a threshold move. */
export const SHIFT_LIST_LENGTH = 5;

export interface ScoreClusterMetrics {
  cluster_id: string;
  level: number;
  /** Labelled conversations with a score in the cluster. */
  scored: number;
  roc_auc: number | null;
  pr_auc: number | null;
  /** FPR / FNR at each sweep threshold (levels 0 and 1 only, else null). */
  sweep_fpr: (number | null)[] | null;
  sweep_fnr: (number | null)[] | null;
  /** Change in fp / fn when the threshold moves one step down / up (null without an operating threshold). */
  shift_down_fp: number | null;
  shift_down_fn: number | null;
  shift_up_fp: number | null;
  shift_up_fn: number | null;
}

export interface ShiftEntry {
  cluster_id: string;
  level: number;
  d_fp: number;
  d_fn: number;
  /** d_fp + d_fn: negative = the cluster gains (fewer errors), positive = it loses. */
  d_errors: number;
}

export interface ThresholdMove {
  threshold: number;
  /** Overall change in fp / fn (labelled scored conversations). */
  d_fp: number;
  d_fn: number;
  fpr: number | null;
  fnr: number | null;
  /** Per level, up to 5 clusters whose errors fall most (gains) / rise most (losses). */
  gains: ShiftEntry[];
  losses: ShiftEntry[];
}

export interface ScoreMetrics {
  /** Labelled conversations with a score, and how many are positive / negative. */
  scored: number;
  positives: number;
  negatives: number;
  roc_auc: number | null;
  pr_auc: number | null;
  operating_threshold: number | null;
  threshold_source: ThresholdSource | null;
  sweep: { thresholds: number[]; fpr: (number | null)[]; fnr: (number | null)[]; flag_rate: (number | null)[] };
  /** Null when there is no operating threshold (see threshold_source). */
  shift: { step: number; down: ThresholdMove; up: ThresholdMove } | null;
  clusters: ScoreClusterMetrics[];
}

/**
 * Score metrics of one classifier, or null when it has no scores.
 *
 * @example
 * scoreMetrics(hierarchy, verdicts, labels)?.clusters[0].roc_auc;
 */
export function scoreMetrics(hierarchy: Hierarchy, verdicts: ClassifierVerdicts, labels: Int8Array): ScoreMetrics | null {
  if (!verdicts.hasScores) return null;
  const grid = sweepGrid(verdicts.score);
  if (grid.length === 0) return null;
  const k0 = hierarchy.levels[0]?.k ?? 0;
  const items = sortedScoredItems(verdicts.score, labels, hierarchy.leafOf);
  const maps = leafToLevelMaps(hierarchy);
  // Level rankings, then the overall one (every leaf → cluster 0), in one pair of walks.
  const rankings = rankingByLevels(items, [...maps, new Int32Array(k0)], [...hierarchy.levels.map((level) => level.k), 1]);
  const hist = sumRowsByLevel(sweepHistogram(items, grid, k0), (grid.length + 1) * 2, hierarchy);
  const operating = operatingThreshold(verdicts);
  const step = grid[1] - grid[0];
  const shift = operating ? sumRowsByLevel(shiftCounts(items, operating.value, step, k0), SHIFT_WIDTH, hierarchy) : null;
  return assembleScoreMetrics(hierarchy, { grid, rankings, hist, shift, operating });
}

/** The per-level counts behind a classifier's score metrics (what scoreMetrics computes from conversations). */
export interface ScoreParts {
  grid: number[];
  /** Per level, then one more for the whole run (a single cluster). */
  rankings: RankingByCluster[];
  /** Per level: clusters × (grid.length + 1) × 2 counts, as sweepHistogram lifted by sumRowsByLevel. */
  hist: (Int32Array | Float64Array)[];
  /** Per level: clusters × SHIFT_WIDTH counts at the operating threshold and one step either side (null without one). */
  shift: (Int32Array | Float64Array)[] | null;
  operating: OperatingThreshold | null;
}

/**
 * Score metrics from their per-level counts (src/counts computes those from count tables).
 * @example assembleScoreMetrics(hierarchy, { grid, rankings, hist, shift: null, operating: null }).sweep.fpr;
 */
export function assembleScoreMetrics(hierarchy: Hierarchy, parts: ScoreParts): ScoreMetrics {
  const { grid, rankings, hist, shift, operating } = parts;
  const overallRanking = rankings[rankings.length - 1];
  const step = grid[1] - grid[0];
  const clusters: ScoreClusterMetrics[] = [];
  hierarchy.levels.forEach((level, l) => {
    const ranking = rankings[l];
    for (let c = 0; c < level.k; c++) {
      const rates = l < SWEEP_LEVELS ? sweepRates(hist[l], c, grid.length) : null;
      const row = shift?.[l];
      const delta = (slot: number, at: number) => (row ? row[c * SHIFT_WIDTH + slot] - row[c * SHIFT_WIDTH + at] : null);
      clusters.push({
        cluster_id: clusterId(l, c),
        level: l,
        scored: ranking.positives[c] + ranking.negatives[c],
        roc_auc: ranking.rocAuc[c],
        pr_auc: ranking.averagePrecision[c],
        sweep_fpr: rates?.fpr ?? null,
        sweep_fnr: rates?.fnr ?? null,
        shift_down_fp: delta(SHIFT_FP_DOWN, SHIFT_FP_AT),
        shift_down_fn: delta(SHIFT_FN_DOWN, SHIFT_FN_AT),
        shift_up_fp: delta(SHIFT_FP_UP, SHIFT_FP_AT),
        shift_up_fn: delta(SHIFT_FN_UP, SHIFT_FN_AT),
      });
    }
  });

  const positives = overallRanking.positives[0];
  const negatives = overallRanking.negatives[0];
  const overallRates = sweepRates(columnTotals(hist[0], (grid.length + 1) * 2), 0, grid.length);
  let shiftSummary: ScoreMetrics['shift'] = null;
  if (operating && shift) {
    const totals = columnTotals(shift[0], SHIFT_WIDTH);
    const move = (threshold: number, fpSlot: number, fnSlot: number, side: 'down' | 'up'): ThresholdMove => ({
      threshold,
      d_fp: totals[fpSlot] - totals[SHIFT_FP_AT],
      d_fn: totals[fnSlot] - totals[SHIFT_FN_AT],
      fpr: ratio(totals[fpSlot], negatives),
      fnr: ratio(totals[fnSlot], positives),
      ...rankMoves(clusters, side),
    });
    shiftSummary = {
      step,
      down: move(operating.value - step, SHIFT_FP_DOWN, SHIFT_FN_DOWN, 'down'),
      up: move(operating.value + step, SHIFT_FP_UP, SHIFT_FN_UP, 'up'),
    };
  }
  return {
    scored: positives + negatives,
    positives,
    negatives,
    roc_auc: overallRanking.rocAuc[0],
    pr_auc: overallRanking.averagePrecision[0],
    operating_threshold: operating?.value ?? null,
    threshold_source: operating?.source ?? null,
    sweep: { thresholds: grid, ...overallRates },
    shift: shiftSummary,
    clusters,
  };
}

/** Per level, the clusters whose error count falls / rises most under one move. */
function rankMoves(clusters: readonly ScoreClusterMetrics[], side: 'down' | 'up'): { gains: ShiftEntry[]; losses: ShiftEntry[] } {
  const byLevel = new Map<number, ShiftEntry[]>();
  for (const c of clusters) {
    const dFp = (side === 'down' ? c.shift_down_fp : c.shift_up_fp) ?? 0;
    const dFn = (side === 'down' ? c.shift_down_fn : c.shift_up_fn) ?? 0;
    const list = byLevel.get(c.level) ?? [];
    list.push({ cluster_id: c.cluster_id, level: c.level, d_fp: dFp, d_fn: dFn, d_errors: dFp + dFn });
    byLevel.set(c.level, list);
  }
  const gains: ShiftEntry[] = [];
  const losses: ShiftEntry[] = [];
  const byId = (a: ShiftEntry, b: ShiftEntry) => (a.cluster_id < b.cluster_id ? -1 : a.cluster_id > b.cluster_id ? 1 : 0);
  for (const list of byLevel.values()) {
    gains.push(...list.filter((e) => e.d_errors < 0).sort((a, b) => a.d_errors - b.d_errors || byId(a, b)).slice(0, SHIFT_LIST_LENGTH));
    losses.push(...list.filter((e) => e.d_errors > 0).sort((a, b) => b.d_errors - a.d_errors || byId(a, b)).slice(0, SHIFT_LIST_LENGTH));
  }
  return { gains, losses };
}
