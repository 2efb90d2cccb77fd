/**
 * Output safety for the single files misfire writes (`misfire assign --out part.counts`, `--assignments
 * part.csv`): like output folders (output-folder.ts), a file is replaced only when misfire wrote it, which
 * it tells by the start of the file (a count file's schema line, the assignments header); an input, a
 * folder, or any other existing file is refused before any work. Files are written to a temporary sibling
 * and renamed into place, so an interrupted write leaves the old file (or nothing) behind.
 */
import { createWriteStream, type WriteStream } from 'node:fs';
import { lstat, open, readFile, rename, rm } from 'node:fs/promises';
import { gunzipSync } from 'node:zlib';
import { basename, dirname, join, resolve } from 'node:path';
import { MisfireError } from '../errors.js';
import { makeFolders } from './output-folder.js';
import { assertCanWriteBeside } from './write-probe.js';

export interface FileCheck {
  flag: string;
  /** How a file misfire wrote there starts (its first bytes). */
  signature: string;
  /** Files that must survive (the inputs of the command). */
  inputs?: readonly string[];
}

const refuse = (message: string) => new MisfireError('config', message);

/**
 * Refuse an output file misfire must not replace; returns its absolute path.
 * @example await assertSafeOutputFile('shards/part-0.counts', { flag: '--out', signature: '{\n  "schema": "misfire.counts/' });
 */
export async function assertSafeOutputFile(out: string, check: FileCheck): Promise<string> {
  const { flag } = check;
  if (out.trim() === '') throw refuse(`${flag} is empty (an unset variable in a script?): name a file for misfire to write`);
  const target = resolve(out);
  for (const input of check.inputs ?? []) {
    if (input !== '-' && input !== '' && resolve(input) === target) throw refuse(`${flag} ${out} is one of the inputs: misfire would overwrite it; name another file`);
  }
  let info;
  try {
    info = await lstat(target);
  } catch (err) {
    if ((err as { code?: string }).code !== 'ENOENT') throw refuse(`cannot inspect ${out} (${flag}): ${(err as Error).message}`);
  }
  if (info?.isDirectory()) throw refuse(`${flag} ${out} is a folder: name a file`);
  if (info && !(info.isFile() && (await startsWith(target, check.signature)))) {
    throw refuse(`${flag} ${out} already exists and misfire did not write it: misfire replaces only its own files; move it away or name another file`);
  }
  await assertCanWriteBeside(target, flag);
  return target;
}

async function startsWith(file: string, signature: string): Promise<boolean> {
  const want = Buffer.from(signature);
  const handle = await open(file, 'r');
  let head: Buffer;
  try {
    head = Buffer.alloc(Math.max(want.length, 2));
    const { bytesRead } = await handle.read(head, 0, head.length, 0);
    head = head.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
  if (head[0] === 0x1f && head[1] === 0x8b) {
    // A gzipped file misfire wrote (a name ending in .gz): its text must start with the signature.
    try {
      head = gunzipSync(await readFile(file));
    } catch {
      return false;
    }
  }
  return head.subarray(0, want.length).equals(want);
}

/** A file being written: lines go to a temporary sibling until `commit` renames it into place. */
export interface OutputFileWriter {
  write(text: string | Uint8Array): Promise<void>;
  /** Finish the file and put it in place. */
  commit(): Promise<void>;
  /** Remove the temporary file (after a failure). */
  abort(): Promise<void>;
}

/**
 * Open `out` (already checked with assertSafeOutputFile) for writing in pieces.
 * @example const w = await openOutputFile('part.counts', '--out'); await w.write(text); await w.commit();
 */
export async function openOutputFile(out: string, flag: string): Promise<OutputFileWriter> {
  const target = resolve(out);
  try {
    await makeFolders(dirname(target));
  } catch (err) {
    throw new MisfireError('config', `cannot create the folder ${dirname(target)} for ${flag}: ${(err as Error).message}`);
  }
  const temp = join(dirname(target), `.${basename(target)}.partial-${process.pid}-${Date.now()}`);
  const stream: WriteStream = createWriteStream(temp);
  let failure: Error | null = null;
  stream.on('error', (err) => (failure = err));
  const fail = (err: Error) => new MisfireError('config', `cannot write ${out} (${flag}): ${err.message}`);
  const abort = async () => {
    stream.destroy();
    await rm(temp, { force: true });
  };
  return {
    write: (text) =>
      new Promise((done, reject) => {
        if (failure) return reject(fail(failure));
        if (stream.write(text)) return done();
        stream.once('drain', () => done());
      }),
    async commit() {
      await new Promise<void>((done, reject) => {
        if (failure) return reject(fail(failure));
        stream.once('error', (err) => reject(fail(err)));
        stream.end(() => done());
      }).catch(async (err) => {
        await abort();
        throw err;
      });
      await rename(temp, target);
    },
    abort,
  };
}
