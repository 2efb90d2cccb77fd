/**
 * The validating reader of count files (counts-file.ts): every field is checked before it is used, so a
 * truncated or hand-edited file is an input error that names the file and the field, e.g.
 * `part.counts, field "tables[2].rows[5][3]": expected a whole number, got "x"`. Unknown tables are
 * ignored (a later misfire may add tables keyed by more columns); a known table must have the columns this
 * misfire writes.
 */
import { inputError } from '../errors.js';
import { BottomK, CLUSTER_SKETCH_SIZE, TOTAL_SKETCH_SIZE } from '../counts/bottom-k.js';
import { STRIDE } from '../metrics/counts.js';
import { SCORE_BINS } from '../counts/score-bins.js';
import { classifierCounts, emptyCountTable } from '../counts/table.js';
import { COUNTS_SCHEMA, COUNTS_SCHEMA_V1, type CountFile, type CountFileMeta } from './counts-file.js';
import { aBoolean, aNumber, aString, aWholeNumber, listOf, objectOf, oneOf, orNull, recordOf, ShapeMismatch, type Shape } from './json-shape.js';
import type { InputRecord } from './run-record.js';
import { decodeSliceCounts } from './slice-counts-file.js';

const inputRecord = objectOf<InputRecord>({ file: aString, sha256: orNull(aString), bytes: aWholeNumber });
/** A finite number, or "Infinity" / "-Infinity" as written for extremes. */
const extreme: Shape<number> = (value) => {
  if (value === 'Infinity') return Infinity;
  if (value === '-Infinity') return -Infinity;
  return aNumber(value);
};

interface ClassifierRecord {
  name: string;
  threshold: number | null;
  has_scores: boolean;
  missing: number;
  uncategorised: number;
  score_low: unknown;
  score_high: unknown;
  highest_unflagged: unknown;
  lowest_flagged: unknown;
  unflagged_seen: boolean;
  flagged_seen: boolean;
}

interface Document extends CountFileMeta {
  schema: string;
  labelled: boolean;
  score_bins: number;
  read: Record<string, number>;
  category_names: string[];
  examples: Record<string, string[]>;
  all_users: number[];
  classifiers: ClassifierRecord[];
  /** v2: the slicing fields counted (checked by slice-counts-file.ts). */
  slicing: unknown;
  tables: { name: string; by: string[]; columns: string[]; rows: unknown[] }[];
}

const documentShape = objectOf<Document>({
  schema: oneOf([COUNTS_SCHEMA, COUNTS_SCHEMA_V1]),
  misfire_version: aString,
  model: objectOf<CountFileMeta['model']>({ fingerprint: aString, leaves: aWholeNumber }),
  inputs: objectOf<CountFileMeta['inputs']>({ conversations: inputRecord, verdicts: listOf(inputRecord), labels: orNull(inputRecord) }),
  labelled: aBoolean,
  score_bins: oneOf([SCORE_BINS]),
  read: recordOf(aWholeNumber),
  category_names: listOf(aString),
  examples: recordOf(listOf(aString)),
  all_users: listOf(aWholeNumber),
  classifiers: listOf(
    objectOf<ClassifierRecord>({
      name: aString,
      threshold: orNull(aNumber),
      has_scores: aBoolean,
      missing: aWholeNumber,
      uncategorised: aWholeNumber,
      score_low: extreme,
      score_high: extreme,
      highest_unflagged: extreme,
      lowest_flagged: extreme,
      unflagged_seen: aBoolean,
      flagged_seen: aBoolean,
    }),
  ),
  slicing: (value) => value,
  tables: listOf(objectOf<Document['tables'][number]>({ name: aString, by: listOf(aString), columns: listOf(aString), rows: listOf((v) => v) })),
});

const READ_FIELDS = ['verdictRowsRead', 'verdictRowsWithoutVerdict', 'labelRowsRead', 'labelsUnknown', 'unknownVerdictIds', 'unknownLabelIds'] as const;

