/** Ranking quality of a score against binary labels: ROC AUC and average precision. */
import { assertScoredLabels } from './validate.js';

/** Scores of the positive and of the negative items, each sorted ascending. */
function splitSortedScores(
  scores: ArrayLike<number>,
  positives: ArrayLike<number | boolean>,
  fn: string,
): { positive: Float64Array; negative: Float64Array } {
  const labels = assertScoredLabels(scores, positives, fn);
  let positiveCount = 0;
  for (const label of labels) if (label) positiveCount++;
  const positive = new Float64Array(positiveCount);
  const negative = new Float64Array(labels.length - positiveCount);
  let p = 0;
  let n = 0;
  for (let i = 0; i < labels.length; i++) {
    if (labels[i]) positive[p++] = scores[i];
    else negative[n++] = scores[i];
  }
  positive.sort();
  negative.sort();
  return { positive, negative };
}

/**
 * Area under the ROC curve: the probability that a random positive scores higher than a random
 * negative, counting ties as ½ (the Mann–Whitney U statistic / (P·N), i.e. midranks for ties).
 * Same value as sklearn.metrics.roc_auc_score. Null when either class is empty.
 * `positives[i]` is true/1 for a positive item, false/0 for a negative one. O(n log n).
 *
 * @example
 * rocAuc([0.1, 0.4, 0.35, 0.8], [0, 0, 1, 1]); // 0.75
 * rocAuc([0.5, 0.5], [1, 0]); // 0.5
 */
export function rocAuc(scores: ArrayLike<number>, positives: ArrayLike<number | boolean>): number | null {
  const { positive, negative } = splitSortedScores(scores, positives, 'rocAuc');
  if (positive.length === 0 || negative.length === 0) return null;
  // For each positive (ascending), count negatives strictly below and equal to its score.
  // The sum counts pairs (or half pairs), so it is an exact integer/2 below 2⁵³.
  let below = 0;
  let belowOrEqual = 0;
  let pairs = 0;
  for (const score of positive) {
    while (below < negative.length && negative[below] < score) below++;
    if (belowOrEqual < below) belowOrEqual = below;
    while (belowOrEqual < negative.length && negative[belowOrEqual] <= score) belowOrEqual++;
    pairs += below + 0.5 * (belowOrEqual - below);
  }
  return pairs / (positive.length * negative.length);
}

/**
 * Average precision, as sklearn.metrics.average_precision_score: AP = Σ_k (R_k − R_{k−1})·P_k over
 * the distinct score thresholds k in descending order (items with equal scores enter together),
 * with P_k, R_k the precision and recall of flagging score ≥ threshold_k. Step-wise, no
 * interpolation. Null when there are no positives. O(n log n).
 *
 * @example
 * averagePrecision([0.1, 0.4, 0.35, 0.8], [0, 0, 1, 1]); // 0.8333333333333333
 */
export function averagePrecision(
  scores: ArrayLike<number>,
  positives: ArrayLike<number | boolean>,
): number | null {
  const { positive, negative } = splitSortedScores(scores, positives, 'averagePrecision');
  const totalPositives = positive.length;
  if (totalPositives === 0) return null;
  // Walk thresholds from the highest score down, both arrays from their ends.
  let i = positive.length - 1;
  let j = negative.length - 1;
  let truePositives = 0;
  let falsePositives = 0;
  let sum = 0; // Σ (new positives at threshold k) · precision_k; AP = sum / totalPositives
  while (i >= 0) {
    const threshold = j >= 0 && negative[j] > positive[i] ? negative[j] : positive[i];
    let newPositives = 0;
    while (i >= 0 && positive[i] >= threshold) {
      newPositives++;
      i--;
    }
    while (j >= 0 && negative[j] >= threshold) {
      falsePositives++;
      j--;
    }
    truePositives += newPositives;
    if (newPositives > 0) sum += (newPositives * truePositives) / (truePositives + falsePositives);
  }
  return sum / totalPositives;
}
