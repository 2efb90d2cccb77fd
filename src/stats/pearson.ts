/** Pearson product-moment correlation. */

/**
 * Pearson correlation of x and y, in [−1, 1]. Null when there are fewer than 2 points or either
 * variable is constant (zero variance: the correlation is undefined).
 *
 * Written out rather than wrapping simple-statistics' `sampleCorrelation`, which takes only
 * arrays, returns NaN or ±Infinity for constant input, and can exceed 1 by rounding; and
 * "constant" must be tested on the values themselves, because the mean of n equal numbers need
 * not equal them exactly (mean([0.1, 0.1, 0.1]) ≠ 0.1), leaving a spurious tiny variance.
 * Two-pass (centre first), so large offsets do not cancel.
 *
 * @example
 * pearson([1, 2, 3, 4], [2, 4, 6, 8]); // 1
 * pearson([1, 1, 1], [1, 2, 3]); // null
 */
export function pearson(x: ArrayLike<number>, y: ArrayLike<number>): number | null {
  if (x.length !== y.length) {
    throw new RangeError(`pearson: x and y differ in length (${x.length} vs ${y.length})`);
  }
  const n = x.length;
  for (let i = 0; i < n; i++) {
    if (!Number.isFinite(x[i]) || !Number.isFinite(y[i])) {
      throw new RangeError(`pearson: non-finite value at index ${i} (${x[i]}, ${y[i]})`);
    }
  }
  if (n < 2 || isConstant(x) || isConstant(y)) return null;

  let sumX = 0;
  let sumY = 0;
  for (let i = 0; i < n; i++) {
    sumX += x[i];
    sumY += y[i];
  }
  const meanX = sumX / n;
  const meanY = sumY / n;
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  for (let i = 0; i < n; i++) {
    const dx = x[i] - meanX;
    const dy = y[i] - meanY;
    sxy += dx * dy;
    sxx += dx * dx;
    syy += dy * dy;
  }
  let scale = Math.sqrt(sxx * syy);
  // sxx·syy can overflow or underflow for extreme magnitudes; the split form cannot (but rounds twice).
  if (!Number.isFinite(scale) || scale === 0) scale = Math.sqrt(sxx) * Math.sqrt(syy);
  if (!(scale > 0)) return null; // spreads so tiny (≲1e-160) that their squares underflow
  const r = sxy / scale;
  return Math.max(-1, Math.min(1, r));
}

function isConstant(values: ArrayLike<number>): boolean {
  for (let i = 1; i < values.length; i++) if (values[i] !== values[0]) return false;
  return true;
}
