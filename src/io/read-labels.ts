/**
 * Read ground-truth labels (CSV, TSV or Parquet): `conversation_id|id, label, category?`; label 1 = should
 * be flagged, an empty label = unknown.
 */
import { inputError } from '../errors.js';
import type { LabelRow } from '../types.js';
import { newDigest, type FileDigest } from './file-digest.js';
import { displayName, type ReadOptions } from './input-bytes.js';
import { parseBooleanCell, parseId, truncate } from './input-values.js';
import { readTableBatches } from './table-batches.js';

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
  nothing: 'no labels (leave out --labels to run in proxy mode)',
};

export async function readLabels(file: string, options: ReadOptions = {}): Promise<LabelsRead> {
  const name = displayName(file);
  const digest = newDigest(file);
  const rows: LabelRow[] = [];
  const seen = new Map<string, number>();
  let unknown = 0;
  let rowsRead = 0;
  for await (const { names, columns, records } of readTableBatches(file, SPEC, digest, options)) {
    const { key: keyColumn, label: labelColumn, category: categoryColumn } = columns;
    const [keyField, labelField] = [names[keyColumn], names[labelColumn]];
    for (const { line, fields } of records) {
      rowsRead++;
      const conversationId = parseId(fields[keyColumn], { file: name, line, field: keyField });
      const first = seen.get(conversationId);
      if (first !== undefined) {
        throw inputError(`duplicate label for conversation "${truncate(conversationId)}" (first on line ${first})`, { file: name, line, field: keyField });
      }
      seen.set(conversationId, line);
      const label = parseBooleanCell(fields[labelColumn], { file: name, line, field: labelField });
      if (label === null) unknown++;
      const category = categoryColumn < 0 ? '' : fields[categoryColumn].trim();
      rows.push({ conversationId, label, category: category === '' ? null : category, line });
    }
  }
  return { rows, digest, unknown, rowsRead };
}
