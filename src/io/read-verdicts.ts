/**
 * Read verdict CSVs: `conversation_id|id, classifier, score?, flagged?`, one row per (conversation,
 * classifier). Rows with neither score nor flagged are counted as "no verdict" and skipped.
 */
import { inputError } from '../errors.js';
import type { VerdictRow } from '../types.js';
import { readCsvBatches } from './csv-rows.js';
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
  /** classifier → conversation id → where it was first seen (file index · 2³² + line). */
  const seen = new Map<string, Map<string, number>>();
  let emptyRows = 0;
  let rowsRead = 0;
  for (let f = 0; f < files.length; f++) {
    const file = files[f];
    const digest = newDigest(file);
    digests.push(digest);
    for await (const { header, columns, records } of readCsvBatches(file, SPEC, digest)) {
      if (columns.score < 0 && columns.flagged < 0) {
        throw inputError('needs a "score" or a "flagged" column', { file, line: 1, field: 'flagged' });
      }
      const keyField = header[columns.key];
      for (const { line, fields } of records) {
        rowsRead++;
        const conversationId = parseId(fields[columns.key], { file, line, field: keyField });
        const classifier = fields[columns.classifier].trim();
        if (classifier === '') throw inputError('missing classifier name', { file, line, field: 'classifier' });
        const score = columns.score < 0 ? null : parseScoreCell(fields[columns.score], { file, line, field: 'score' });
        const flagged = columns.flagged < 0 ? null : parseBooleanCell(fields[columns.flagged], { file, line, field: 'flagged' });
        let ofClassifier = seen.get(classifier);
        if (!ofClassifier) seen.set(classifier, (ofClassifier = new Map()));
        const first = ofClassifier.get(conversationId);
        if (first !== undefined) {
          const where = `${files[Math.floor(first / 2 ** 32)]}:${first % 2 ** 32}`;
          throw inputError(
            `duplicate verdict for conversation "${truncate(conversationId)}" and classifier "${truncate(classifier)}" (first at ${where})`,
            { file, line, field: keyField },
          );
        }
        ofClassifier.set(conversationId, f * 2 ** 32 + line);
        if (score === null && flagged === null) {
          emptyRows++;
          continue;
        }
        rows.push({ conversationId, classifier, score, flagged, line });
      }
    }
  }
  return { rows, digests, emptyRows, rowsRead };
}
