/**
 * Shapes of the report's pocket lists: the hierarchy's pockets (grouped under parents, cut and counted) and
 * the pockets found among the errors. Plain text (templates escape it) and checked charts.
 */
import type { TrustedSvg } from './charts/trusted-svg.js';
import type { PocketRateCells } from './pocket-rate-cells.js';

export interface PocketRow extends PocketRateCells {
  clusterId: string;
  name: string;
  description: string;
  level: number;
}

/** A pocket, or a parent cluster heading a group of sibling pockets, with the pockets listed under it. */
export interface PocketGroup {
  head: PocketRow;
  /** false: the parent is shown only to group its pocket children; it is not a pocket itself. */
  headIsPocket: boolean;
  /** Said of a head that is not a pocket itself, e.g. `parent of 2 pockets, not one itself`; else null. */
  headNote: string | null;
  children: PocketRow[];
}

/** The hierarchy's pockets of one classifier and kind: the listed groups and how many pockets there are. */
export interface PocketListView {
  groups: PocketGroup[];
  /** Pockets in metrics.json. */
  total: number;
  /** Pockets listed (heads that are pockets count, heads that are not do not). */
  listed: number;
  /** Pockets not listed: total − listed. */
  more: number;
  /** Some pockets are listed under their parent. */
  grouped: boolean;
  /** `3 pockets` or `14 pockets, 10 listed` (the HTML and report.md say the same). */
  countText: string;
  /** `…and 4 more pockets (see metrics.json).` where the list is cut, else null. */
  moreText: string | null;
  forest: TrustedSvg | null;
}

/** A pocket found among the classifier's errors (metrics.json `error_pockets`). */
export interface ErrorPocketRow {
  /** `FP-1`, `FN-2`, … */
  pocketId: string;
  /** Element id of the row, the forest plot's link target. */
  anchor: string;
  /** Its label, or `suppressed (privacy)`. */
  name: string;
  suppressed: boolean;
  /** Empty when suppressed. */
  description: string;
  n: string;
  errors: string;
  users: string;
  rate: string;
  ci: string;
  overall: string;
  excess: string;
  share: string;
  /** Permutation p-value of the whole search. */
  p: string;
  /** The leaf clusters holding most members, with how many each holds. */
  leaves: { clusterId: string; name: string; n: string }[];
}

/** The search among one kind of a classifier's errors and what it found. */
export interface ErrorPocketsView {
  kind: 'fp' | 'fn';
  rateName: 'FPR' | 'FNR';
  /** What the rate is over: `benign` (false positives) or `harmful` (false negatives) conversations. */
  denominator: 'benign' | 'harmful';
  rows: ErrorPocketRow[];
  total: number;
  more: number;
  /** `3 pockets` or `12 pockets, 10 listed`. */
  countText: string;
  /** `…and 2 more pockets (see metrics.json).` where the list is cut, else null. */
  moreText: string | null;
  forest: TrustedSvg | null;
  /** Denominator items the search ran on. */
  searched: string;
  /** Regions the search looked at. */
  candidates: string;
  /** Shuffles of the permutation test. */
  permutations: string;
  /** The smallest p the shuffles can give, 1/(permutations + 1). */
  smallestP: string;
}
