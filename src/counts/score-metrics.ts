/**
 * A classifier's score metrics (ROC AUC, average precision, the threshold sweep and the threshold moves,
 * src/metrics/scores.ts) from its binned scores. Each bin's edge stands in for its scores (score-bins.ts);
 * the arithmetic is src/metrics/auc.ts's, term by term in the same order, so for scores that are their
 * bins' edges (scores in [0, 1] with at most four decimals) every number equals the per-conversation one.
 * Otherwise scores within one bin count as tied (ROC AUC takes half a pair for them, average precision one
 * threshold), and threshold moves that do not fall on a bin edge count the bin's scores at its edge.
 */
import type { Hierarchy } from '../clustering/hierarchy.js';
import { columnTotals, sumRowsByLevel } from '../metrics/levels.js';
import type { RankingByCluster } from '../metrics/auc.js';
import { assembleScoreMetrics, type ScoreMetrics } from '../metrics/scores.js';
import type { ClassifierVerdicts } from '../metrics/join.js';
import { SHIFT_FN_AT, SHIFT_FN_DOWN, SHIFT_FN_UP, SHIFT_FP_AT, SHIFT_FP_DOWN, SHIFT_FP_UP, SHIFT_WIDTH } from '../metrics/sweep.js';
import { operatingThreshold, sweepGrid, thresholdsAtOrBelow } from '../metrics/threshold.js';
import { ratio } from '../stats/index.js';
import { SCORE_BINS, outsideEdge, unitEdge } from './score-bins.js';
import type { ClassifierCounts } from './table.js';

/** Every bin in use, in ascending order of edge, with its counts per leaf (leaves × bins × 2: label 0, label 1). */
export interface CompactHistogram {
  edges: Float64Array;
  counts: Int32Array;
}

/**
 * The bins of a classifier that hold at least one labelled scored verdict, ascending; bins with the
 * same edge (an outside score truncated to exactly 1) are one.
 * @example const { edges, counts: bins } = compactHistogram(table.classifiers.get('v7')!, table.leaves);
 */
export function compactHistogram(counts: ClassifierCounts, leaves: number): CompactHistogram {
  const sources: { edge: number; read: (leaf: number, label: number) => number }[] = [];
  const unit = counts.unitHistogram;
  if (unit) {
    const bins = SCORE_BINS + 1;
    const used = new Uint8Array(bins);
    for (let leaf = 0; leaf < leaves; leaf++) {
      for (let b = 0; b < bins; b++) if (unit[(leaf * bins + b) * 2] || unit[(leaf * bins + b) * 2 + 1]) used[b] = 1;
    }
    for (let b = 0; b < bins; b++) if (used[b]) sources.push({ edge: unitEdge(b), read: (leaf, label) => unit[(leaf * bins + b) * 2 + label] });
  }
  for (const [key, rows] of counts.outsideHistogram) sources.push({ edge: outsideEdge(key), read: (leaf, label) => rows[leaf * 2 + label] });
  sources.sort((a, b) => a.edge - b.edge);
  const edges: number[] = [];
  for (const s of sources) if (edges.length === 0 || edges[edges.length - 1] !== s.edge) edges.push(s.edge);
  const width = edges.length;
  const out = new Int32Array(leaves * width * 2);
  let at = -1;
  let last = NaN;
  for (const s of sources) {
    if (s.edge !== last) {
      at++;
      last = s.edge;
    }
    for (let leaf = 0; leaf < leaves; leaf++) {
      out[(leaf * width + at) * 2] += s.read(leaf, 0);
      out[(leaf * width + at) * 2 + 1] += s.read(leaf, 1);
    }
  }
  return { edges: Float64Array.from(edges), counts: out };
}

/**
 * ROC AUC and average precision of every cluster, from per-cluster bin counts (clusters × bins × 2).
 * @example rankingFromBins(Int32Array.of(1, 0, 0, 1), 1, 2).rocAuc[0]; // 1
 */
