/**
 * Scores as bins that add across shards. A verdict's score goes into a fixed, data-independent bin whose
 * lower edge `q` stands in for the score in every score statistic computed from counts:
 * - scores in [0, 1] (probabilities, the common case): bins of width 1/10,000; bin i holds [i/B, (i+1)/B)
 *   and the score 1 has a bin of its own. A score with at most four decimals *is* its bin's edge (the edge
 *   i/B is the double nearest to that decimal, as the parsed score is), so for such scores every number
 *   computed from the bins equals the per-conversation one. The sweep's grid (0, 0.05, …, 1) lies on
 *   edges, so the sweep is exact for any score in [0, 1].
 * - other scores (logits, ±Infinity): the double truncated to 8 bits of mantissa (toward zero), a relative
 *   resolution of 1/256; statistics from those bins are approximations.
 * Bins are monotone: a higher score never gets a lower edge.
 */

/** Bins per unit in [0, 1]. */
export const SCORE_BINS = 10_000;

/**
 * The bin index of a score in [0, 1]: how many of the edges 1/B, 2/B, …, 1 are ≤ s.
 * @example unitBin(0.25); // 2500
 */
export function unitBin(s: number): number {
  let i = Math.floor(s * SCORE_BINS);
  if (i > SCORE_BINS) i = SCORE_BINS;
  if (i < 0) i = 0;
  while (i < SCORE_BINS && (i + 1) / SCORE_BINS <= s) i++;
  while (i > 0 && i / SCORE_BINS > s) i--;
  return i;
}

/**
 * The lower edge of unit bin i.
 * @example unitEdge(2500); // 0.25
 */
export function unitEdge(i: number): number {
  return i / SCORE_BINS;
}

/**
 * Whether a score goes into the bins of [0, 1].
 * @example isUnitScore(1); // true
 */
export function isUnitScore(s: number): boolean {
  return s >= 0 && s <= 1;
}

const view = new DataView(new ArrayBuffer(8));
/** Mantissa bits kept for scores outside [0, 1] (of the high word's 20). */
const KEPT_MANTISSA_BITS = 8;
const DROPPED = 20 - KEPT_MANTISSA_BITS;

/**
 * The key of a score outside [0, 1]: its double's top 20 bits (sign, exponent, 8 mantissa bits) as an
 * unsigned integer.
 * @example outsideKey(2.5) === outsideKey(2.501); // true
 */
export function outsideKey(s: number): number {
  view.setFloat64(0, s);
  return view.getUint32(0) >>> DROPPED;
}

/**
 * The value of an outside key: the score truncated toward zero to 8 mantissa bits.
 * @example outsideEdge(outsideKey(2.501)); // 2.5
 */
export function outsideEdge(key: number): number {
  view.setUint32(0, (key << DROPPED) >>> 0);
  view.setUint32(4, 0);
  return view.getFloat64(0);
}