/** The tables this reader knows: their key columns, value columns and the shape of each value. */
const KNOWN: Record<string, { by: string[]; columns: string[]; values: Shape<unknown>[] }> = {
  clusters: { by: ['cluster_id'], columns: ['conversations', 'concern_sum', 'concern_n'], values: [aWholeNumber, aNumber, aWholeNumber] },
  users: { by: ['cluster_id'], columns: ['hashes'], values: [listOf(aWholeNumber)] },
  verdicts: { by: ['cluster_id', 'classifier'], columns: ['tn', 'fp', 'fn', 'tp', 'verdicts', 'flagged'], values: Array(STRIDE).fill(aWholeNumber) },
  categories: { by: ['cluster_id', 'classifier', 'category'], columns: ['positives', 'fn'], values: [aWholeNumber, aWholeNumber] },
  unit_scores: { by: ['cluster_id', 'classifier'], columns: ['bins'], values: [listOf(aWholeNumber)] },
  outside_scores: { by: ['cluster_id', 'classifier'], columns: ['bins'], values: [listOf(aWholeNumber)] },
};

/**
 * Parse and check a count file's text into its table and what it records.
 * @example const { table, model } = parseCountFile(await readFile('part.counts', 'utf8'), 'part.counts');
 */
export function parseCountFile(text: string, file: string): CountFile {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (err) {
    throw inputError(`not a count file: not valid JSON (truncated?): ${(err as Error).message}`, { file });
  }
  try {
    return buildCountFile(documentShape(parsed));
  } catch (err) {
    if (err instanceof ShapeMismatch) throw inputError(err.message, { file, field: err.field });
    if (err instanceof RowProblem) throw inputError(err.message, { file, field: err.field });
    throw err;
  }
}

class RowProblem extends Error {
  constructor(
    message: string,
    readonly field: string,
  ) {
    super(message);
  }
}

function buildCountFile(doc: Document): CountFile {
  const leaves = doc.model.leaves;
  const table = emptyCountTable(leaves, doc.labelled);
  for (const key of READ_FIELDS) table.read[key] = doc.read[key] ?? 0;
  table.unlabelled = doc.read.unlabelled_conversations ?? 0;
  for (const name of doc.category_names) table.categoryNames.add(name);
  for (const [kind, ids] of Object.entries(doc.examples)) table.examples.set(kind, [...ids]);
  table.allUsers = sketch(TOTAL_SKETCH_SIZE, doc.all_users);
  for (const c of doc.classifiers) {
    const counts = classifierCounts(table, c.name, c.threshold);
    counts.hasScores = c.has_scores;
    counts.missing = c.missing;
    counts.uncategorised = c.uncategorised;
    counts.scoreLow = c.score_low as number;
    counts.scoreHigh = c.score_high as number;
    counts.highestUnflagged = c.highest_unflagged as number;
    counts.lowestFlagged = c.lowest_flagged as number;
    counts.unflaggedSeen = c.unflagged_seen;
    counts.flaggedSeen = c.flagged_seen;
  }
  const leafOf = (id: unknown, field: string): number => {
    const match = typeof id === 'string' ? /^L0-(\d{3,})$/.exec(id) : null;
    const leaf = match ? Number(match[1]) : -1;
    if (!(leaf >= 0 && leaf < leaves)) throw new RowProblem(`expected a leaf cluster id L0-000 … L0-${String(leaves - 1).padStart(3, '0')}, got ${JSON.stringify(id)}`, field);
    return leaf;
  };
  const classifierOf = (name: unknown, field: string) => {
    const counts = typeof name === 'string' ? table.classifiers.get(name) : undefined;
    if (!counts) throw new RowProblem(`names a classifier not listed in "classifiers": ${JSON.stringify(name)}`, field);
    return counts;
  };
  doc.tables.forEach((t, ti) => {
    const known = KNOWN[t.name];
    if (!known) return;
    const where = `tables[${ti}]`;
    if (t.by.join() !== known.by.join() || t.columns.join() !== known.columns.join()) {
      throw new RowProblem(`table "${t.name}" must be keyed by ${known.by.join(', ')} with columns ${known.columns.join(', ')}`, where);
    }
    t.rows.forEach((raw, ri) => {
      const field = `${where}.rows[${ri}]`;
      const row = checkRow(raw, known.by.length, known.values, field);
      const leaf = leafOf(row[0], `${field}[0]`);
      const values = row.slice(known.by.length) as number[] & number[][];
      if (t.name === 'clusters') {
        table.conversations[leaf] = values[0];
        table.concern[leaf * 2] = values[1];
        table.concern[leaf * 2 + 1] = values[2];
      } else if (t.name === 'users') {
        table.users[leaf] = sketch(CLUSTER_SKETCH_SIZE, values[0] as unknown as number[]);
      } else {
        const counts = classifierOf(row[1], `${field}[1]`);
        if (t.name === 'verdicts') counts.cells.set(values, leaf * STRIDE);
        else if (t.name === 'categories') {
          if (typeof row[2] !== 'string') throw new RowProblem('expected a category name', `${field}[2]`);
          let rows = counts.categories.get(row[2]);
          if (!rows) counts.categories.set(row[2], (rows = new Int32Array(leaves * 2)));
          rows.set(values, leaf * 2);
        } else addBins(counts, t.name === 'unit_scores', leaf, leaves, values[0] as unknown as number[], `${field}[2]`);
      }
    });
  });
  table.slicing = decodeSliceCounts(doc.schema === COUNTS_SCHEMA_V1 ? null : doc.slicing, doc.tables, new Set(table.classifiers.keys()));
  return { misfire_version: doc.misfire_version, model: doc.model, inputs: doc.inputs, table };
}

