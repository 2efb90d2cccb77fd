/**
 * Verdicts and labels joined to conversations without holding rows as objects: typed arrays indexed by the
 * conversation's slot in an IdTable (id-table.ts) — per classifier a flag (1 byte) and a score (8 bytes,
 * allocated only for classifiers with scores), plus a label (1 byte) and a category code (4 bytes). With
 * the id table that is about 30 bytes per conversation and 9 per (conversation, classifier), whatever the
 * order of the files. (A merge join of files sorted by id would need less memory, but verdicts exported from
 * separate systems are rarely sorted alike, and sorting them first costs more than these arrays.)
 */
import { configError, inputError } from '../errors.js';

/** Flag codes: no row, a row with neither score nor flag (counted, not a verdict), not flagged, flagged. */
export const NO_ROW = -2;
export const EMPTY_ROW = -1;

export interface ClassifierColumn {
  name: string;
  threshold: number | null;
  /** NO_ROW, EMPTY_ROW, 0 or 1 per slot. */
  flagged: Int8Array;
  /** Score per slot (NaN: none); null until the classifier's first score. */
  score: Float64Array | null;
}

/**
 * @example
 * const columns = new JoinColumns(n, { threshold: null, byClassifier: new Map() });
 * columns.setVerdict(slot, 'v7', 0.91, true, 2); // false for a second row of the same pair
 */
export class JoinColumns {
  private capacity: number;
  readonly classifiers = new Map<string, ClassifierColumn>();
  /** NO_ROW (no label row), EMPTY_ROW (an empty label), 0 or 1 per slot; null without labels. */
  label: Int8Array | null = null;
  /** Category code per slot (−1: none), into `categories`. */
  category: Int32Array | null = null;
  readonly categories: string[] = [];
  private readonly categoryCode = new Map<string, number>();

  constructor(
    capacity: number,
    private readonly thresholds: { threshold: number | null; byClassifier: ReadonlyMap<string, number> },
  ) {
    this.capacity = Math.max(16, capacity);
  }

  /** Make room for slots below `slots`. */
  reserve(slots: number): void {
    if (slots <= this.capacity) return;
    let capacity = this.capacity;
    while (capacity < slots) capacity *= 2;
    for (const c of this.classifiers.values()) {
      c.flagged = grown(c.flagged, capacity, NO_ROW);
      if (c.score) c.score = grown(c.score, capacity, NaN);
    }
    if (this.label) this.label = grown(this.label, capacity, NO_ROW);
    if (this.category) this.category = grown(this.category, capacity, -1);
    this.capacity = capacity;
  }

  /**
   * Record a verdict row at `slot`; false when the slot already has a row of this classifier (a duplicate).
   * The flag is the configured threshold applied to the score when both exist, else the row's flag.
   */
  setVerdict(slot: number, classifier: string, score: number | null, flagged: boolean | null, line: number): boolean {
    this.reserve(slot + 1);
    let column = this.classifiers.get(classifier);
    if (!column) {
      const threshold = this.thresholds.byClassifier.get(classifier) ?? this.thresholds.threshold ?? null;
      column = { name: classifier, threshold, flagged: new Int8Array(this.capacity).fill(NO_ROW), score: null };
      this.classifiers.set(classifier, column);
    }
    if (column.flagged[slot] !== NO_ROW) return false;
    if (score === null && flagged === null) {
      column.flagged[slot] = EMPTY_ROW;
      return true;
    }
    if (score !== null) {
      column.score ??= new Float64Array(this.capacity).fill(NaN);
      column.score[slot] = score;
    }
    const decided = column.threshold !== null && score !== null ? score >= column.threshold : flagged;
    if (decided === null) {
      throw configError(`classifier "${classifier}" has a score but no "flagged" value on line ${line}: pass --threshold or set one for it in the config`);
    }
    column.flagged[slot] = decided ? 1 : 0;
    return true;
  }

  /** Record a label row at `slot`; false when the slot already has one (a duplicate). */
  setLabel(slot: number, label: boolean | null, category: string | null): boolean {
    this.reserve(slot + 1);
    this.label ??= new Int8Array(this.capacity).fill(NO_ROW);
    this.category ??= new Int32Array(this.capacity).fill(-1);
    if (this.label[slot] !== NO_ROW) return false;
    this.label[slot] = label === null ? EMPTY_ROW : label ? 1 : 0;
    if (category !== null) {
      let code = this.categoryCode.get(category);
      if (code === undefined) {
        code = this.categories.length;
        this.categories.push(category);
        this.categoryCode.set(category, code);
      }
      this.category[slot] = code;
    }
    return true;
  }

  /** Labels were read (even if every row was empty). */
  get labelled(): boolean {
    return this.label !== null;
  }

  /** Verdict rows recorded at `slot` (across classifiers, empty rows included). */
  verdictRowsAt(slot: number): number {
    let rows = 0;
    for (const c of this.classifiers.values()) if (slot < c.flagged.length && c.flagged[slot] !== NO_ROW) rows++;
    return rows;
  }
}

function grown<T extends Int8Array | Int32Array | Float64Array>(array: T, capacity: number, fill: number): T {
  const out = new (array.constructor as new (n: number) => T)(capacity);
  out.set(array);
  out.fill(fill, array.length);
  return out;
}

/**
 * The message for a duplicate verdict or label row found through the join columns.
 * @example throw duplicateRow('label', 'c1', null, { file: 'labels.csv', line: 9, field: 'conversation_id' });
 */
export function duplicateRow(kind: 'verdict' | 'label', id: string, classifier: string | null, where: { file: string; line: number; field: string }) {
  const shown = id.length > 60 ? `${id.slice(0, 57)}...` : id;
  const what = classifier === null ? `conversation "${shown}"` : `conversation "${shown}" and classifier "${classifier.length > 60 ? `${classifier.slice(0, 57)}...` : classifier}"`;
  return inputError(`duplicate ${kind} for ${what}`, where);
}
