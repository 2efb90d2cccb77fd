/** Confusion counts and error rates of "flag when score ≥ threshold" at many thresholds. */
import { ratio } from './ratio.js';
import { assertScoredLabels } from './validate.js';

export interface ThresholdPoint {
  threshold: number;
  /** fp / (fp + tn); null when there are no negatives. */
  fpr: number | null;
  /** fn / (fn + tp); null when there are no positives. */
  fnr: number | null;
  tp: number;
  fp: number;
  tn: number;
  fn: number;
}

/** Number of entries of an ascending array that are ≥ threshold (binary search). */
function countAtLeast(sortedAscending: Float64Array, threshold: number): number {
  let low = 0;
  let high = sortedAscending.length;
  while (low < high) {
    const mid = (low + high) >>> 1;
    if (sortedAscending[mid] < threshold) low = mid + 1;
    else high = mid;
  }
  return sortedAscending.length - low;
}

/**
 * For each threshold (in the order given), the confusion counts of flagging items with
 * score ≥ threshold against the labels (`positives[i]` true/1 = should be flagged), and the
 * false-positive and false-negative rates. O(n log n) to sort once, then O(log n) per threshold.
 *
 * @example
 * thresholdSweep([0.2, 0.6, 0.9], [0, 1, 1], [0.5]);
 * // [{ threshold: 0.5, fpr: 0, fnr: 0, tp: 2, fp: 0, tn: 1, fn: 0 }]
 */
export function thresholdSweep(
  scores: ArrayLike<number>,
  positives: ArrayLike<number | boolean>,
  thresholds: ReadonlyArray<number>,
): ThresholdPoint[] {
  const labels = assertScoredLabels(scores, positives, 'thresholdSweep');
  for (const threshold of thresholds) {
    if (typeof threshold !== 'number' || Number.isNaN(threshold)) {
      throw new RangeError(`thresholdSweep: threshold is not a number (${threshold})`);
    }
  }
  const positiveScores: number[] = [];
  const negativeScores: number[] = [];
  for (let i = 0; i < labels.length; i++) (labels[i] ? positiveScores : negativeScores).push(scores[i]);
  const positive = Float64Array.from(positiveScores).sort();
  const negative = Float64Array.from(negativeScores).sort();

  return thresholds.map((threshold) => {
    const tp = countAtLeast(positive, threshold);
    const fp = countAtLeast(negative, threshold);
    const fn = positive.length - tp;
    const tn = negative.length - fp;
    return {
      threshold,
      fpr: ratio(fp, negative.length),
      fnr: ratio(fn, positive.length),
      tp,
      fp,
      tn,
      fn,
    };
  });
}
