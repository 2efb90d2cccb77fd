/**
 * Types of the CI gate: what it is given (paired verdicts of two classifier versions on the same
 * conversations, and the clusters those conversations belong to at every level) and the value it
 * computes. The gate is a plain value; only the CLI turns its verdict into an exit code.
 */
import type { GateDesign } from './design-paired.js';

/** The rule's thresholds (config/gate.json, overridable by flags). Snake case as in the config file. */
export interface GateSettings {
  /** A cluster fails when its rate rises by at least this much (absolute, e.g. 0.05 = 5 points)… */
  max_increase: number;
  /** …and its BH-adjusted one-sided p is below this (overall checks use the raw p)… */
  alpha: number;
  /** …and it has at least this many paired conversations behind the rate (else `insufficient_data`). */
  min_support: number;
  /** The overall rate fails when it rises by at least this much with p < alpha. */
  max_overall_increase: number;
}

export const DEFAULT_GATE_SETTINGS: GateSettings = {
  max_increase: 0.05,
  alpha: 0.05,
  min_support: 20,
  max_overall_increase: 0.01,
};

/** One cluster of one level, as the gate needs it. */
export interface GateCluster {
  id: string;
  /** The cluster's name; ignored (never shown) when `suppressed`. */
  label: string | null;
  suppressed: boolean;
}

export interface GateLevel {
  level: number;
  clusters: GateCluster[];
  /** Conversation → index into `clusters` (same length as the verdict arrays). */
  membership: Int32Array;
}

export interface GateInput {
  baseline: string;
  candidate: string;
  /** Per conversation: 1 harmful, 0 benign, -1 unlabelled (left out of every rate). */
  labels: Int8Array;
  /** Per conversation: 1 flagged, 0 not flagged, -1 no verdict (not allowed on labelled conversations). */
  baselineFlags: Int8Array;
  candidateFlags: Int8Array;
  levels: GateLevel[];
  /** The pockets found among the baseline's errors (absent: the run recorded none). */
  pockets?: GatePocketsInput;
  /** The run's slicing dimensions (metadata values, language; absent: the run recorded none). */
  slices?: GateSlicesInput;
  /** The labelling sample the labels come from (a run made with --sample): every check is then design-weighted (design-paired.ts). */
  design?: GateDesign;
  settings: GateSettings;
}

/** One slice of a slicing dimension, as the gate needs it. */
export interface GateSlice {
  /** `S1-000`, … */
  id: string;
  /** Display name (`channel = api`), never the value of a suppressed slice (slicing/names.ts). */
  name: string;
  suppressed: boolean;
}

/** One slicing dimension: its slices and each conversation's slice. */
export interface GateSliceDimension {
  id: string;
  field: string;
  /** The cluster level the field is crossed with, else null. */
  cross_level: number | null;
  slices: GateSlice[];
  /** Conversation → index into `slices`, or −1 for a conversation in none of them (one placed from --conversations). */
  membership: Int32Array;
}

/**
 * Why there are (or are no) slice checks: `checked` — the run sliced its conversations; `none` — it had no
 * slicing dimension; `not_recorded` — the run folder has no slices.csv (written before misfire sliced).
 */
export type GateSlicesStatus = 'checked' | 'none' | 'not_recorded';

export interface GateSlicesInput {
  status: GateSlicesStatus;
  dimensions: readonly GateSliceDimension[];
  /** Said after the checks' note (e.g. how placed conversations were sliced). */
  note?: string;
}

/** The kind of error a pocket was found among: FP pockets hold benign conversations, FN pockets harmful ones. */
export type GatePocketKind = 'false_positive' | 'false_negative';

/** One pocket found among the baseline's errors, as the gate needs it. */
export interface GatePocket {
  /** `FP-1`, `FN-2`, … */
  id: string;
  kind: GatePocketKind;
  /** The pocket's name; ignored (never shown) when `suppressed`. */
  label: string | null;
  suppressed: boolean;
  /** Indices into the verdict arrays of its member conversations. */
  members: Int32Array;
}

/**
 * Why there are (or are no) pocket checks:
 * `checked` — the run found pockets among the baseline's errors; `none_found` — it searched and found none;
 * `not_searched` — it did not search the baseline's errors (no labels, `--permutations 0`, or labels from a sample);
 * `not_recorded` — the run folder has no pockets.csv (written before misfire searched errors for pockets).
 */
export type GatePocketsStatus = 'checked' | 'none_found' | 'not_searched' | 'not_recorded';

export interface GatePocketsInput {
  status: GatePocketsStatus;
  pockets: readonly GatePocket[];
}

/** `fpr` = false-positive rate over benign conversations; `fnr` = false-negative rate over harmful ones. */
export type GateMetric = 'fpr' | 'fnr';

export type CheckStatus = 'pass' | 'warn' | 'fail' | 'insufficient_data';

