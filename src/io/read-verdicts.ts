/**
 * Read verdict files (CSV, TSV or Parquet): `conversation_id|id, classifier, score?, flagged?`, one row per
 * (conversation, classifier). Rows with neither score nor flagged are counted as "no verdict" and skipped.
 */
import { inputError } from '../errors.js';
import type { VerdictRow } from '../types.js';
import { newDigest, type FileDigest } from './file-digest.js';
import { displayName, type ReadOptions } from './input-bytes.js';
import { parseBooleanCell, parseId, parseScoreCell, truncate } from './input-values.js';
import { readTableBatches } from './table-batches.js';

export interface VerdictsRead {
  rows: VerdictRow[];
  digests: FileDigest[];
  /** Rows that carried neither a score nor a flagged value, per file. */
  emptyRows: number;
  rowsRead: number;
}

const SPEC = {
  columns: {
    key: { names: ['conversation_id', 'id'], required: true },
    classifier: { names: ['classifier'], required: true },
    score: { names: ['score'], required: false },
    flagged: { names: ['flagged'], required: false },
  },
  nothing: 'no verdicts to measure',
};

/** Read one or more verdict files; a (conversation, classifier) pair may appear only once across all. */
export async function readVerdicts(files: readonly string[], options: ReadOptions = {}): Promise<VerdictsRead> {
  const rows: VerdictRow[] = [];
  /** classifier → conversation id → where it was first seen (file index · 2³² + line). */
  const seen = new Map<string, Map<string, number>>();
  const read = await readVerdictRows(files, options, (row, f, keyField) => {
    const { conversationId, classifier, line } = row;
    let ofClassifier = seen.get(classifier);
    if (!ofClassifier) seen.set(classifier, (ofClassifier = new Map()));
    const first = ofClassifier.get(conversationId);
    if (first !== undefined) {
      const where = `${displayName(files[Math.floor(first / 2 ** 32)])}:${first % 2 ** 32}`;
      throw inputError(
        `duplicate verdict for conversation "${truncate(conversationId)}" and classifier "${truncate(classifier)}" (first at ${where})`,
        { file: displayName(files[f]), line, field: keyField },
      );
    }
    ofClassifier.set(conversationId, f * 2 ** 32 + line);
    if (row.score !== null || row.flagged !== null) rows.push(row);
  });
  return { rows, ...read };
}

/**
 * Every verdict row of the files in order, handed to `onRow` one at a time (with the file's index and the
 * name of its id column), so that any number of rows can be read in bounded memory. Rows with neither score
 * nor flagged are handed over too, and counted in `emptyRows`; duplicates are for `onRow` to find.
 * @example
 * await readVerdictRows(['v.csv'], {}, (row) => table.add(row));
 */
export async function readVerdictRows(
  files: readonly string[],
  options: ReadOptions,
  onRow: (row: VerdictRow, fileIndex: number, keyField: string) => void,
): Promise<Omit<VerdictsRead, 'rows'>> {
  const digests: FileDigest[] = [];
  let emptyRows = 0;
  let rowsRead = 0;
  for (let f = 0; f < files.length; f++) {
    const file = displayName(files[f]);
    const digest = newDigest(files[f]);
    digests.push(digest);
    for await (const { names, columns, records } of readTableBatches(files[f], SPEC, digest, options)) {
      if (columns.score < 0 && columns.flagged < 0) {
        throw inputError('needs a "score" or a "flagged" column', { file, line: 1, field: 'flagged' });
      }
      const { key: keyColumn, classifier: classifierColumn, score: scoreColumn, flagged: flaggedColumn } = columns;
      const [keyField, classifierField] = [names[keyColumn], names[classifierColumn]];
      const [scoreField, flaggedField] = [names[scoreColumn] ?? 'score', names[flaggedColumn] ?? 'flagged'];
      for (const { line, fields } of records) {
        rowsRead++;
        const conversationId = parseId(fields[keyColumn], { file, line, field: keyField });
        const classifier = fields[classifierColumn].trim();
        if (classifier === '') throw inputError('missing classifier name', { file, line, field: classifierField });
        const score = scoreColumn < 0 ? null : parseScoreCell(fields[scoreColumn], { file, line, field: scoreField });
        const flagged = flaggedColumn < 0 ? null : parseBooleanCell(fields[flaggedColumn], { file, line, field: flaggedField });
        if (score === null && flagged === null) emptyRows++;
        onRow({ conversationId, classifier, score, flagged, line }, f, keyField);
      }
    }
  }
  return { digests, emptyRows, rowsRead };
}
