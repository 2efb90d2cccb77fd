/**
 * Streaming CSV reading with csv-parse: yields each record as a column → value object with its 1-based
 * line number, after checking the header against what the caller needs.
 */
import { createReadStream } from 'node:fs';
import { parse } from 'csv-parse';
import { inputError, MisfireError } from '../errors.js';
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

/** Stream the rows of a CSV file. The digest is complete once iteration finishes. */
export async function* readCsvRows(
  file: string,
  spec: CsvHeaderSpec,
  digest: FileDigest,
): AsyncGenerator<CsvRow> {
  let headerMap: Record<string, string | null> | null = null;
  await assertReadableFile(file);
  const source = createReadStream(file);
  const parser = hashingStream(source, digest).pipe(
    parse({
      bom: true,
      columns: (header: string[]) => {
        const trimmed = header.map((h) => h.trim());
        headerMap = resolveHeader(file, trimmed, spec);
        return trimmed;
      },
      info: true,
      skip_empty_lines: true,
      relax_quotes: false,
    }),
  );
  source.on('error', (err) => parser.destroy(err));
  try {
    for await (const item of parser as AsyncIterable<{ record: Record<string, string>; info: { lines: number } }>) {
      const map = headerMap as unknown as Record<string, string | null>;
      const cells: Record<string, string> = {};
      for (const logical in map) {
        const column = map[logical];
        cells[logical] = column ? (item.record[column] ?? '') : '';
      }
      yield { line: item.info.lines, cells, record: item.record };
    }
  } catch (err) {
    throw asInputError(file, err);
  }
}

function asInputError(file: string, err: unknown): MisfireError {
  if (err instanceof MisfireError) return err;
  const e = err as { code?: string; message?: string; lines?: number; column?: string | number };
  const field = e.column !== undefined && e.column !== null ? String(e.column) : undefined;
  return inputError(`malformed CSV: ${e.message ?? String(err)}`, { file, line: e.lines, field });
}
