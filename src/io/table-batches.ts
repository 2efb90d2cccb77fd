/**
 * Table inputs (verdicts, labels, conversations as `id,text`): CSV, TSV or Parquet, chosen by the file name,
 * each possibly gzipped, read as batches of text cells with line (or row) numbers. A file without rows is
 * an input error that says so.
 */
import { inputError, type MisfireError } from '../errors.js';
import { readCsvBatches, type TableBatch, type TableShape } from './csv-rows.js';
import type { FileDigest } from './file-digest.js';
import { displayName, type ReadOptions } from './input-bytes.js';
import { cellText, readParquetRowGroups } from './parquet-input.js';
import { nullObject, setField } from './data-objects.js';
import { resolveHeader, type TableHeader, type TableSpec } from './table-header.js';

export type InputFormat = 'csv' | 'tsv' | 'parquet' | 'json';

/**
 * The format a file name says (a trailing `.gz` aside), or `fallback` for other names and standard input.
 * @example inputFormat('labels.TSV.gz', 'csv') // 'tsv'
 */
export function inputFormat(file: string, fallback: InputFormat): InputFormat {
  const name = file.toLowerCase().replace(/\.gz$/, '');
  if (name.endsWith('.csv')) return 'csv';
  if (name.endsWith('.tsv') || name.endsWith('.tab')) return 'tsv';
  if (name.endsWith('.parquet') || name.endsWith('.pq')) return 'parquet';
  if (name.endsWith('.jsonl') || name.endsWith('.json') || name.endsWith('.ndjson')) return 'json';
  return fallback;
}

/**
 * The ending a copy of a table input needs to be read the same way: `.csv`, `.tsv` or `.parquet`, plus `.gz`.
 * @example tableSuffix('data/labels.TSV.gz') // '.tsv.gz'
 */
export function tableSuffix(file: string): string {
  return `.${inputFormat(file, 'csv')}${/\.gz$/i.test(file) ? '.gz' : ''}`;
}

/** Batches of a CSV, TSV or Parquet file (other names are read as CSV). Throws when the file has no rows. */
export async function* readTableBatches(file: string, spec: TableSpec, digest: FileDigest, options: ReadOptions = {}): AsyncGenerator<TableBatch> {
  const format = inputFormat(file, 'csv');
  let rows = 0;
  if (format === 'parquet') {
    let header: TableHeader | null = null;
    for await (const { names, firstRow, rows: values } of readParquetRowGroups(file, digest, options)) {
      header ??= resolveHeader(displayName(file), names, spec);
      rows += values.length;
      yield { ...header, records: values.map((row, i) => ({ line: firstRow + i, fields: row.map(cellText) })) };
    }
    if (rows === 0) throw emptyInput(file, 'the Parquet file has no rows', spec.nothing);
    return;
  }
  const shape: TableShape = { hasHeader: false };
  for await (const batch of readCsvBatches(file, spec, digest, { ...options, delimiter: format === 'tsv' ? '\t' : ',' }, shape)) {
    rows += batch.records.length;
    yield batch;
  }
  if (rows === 0) throw emptyInput(file, shape.hasHeader ? 'the file has only a header' : 'the file is empty', spec.nothing);
}

/** One row of a table with its logical cells and every column by name. */
export interface TableRow {
  line: number;
  /** Logical column → raw cell ('' when the column is absent). */
  cells: Record<string, string>;
  /** Every column name → raw cell (own properties only, whatever the names: see data-objects.ts). */
  record: Record<string, string>;
  /** Logical column → the column's name as written in the file (for messages), '' when it is absent. */
  names: Record<string, string>;
}

/** The rows of a table input one by one, as objects (for conversations as `id,text`; verdicts and labels use batches). */
export async function* readTableRows(file: string, spec: TableSpec, digest: FileDigest, options: ReadOptions = {}): AsyncGenerator<TableRow> {
  for await (const { names, columns, records } of readTableBatches(file, spec, digest, options)) {
    const logicalNames = nullObject<string>();
    for (const logical in columns) logicalNames[logical] = columns[logical] < 0 ? '' : names[columns[logical]];
    for (const { line, fields } of records) {
      const cells: Record<string, string> = {};
      for (const logical in columns) cells[logical] = columns[logical] < 0 ? '' : fields[columns[logical]];
      const record: Record<string, string> = {};
      for (let i = 0; i < names.length; i++) setField(record, names[i], fields[i]);
      yield { line, cells, record, names: logicalNames };
    }
  }
}

/**
 * The error for an input without rows, e.g. `conversations.jsonl: the file is empty: no conversations to cluster`.
 */
export function emptyInput(file: string, reason: string, nothing: string): MisfireError {
  return inputError(`${reason}: ${nothing}`, { file: displayName(file) });
}
