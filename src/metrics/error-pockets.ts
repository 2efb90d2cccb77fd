/**
 * What metrics.json says of the pockets found among a classifier's errors (src/discovery): per pocket its
 * counts, rate with a Wilson interval, excess errors and the permutation p-value of the whole search, its
 * name when privacy allows, and the leaf clusters its members sit in. Members themselves go to pockets.csv.
 */
import type { Interval } from './confusion.js';
import { ratio, wilsonInterval } from '../stats/index.js';

export type ErrorKind = 'false_positive' | 'false_negative';

export interface ErrorPocketMetrics {
  /** `FP-1`, `FN-2`, … (rank within the classifier and kind, strongest first). */
  pocket_id: string;
  kind: ErrorKind;
  label: string | null;
  description: string | null;
  terms: string[];
  suppressed: boolean;
  /** Benign items (false-positive pocket) or harmful items (false-negative pocket) inside the pocket. */
  n: number;
  errors: number;
  rate: number | null;
  rate_ci: Interval;
  /** The classifier's rate over its whole denominator. */
  overall_rate: number | null;
  excess: number | null;
  /** Share of all the classifier's errors of this kind that fall in the pocket. */
  share: number | null;
  users: number;
  /** Permutation p-value of the whole search (family-wise over every region it looked at). */
  p_search: number;
  /** Bernoulli scan log-likelihood ratio of the region against the rest. */
  statistic: number;
  /** The leaf clusters holding most members (up to three), largest first. */
  leaves: { cluster_id: string; n: number }[];
}

export interface ErrorSearchMetrics {
  pockets: ErrorPocketMetrics[];
  /** Denominator items the search ran on (a seeded sample when larger). */
  searched: number;
  candidates: number;
  permutations: number;
}

export interface ClassifierErrorPockets {
  false_positive: ErrorSearchMetrics;
  false_negative: ErrorSearchMetrics;
}

/**
 * The metrics of one pocket; `totals` are the classifier's denominator and errors of this kind.
 * @example
 * errorPocketRow('FP-1', 'false_positive', { n: 40, errors: 30, users: 22, p: 0.01, statistic: 25.1, leaves: [] }, { n: 2000, errors: 100 })
 * // { pocket_id: 'FP-1', rate: 0.75, rate_ci: [0.6, 0.86], excess: 28, share: 0.3, … }
 */
export function errorPocketRow(
  id: string,
  kind: ErrorKind,
  pocket: { n: number; errors: number; users: number; p: number; statistic: number; leaves: { cluster_id: string; n: number }[] },
  totals: { n: number; errors: number },
): ErrorPocketMetrics {
  const overall = ratio(totals.errors, totals.n);
  return {
    pocket_id: id,
    kind,
    label: null,
    description: null,
    terms: [],
    suppressed: false,
    n: pocket.n,
    errors: pocket.errors,
    rate: ratio(pocket.errors, pocket.n),
    rate_ci: wilsonInterval(pocket.errors, pocket.n),
    overall_rate: overall,
    excess: overall === null ? null : pocket.errors - pocket.n * overall,
    share: ratio(pocket.errors, totals.errors),
    users: pocket.users,
    p_search: pocket.p,
    statistic: pocket.statistic,
    leaves: pocket.leaves,
  };
}
