/** Ratio of two totals estimated from a stratified simple random sample, with its linearised variance. */

/**
 * One stratum's part of a ratio estimate: the stratum's size, how many of its units were observed, and
 * sums over the observed units of the domain (units outside the domain count as y = x = 0).
 */
export interface StratumSums {
  /** N_h: units in the stratum (the population). */
  population: number;
  /** n_h: units observed in the stratum, in the domain or not. */
  sampled: number;
  /** Σ y over the observed units. */
  y: number;
  /** Σ x. */
  x: number;
  /** Σ y². */
  yy: number;
  /** Σ x·y. */
  xy: number;
  /** Σ x². */
  xx: number;
}

export interface RatioEstimate {
  /** R̂ = Ŷ / X̂, or null when X̂ = 0. */
  estimate: number | null;
  /** Linearised variance of R̂ (null with the estimate). */
  variance: number | null;
  /** Ŷ = Σ_h (N_h / n_h) · Σ y. */
  yTotal: number;
  /** X̂ = Σ_h (N_h / n_h) · Σ x. */
  xTotal: number;
  /** Σ_h (N_h / n_h)² · Σ x², for Kish's effective sample size (Σ w·x)² / Σ w²·x² of the denominator. */
  xxWeighted: number;
  /** Variance of X̂ (the stratified total's, Σ_h N_h²(1 − n_h/N_h)·s²_x,h / n_h; a lonely stratum uses Σ x²). */
  xVariance: number;
}

/**
 * The stratified (combined) ratio estimator R̂ = Ŷ / X̂, where Ŷ = Σ_h (N_h/n_h)·Σ_{i∈h} y_i (the
 * Horvitz–Thompson total with inclusion probability n_h/N_h), and its Taylor-linearised variance with the
 * finite population correction (Cochran 1977, §6.11; Särndal, Swensson & Wretman 1992, §5.6):
 *
 *   V̂(R̂) = (1/X̂²) · Σ_h N_h² (1 − n_h/N_h) s²_h / n_h,   s²_h = (Σ z² − (Σ z)²/n_h) / (n_h − 1),   z = y − R̂·x
 *
 * with the sums over the stratum's n_h observed units. The z-sums come from the y, x, y², xy, x² sums
 * (Σ z = Σy − R̂Σx, Σ z² = Σy² − 2R̂Σxy + R̂²Σx²), so a domain (a cluster) is estimated by passing its
 * sums with every observed unit of the stratum counted in n_h. A stratum with a single observed unit has
 * no within-stratum spread to measure: it contributes N_h²(1 − 1/N_h)·Σ z², the unit's deviation from 0
 * (the mean of z over the population), like R survey's `options(survey.lonely.psu = "adjust")`.
 * Strata with n_h = 0 contribute nothing.
 *
 * With one stratum and x ≡ 1 this is the textbook proportion: R̂ = p̂, V̂ = (1 − n/N)·p̂(1 − p̂)/(n − 1).
 *
 * @example
 * // one stratum of N = 100, n = 10 observed, 3 with y = 1, x ≡ 1: p̂ = 0.3, V̂ = 0.9·0.3·0.7/9 = 0.021
 * stratifiedRatio([{ population: 100, sampled: 10, y: 3, x: 10, yy: 3, xy: 3, xx: 10 }]);
 * // { estimate: 0.3, variance: 0.021, yTotal: 30, xTotal: 100, xxWeighted: 1000, xVariance: 0 }
 */
export function stratifiedRatio(strata: Iterable<StratumSums>): RatioEstimate {
  const list = [...strata];
  let yTotal = 0;
  let xTotal = 0;
  let xxWeighted = 0;
  let xVariance = 0;
  for (const s of list) {
    const n = s.sampled;
    if (!(n > 0)) continue;
    if (!(s.population >= n)) throw new RangeError(`stratifiedRatio: a stratum has ${n} observed units of ${s.population}`);
    const w = s.population / n;
    yTotal += w * s.y;
    xTotal += w * s.x;
    xxWeighted += w * w * s.xx;
    const spread = n > 1 ? Math.max(0, s.xx - (s.x * s.x) / n) / (n - 1) : s.xx;
    xVariance += (s.population * s.population * (1 - n / s.population) * spread) / n;
  }
  if (!(xTotal > 0)) return { estimate: null, variance: null, yTotal, xTotal, xxWeighted, xVariance };
  const r = yTotal / xTotal;
  let sum = 0;
  for (const s of list) {
    const n = s.sampled;
    if (!(n > 0)) continue;
    const sz = s.y - r * s.x;
    const szz = Math.max(0, s.yy - 2 * r * s.xy + r * r * s.xx);
    const spread = n > 1 ? Math.max(0, szz - (sz * sz) / n) / (n - 1) : szz;
    sum += (s.population * s.population * (1 - n / s.population) * spread) / n;
  }
  return { estimate: r, variance: sum / (xTotal * xTotal), yTotal, xTotal, xxWeighted, xVariance };
}
