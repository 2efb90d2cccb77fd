/**
 * Write a run's artifacts all-or-nothing: everything goes into a temporary sibling folder that is renamed
 * over `--out` only when every file is written, so a failed run leaves no partial artifacts behind. The
 * folder is checked first (see output-folder.ts): misfire replaces only folders it wrote itself. An
 * interrupted write (SIGINT, SIGTERM) removes its temporary folder; one left by a killed process is
 * removed by the next run.
 */
import { rmSync } from 'node:fs';
import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { MisfireError } from '../errors.js';
import { assertSafeOutput, listFiles, makeFolders, markerContent, OUTPUT_MARKER, removeStaleTempFolders, type OutputCheck } from './output-folder.js';

export interface ArtifactWriter {
  /** The temporary folder being filled (for callers that copy files in rather than write them). */
  readonly dir: string;
  write(name: string, content: string | Uint8Array): Promise<void>;
}

export interface AtomicWriteOptions extends Partial<OutputCheck> {
  /** Told about leftovers of earlier, killed runs that were removed. */
  onStaleRemoved?: (folders: string[]) => void;
}

export async function writeArtifactsAtomically(
  outDir: string,
  fill: (writer: ArtifactWriter) => Promise<void>,
  options: AtomicWriteOptions = {},
): Promise<string> {
  const check: OutputCheck = { flag: options.flag ?? '--out', inputs: options.inputs };
  const target = await assertSafeOutput(outDir, check);
  const parent = dirname(target);
  try {
    await makeFolders(parent);
  } catch (err) {
    throw new MisfireError('config', `cannot create the folder ${parent} for ${check.flag}: ${(err as Error).message}`);
  }
  const stale = await removeStaleTempFolders(target);
  if (stale.length) options.onStaleRemoved?.(stale);
  const stamp = `${process.pid}-${Date.now()}`;
  const temp = join(parent, `.${basename(target)}.partial-${stamp}`);
  try {
    await mkdir(temp);
    await writeFile(join(temp, OUTPUT_MARKER), markerContent([]));
  } catch (err) {
    await rm(temp, { recursive: true, force: true }).catch(() => {});
    throw new MisfireError('config', `cannot write next to ${target} (${check.flag}): ${(err as Error).message}`);
  }
  const release = removeOnSignal(temp);
  try {
    await fill({
      dir: temp,
      async write(name, content) {
        const path = join(temp, name);
        await mkdir(dirname(path), { recursive: true });
        await writeFile(path, content);
      },
    });
    await writeFile(join(temp, OUTPUT_MARKER), markerContent(await listFiles(temp)));
    // The folder may have changed during a long run: check again right before replacing it.
    await assertSafeOutput(outDir, check);
    await replace(target, temp, stamp, check.flag);
    return target;
  } catch (err) {
    await rm(temp, { recursive: true, force: true });
    throw err;
  } finally {
    release();
  }
}

async function replace(target: string, temp: string, stamp: string, flag: string): Promise<void> {
  const old = join(dirname(target), `.${basename(target)}.old-${stamp}`);
  let hadOld = false;
  try {
    await rename(target, old);
    hadOld = true;
  } catch (err) {
    if ((err as { code?: string }).code !== 'ENOENT') throw cannotReplace(target, flag, err);
  }
  try {
    await rename(temp, target);
  } catch (err) {
    if (hadOld) await rename(old, target).catch(() => {});
    throw cannotReplace(target, flag, err);
  }
  if (hadOld) await rm(old, { recursive: true, force: true });
}

function cannotReplace(target: string, flag: string, err: unknown): MisfireError {
  return new MisfireError('config', `cannot put the artifacts at ${target} (${flag}): ${(err as Error).message}; choose another folder`);
}

const pending = new Set<string>();
const SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;

function onSignal(signal: NodeJS.Signals): void {
  for (const folder of pending) rmSync(folder, { recursive: true, force: true });
  pending.clear();
  for (const s of SIGNALS) process.removeListener(s, onSignal);
  process.kill(process.pid, signal);
}

/** Remove `folder` if the process is interrupted before `release` is called. */
function removeOnSignal(folder: string): () => void {
  if (pending.size === 0) for (const s of SIGNALS) process.on(s, onSignal);
  pending.add(folder);
  return () => {
    pending.delete(folder);
    if (pending.size === 0) for (const s of SIGNALS) process.removeListener(s, onSignal);
  };
}
