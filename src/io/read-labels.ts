/** Read ground-truth labels: `conversation_id|id, label, category?`; label 1 = should be flagged. */
import { inputError } from '../errors.js';
import type { LabelRow } from '../types.js';
import { readCsvRows } from './csv-rows.js';
import { newDigest, type FileDigest } from './file-digest.js';
import { parseBooleanCell, parseId, truncate } from './input-values.js';

export interface LabelsRead {
  rows: LabelRow[];
  digest: FileDigest;
  /** Rows whose label cell was empty (unknown). */
  unknown: number;
  rowsRead: number;
}

const SPEC = {
  columns: {
    key: { names: ['conversation_id', 'id'], required: true },
    label: { names: ['label'], required: true },
    category: { names: ['category'], required: false },
  },
};

export async function readLabels(file: string): Promise<LabelsRead> {
  const digest = newDigest(file);
  const rows: LabelRow[] = [];
  const seen = new Map<string, number>();
  let unknown = 0;
  let rowsRead = 0;
  for await (const row of readCsvRows(file, SPEC, digest)) {
    rowsRead++;
    const keyField = 'conversation_id' in row.record ? 'conversation_id' : 'id';
    const conversationId = parseId(row.cells.key, { file, line: row.line, field: keyField });
    const first = seen.get(conversationId);
    if (first !== undefined) {
      throw inputError(`duplicate label for conversation "${truncate(conversationId)}" (first on line ${first})`, {
        file,
        line: row.line,
        field: keyField,
      });
    }
    seen.set(conversationId, row.line);
    const label = parseBooleanCell(row.cells.label, { file, line: row.line, field: 'label' });
    if (label === null) unknown++;
    const category = row.cells.category.trim();
    rows.push({ conversationId, label, category: category === '' ? null : category, line: row.line });
  }
  return { rows, digest, unknown, rowsRead };
}
