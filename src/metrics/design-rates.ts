/**
 * One rate of one domain (a cluster, the rest of the data, or everything) estimated from a stratified
 * labelled sample: the ratio estimate, its linearised variance, the effective sample size, a Wilson
 * interval at that size, and the effective counts its tests use.
 */
import { effectiveSampleSize, fisherExactGreater, kishEffectiveN, stratifiedRatio, wilsonInterval, type StratumSums } from '../stats/index.js';
import { CELL } from './design-cells.js';
import type { Interval } from './confusion.js';

/** Φ⁻¹(0.975). */
const Z_95 = 1.959963984540054;

export interface DesignRate {
  estimate: number | null;
  variance: number | null;
  /** Estimated errors (Ŷ) and conversations behind the rate (X̂) in the population. */
  yTotal: number;
  xTotal: number;
  /** The lower end of X̂'s 95 % interval, X̂ − 1.96·√V(X̂), at least 0: how many conversations surely stand behind the rate. */
  xLower: number;
  /** Labelled conversations in the rate's denominator. */
  observed: number;
  /** Effective sample size of the estimate (0 when nothing was observed). */
  nEff: number;
  ci: Interval;
}

/** The strata's sizes and labelled counts (m_h), shared by every rate of a run. */
export interface StratumFrame {
  population: Float64Array;
  labelled: Int32Array;
}

/**
 * The rate Σ y / Σ x over the slots `ySlots` ⊆ `xSlots` of a strata × CELL sum array (e.g. FPR: y = fp,
 * x = fp + tn), estimated with stratifiedRatio (weights N_h / m_h), n_eff from effectiveSampleSize (truncated
 * at the domain's labelled conversations with a verdict, and at X̂) and a Wilson 95 % interval of (R̂·n_eff
 * successes, n_eff trials).
 * @example designRate(frame, sums, [FP], [FP, TN]).ci; // the cluster's FPR interval
 */
export function designRate(frame: StratumFrame, sums: Int32Array, ySlots: readonly number[], xSlots: readonly number[]): DesignRate {
  const strata: StratumSums[] = [];
  let observed = 0;
  let labelled = 0;
  for (let i = 0; i < sums.length; i++) labelled += sums[i];
  for (let h = 0; h < frame.labelled.length; h++) {
    let y = 0;
    let x = 0;
    for (const s of ySlots) y += sums[h * CELL + s];
    for (const s of xSlots) x += sums[h * CELL + s];
    observed += x;
    // A stratum without domain units adds nothing (its z are all 0), nor does one without labels.
    if (x === 0 || frame.labelled[h] === 0) continue;
    strata.push({ population: frame.population[h], sampled: frame.labelled[h], y, x, yy: y, xy: y, xx: x });
  }
  const r = stratifiedRatio(strata);
  const xLower = Math.max(0, r.xTotal - Z_95 * Math.sqrt(r.xVariance));
  if (r.estimate === null || r.variance === null) return { estimate: null, variance: null, yTotal: r.yTotal, xTotal: r.xTotal, xLower, observed, nEff: 0, ci: null };
  // Truncated at every labelled conversation of the domain, not only the rate's denominator (with strata split by
  // verdict, the harmful conversations drawn from a flagged stratum pin down its share of false positives too),
  // and at the conversations the rate is about (X̂): a sample never says more than labelling all of them would.
  const nEff = effectiveSampleSize(r.estimate * (1 - r.estimate), r.variance, Math.min(labelled, r.xTotal), kishEffectiveN(r.xTotal, r.xxWeighted));
  const ci = nEff > 0 ? wilsonInterval(Math.min(nEff, r.estimate * nEff), nEff) : null;
  return { estimate: r.estimate, variance: r.variance, yTotal: r.yTotal, xTotal: r.xTotal, xLower, observed, nEff, ci };
}

/**
 * One-sided Fisher exact test that `inside`'s rate exceeds `rest`'s, on effective counts: each side's
 * R̂·n_eff errors of n_eff, rounded to whole numbers (the counts a simple random sample of that
 * information would hold, the exact-test analogue of the Rao–Scott correction). Null without an inside rate.
 * With every weight 1 and every stratum observed entirely this is the plain Fisher test of the counts.
 * @example effectiveFisher(clusterFpr, restFpr); // p
 */
export function effectiveFisher(inside: DesignRate, rest: DesignRate): number | null {
  if (inside.estimate === null || inside.nEff === 0) return null;
  const [a, b] = effectiveCounts(inside);
  const [c, d] = rest.estimate === null ? [0, 0] : effectiveCounts(rest);
  return fisherExactGreater(a, b, c, d);
}

/** [errors, non-errors] as whole effective counts. */
function effectiveCounts(rate: DesignRate): [number, number] {
  const total = Math.round(rate.nEff);
  const errors = Math.min(total, Math.round((rate.estimate ?? 0) * rate.nEff));
  return [errors, total - errors];
}
