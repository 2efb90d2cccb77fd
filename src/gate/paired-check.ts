/** The numbers every gate check carries, from one group's paired counts: both rates, the change and the exact McNemar p. */
import { mcnemarExactGreater, ratio, wilsonInterval } from '../stats/index.js';
import type { PairedCounts } from './paired-counts.js';
import type { GateMetric, PairedCheck, RateSide } from './types.js';

function side(errors: number, support: number): RateSide {
  return { errors, rate: ratio(errors, support), ci: wilsonInterval(errors, support) };
}

/**
 * Everything of a check but its q and the rule's decision.
 * @example
 * pairedFields({ support: 60, baselineWrong: 3, candidateWrong: 22, worse: 20, better: 1 }, 'fpr').increase; // 0.3167
 */
export function pairedFields(counts: PairedCounts, metric: GateMetric): Omit<PairedCheck, 'status' | 'reason'> {
  const { support, worse, better } = counts;
  return {
    metric,
    support,
    baseline: side(counts.baselineWrong, support),
    candidate: side(counts.candidateWrong, support),
    // (worse − better)/support is exactly candidate rate − baseline rate, without subtracting two roundings.
    increase: ratio(worse - better, support),
    worse,
    better,
    p: support > 0 ? mcnemarExactGreater(worse, better) : null,
    q: null,
  };
}
