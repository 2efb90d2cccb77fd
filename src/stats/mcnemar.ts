/** Exact one-sided McNemar test on paired discordant counts. */
import { logSumOfShrinkingTerms } from './discrete-tail.js';
import { logBinomialPmf } from './saddle-point.js';
import { assertCount } from './validate.js';

/**
 * Exact one-sided McNemar p-value that a candidate classifier is worse than a baseline on the
 * same items. `worse` = discordant pairs where the baseline was right and the candidate wrong;
 * `better` = the reverse. Under H0 each discordant pair goes either way with probability ½, so
 * p = P(X ≥ worse) for X ~ Binomial(worse + better, ½) — the same value as
 * scipy.stats.binomtest(worse, worse + better, 0.5, alternative='greater').pvalue.
 * Returns 1 when there are no discordant pairs (or worse = 0).
 *
 * Summed in log space from a saddle-point first term (see saddle-point.ts), so it stays accurate
 * for millions of pairs and tiny p-values; cost O(√(worse + better)).
 *
 * @example
 * mcnemarExactGreater(8, 2); // 0.0546875
 * mcnemarExactGreater(0, 0); // 1
 */
export function mcnemarExactGreater(worse: number, better: number): number {
  assertCount(worse, 'worse', 'mcnemarExactGreater');
  assertCount(better, 'better', 'mcnemarExactGreater');
  const n = worse + better;
  if (worse === 0) return 1; // covers n = 0

  // P(k+1)/P(k) = (n−k)/(k+1) and P(k−1)/P(k) = k/(n−k+1) for Binomial(n, ½).
  const ratioUp = (k: number) => (n - k) / (k + 1);
  const ratioDown = (k: number) => k / (n - k + 1);
  const logPmf = (k: number) => logBinomialPmf(k, n, 0.5, 0.5);

  if (worse === n || ratioUp(worse) <= 1) {
    // worse is at or past the mode: the upper tail shrinks from `worse` upwards.
    const logP = logSumOfShrinkingTerms(logPmf(worse), n - worse, (j) => ratioUp(worse + j));
    return Math.min(1, Math.exp(logP));
  }
  // Below the mode: 1 − P(X ≤ worse − 1), summing the lower tail downwards (p is not small here).
  const logLower = logSumOfShrinkingTerms(logPmf(worse - 1), worse - 1, (j) => ratioDown(worse - 1 - j));
  return Math.min(1, Math.max(0, -Math.expm1(logLower)));
}
