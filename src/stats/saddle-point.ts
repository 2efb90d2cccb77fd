/**
 * Log-probabilities of the binomial and hypergeometric distributions by Loader's saddle-point
 * expansion (C. Loader, "Fast and Accurate Computation of Binomial Probabilities", 2000; the method
 * behind R's dbinom/dhyper). Unlike differences of log-factorials, every term here is small, so
 * the log-probability keeps ~1e-14 absolute accuracy even with counts in the millions.
 */
import { stirlingError } from './log-gamma.js';

const LN_2PI = 1.8378770664093453; // log(2π)

/**
 * Deviance term D(x, m) = x·log(x/m) + m − x ≥ 0, computed without cancellation.
 *
 * For x/m in (1/3, 3) it uses D = (x−m)·v + 2x·Σ_{j≥1} v^(2j+1)/(2j+1) with v = (x−m)/(x+m),
 * |v| < ½; the terms shrink by v² ≤ ¼ each and barely cancel. (R's bd0 switches to the direct
 * formula already at |v| = 0.1, where x·log(x/m) and x − m cancel and lose up to ~4 digits —
 * 2e-12 relative error in a p-value of 1e-258.) Outside that range the direct formula is safe.
 * @example binomialDeviance(10, 10); // 0
 */
export function binomialDeviance(x: number, mean: number): number {
  if (Math.abs(x - mean) < 0.5 * (x + mean)) {
    let v = (x - mean) / (x + mean);
    let sum = (x - mean) * v;
    if (Math.abs(sum) < Number.MIN_VALUE) return sum;
    let odd = 2 * x * v;
    v *= v;
    // v² < ¼: the loop ends within ~30 terms, when a term no longer changes the sum.
    for (let j = 1; j < 1000; j++) {
      odd *= v;
      const next = sum + odd / (2 * j + 1);
      if (next === sum) return next;
      sum = next;
    }
  }
  return x * Math.log(x / mean) + mean - x;
}

/**
 * log P(X = x) for X ~ Binomial(n, p), with q = 1 − p passed separately (so q can be exact).
 * x and n are counts (0 ≤ x ≤ n); returns −Infinity outside the support.
 * @example Math.exp(logBinomialPmf(2, 4, 0.5, 0.5)); // 0.375
 */
export function logBinomialPmf(x: number, n: number, p: number, q: number): number {
  if (x < 0 || x > n) return -Infinity;
  if (p === 0) return x === 0 ? 0 : -Infinity;
  if (q === 0) return x === n ? 0 : -Infinity;
  if (x === 0) {
    if (n === 0) return 0;
    return p < 0.1 ? -binomialDeviance(n, n * q) - n * p : n * Math.log(q);
  }
  if (x === n) {
    return q < 0.1 ? -binomialDeviance(n, n * p) - n * q : n * Math.log(p);
  }
  const lc =
    stirlingError(n) -
    stirlingError(x) -
    stirlingError(n - x) -
    binomialDeviance(x, n * p) -
    binomialDeviance(n - x, n * q);
  // log((n − x)/n): log1p(−x/n) loses digits when x/n is near 1 (n − x is exact for counts).
  const logFailureShare = x < n / 2 ? Math.log1p(-x / n) : Math.log((n - x) / n);
  const lf = LN_2PI + Math.log(x) + logFailureShare;
  return lc - 0.5 * lf;
}

/**
 * log P(X = x) where X counts white balls among `drawn` balls drawn without replacement from an
 * urn of `white` white and `black` black balls (hypergeometric). −Infinity outside the support.
 * @example Math.exp(logHypergeometricPmf(1, 2, 2, 2)); // 0.6666666666666667
 */
export function logHypergeometricPmf(x: number, white: number, black: number, drawn: number): number {
  if (x < 0 || x > white || x > drawn || drawn - x > black) return -Infinity;
  if (drawn === 0) return x === 0 ? 0 : -Infinity;
  const total = white + black;
  const p = drawn / total;
  const q = (total - drawn) / total;
  return (
    logBinomialPmf(x, white, p, q) +
    logBinomialPmf(drawn - x, black, p, q) -
    logBinomialPmf(drawn, total, p, q)
  );
}
