/**
 * The additive count table: everything misfire's statistics need about a set of conversations, kept per
 * leaf cluster (parents are sums of their leaves, so every level follows from the leaves) and per
 * classifier, in memory that does not grow with the number of conversations. Two tables over disjoint
 * conversations add up (merge.ts) to the table of their union, exactly; every statistic is computed from a
 * table (metrics.ts). Pure data and pure functions: no I/O.
 */
import { FLAGGED, STRIDE, VERDICTS } from '../metrics/counts.js';
import { BottomK, CLUSTER_SKETCH_SIZE, TOTAL_SKETCH_SIZE } from './bottom-k.js';
import { SCORE_BINS, isUnitScore, outsideKey, unitBin } from './score-bins.js';
import type { SliceFieldCounts } from './slice-counts.js';

/** Example ids kept per gap kind (the smallest ids, so that shards merge to the same examples). */
export const GAP_EXAMPLES = 5;

export interface ClassifierCounts {
  name: string;
  /** The threshold that decided `flagged` from the score (configured), else null. */
  threshold: number | null;
  /** Whether any of its verdicts (on a counted conversation) carried a score. */
  hasScores: boolean;
  /** leaves × STRIDE cells in src/metrics/counts.ts's layout: TN, FP, FN, TP, VERDICTS, FLAGGED. */
  cells: Int32Array;
  /** Counted conversations without a verdict from this classifier. */
  missing: number;
  /** Category of positive labels → leaves × 2: positives with a verdict, and of them not flagged. */
  categories: Map<string, Int32Array>;
  /** Positives with a verdict and no category. */
  uncategorised: number;
  /** Lowest and highest finite score of its verdicts (+Infinity / −Infinity when none). */
  scoreLow: number;
  scoreHigh: number;
  /** For inferring the operating threshold: highest score not flagged, lowest flagged, and whether any was seen. */
  highestUnflagged: number;
  lowestFlagged: number;
  unflaggedSeen: boolean;
  flaggedSeen: boolean;
  /** Labelled scored verdicts with a score in [0, 1]: leaves × (SCORE_BINS + 1) × 2 (label 0, label 1); null until one is seen. */
  unitHistogram: Int32Array | null;
  /** Labelled scored verdicts with a score outside [0, 1]: outside key (score-bins.ts) → leaves × 2. */
  outsideHistogram: Map<number, Int32Array>;
}

/** Rows read from the inputs, and rows not used (they add across shards like the counts). */
export interface ReadCounts {
  verdictRowsRead: number;
  /** Verdict rows with neither score nor flagged. */
  verdictRowsWithoutVerdict: number;
  labelRowsRead: number;
  /** Label rows with an empty label. */
  labelsUnknown: number;
  /** Verdict and label rows naming no counted conversation. */
  unknownVerdictIds: number;
  unknownLabelIds: number;
}

export interface CountTable {
  leaves: number;
  /** Conversations per leaf. */
  conversations: Int32Array;
  /** Distinct users per leaf, and over all conversations. */
  users: BottomK[];
  allUsers: BottomK;
  /** Per leaf: sum of concern (1–5) and conversations with a concern value (proxy mode). */
  concern: Float64Array;
  /** Whether labels were given (false: proxy mode). */
  labelled: boolean;
  /** Categories of positively labelled conversations (with or without a verdict). */
  categoryNames: Set<string>;
  /** Conversations with no usable label (labels given). */
  unlabelled: number;
  classifiers: Map<string, ClassifierCounts>;
  read: ReadCounts;
  /** Gap kind (as in src/metrics/join.ts: 'unlabelled', 'missing:NAME', 'unknownVerdictIds', 'unknownLabelIds') → smallest example ids. */
  examples: Map<string, string[]>;
  /** Counts per value of each slicing field (slice-counts.ts); null when not counted (count file v1, CSV count table). */
  slicing: SliceFieldCounts[] | null;
}

/**
 * An empty table for `leaves` leaf clusters.
 * @example const table = emptyCountTable(29, true);
 */
export function emptyCountTable(leaves: number, labelled: boolean): CountTable {
  return {
    leaves,
    conversations: new Int32Array(leaves),
    users: Array.from({ length: leaves }, () => new BottomK(CLUSTER_SKETCH_SIZE)),
    allUsers: new BottomK(TOTAL_SKETCH_SIZE),
    concern: new Float64Array(leaves * 2),
    labelled,
    categoryNames: new Set(),
    unlabelled: 0,
    classifiers: new Map(),
    read: { verdictRowsRead: 0, verdictRowsWithoutVerdict: 0, labelRowsRead: 0, labelsUnknown: 0, unknownVerdictIds: 0, unknownLabelIds: 0 },
    examples: new Map(),
    slicing: null,
  };
}

/**
 * The counts of classifier `name`, created empty on first use.
 * @example const v7 = classifierCounts(table, 'v7', null);
 */
