/** Kulldorff's Bernoulli scan statistic for one region. */

const xLogX = (x: number): number => (x > 0 ? x * Math.log(x) : 0);

/**
 * Log-likelihood ratio of "the rate inside the region is higher than outside" against "one rate
 * everywhere" (Kulldorff 1997, Bernoulli model), for `errorsIn` errors among `sizeIn` items inside and
 * `errorsTotal` among `sizeTotal` in all; 0 when the inside rate is not higher.
 * @example
 * bernoulliScanLlr(18, 20, 40, 200); // ≈ 26.74 (18/20 inside against 22/180 outside)
 * bernoulliScanLlr(2, 20, 40, 200); // 0 (the inside rate is lower)
 */
export function bernoulliScanLlr(errorsIn: number, sizeIn: number, errorsTotal: number, sizeTotal: number): number {
  const sizeOut = sizeTotal - sizeIn;
  const errorsOut = errorsTotal - errorsIn;
  if (sizeIn <= 0 || errorsIn * sizeOut <= errorsOut * sizeIn) return 0;
  const inside = xLogX(errorsIn) + xLogX(sizeIn - errorsIn) - xLogX(sizeIn);
  const outside = xLogX(errorsOut) + xLogX(sizeOut - errorsOut) - xLogX(sizeOut);
  const pooled = xLogX(errorsTotal) + xLogX(sizeTotal - errorsTotal) - xLogX(sizeTotal);
  return inside + outside - pooled;
}
