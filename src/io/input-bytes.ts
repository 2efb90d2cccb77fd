/**
 * The bytes of an input, streamed: a file or standard input (`-`), gunzipped when it starts with the gzip
 * magic number, hashed (sha256 over the bytes as stored) on the way through.
 */
import { createReadStream } from 'node:fs';
import { createHash } from 'node:crypto';
import { Readable, pipeline, type Transform } from 'node:stream';
import { createGunzip } from 'node:zlib';
import { configError, inputError, MisfireError } from '../errors.js';
import type { WarningSink } from '../warnings.js';
import { assertReadableFile, type FileDigest } from './file-digest.js';

/** The file name that means standard input. */
export const STDIN = '-';

/** What every reader of an input file may be given besides the file name. */
export interface ReadOptions {
  /** Told what was repaired or ignored while reading (invalid UTF-8, content blocks that are not text). */
  warnings?: WarningSink;
  /** Read instead of process.stdin when the file is `-` (tests pass a stream). */
  stdin?: NodeJS.ReadableStream;
}

const READ_CHUNK = 1 << 20;

/** How a file is named in messages: `stdin` for `-`, else the path as given. */
export function displayName(file: string): string {
  return file === STDIN ? 'stdin' : file;
}

/** True when the name ends in `.gz` (any case). */
export function isGzipName(file: string): boolean {
  return /\.gz$/i.test(file);
}

function isGzip(chunk: Buffer): boolean {
  return chunk.length >= 2 && chunk[0] === 0x1f && chunk[1] === 0x8b;
}

/**
 * The input's bytes in chunks of about 1 MB, decompressed when gzipped. The digest is complete once
 * iteration finishes.
 */
export async function* inputBytes(file: string, digest: FileDigest, options: ReadOptions = {}): AsyncGenerator<Buffer> {
  let source: NodeJS.ReadableStream;
  if (file === STDIN) source = options.stdin ?? process.stdin;
  else {
    await assertReadableFile(file);
    source = createReadStream(file, { highWaterMark: READ_CHUNK });
  }
  const hash = createHash('sha256');
  const stored = async function* (): AsyncGenerator<Buffer> {
    for await (const chunk of source as AsyncIterable<Buffer | string>) {
      const bytes = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
      hash.update(bytes);
      digest.bytes += bytes.length;
      yield bytes;
    }
    digest.sha256 = hash.digest('hex');
  };
  const raw = stored();
  let gunzip: Transform | null = null;
  try {
    let head: Buffer = Buffer.alloc(0);
    while (head.length < 2) {
      const next = await raw.next();
      if (next.done) break;
      head = head.length === 0 ? next.value : Buffer.concat([head, next.value]);
    }
    if (head.length === 0) return;
    if (!isGzip(head)) {
      yield head;
      yield* raw;
      return;
    }
    const again = async function* (): AsyncGenerator<Buffer> {
      yield head;
      yield* raw;
    };
    gunzip = createGunzip({ chunkSize: READ_CHUNK });
    pipeline(Readable.from(again()), gunzip, () => {});
    for await (const chunk of gunzip as AsyncIterable<Buffer>) yield chunk;
  } catch (err) {
    if (err instanceof MisfireError) throw err;
    const reason = (err as Error).message ?? String(err);
    throw inputError(gunzip ? `cannot decompress (gzip): ${reason}` : `cannot read: ${reason}`, { file: displayName(file) });
  } finally {
    gunzip?.destroy();
    if (file !== STDIN) (source as Readable).destroy();
  }
}

/** The whole input in memory, decompressed (for a format that needs random access: a gzipped Parquet file). */
export async function inputBuffer(file: string, digest: FileDigest, options: ReadOptions = {}): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of inputBytes(file, digest, options)) chunks.push(chunk);
  return Buffer.concat(chunks);
}

/**
 * Standard input can feed one input only, and only the conversations: verdicts and labels are re-read by
 * `misfire gate` and copied by `misfire bless`, which cannot be done with a stream.
 * @example assertStdinUse([['--conversations', '-'], ['--verdicts', 'v.csv']]) // ok
 */
export function assertStdinUse(inputs: readonly (readonly [flag: string, file: string | null | undefined])[]): void {
  const onStdin = inputs.filter(([, file]) => file === STDIN).map(([flag]) => flag);
  if (onStdin.length > 1) throw configError(`standard input (-) can feed only one input, not ${onStdin.join(' and ')}`);
  const other = onStdin.find((flag) => flag !== '--conversations');
  if (other) throw configError(`${other} -: standard input is accepted for --conversations only; write the file to disk and name it`);
}