export function classifierCounts(table: CountTable, name: string, threshold: number | null): ClassifierCounts {
  let counts = table.classifiers.get(name);
  if (!counts) {
    counts = {
      name,
      threshold,
      hasScores: false,
      cells: new Int32Array(table.leaves * STRIDE),
      missing: 0,
      categories: new Map(),
      uncategorised: 0,
      scoreLow: Infinity,
      scoreHigh: -Infinity,
      highestUnflagged: -Infinity,
      lowestFlagged: Infinity,
      unflaggedSeen: false,
      flaggedSeen: false,
      unitHistogram: null,
      outsideHistogram: new Map(),
    };
    table.classifiers.set(name, counts);
  }
  return counts;
}

/**
 * Keep `id` among the smallest GAP_EXAMPLES example ids of `kind`.
 * @example noteExample(table, 'unlabelled', 'c000017');
 */
export function noteExample(table: CountTable, kind: string, id: string): void {
  let list = table.examples.get(kind);
  if (!list) table.examples.set(kind, (list = []));
  if (list.length === GAP_EXAMPLES && id >= list[GAP_EXAMPLES - 1]) return;
  if (list.includes(id)) return;
  list.push(id);
  list.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  if (list.length > GAP_EXAMPLES) list.pop();
}

/** One conversation as the table counts it (verdicts are counted with countVerdict). */
export interface CountedConversation {
  id: string;
  leaf: number;
  /** hash53 of the user id. */
  userHash: number;
  /** Concern 1–5, NaN when unknown. */
  concern: number;
  /** 1 harmful, 0 benign, −1 unknown or no label row (ignored when the table is not labelled). */
  label: number;
  /** Category of the label row, null when none. */
  category: string | null;
}

/**
 * Count one conversation's cluster-level facts: size, users, concern and label.
 * @example countConversation(table, { id: 'c1', leaf: 3, userHash: hash53('u1'), concern: NaN, label: 1, category: 'hate' });
 */
export function countConversation(table: CountTable, c: CountedConversation): void {
  table.conversations[c.leaf]++;
  table.users[c.leaf].add(c.userHash);
  table.allUsers.add(c.userHash);
  if (c.concern === c.concern) {
    table.concern[c.leaf * 2] += c.concern;
    table.concern[c.leaf * 2 + 1]++;
  }
  if (!table.labelled) return;
  if (c.label < 0) {
    table.unlabelled++;
    noteExample(table, 'unlabelled', c.id);
  } else if (c.label === 1 && c.category !== null && c.category !== '') {
    table.categoryNames.add(c.category);
  }
}

/**
 * Count one conversation's verdict from one classifier: `flagged` 1/0, or −1 for no verdict; `score` NaN
 * when there is none. The conversation's label and category as in countConversation.
 * @example countVerdict(table, classifierCounts(table, 'v7', null), conversation, 1, 0.93);
 */
export function countVerdict(table: CountTable, counts: ClassifierCounts, c: CountedConversation, flagged: number, score: number): void {
  if (flagged < 0) {
    counts.missing++;
    noteExample(table, `missing:${counts.name}`, c.id);
    return;
  }
  const base = c.leaf * STRIDE;
  counts.cells[base + VERDICTS]++;
  counts.cells[base + FLAGGED] += flagged;
  const label = table.labelled ? c.label : -1;
  if (label >= 0) counts.cells[base + label * 2 + flagged]++;
  if (label === 1) {
    if (c.category !== null && c.category !== '') {
      let rows = counts.categories.get(c.category);
      if (!rows) counts.categories.set(c.category, (rows = new Int32Array(table.leaves * 2)));
      rows[c.leaf * 2]++;
      if (flagged === 0) rows[c.leaf * 2 + 1]++;
    } else counts.uncategorised++;
  }
  if (score !== score) return;
  counts.hasScores = true;
  if (Number.isFinite(score)) {
    if (score < counts.scoreLow) counts.scoreLow = score;
    if (score > counts.scoreHigh) counts.scoreHigh = score;
  }
  if (flagged === 1) {
    counts.flaggedSeen = true;
    if (score < counts.lowestFlagged) counts.lowestFlagged = score;
  } else {
    counts.unflaggedSeen = true;
    if (score > counts.highestUnflagged) counts.highestUnflagged = score;
  }
  if (label < 0) return;
  if (isUnitScore(score)) {
    counts.unitHistogram ??= new Int32Array(table.leaves * (SCORE_BINS + 1) * 2);
    counts.unitHistogram[(c.leaf * (SCORE_BINS + 1) + unitBin(score)) * 2 + label]++;
  } else {
    const key = outsideKey(score);
    let rows = counts.outsideHistogram.get(key);
    if (!rows) counts.outsideHistogram.set(key, (rows = new Int32Array(table.leaves * 2)));
    rows[c.leaf * 2 + label]++;
  }
}
