/**
 * Join verdicts and labels to conversations by id, into typed arrays indexed by conversation.
 * Ids that match no conversation and conversations with no verdict or label are counted, never dropped
 * silently; whether a gap stops the run is the caller's decision (`--allow-missing`).
 */
import { configError } from '../errors.js';
import type { LabelRow, VerdictRow } from '../types.js';

export interface ClassifierVerdicts {
  name: string;
  /** 1 flagged, 0 not flagged, -1 no verdict. */
  flagged: Int8Array;
  /** NaN where there is no score. */
  score: Float64Array;
  hasScores: boolean;
  /** Threshold applied to scores, when one was configured. */
  threshold: number | null;
  /** Conversations without a verdict from this classifier. */
  missing: number;
}

export interface JoinedData {
  classifiers: ClassifierVerdicts[];
  /** 1 harmful, 0 benign, -1 unknown; null when no labels were given (proxy mode). */
  labels: Int8Array | null;
  categories: (string | null)[] | null;
  gaps: JoinGaps;
}

export interface JoinGaps {
  /** Verdict rows whose id is not a conversation. */
  unknownVerdictIds: number;
  unknownLabelIds: number;
  /** Conversations with no usable label (no row, or an empty label). */
  unlabelled: number;
  /** A few distinct example ids per gap (keyed by gap kind), for error messages. */
  examples: ReadonlyMap<string, readonly string[]>;
}

export interface JoinOptions {
  /** Threshold for every classifier (`--threshold`). */
  threshold?: number | null;
  /** Per-classifier thresholds (config file), taking precedence over `threshold`. */
  thresholds?: ReadonlyMap<string, number>;
}

const EXAMPLES = 5;

export function joinVerdictsAndLabels(
  conversationIds: readonly string[],
  verdicts: readonly VerdictRow[],
  labels: readonly LabelRow[] | null,
  options: JoinOptions = {},
): JoinedData {
  const n = conversationIds.length;
  const index = new Map<string, number>();
  conversationIds.forEach((id, i) => index.set(id, i));
  const examples = new Map<string, Set<string>>();
  const note = (kind: string, id: string) => {
    const distinct = examples.get(kind) ?? new Set<string>();
    examples.set(kind, distinct);
    if (distinct.size < EXAMPLES) distinct.add(id);
  };
  const byName = new Map<string, ClassifierVerdicts>();
  let unknownVerdictIds = 0;
  for (const row of verdicts) {
    const i = index.get(row.conversationId);
    if (i === undefined) {
      unknownVerdictIds++;
      note('unknownVerdictIds', row.conversationId);
      continue;
    }
    let c = byName.get(row.classifier);
    if (!c) {
      const threshold = options.thresholds?.get(row.classifier) ?? options.threshold ?? null;
      c = { name: row.classifier, flagged: new Int8Array(n).fill(-1), score: new Float64Array(n).fill(NaN), hasScores: false, threshold, missing: 0 };
      byName.set(row.classifier, c);
    }
    if (row.score !== null) {
      c.score[i] = row.score;
      c.hasScores = true;
    }
    const decided = c.threshold !== null && row.score !== null ? row.score >= c.threshold : row.flagged;
    if (decided === null) {
      throw configError(
        `classifier "${row.classifier}" has a score but no "flagged" value on line ${row.line}: pass --threshold or set one for it in the config`,
      );
    }
    c.flagged[i] = decided ? 1 : 0;
  }
  const classifiers = [...byName.values()].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const c of classifiers) {
    for (let i = 0; i < n; i++) {
      if (c.flagged[i] < 0) {
        c.missing++;
        note(`missing:${c.name}`, conversationIds[i]);
      }
    }
  }
  let labelArray: Int8Array | null = null;
  let categories: (string | null)[] | null = null;
  let unknownLabelIds = 0;
  let unlabelled = 0;
  if (labels) {
    labelArray = new Int8Array(n).fill(-1);
    categories = new Array<string | null>(n).fill(null);
    for (const row of labels) {
      const i = index.get(row.conversationId);
      if (i === undefined) {
        unknownLabelIds++;
        note('unknownLabelIds', row.conversationId);
        continue;
      }
      if (row.label !== null) labelArray[i] = row.label ? 1 : 0;
      categories[i] = row.category;
    }
    for (let i = 0; i < n; i++) {
      if (labelArray[i] < 0) {
        unlabelled++;
        note('unlabelled', conversationIds[i]);
      }
    }
  }
  return {
    classifiers,
    labels: labelArray,
    categories,
    gaps: { unknownVerdictIds, unknownLabelIds, unlabelled, examples: new Map([...examples].map(([kind, ids]) => [kind, [...ids]])) },
  };
}

/** Human-readable lines for every non-zero gap (used in errors, run.json and the report). */
export function describeGaps(joined: { gaps: JoinGaps; classifiers: readonly { name: string; missing: number }[] }): string[] {
  const { gaps } = joined;
  const lines: string[] = [];
  const ex = (kind: string) => {
    const ids = gaps.examples.get(kind) ?? [];
    return ids.length ? ` (e.g. ${ids.join(', ')})` : '';
  };
  const rows = (n: number) => (n === 1 ? '1 verdict row names' : `${n} verdict rows name`);
  const labelRows = (n: number) => (n === 1 ? '1 label row names' : `${n} label rows name`);
  const have = (n: number) => (n === 1 ? '1 conversation has' : `${n} conversations have`);
  if (gaps.unknownVerdictIds) lines.push(`${rows(gaps.unknownVerdictIds)} a conversation id that is not in the conversations${ex('unknownVerdictIds')}`);
  if (gaps.unknownLabelIds) lines.push(`${labelRows(gaps.unknownLabelIds)} a conversation id that is not in the conversations${ex('unknownLabelIds')}`);
  if (gaps.unlabelled) lines.push(`${have(gaps.unlabelled)} no label${ex('unlabelled')}`);
  for (const c of joined.classifiers) {
    if (c.missing) lines.push(`${have(c.missing)} no verdict from "${c.name}"${ex(`missing:${c.name}`)}`);
  }
  return lines;
}
