/**
 * Shapes of the report's view-model: everything the templates show, already formatted. Strings are plain
 * text (templates escape them); charts are `TrustedSvg` values written through the `svg` helper.
 */
import type { MethodsSection } from './methods.js';
import type { TrustedSvg } from './charts/trusted-svg.js';
import type { ErrorPocketsView, PocketListView } from './pocket-types.js';
import type { SlicesView } from './slice-types.js';

export type * from './pocket-types.js';
export type * from './slice-types.js';

/** One rate in the tree, table and detail: text, interval, raw value (for sorting) and colours. */
export interface RateCell {
  text: string;
  ci: string;
  /** Raw rate for sorting; null when there is no denominator. */
  value: number | null;
  colour: string;
  ink: string;
  /** Significant mis-fire pocket for this rate. */
  pocket: boolean;
  /** Tooltip: rate, interval, denominator, q. */
  title: string;
}

export interface ShiftRow {
  clusterId: string;
  name: string;
  level: number;
  /** Signed change in errors, e.g. `−3 errors (FP −4, FN +1)`. */
  change: string;
}

/** What happens if the operating threshold moves one sweep step down or up. */
export interface ThresholdMoveView {
  direction: 'down' | 'up';
  threshold: string;
  overall: string;
  gains: ShiftRow[];
  losses: ShiftRow[];
}

/** A proxy-mode candidate (no labels): high flag rate and low concern, or the reverse. */
export interface ProxyRow {
  clusterId: string;
  name: string;
  description: string;
  level: number;
  verdicts: number;
  flagRate: string;
  ci: string;
  overall: string;
  meanConcern: string;
  excess: string;
  q: string;
}

/** A classifier of a run without labels: flag rates, and either proxy candidates (concern) or flag-rate pockets. */
export interface ProxyView {
  r: string | null;
  meanConcern: string | null;
  fp: ProxyRow[];
  fn: ProxyRow[];
  /** No concern score either: only flag rates, and the flag-rate pockets instead of candidates. */
  flagRatesOnly: boolean;
  /** Verdicts and flagged conversations over the whole run. */
  verdicts: string;
  flagged: string;
  /** Clusters flagged significantly more often than on average (listed up to POCKETS_SHOWN). */
  pockets: ProxyRow[];
  /** How many flag-rate pockets there are: `1 cluster`, `12 clusters`. */
  pocketsCount: string;
  /** `10 listed` when there are more than the list shows, else null. */
  pocketsListed: string | null;
}

export interface ClassifierView {
  index: number;
  name: string;
  n: string;
  confusion: { tp: string; fp: string; tn: string; fn: string };
  fpr: string;
  fprCi: string;
  fnr: string;
  fnrCi: string;
  precision: string;
  recall: string;
  flagRate: string;
  prevalence: string;
  /** Operating threshold and where it came from, when scores are thresholded. */
  threshold: string | null;
  hasScores: boolean;
  auc: string | null;
  prAuc: string | null;
  fpPockets: PocketListView;
  fnPockets: PocketListView;
  /** Pockets found among the errors; null when the run did not search (no labels, or no shuffles). */
  errorPockets: { fp: ErrorPocketsView; fn: ErrorPocketsView } | null;
  /** Overall threshold sweep (scores only). */
  sweep: TrustedSvg | null;
  thresholdMoves: ThresholdMoveView[];
  /** Proxy mode only (no labels). */
  proxy: ProxyView | null;
}

export interface RateColumn {
  classifier: string;
  metric: 'FPR' | 'FNR' | 'flag rate';
  /** `select` value of the map / index into `RateCell[]` lists. */
  index: number;
}

export interface ClusterRow {
  id: string;
  level: number;
  name: string;
  suppressed: boolean;
  size: string;
  sizeValue: number;
  users: string;
  usersValue: number;
  rates: RateCell[];
  /** Lower-case text the filter box matches. */
  search: string;
}

export interface TreeNode {
  id: string;
  level: number;
  name: string;
  suppressed: boolean;
  size: string;
  rates: RateCell[];
  children: TreeNode[];
}

export interface DetailRate {
  classifier: string;
  n: string;
  fpr: RateCell;
  fnr: RateCell;
  /** Flag rate against the overall flag rate (proxy mode). */
  flag: RateCell;
  fprQ: string;
  fnrQ: string;
  precision: string;
  flagRate: string;
  auc: string | null;
  prAuc: string | null;
  meanConcern: string | null;
}

export interface ClusterDetail {
  id: string;
  level: number;
  /** Labels present: show error rates; otherwise flag rates (proxy mode). */
  labelled: boolean;
  name: string;
  description: string;
  suppressed: boolean;
  suppressionNote: string;
  size: string;
  users: string;
  parent: { id: string; name: string } | null;
  children: { id: string; name: string }[];
  terms: string[];
  rates: DetailRate[];
  sweep: TrustedSvg | null;
  categories: { classifiers: string[]; rows: { category: string; cells: string[] }[] } | null;
  examples: string[];
}

export interface MapView {
  svg: TrustedSvg;
  /** One `<option>` per classifier × metric; value = index into each mark's colour list. */
  options: { value: number; label: string }[];
  marks: number;
}

export interface RunSummaryView {
  conversations: string;
  users: string;
  classifiers: string[];
  labelsPresent: boolean;
  proxyMode: boolean;
  /** metrics.json's plain-words caveat in proxy mode. */
  proxyNote: string | null;
  /** Proxy mode only: whether only flag rates could be shown, and the command that gets error rates instead. */
  proxyNotice?: { flagRatesOnly: boolean; sampleCommand: string };
  provider: string;
  inputs: { role: string; file: string; sha256: string; bytes: string }[];
  rows: { label: string; value: string }[];
  missing: string[];
  /** Conversations with fallback facets, in words; absent when every conversation has the model's facets. */
  facetsFallback?: string;
  /** What the rates of a run made with --sample are, in words; absent otherwise. */
  sampleNote?: string;
  /** What the run clamped, ignored or repaired (run.json `warnings`), shortened to a few lines. */
  warnings: string[];
  privacy: {
    minUsers: number;
    minConversations: number;
    suppressed: number;
    levels: { level: number; clusters: number; suppressed: number }[];
  };
  settings: { label: string; value: string }[];
}

export interface MethodsView {
  alpha: string;
  minEffect: string;
  minSupport: number;
  minUsers: number;
  minConversations: number;
  levels: number;
  leafClusters: number;
  provider: string;
  /** How cluster names were made, in plain words. */
  naming: string;
  examplesPerCluster: number;
  labelled: boolean;
  /** Shuffles of the permutation test of the search among the errors (run.json settings); 0 = no search. */
  permutations: number;
  /** 1/(permutations + 1), the smallest p the shuffles can give. */
  smallestP: string;
  /** The exact definitions behind every number (methods.ts). */
  definitions: readonly MethodsSection[];
}

export interface ReportView {
  title: string;
  generated: string;
  runWritten: string | null;
  version: string;
  seed: number;
  summary: RunSummaryView;
  classifiers: ClassifierView[];
  rateColumns: RateColumn[];
  clusterRows: ClusterRow[];
  tree: TreeNode[];
  map: MapView | null;
  details: ClusterDetail[];
  comparison: { fpr: TrustedSvg; fnr: TrustedSvg } | null;
  /** Error rates per metadata value (slicing dimensions). */
  slices: SlicesView;
  methods: MethodsView;
  /** The CI gate's section (rendered by templates/partials/gate.hbs) when a gate result is passed in. */
  gate: unknown;
}
