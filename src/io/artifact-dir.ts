/**
 * Write a run's artifacts all-or-nothing: everything goes into a temporary sibling folder that is renamed
 * over `--out` only when every file is written, so a failed run leaves no partial artifacts behind.
 */
import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import { MisfireError } from '../errors.js';

export interface ArtifactWriter {
  /** The temporary folder being filled (for callers that copy files in rather than write them). */
  readonly dir: string;
  write(name: string, content: string | Uint8Array): Promise<void>;
}

export async function writeArtifactsAtomically(outDir: string, fill: (writer: ArtifactWriter) => Promise<void>): Promise<string> {
  const target = resolve(outDir);
  const parent = dirname(target);
  const stamp = `${process.pid}-${Date.now()}`;
  const temp = join(parent, `.${basename(target)}.partial-${stamp}`);
  try {
    await mkdir(temp, { recursive: true });
  } catch (err) {
    throw new MisfireError('config', `cannot create output folder next to ${target}: ${(err as Error).message}`);
  }
  try {
    await fill({
      dir: temp,
      async write(name, content) {
        const path = join(temp, name);
        await mkdir(dirname(path), { recursive: true });
        await writeFile(path, content);
      },
    });
    const old = join(parent, `.${basename(target)}.old-${stamp}`);
    let hadOld = false;
    try {
      await rename(target, old);
      hadOld = true;
    } catch (err) {
      if ((err as { code?: string }).code !== 'ENOENT') throw err;
    }
    await rename(temp, target);
    if (hadOld) await rm(old, { recursive: true, force: true });
    return target;
  } catch (err) {
    await rm(temp, { recursive: true, force: true });
    throw err;
  }
}
