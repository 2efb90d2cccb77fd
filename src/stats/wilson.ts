/** Wilson score confidence interval for a binomial proportion. */
import { normalQuantile } from './normal-quantile.js';

/**
 * Two-sided Wilson score interval for the rate successes/trials, with
 * z = Φ⁻¹(1 − (1 − confidence)/2) (1.959963984540054 at 0.95). Same value as
 * scipy.stats.binomtest(successes, trials).proportion_ci(confidence, method='wilson').
 *
 * Returns null when trials = 0 (no rate to bound). The interval always lies in [0, 1] and
 * contains successes/trials: the lower end is exactly 0 at 0 successes and the upper end
 * exactly 1 when every trial succeeds. Counts may be non-integer (e.g. weighted).
 *
 * @example
 * wilsonInterval(5, 10); // [0.23659309051256405, 0.763406909487436]
 * wilsonInterval(0, 0); // null
 */
export function wilsonInterval(successes: number, trials: number, confidence = 0.95): [number, number] | null {
  if (!(Number.isFinite(trials) && trials >= 0 && Number.isFinite(successes) && successes >= 0 && successes <= trials)) {
    throw new RangeError(`wilsonInterval needs 0 ≤ successes ≤ trials (finite), got ${successes}/${trials}`);
  }
  if (!(confidence > 0 && confidence < 1)) {
    throw new RangeError(`wilsonInterval: confidence must be strictly between 0 and 1, got ${confidence}`);
  }
  if (trials === 0) return null;

  const z = zForConfidence(confidence);
  const rate = successes / trials;
  const failureRate = (trials - successes) / trials;
  // Work with the smaller of the two rates and mirror (the interval for failures is the mirror
  // image of the one for successes), so the "near" bound is always the one close to 0.
  const mirrored = rate > 0.5;
  const [near, far] = wilsonBoundsForSmallRate(mirrored ? failureRate : rate, trials, z);
  let lower = mirrored ? 1 - far : near;
  let upper = mirrored ? 1 - near : far;
  if (successes === 0) lower = 0;
  if (successes === trials) upper = 1;
  // Containment and [0, 1] hold mathematically; clamp away any last-bit rounding.
  lower = Math.max(0, Math.min(rate, lower));
  upper = Math.min(1, Math.max(rate, upper));
  return [lower, upper];
}

/** Φ⁻¹(0.975) correctly rounded; the double 0.95 is a hair below 0.95 and would give 2 ulps less. */
const Z_95 = 1.959963984540054;

/** z = Φ⁻¹(1 − α/2) with α = 1 − confidence, as −Φ⁻¹(α/2) so the small tail is not rounded away. */
function zForConfidence(confidence: number): number {
  return confidence === 0.95 ? Z_95 : -normalQuantile((1 - confidence) / 2);
}

/**
 * The Wilson bounds for a rate r ≤ ½ are the roots of (1 + z²/n)π² − (2r + z²/n)π + r² = 0.
 * The far root comes from the usual centre + half-width; the near one from the product of the
 * roots, r² / (1 + z²/n), which avoids the cancellation of centre − half-width at rates like 1/10⁶.
 */
function wilsonBoundsForSmallRate(r: number, trials: number, z: number): [number, number] {
  const z2 = z * z;
  const denominator = 1 + z2 / trials;
  const centre = (r + z2 / (2 * trials)) / denominator;
  const halfWidth = (z / denominator) * Math.sqrt((r * (1 - r)) / trials + z2 / (4 * trials * trials));
  const far = centre + halfWidth;
  return [(r * r) / (denominator * far), far];
}
