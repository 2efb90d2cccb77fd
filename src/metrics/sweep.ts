/**
 * Per-leaf counts behind the score sweep and the threshold shift, from the labelled scored items:
 * a histogram of "how many grid thresholds flag this item" by label, and fp/fn at the operating
 * threshold and one grid step below and above it. Lifted to every level by summing leaves.
 */
import { ratio } from '../stats/index.js';
import { thresholdsAtOrBelow } from './threshold.js';
import type { ScoredItems } from './score-order.js';

/** Slots of a shift row: fp and fn at (operating − step), operating, (operating + step). */
export const SHIFT_WIDTH = 6;
export const SHIFT_FP_DOWN = 0;
export const SHIFT_FN_DOWN = 1;
export const SHIFT_FP_AT = 2;
export const SHIFT_FN_AT = 3;
export const SHIFT_FP_UP = 4;
export const SHIFT_FN_UP = 5;

/**
 * k0 × (grid.length + 1) × 2 counts (items in ascending score order, as from sortedScoredItems): slot `(leaf·(G+1) + b)·2 + label` counts items of that leaf and
 * label flagged by exactly the b lowest grid thresholds.
 */
export function sweepHistogram(items: ScoredItems, grid: readonly number[], leafCount: number): Int32Array {
  const bins = grid.length + 1;
  const hist = new Int32Array(leafCount * bins * 2);
  const { score, label, leaf } = items;
  // Items are in ascending score order, so the bin only moves up: no search per item.
  let bin = thresholdsAtOrBelow(grid, score[0] ?? -Infinity);
  for (let j = 0; j < score.length; j++) {
    while (bin < grid.length && grid[bin] <= score[j]) bin++;
    hist[(leaf[j] * bins + bin) * 2 + label[j]]++;
  }
  return hist;
}

/** Rates along the grid for the histogram row of one cluster (rounded to 4 decimals; null when undefined). */
export function sweepRates(hist: Int32Array | Float64Array, row: number, gridLength: number): { fpr: (number | null)[]; fnr: (number | null)[]; flag_rate: (number | null)[] } {
  const bins = gridLength + 1;
  const base = row * bins * 2;
  let positives = 0;
  let negatives = 0;
  for (let b = 0; b < bins; b++) {
    negatives += hist[base + b * 2];
    positives += hist[base + b * 2 + 1];
  }
  const fpr: (number | null)[] = [];
  const fnr: (number | null)[] = [];
  const flagRate: (number | null)[] = [];
  // Threshold j flags items in bins b > j; walk from the top bin down, accumulating flagged counts.
  let tp = 0;
  let fp = 0;
  const flaggedAt = new Array<[number, number]>(gridLength);
  for (let j = gridLength - 1; j >= 0; j--) {
    fp += hist[base + (j + 1) * 2];
    tp += hist[base + (j + 1) * 2 + 1];
    flaggedAt[j] = [tp, fp];
  }
  for (let j = 0; j < gridLength; j++) {
    const [t, f] = flaggedAt[j];
    fpr.push(roundedRate(f, negatives));
    fnr.push(roundedRate(positives - t, positives));
    flagRate.push(roundedRate(t + f, positives + negatives));
  }
  return { fpr, fnr, flag_rate: flagRate };
}

/** k0 × SHIFT_WIDTH counts of fp and fn at the operating threshold and one step either side. */
export function shiftCounts(items: ScoredItems, operating: number, step: number, leafCount: number): Int32Array {
  const rows = new Int32Array(leafCount * SHIFT_WIDTH);
  const down = operating - step;
  const up = operating + step;
  const { score, label, leaf } = items;
  for (let j = 0; j < score.length; j++) {
    const s = score[j];
    const base = leaf[j] * SHIFT_WIDTH;
    if (label[j] === 1) {
      if (s < down) rows[base + SHIFT_FN_DOWN]++;
      if (s < operating) rows[base + SHIFT_FN_AT]++;
      if (s < up) rows[base + SHIFT_FN_UP]++;
    } else {
      if (s >= down) rows[base + SHIFT_FP_DOWN]++;
      if (s >= operating) rows[base + SHIFT_FP_AT]++;
      if (s >= up) rows[base + SHIFT_FP_UP]++;
    }
  }
  return rows;
}

export function round4(x: number): number {
  return Math.round(x * 1e4) / 1e4;
}

/** `num / den` rounded to four decimals, or null when the denominator is 0. */
function roundedRate(num: number, den: number): number | null {
  const rate = ratio(num, den);
  return rate === null ? null : round4(rate);
}