/**
 * The whole gate's verdict. `fail` when any check (overall, cluster, pocket or slice) fails; otherwise `insufficient_data` when an overall
 * rate has too little support to be judged (thin data never reads as a pass); otherwise `pass`
 * (warnings do not block).
 */
export type GateVerdict = 'pass' | 'fail' | 'insufficient_data';

export interface RateSide {
  /** Errors (false positives for fpr, false negatives for fnr) among `support` conversations. */
  errors: number;
  rate: number | null;
  /** 95 % Wilson interval of the rate. */
  ci: [number, number] | null;
}

/** What every check holds, whatever it checks: the paired counts, the test and the rule's decision. */
export interface PairedCheck {
  metric: GateMetric;
  /** Paired conversations behind the rate (negatives for fpr, positives for fnr). */
  support: number;
  baseline: RateSide;
  candidate: RateSide;
  /** candidate rate − baseline rate (null when support is 0). */
  increase: number | null;
  /** Discordant pairs: baseline right and candidate wrong. */
  worse: number;
  /** Discordant pairs: baseline wrong and candidate right. */
  better: number;
  /** Exact one-sided McNemar p that the candidate is worse (null when support is 0). */
  p: number | null;
  /** BH-adjusted p across the clusters of the level, or across the pockets (null for overall checks and when support is 0). */
  q: number | null;
  status: CheckStatus;
  /** One line saying why the check ended with its status. */
  reason: string;
}

export interface GateCheck extends PairedCheck {
  scope: 'overall' | 'cluster';
  level: number | null;
  cluster_id: string | null;
  /** Display name: the cluster's label, "(suppressed cluster)" or "(unnamed cluster)"; null overall. */
  cluster_name: string | null;
  suppressed: boolean;
}

/** A pocket of the baseline's errors, checked on the rate of its own kind of error (FPR for FP pockets, FNR for FN pockets). */
export interface GatePocketCheck extends PairedCheck {
  scope: 'pocket';
  pocket_id: string;
  /** Display name: the pocket's label, "(suppressed pocket)" or "(unnamed pocket)". */
  pocket_name: string;
  kind: GatePocketKind;
  suppressed: boolean;
  /** Member conversations of the run; `support` counts those now labelled with the pocket's kind (benign or harmful). */
  members: number;
}

/** A slice of a slicing dimension, checked like a cluster on both rates, BH across the slices of its dimension. */
export interface GateSliceCheck extends PairedCheck {
  scope: 'slice';
  dimension_id: string;
  field: string;
  slice_id: string;
  /** Display name, e.g. `channel = api` or `channel = (suppressed value)`. */
  slice_name: string;
  suppressed: boolean;
}

export interface GateSliceDimensionResult {
  dimension_id: string;
  field: string;
  cross_level: number | null;
  checks: GateSliceCheck[];
}

/** Every slicing dimension of the run, each slice checked like a cluster. */
export interface GateSlicesResult {
  status: GateSlicesStatus;
  /** One sentence for readers: what was checked, or why nothing was. */
  note: string;
  dimensions: GateSliceDimensionResult[];
}

/** The pockets found among the baseline's errors, each a slice checked like a cluster, BH across the pockets. */
export interface GatePocketsResult {
  /** Whose errors the pockets were found among: the baseline classifier, in the (baseline) run. */
  classifier: string;
  status: GatePocketsStatus;
  /** One sentence for readers: what was checked, or why nothing was. */
  note: string;
  checks: GatePocketCheck[];
}

export interface GateLevelResult {
  level: number;
  checks: GateCheck[];
}

/** Where the compared verdicts came from (filled in by the API; no paths, so it is the same on every machine). */
export interface GateSource {
  mode: 'run' | 'baseline-run';
  /** Conversations in the (baseline) run. */
  run_conversations: number;
  /** Conversations the baseline run had not seen, placed at their nearest leaf centroid. */
  placed_conversations: number;
  /** sha256 of every file the verdicts and labels were read from, by role. */
  inputs: { role: 'run-verdicts' | 'verdicts' | 'labels' | 'conversations' | 'sample'; sha256: string | null }[];
}

export interface GateResult {
  schema: 'misfire.gate/v3';
  verdict: GateVerdict;
  baseline: string;
  candidate: string;
  settings: GateSettings;
  paired: { conversations: number; negatives: number; positives: number };
  /** Every check (overall, clusters of every level, pockets, slices) by status. */
  counts: Record<CheckStatus, number>;
  overall: GateCheck[];
  levels: GateLevelResult[];
  pockets: GatePocketsResult;
  slices: GateSlicesResult;
  /** Provenance, set by the API (absent when the pure gate is called directly). */
  source?: GateSource;
  /** Present when the rates are design-weighted from a labelled sample; says so in words. */
  design?: { note: string };
}
