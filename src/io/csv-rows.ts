/**
 * Streaming CSV reading: yields each record (or batches of raw records, for big files) with its 1-based
 * line number, after checking the header against what the caller needs. Tokenizing is csv-records.ts.
 */
import { createReadStream } from 'node:fs';
import { StringDecoder } from 'node:string_decoder';
import { inputError, MisfireError } from '../errors.js';
import { CsvSyntaxError, CsvTokenizer, type CsvRecord } from './csv-records.js';
import { assertReadableFile, hashingStream, type FileDigest } from './file-digest.js';

export interface CsvHeaderSpec {
  /** Alternatives per logical column: the first header name found wins (e.g. key: ['conversation_id', 'id']). */
  columns: Record<string, { names: string[]; required: boolean }>;
}

export interface CsvRow {
  line: number;
  /** Logical column → raw cell ('' when the column is absent). */
  cells: Record<string, string>;
  /** Every header → raw cell, for metadata. */
  record: Record<string, string>;
}

/** Map logical columns to the header names this file uses; throws when a required one is missing. */
export function resolveHeader(file: string, header: string[], spec: CsvHeaderSpec): Record<string, string | null> {
  const present = new Set(header);
  const resolved: Record<string, string | null> = {};
  for (const [logical, { names, required }] of Object.entries(spec.columns)) {
    const found = names.find((name) => present.has(name)) ?? null;
    if (!found && required) {
      throw inputError(`missing column ${names.map((n) => `"${n}"`).join(' or ')} (header is: ${header.join(',')})`, {
        file,
        line: 1,
        field: names[0],
      });
    }
    resolved[logical] = found;
  }
  return resolved;
}

/** A batch of records with the file's header, as `readCsvBatches` yields them. */
export interface CsvBatch {
  /** Trimmed header names. */
  header: string[];
  /** Logical column → index in `header`, or -1 when the optional column is absent. */
  columns: Record<string, number>;
  records: CsvRecord[];
}

const READ_CHUNK = 1 << 20;

/**
 * Stream a CSV file as batches of raw records (fast path for big files: no per-row objects beyond the
 * field array). Checks the header against `spec` and every record's field count against the header.
 * The digest is complete once iteration finishes.
 */
export async function* readCsvBatches(file: string, spec: CsvHeaderSpec, digest: FileDigest): AsyncGenerator<CsvBatch> {
  await assertReadableFile(file);
  const source = hashingStream(createReadStream(file, { highWaterMark: READ_CHUNK }), digest);
  const decoder = new StringDecoder('utf8');
  const tokenizer = new CsvTokenizer();
  let header: string[] | null = null;
  let columns: Record<string, number> = {};
  const batch = (records: CsvRecord[]): CsvBatch | null => {
    let from = 0;
    if (header === null && records.length > 0) {
      header = records[0].fields.map((h) => h.trim());
      const resolved = resolveHeader(file, header, spec);
      columns = {};
      for (const logical in resolved) columns[logical] = resolved[logical] === null ? -1 : header.indexOf(resolved[logical] as string);
      from = 1;
    }
    if (header === null || from >= records.length) return null;
    const body = from === 0 ? records : records.slice(from);
    for (const record of body) {
      if (record.fields.length !== header.length) {
        throw inputError(`malformed CSV: the row has ${record.fields.length} fields, the header has ${header.length}`, { file, line: record.line });
      }
    }
    return { header, columns, records: body };
  };
  try {
    for await (const chunk of source as AsyncIterable<Buffer>) {
      const out = batch(tokenizer.push(decoder.write(chunk)));
      if (out) yield out;
    }
    const rest = decoder.end();
    const out = batch([...tokenizer.push(rest), ...tokenizer.end()]);
    if (out) yield out;
  } catch (err) {
    throw asInputError(file, err, header);
  } finally {
    source.destroy();
  }
}

/** Stream the rows of a CSV file as objects (logical cells and every column). The digest is complete once iteration finishes. */
export async function* readCsvRows(file: string, spec: CsvHeaderSpec, digest: FileDigest): AsyncGenerator<CsvRow> {
  for await (const { header, columns, records } of readCsvBatches(file, spec, digest)) {
    for (const { line, fields } of records) {
      const cells: Record<string, string> = {};
      for (const logical in columns) cells[logical] = columns[logical] < 0 ? '' : fields[columns[logical]];
      const record: Record<string, string> = {};
      for (let i = 0; i < header.length; i++) record[header[i]] = fields[i];
      yield { line, cells, record };
    }
  }
}

function asInputError(file: string, err: unknown, header: string[] | null): MisfireError {
  if (err instanceof MisfireError) return err;
  if (err instanceof CsvSyntaxError) {
    return inputError(`malformed CSV: ${err.message}`, { file, line: err.line, field: header?.[err.fieldIndex] });
  }
  return inputError(`cannot read CSV: ${(err as Error).message ?? String(err)}`, { file });
}
