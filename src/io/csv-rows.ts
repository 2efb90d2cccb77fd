/**
 * Streaming CSV and TSV reading: batches of raw records with their 1-based line numbers, after checking the
 * header against what the caller needs and each record's field count against the header. Tokenizing is
 * csv-records.ts.
 */
import { inputError, MisfireError } from '../errors.js';
import { CsvSyntaxError, CsvTokenizer, type CsvRecord } from './csv-records.js';
import type { FileDigest } from './file-digest.js';
import { displayName, inputBytes, type ReadOptions } from './input-bytes.js';
import { resolveHeader, type TableHeader, type TableSpec } from './table-header.js';
import { CheckedUtf8Decoder } from './utf8-text.js';

/** A batch of records with the file's header, as `readCsvBatches` and the other table readers yield them. */
export interface TableBatch extends TableHeader {
  records: CsvRecord[];
}

/** What a table reader found out about the file's shape, for the message when it holds no rows. */
export interface TableShape {
  hasHeader: boolean;
}

/**
 * Stream a delimited text file as batches of raw records. Yields nothing for a file without rows; `shape`
 * says whether it had a header. The digest is complete once iteration finishes.
 */
export async function* readCsvBatches(
  file: string,
  spec: TableSpec,
  digest: FileDigest,
  options: ReadOptions & { delimiter?: string } = {},
  shape: TableShape = { hasHeader: false },
): AsyncGenerator<TableBatch> {
  const name = displayName(file);
  const decoder = new CheckedUtf8Decoder();
  const tokenizer = new CsvTokenizer(options.delimiter ?? ',');
  const kind = options.delimiter === '\t' ? 'TSV' : 'CSV';
  let header: TableHeader | null = null;
  const batch = (records: CsvRecord[]): TableBatch | null => {
    let from = 0;
    if (header === null && records.length > 0) {
      header = resolveHeader(name, records[0].fields, spec);
      shape.hasHeader = true;
      from = 1;
    }
    if (header === null || from >= records.length) return null;
    const body = from === 0 ? records : records.slice(from);
    const width = header.names.length;
    for (const record of body) {
      if (record.fields.length !== width) {
        throw inputError(`malformed ${kind}: the row has ${record.fields.length} fields, the header has ${width}`, { file: name, line: record.line });
      }
    }
    return { ...header, records: body };
  };
  const lineAtEnd = () => tokenizer.lineAtEnd;
  try {
    for await (const chunk of inputBytes(file, digest, options)) {
      const out = batch(tokenizer.push(decoder.write(chunk, lineAtEnd)));
      if (out) yield out;
    }
    const out = batch([...tokenizer.push(decoder.end(lineAtEnd)), ...tokenizer.end()]);
    if (out) yield out;
  } catch (err) {
    throw asInputError(name, kind, err, header);
  }
  decoder.report(options.warnings, name);
}

function asInputError(file: string, kind: string, err: unknown, header: TableHeader | null): MisfireError {
  if (err instanceof MisfireError) return err;
  if (err instanceof CsvSyntaxError) {
    return inputError(`malformed ${kind}: ${err.message}`, { file, line: err.line, field: header?.names[err.fieldIndex] });
  }
  return inputError(`cannot read ${kind}: ${(err as Error).message ?? String(err)}`, { file });
}
