/** The effective sample size of an estimate from a weighted (stratified) sample. */

/**
 * How many simple-random-sample observations a design-based estimate is worth: n_eff = σ² / V̂, where σ²
 * is the variance one observation would contribute under simple random sampling (r(1 − r) for a rate r)
 * and V̂ the design's variance of the estimate — n / deff, with Kish's design effect deff = V̂ / (σ²/n).
 * Truncated at `labelled`, the labelled units behind the estimate (as Korn & Graubard 1998 truncate deff
 * at 1), because a variance estimated from two or three units per stratum is too unstable to claim more.
 * When V̂ cannot say (σ² = 0, e.g. a rate of 0 or 1, or V̂ = 0: every observed unit of every stratum agrees,
 * or every stratum was observed entirely), `kish` — Kish's (Σ w)² / Σ w² over the denominator's units — is
 * used instead, truncated the same way; with equal weights that is the denominator's count itself.
 *
 * @example
 * effectiveSampleSize(0.3 * 0.7, 0.021, 20, 10); // 10 (0.21/0.021)
 * effectiveSampleSize(0.3 * 0.7, 0.0105, 12, 10); // 12: 20 truncated at the 12 labelled units
 * effectiveSampleSize(0, 0, 20, 6.4); // 6.4 (Kish)
 */
export function effectiveSampleSize(unitVariance: number, variance: number, labelled: number, kish: number): number {
  if (!(labelled > 0)) return 0;
  const value = unitVariance > 0 && variance > 0 ? unitVariance / variance : kish;
  return Math.max(0, Math.min(labelled, Number.isFinite(value) ? value : kish));
}
