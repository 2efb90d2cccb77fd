/**
 * Parquet input through hyparquet (pure JavaScript; snappy built in, gzip, zstd, brotli and lz4 pages through
 * hyparquet-compressors), one row group at a time. A file on disk is read by random access and hashed in one
 * sequential pass; a `.parquet.gz` is read into memory first (Parquet needs random access). Row numbers are
 * 1-based and stand in for line numbers in messages. The libraries are loaded on first use, so that a run
 * without Parquet input does not pay for them at start-up.
 */
import type { AsyncBuffer, FileMetaData } from 'hyparquet';
import { inputError, MisfireError } from '../errors.js';
import { assertReadableFile, type FileDigest } from './file-digest.js';
import { displayName, inputBuffer, inputBytes, isGzipName, type ReadOptions } from './input-bytes.js';

export interface ParquetRowGroup {
  /** Top-level column names, in file order. */
  names: string[];
  /** 1-based number of the group's first row. */
  firstRow: number;
  /** One array of values per row, in the order of `names`. */
  rows: unknown[][];
}

/** Every row group of a Parquet file, in order. The digest is complete before the first group is read. */
export async function* readParquetRowGroups(file: string, digest: FileDigest, options: ReadOptions = {}): AsyncGenerator<ParquetRowGroup> {
  const name = displayName(file);
  const [{ asyncBufferFromFile, parquetMetadataAsync, parquetRead, parquetSchema }, { compressors }] = await Promise.all([
    import('hyparquet'),
    import('hyparquet-compressors'),
  ]);
  const source = await openParquet(file, digest, options, asyncBufferFromFile);
  let metadata: FileMetaData;
  try {
    metadata = await parquetMetadataAsync(source);
  } catch (err) {
    throw inputError(`not a readable Parquet file: ${(err as Error).message}`, { file: name });
  }
  const names = parquetSchema(metadata).children.map((child) => child.element.name);
  let rowStart = 0;
  for (const group of metadata.row_groups) {
    const rowEnd = rowStart + Number(group.num_rows);
    if (rowEnd === rowStart) continue;
    let rows: unknown[][] = [];
    try {
      await parquetRead({ file: source, metadata, compressors, columns: names, rowFormat: 'array', rowStart, rowEnd, onComplete: (read) => (rows = read) });
    } catch (err) {
      if (err instanceof MisfireError) throw err;
      throw inputError(`cannot read Parquet rows ${rowStart + 1}–${rowEnd}: ${(err as Error).message}`, { file: name });
    }
    yield { names, firstRow: rowStart + 1, rows };
    rowStart = rowEnd;
  }
}

async function openParquet(
  file: string,
  digest: FileDigest,
  options: ReadOptions,
  asyncBufferFromFile: (file: string) => Promise<AsyncBuffer>,
): Promise<AsyncBuffer> {
  if (isGzipName(file)) {
    const bytes = await inputBuffer(file, digest, options);
    return bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
  }
  await assertReadableFile(file);
  for await (const chunk of inputBytes(file, digest, options)) void chunk;
  return asyncBufferFromFile(file);
}

/**
 * A Parquet value as JSON-like data: 64-bit integers become numbers (or decimal strings beyond 2⁵³), dates
 * ISO strings, binary UTF-8 text, typed arrays arrays; lists and structs are converted throughout, in place
 * (they are fresh from the reader, and a row group of conversations is large).
 * @example plainValue({ n: 7n, at: new Date(0) }) // { n: 7, at: '1970-01-01T00:00:00.000Z' }
 */
export function plainValue(value: unknown): unknown {
  if (value === null || value === undefined) return null;
  if (typeof value !== 'object') return typeof value === 'bigint' ? plainInteger(value) : value;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) value[i] = plainValue(value[i]);
    return value;
  }
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? null : value.toISOString();
  if (value instanceof Uint8Array) return Buffer.from(value.buffer, value.byteOffset, value.byteLength).toString('utf8');
  if (ArrayBuffer.isView(value)) return value instanceof DataView ? null : Array.from(value as unknown as ArrayLike<unknown>, plainValue);
  const record = value as Record<string, unknown>;
  for (const key of Object.keys(record)) record[key] = plainValue(record[key]);
  return record;
}

const plainInteger = (value: bigint): number | string => (Number.isSafeInteger(Number(value)) ? Number(value) : String(value));

/**
 * A Parquet value as a table cell's text, as a CSV writer would have written it: '' for null, `true`/`false`,
 * numbers in their shortest round-trip spelling, lists and structs as JSON.
 * @example cellText(0.91) // '0.91'
 */
export function cellText(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'bigint' || typeof value === 'boolean') return String(value);
  const plain = plainValue(value);
  return typeof plain === 'string' ? plain : JSON.stringify(plain);
}