function checkRow(raw: unknown, keys: number, values: Shape<unknown>[], field: string): unknown[] {
  if (!Array.isArray(raw) || raw.length !== keys + values.length) throw new RowProblem(`expected a row of ${keys + values.length} cells`, field);
  for (let i = 1; i < keys; i++) if (typeof raw[i] !== 'string') throw new RowProblem('expected a string', `${field}[${i}]`);
  values.forEach((shape, i) => {
    try {
      shape(raw[keys + i]);
    } catch (err) {
      if (err instanceof ShapeMismatch) throw new RowProblem(err.message, `${field}[${keys + i}]${err.path.map((p) => `[${p}]`).join('')}`);
      throw err;
    }
  });
  return raw;
}

function addBins(counts: ReturnType<typeof classifierCounts>, unit: boolean, leaf: number, leaves: number, bins: number[], field: string): void {
  if (bins.length % 3 !== 0) throw new RowProblem('expected bin, negatives, positives triples', field);
  for (let j = 0; j < bins.length; j += 3) {
    const [bin, negatives, positives] = [bins[j], bins[j + 1], bins[j + 2]];
    if (unit) {
      if (bin > SCORE_BINS) throw new RowProblem(`bin ${bin} is above ${SCORE_BINS}`, field);
      counts.unitHistogram ??= new Int32Array(leaves * (SCORE_BINS + 1) * 2);
      counts.unitHistogram[(leaf * (SCORE_BINS + 1) + bin) * 2] = negatives;
      counts.unitHistogram[(leaf * (SCORE_BINS + 1) + bin) * 2 + 1] = positives;
    } else {
      if (bin >= 2 ** 20) throw new RowProblem(`bin ${bin} is not a 20-bit key`, field);
      let rows = counts.outsideHistogram.get(bin);
      if (!rows) counts.outsideHistogram.set(bin, (rows = new Int32Array(leaves * 2)));
      rows[leaf * 2] = negatives;
      rows[leaf * 2 + 1] = positives;
    }
  }
}

function sketch(k: number, hashes: readonly number[]): BottomK {
  const out = new BottomK(k);
  out.addAll(hashes);
  return out;
}
