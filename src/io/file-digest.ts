/** SHA-256 of an input file, computed while it is streamed (no second read; see input-bytes.ts). */
import { inputError, MisfireError } from '../errors.js';

export interface FileDigest {
  file: string;
  bytes: number;
  /** Hex sha256; set when the stream has ended. */
  sha256: string | null;
}

export function newDigest(file: string): FileDigest {
  return { file, bytes: 0, sha256: null };
}

/** Fail early, with a clear input error, when a file cannot be read. */
export async function assertReadableFile(file: string): Promise<void> {
  const { stat, access } = await import('node:fs/promises');
  try {
    const info = await stat(file);
    if (info.isDirectory()) throw inputError('is a directory, expected a file', { file });
    await access(file);
  } catch (err) {
    if (err instanceof MisfireError) throw err;
    const code = (err as { code?: string }).code;
    if (code === 'ENOENT') throw inputError('file not found', { file });
    if (code === 'EACCES') throw inputError('permission denied', { file });
    throw inputError(`cannot read file: ${(err as Error).message}`, { file });
  }
}

/**
 * The sha256 and size of a file's bytes as stored, read in one pass (for checking a file against a
 * recorded digest when reading it failed part-way).
 * @example
 * (await digestOfFile('labels.csv')).sha256; // 'e3b0c442…'
 */
export async function digestOfFile(file: string): Promise<FileDigest> {
  const { createReadStream } = await import('node:fs');
  const { createHash } = await import('node:crypto');
  await assertReadableFile(file);
  const hash = createHash('sha256');
  const digest = newDigest(file);
  for await (const chunk of createReadStream(file) as AsyncIterable<Buffer>) {
    hash.update(chunk);
    digest.bytes += chunk.length;
  }
  digest.sha256 = hash.digest('hex');
  return digest;
}
