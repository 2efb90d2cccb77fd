/**
 * The operating threshold of a scored classifier and the threshold grid of the score sweep.
 *
 * - Operating threshold: the configured one (`--threshold` / config), else inferred from the verdict
 *   file when its `flagged` column is exactly "score ≥ t" for some t: then t is the number with the
 *   fewest decimals in (highest unflagged score, lowest flagged score] (e.g. 0.5). Otherwise unknown.
 * - Grid: 21 thresholds. Scores within [0, 1] use 0, 0.05, …, 1; other scores use 21 evenly spaced
 *   values from the lowest to the highest finite score. The grid spacing is the "one step" by which
 *   the operating threshold is moved up and down.
 */
import type { ClassifierVerdicts } from './join.js';

export const SWEEP_POINTS = 21;

export type ThresholdSource = 'configured' | 'inferred';

export interface OperatingThreshold {
  value: number;
  source: ThresholdSource;
}

/**
 * The threshold behind the classifier's flags, or null when there is none (no scores, or the flags
 * are not a threshold on the score, or every scored verdict has the same flag).
 *
 * @example
 * operatingThreshold(verdicts); // { value: 0.5, source: 'inferred' }
 */
export function operatingThreshold(verdicts: ClassifierVerdicts): OperatingThreshold | null {
  if (!verdicts.hasScores) return null;
  if (verdicts.threshold !== null) return { value: verdicts.threshold, source: 'configured' };
  let highestUnflagged = -Infinity;
  let lowestFlagged = Infinity;
  let flaggedSeen = false;
  let unflaggedSeen = false;
  const { score, flagged } = verdicts;
  for (let i = 0; i < score.length; i++) {
    const s = score[i];
    if (s !== s || flagged[i] < 0) continue;
    if (flagged[i] === 1) {
      flaggedSeen = true;
      if (s < lowestFlagged) lowestFlagged = s;
    } else {
      unflaggedSeen = true;
      if (s > highestUnflagged) highestUnflagged = s;
    }
  }
  if (!flaggedSeen || !unflaggedSeen || !(highestUnflagged < lowestFlagged)) return null;
  if (!Number.isFinite(lowestFlagged) || !Number.isFinite(highestUnflagged)) return null;
  return { value: roundestAbove(highestUnflagged, lowestFlagged), source: 'inferred' };
}

/**
 * The number with the fewest decimals in (low, high] (low < high), preferring the smallest such.
 *
 * @example
 * roundestAbove(0.4996, 0.5005); // 0.5
 */
export function roundestAbove(low: number, high: number): number {
  for (let decimals = -6; decimals <= 12; decimals++) {
    // Multiples of 10^−decimals, written as integer ÷ 10^d or integer × 10^|d| so they print cleanly.
    const fromSteps = (steps: number) => (decimals >= 0 ? steps / 10 ** decimals : steps * 10 ** -decimals);
    const toSteps = (x: number) => (decimals >= 0 ? x * 10 ** decimals : x / 10 ** -decimals);
    let steps = Math.ceil(toSteps(low));
    if (fromSteps(steps) <= low) steps++;
    const candidate = fromSteps(steps);
    if (candidate > low && candidate <= high) return candidate;
  }
  return high;
}

/**
 * The sweep's thresholds (ascending) for the given scores (NaN and ±Infinity ignored); empty when
 * there is no finite score.
 *
 * @example
 * sweepGrid(Float64Array.of(0.1, 0.9)); // [0, 0.05, 0.1, …, 1]
 */
export function sweepGrid(score: Float64Array): number[] {
  let low = Infinity;
  let high = -Infinity;
  for (let i = 0; i < score.length; i++) {
    const s = score[i];
    if (!Number.isFinite(s)) continue;
    if (s < low) low = s;
    if (s > high) high = s;
  }
  if (low > high) return [];
  const steps = SWEEP_POINTS - 1;
  if (low >= 0 && high <= 1) return Array.from({ length: SWEEP_POINTS }, (_, i) => i / steps);
  if (low === high) {
    low -= 0.5;
    high += 0.5;
  }
  const span = high - low;
  return Array.from({ length: SWEEP_POINTS }, (_, i) => (i === steps ? high : low + (span * i) / steps));
}

/** Number of grid thresholds ≤ s, i.e. how many of them flag an item with score s. */
export function thresholdsAtOrBelow(grid: readonly number[], s: number): number {
  let low = 0;
  let high = grid.length;
  while (low < high) {
    const mid = (low + high) >>> 1;
    if (grid[mid] <= s) low = mid + 1;
    else high = mid;
  }
  return low;
}
