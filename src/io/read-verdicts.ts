/**
 * Read verdict CSVs: `conversation_id|id, classifier, score?, flagged?`, one row per (conversation,
 * classifier). Rows with neither score nor flagged are counted as "no verdict" and skipped.
 */
import { inputError } from '../errors.js';
import type { VerdictRow } from '../types.js';
import { readCsvRows } from './csv-rows.js';
import { newDigest, type FileDigest } from './file-digest.js';
import { parseBooleanCell, parseId, parseScoreCell, truncate } from './input-values.js';

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
};

/** Read one or more verdict files; a (conversation, classifier) pair may appear only once across all. */
export async function readVerdicts(files: readonly string[]): Promise<VerdictsRead> {
  const rows: VerdictRow[] = [];
  const digests: FileDigest[] = [];
  const seen = new Map<string, string>();
  let emptyRows = 0;
  let rowsRead = 0;
  for (const file of files) {
    const digest = newDigest(file);
    digests.push(digest);
    let checkedHeader = false;
    for await (const row of readCsvRows(file, SPEC, digest)) {
      if (!checkedHeader) {
        if (!('score' in row.record) && !('flagged' in row.record)) {
          throw inputError('needs a "score" or a "flagged" column', { file, line: 1, field: 'flagged' });
        }
        checkedHeader = true;
      }
      rowsRead++;
      const keyField = 'conversation_id' in row.record ? 'conversation_id' : 'id';
      const conversationId = parseId(row.cells.key, { file, line: row.line, field: keyField });
      const classifier = row.cells.classifier.trim();
      if (classifier === '') throw inputError('missing classifier name', { file, line: row.line, field: 'classifier' });
      const score = parseScoreCell(row.cells.score, { file, line: row.line, field: 'score' });
      const flagged = parseBooleanCell(row.cells.flagged, { file, line: row.line, field: 'flagged' });
      const pairKey = `${classifier}\u0000${conversationId}`;
      const first = seen.get(pairKey);
      if (first !== undefined) {
        throw inputError(
          `duplicate verdict for conversation "${truncate(conversationId)}" and classifier "${truncate(classifier)}" (first at ${first})`,
          { file, line: row.line, field: keyField },
        );
      }
      seen.set(pairKey, `${file}:${row.line}`);
      if (score === null && flagged === null) {
        emptyRows++;
        continue;
      }
      rows.push({ conversationId, classifier, score, flagged, line: row.line });
    }
  }
  return { rows, digests, emptyRows, rowsRead };
}
