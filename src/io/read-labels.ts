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
  const rows: LabelRow[] = [];
  const seen = new Map<string, number>();
  const read = await readLabelRows(file, options, (row, keyField) => {
    const first = seen.get(row.conversationId);
    if (first !== undefined) {
      throw inputError(`duplicate label for conversation "${truncate(row.conversationId)}" (first on line ${first})`, { file: name, line: row.line, field: keyField });
    }
    seen.set(row.conversationId, row.line);
    rows.push(row);
  });
  return { rows, ...read };
}

/**
 * Every label row of the file in order, handed to `onRow` one at a time (with the name of the id column),
 * so that any number of rows can be read in bounded memory; duplicates are for `onRow` to find.
 * @example
 * await readLabelRows('labels.csv', {}, (row) => table.setLabel(row));
 */
export async function readLabelRows(file: string, options: ReadOptions, onRow: (row: LabelRow, keyField: string) => void): Promise<Omit<LabelsRead, 'rows'>> {
  const name = displayName(file);
  const digest = newDigest(file);
  let unknown = 0;
  let rowsRead = 0;
  for await (const { names, columns, records } of readTableBatches(file, SPEC, digest, options)) {
    const { key: keyColumn, label: labelColumn, category: categoryColumn } = columns;
    const [keyField, labelField] = [names[keyColumn], names[labelColumn]];
    for (const { line, fields } of records) {
      rowsRead++;
      const conversationId = parseId(fields[keyColumn], { file: name, line, field: keyField });
      const label = parseBooleanCell(fields[labelColumn], { file: name, line, field: labelField });
      if (label === null) unknown++;
      const category = categoryColumn < 0 ? '' : fields[categoryColumn].trim();
      onRow({ conversationId, label, category: category === '' ? null : category, line }, keyField);
    }
  }
  return { digest, unknown, rowsRead };
}
