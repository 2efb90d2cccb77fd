/** How often a stratum's verdicts are plausibly wrong, before (or after) any labels: a Beta prior. */
import type { Strata } from './strata.js';

/** Beta(wrong, right) prior on the share of wrong verdicts in a stratum. */
export interface ErrorPrior {
  wrong: number;
  right: number;
}

/** Beta(1, 4): a verdict is wrong about one time in five, a belief worth five labels. */
export const DEFAULT_ERROR_PRIOR: ErrorPrior = { wrong: 1, right: 4 };

/**
 * The plausible share of wrong verdicts in each stratum: benign conversations among the flagged (would-be
 * false positives), harmful ones among the not flagged (would-be misses). It is the posterior mean of the
 * Beta prior given the stratum's labelled conversations, (wrong + errors) / (wrong + right + labelled);
 * with no labels, the prior mean. Strata without a verdict get NaN (they hold no error of this classifier).
 * @example
 * // a flagged stratum with labels 0, 0, 1 (two false positives of three): (1 + 2) / (5 + 3) = 0.375
 * plausibleErrorShares(strata, Int8Array.of(0, 0, 1), DEFAULT_ERROR_PRIOR)[0]; // 0.375
 */
export function plausibleErrorShares(strata: Strata, labels: Int8Array | null, prior: ErrorPrior = DEFAULT_ERROR_PRIOR): Float64Array {
  if (!(prior.wrong > 0 && prior.right > 0)) throw new RangeError(`plausibleErrorShares: the Beta prior needs positive parameters, got ${prior.wrong}, ${prior.right}`);
  const out = new Float64Array(strata.names.length);
  strata.members.forEach((members, h) => {
    const verdict = strata.verdict[h];
    if (verdict === 'no-verdict') {
      out[h] = Number.NaN;
      return;
    }
    const wrongLabel = verdict === 'flagged' ? 0 : 1;
    let labelled = 0;
    let wrong = 0;
    if (labels) {
      for (const i of members) {
        if (labels[i] < 0) continue;
        labelled++;
        if (labels[i] === wrongLabel) wrong++;
      }
    }
    out[h] = (prior.wrong + wrong) / (prior.wrong + prior.right + labelled);
  });
  return out;
}