export function rankingFromBins(rows: Int32Array | Float64Array, clusters: number, bins: number): RankingByCluster {
  const out: RankingByCluster = {
    positives: new Int32Array(clusters),
    negatives: new Int32Array(clusters),
    rocAuc: new Array<number | null>(clusters),
    averagePrecision: new Array<number | null>(clusters),
  };
  for (let c = 0; c < clusters; c++) {
    const base = c * bins * 2;
    // ROC AUC, ascending: each positive pairs with the negatives below it, half with the tied ones.
    let negativesBelow = 0;
    let positives = 0;
    let pairs = 0;
    for (let b = 0; b < bins; b++) {
      const e = rows[base + b * 2];
      const p = rows[base + b * 2 + 1];
      if (p === 0 && e === 0) continue;
      pairs += p * negativesBelow + 0.5 * p * e;
      positives += p;
      negativesBelow += e;
    }
    // Average precision, descending: at each bin, new positives × precision.
    let tp = 0;
    let fp = 0;
    let sum = 0;
    for (let b = bins - 1; b >= 0; b--) {
      const e = rows[base + b * 2];
      const p = rows[base + b * 2 + 1];
      if (p === 0 && e === 0) continue;
      tp += p;
      fp += e;
      if (p > 0) sum += (p * tp) / (tp + fp);
    }
    out.positives[c] = positives;
    out.negatives[c] = negativesBelow;
    out.rocAuc[c] = ratio(pairs, positives * negativesBelow);
    out.averagePrecision[c] = ratio(sum, positives);
  }
  return out;
}

/**
 * A classifier's ScoreMetrics from its counts, or null when it has no scores (as scoreMetrics).
 * @example scoreMetricsFromCounts(hierarchy, table.classifiers.get('v7'), table.leaves);
 */
export function scoreMetricsFromCounts(hierarchy: Hierarchy, counts: ClassifierCounts, leaves: number): ScoreMetrics | null {
  if (!counts.hasScores) return null;
  const grid = sweepGrid(Float64Array.of(counts.scoreLow, counts.scoreHigh));
  if (grid.length === 0) return null;
  const { edges, counts: bins } = compactHistogram(counts, leaves);
  const width = edges.length;
  const byLevel = sumRowsByLevel(bins, width * 2, hierarchy);
  const rankings = hierarchy.levels.map((level, l) => rankingFromBins(byLevel[l], level.k, width));
  rankings.push(rankingFromBins(columnTotals(bins, width * 2), 1, width));

  const sweepWidth = (grid.length + 1) * 2;
  const sweepBinOf = Int32Array.from(edges, (edge) => thresholdsAtOrBelow(grid, edge));
  const leafSweep = new Int32Array(leaves * sweepWidth);
  for (let leaf = 0; leaf < leaves; leaf++) {
    for (let b = 0; b < width; b++) {
      const to = leaf * sweepWidth + sweepBinOf[b] * 2;
      leafSweep[to] += bins[(leaf * width + b) * 2];
      leafSweep[to + 1] += bins[(leaf * width + b) * 2 + 1];
    }
  }
  const operating = operatingThreshold(inferenceVerdicts(counts));
  let shift: Int32Array[] | null = null;
  if (operating) {
    const step = grid[1] - grid[0];
    const down = operating.value - step;
    const up = operating.value + step;
    const leafShift = new Int32Array(leaves * SHIFT_WIDTH);
    for (let leaf = 0; leaf < leaves; leaf++) {
      const base = leaf * SHIFT_WIDTH;
      for (let b = 0; b < width; b++) {
        const s = edges[b];
        const negatives = bins[(leaf * width + b) * 2];
        const positives = bins[(leaf * width + b) * 2 + 1];
        if (s < down) leafShift[base + SHIFT_FN_DOWN] += positives;
        if (s < operating.value) leafShift[base + SHIFT_FN_AT] += positives;
        if (s < up) leafShift[base + SHIFT_FN_UP] += positives;
        if (s >= down) leafShift[base + SHIFT_FP_DOWN] += negatives;
        if (s >= operating.value) leafShift[base + SHIFT_FP_AT] += negatives;
        if (s >= up) leafShift[base + SHIFT_FP_UP] += negatives;
      }
    }
    shift = sumRowsByLevel(leafShift, SHIFT_WIDTH, hierarchy);
  }
  return assembleScoreMetrics(hierarchy, { grid, rankings, hist: sumRowsByLevel(leafSweep, sweepWidth, hierarchy), shift, operating });
}

/**
 * Two verdicts that carry what operatingThreshold reads: the highest unflagged and the lowest flagged score
 * (the extremes are all it uses), with the classifier's threshold and whether it has scores.
 */
function inferenceVerdicts(counts: ClassifierCounts): ClassifierVerdicts {
  const score: number[] = [];
  const flagged: number[] = [];
  if (counts.unflaggedSeen) {
    score.push(counts.highestUnflagged);
    flagged.push(0);
  }
  if (counts.flaggedSeen) {
    score.push(counts.lowestFlagged);
    flagged.push(1);
  }
  return {
    name: counts.name,
    flagged: Int8Array.from(flagged),
    score: Float64Array.from(score),
    hasScores: counts.hasScores,
    threshold: counts.threshold,
    missing: 0,
  };
}
