/**
 * Summing a tail of a log-concave discrete distribution (binomial, hypergeometric), walking away
 * from the mode so that successive terms only shrink.
 */

/**
 * Stop once the bound on everything not yet added is below 2⁻⁶⁴ ≈ 5e-20 of the sum: far under
 * double rounding (2⁻⁵³ ≈ 1.1e-16), so the result equals the full sum to the last bit or two.
 * This is stricter than "stop when terms fall below 1e-300 of the sum" in what it guarantees
 * (a bound on the whole remainder, not on one term) and much cheaper: the walk ends about nine
 * standard deviations from its start instead of ~37.
 */
const REMAINDER_TOLERANCE = 2 ** -64;

/**
 * log Σ_{j=0..steps} t_j, where t_0 = exp(logFirst) and t_{j+1} = t_j · ratio(j).
 *
 * Precondition (the caller's job): the ratios are ≤ 1 and non-increasing in j, as they are for a
 * log-concave pmf walked from the mode outwards. Then every term after t_j is at most
 * t_j·r/(1 − r) in total (a geometric series with r = ratio(j−1) ≥ all later ratios), which is
 * the early-stopping bound. The sum is kept relative to t_0 (so it never overflows) and the
 * result is returned as a log, so it stays accurate however small t_0 is (e.g. 1e-300 or below).
 */
export function logSumOfShrinkingTerms(logFirst: number, steps: number, ratio: (step: number) => number): number {
  if (logFirst === -Infinity) return -Infinity;
  let sum = 1;
  let term = 1;
  for (let j = 0; j < steps; j++) {
    const r = ratio(j);
    term *= r;
    if (term === 0) break;
    sum += term;
    if (r < 1 && term * r <= REMAINDER_TOLERANCE * sum * (1 - r)) break;
  }
  return logFirst + Math.log(sum);
}
