/**
 * ROC AUC and average precision (PR AUC) for every cluster of several levels at once, in two linear
 * walks over the score-sorted items (see score-order.ts). The arithmetic is the same, term by term,
 * as `rocAuc` / `averagePrecision` in src/stats/auc.ts on each cluster's own items, so the values
 * agree bit for bit; ties are handled as there (half a pair for ROC, one threshold per distinct
 * score for AP).
 */
import { ratio } from '../stats/index.js';
import type { ScoredItems } from './score-order.js';

export interface RankingByCluster {
  positives: Int32Array;
  negatives: Int32Array;
  /** Null when the cluster lacks positives or negatives. */
  rocAuc: (number | null)[];
  /** Null when the cluster has no positives. */
  averagePrecision: (number | null)[];
}

/**
 * Per-cluster ranking metrics of one level, clusters given by `leafToCluster` (leaf → 0…k−1).
 *
 * @example
 * rankingByCluster(items, leafToLevelMaps(h)[0], h.levels[0].k).rocAuc[3]; // ROC AUC of leaf 3
 */
export function rankingByCluster(items: ScoredItems, leafToCluster: Int32Array, k: number): RankingByCluster {
  return rankingByLevels(items, [leafToCluster], [k])[0];
}

/**
 * Per-cluster ranking metrics for several groupings at once: `maps[l]` maps a leaf to a cluster
 * index in 0…ks[l]−1. One pass up and one pass down for all of them together.
 */
export function rankingByLevels(items: ScoredItems, maps: readonly Int32Array[], ks: readonly number[]): RankingByCluster[] {
  const { score, label, leaf } = items;
  const m = score.length;
  const levels = maps.length;
  const leafCount = maps[0]?.length ?? 0;
  // Every (level, cluster) gets one slot in flat accumulators; slotOf[leaf·levels + l] is leaf's slot at level l.
  const offsets: number[] = [];
  let slots = 0;
  for (const k of ks) {
    offsets.push(slots);
    slots += k;
  }
  const slotOf = new Int32Array(leafCount * levels);
  for (let f = 0; f < leafCount; f++) for (let l = 0; l < levels; l++) slotOf[f * levels + l] = offsets[l] + maps[l][f];
  // Item j's slots at all levels, contiguous: itemSlots[j·levels + l].
  const itemSlots = new Int32Array(m * levels);
  for (let j = 0, at = 0; j < m; j++) {
    const base = leaf[j] * levels;
    for (let l = 0; l < levels; l++) itemSlots[at++] = slotOf[base + l];
  }

  // ROC AUC, ascending: each positive pairs with its cluster's negatives below it, half with tied ones.
  const negativesBelow = new Float64Array(slots);
  const tiedNegatives = new Float64Array(slots);
  const tiedPositives = new Float64Array(slots);
  const positives = new Int32Array(slots);
  const pairs = new Float64Array(slots);
  for (let start = 0; start < m; ) {
    let end = start + 1;
    while (end < m && score[end] === score[start]) end++;
    if (end - start === 1) {
      const base = start * levels;
      for (let l = 0; l < levels; l++) {
        const g = itemSlots[base + l];
        if (label[start] === 1) {
          pairs[g] += negativesBelow[g];
          positives[g]++;
        } else negativesBelow[g]++;
      }
    } else {
      // A tie group: p positives and e negatives of a cluster add p·below + ½·p·e pairs (exact half-integers).
      for (let j = start; j < end; j++) {
        const counter = label[j] === 1 ? tiedPositives : tiedNegatives;
        for (let l = 0; l < levels; l++) counter[itemSlots[j * levels + l]]++;
      }
      for (let j = start; j < end; j++) {
        for (let l = 0; l < levels; l++) {
          const g = itemSlots[j * levels + l];
          const p = tiedPositives[g];
          const e = tiedNegatives[g];
          if (p === 0 && e === 0) continue;
          pairs[g] += p * negativesBelow[g] + 0.5 * p * e;
          positives[g] += p;
          negativesBelow[g] += e;
          tiedPositives[g] = 0;
          tiedNegatives[g] = 0;
        }
      }
    }
    start = end;
  }

  // Average precision, descending: at each distinct score, Σ new positives · precision.
  const tp = new Int32Array(slots);
  const fp = new Int32Array(slots);
  const newTp = new Int32Array(slots);
  const newFp = new Int32Array(slots);
  const sum = new Float64Array(slots);
  for (let top = m - 1; top >= 0; ) {
    let bottom = top - 1;
    while (bottom >= 0 && score[bottom] === score[top]) bottom--;
    if (top - bottom === 1) {
      const base = top * levels;
      for (let l = 0; l < levels; l++) {
        const g = itemSlots[base + l];
        if (label[top] === 1) {
          tp[g]++;
          sum[g] += tp[g] / (tp[g] + fp[g]);
        } else fp[g]++;
      }
    } else {
      for (let j = top; j > bottom; j--) {
        const counter = label[j] === 1 ? newTp : newFp;
        for (let l = 0; l < levels; l++) counter[itemSlots[j * levels + l]]++;
      }
      for (let j = top; j > bottom; j--) {
        for (let l = 0; l < levels; l++) {
          const g = itemSlots[j * levels + l];
          if (newTp[g] === 0 && newFp[g] === 0) continue;
          tp[g] += newTp[g];
          fp[g] += newFp[g];
          if (newTp[g] > 0) sum[g] += (newTp[g] * tp[g]) / (tp[g] + fp[g]);
          newTp[g] = 0;
          newFp[g] = 0;
        }
      }
    }
    top = bottom;
  }

  return ks.map((k, l) => {
    const out: RankingByCluster = {
      positives: positives.slice(offsets[l], offsets[l] + k),
      negatives: new Int32Array(k),
      rocAuc: new Array<number | null>(k),
      averagePrecision: new Array<number | null>(k),
    };
    for (let c = 0; c < k; c++) {
      const g = offsets[l] + c;
      out.negatives[c] = negativesBelow[g];
      out.rocAuc[c] = ratio(pairs[g], positives[g] * negativesBelow[g]);
      out.averagePrecision[c] = ratio(sum[g], positives[g]);
    }
    return out;
  });
}
