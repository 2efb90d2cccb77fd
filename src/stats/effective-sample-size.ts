/** The effective sample size of a rate estimated from a weighted (stratified) sample. */

/**
 * How many simple-random-sample observations a design-based rate estimate is worth:
 * n_eff = r(1 − r) / V̂, the n at which a simple random sample would give the rate the variance the
 * design gives it (n / deff, with Kish's design effect deff = V̂ / (r(1 − r)/n)). Truncated at `labelled`,
 * the labelled units behind the estimate (as Korn & Graubard 1998 truncate deff at 1), because a variance
 * estimated from two or three units per stratum is too unstable to claim more. When V̂ cannot say (r is 0
 * or 1, or V̂ = 0: every observed unit of every stratum agrees, or every stratum was observed entirely),
 * `kish` — Kish's (Σ w)² / Σ w² over the denominator's units — is used instead, truncated the same way;
 * with equal weights that is the denominator's count itself.
 *
 * @example
 * effectiveSampleSize(0.3, 0.021, 20, 10); // 10 (0.21/0.021)
 * effectiveSampleSize(0.3, 0.0105, 12, 10); // 12: 20 truncated at the 12 labelled units
 * effectiveSampleSize(0, 0, 20, 6.4); // 6.4 (Kish)
 */
export function effectiveSampleSize(rate: number, variance: number, labelled: number, kish: number): number {
  if (!(labelled > 0)) return 0;
  const fromVariance = rate > 0 && rate < 1 && variance > 0 ? (rate * (1 - rate)) / variance : Number.NaN;
  const value = Number.isFinite(fromVariance) ? fromVariance : kish;
  return Math.max(0, Math.min(labelled, value));
}
