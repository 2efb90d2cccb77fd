/**
 * The rate columns every pocket list shows — cluster pockets and slice pockets alike: the denominator, the
 * rate with its interval, the classifier's overall rate, excess errors, share of the errors and q.
 */
import type { GroupMetrics, OverallMetrics } from '../metrics/confusion.js';
import { interval, pct, pValue, signed } from './format.js';

export interface PocketRateCells {
  support: number;
  rate: string;
  ci: string;
  overall: string;
  excess: string;
  share: string;
  q: string;
}

/**
 * A pocket's rate columns for false positives (`fp`) or false negatives (`fn`).
 * @example
 * pocketRateCells(row, 'fp', classifier.overall); // { support: 210, rate: '37.6%', ci: '31.3%–44.3%', … }
 */
export function pocketRateCells(r: GroupMetrics, kind: 'fp' | 'fn', overall: OverallMetrics): PocketRateCells {
  return {
    support: kind === 'fp' ? r.fp + r.tn : r.fn + r.tp,
    rate: pct(kind === 'fp' ? r.fpr : r.fnr),
    ci: interval(kind === 'fp' ? r.fpr_ci : r.fnr_ci),
    overall: pct(kind === 'fp' ? overall.fpr : overall.fnr),
    excess: signed(kind === 'fp' ? r.excess_fp : r.excess_fn),
    share: pct(kind === 'fp' ? r.share_fp : r.share_fn),
    q: pValue(kind === 'fp' ? r.fpr_q : r.fnr_q),
  };
}
