/**
 * Where `misfire sample` may write sample.csv: a new file, or a file misfire wrote there before (it starts
 * with the sample header and reads back as a sample). A user's file, a folder, one of the run's inputs or a
 * path inside the run folder is refused before any work; the file is written to a temporary sibling and
 * renamed into place, so an interrupted write leaves the old file (or none) behind.
 */
import { realpathSync } from 'node:fs';
import { lstat, open, rename, rm, writeFile } from 'node:fs/promises';
import { basename, dirname, isAbsolute, join, relative, resolve } from 'node:path';
import { MisfireError } from '../errors.js';
import { makeFolders } from './output-folder.js';
import { readSampleFile, SAMPLE_COLUMNS, sampleCsv, type SampleRow } from './sample-file.js';
import { assertCanWriteBeside } from './write-probe.js';

const refuse = (message: string) => new MisfireError('config', message);
const HEADER = SAMPLE_COLUMNS.join(',');

function real(path: string): string {
  try {
    return realpathSync(path);
  } catch {
    return resolve(path);
  }
}

/**
 * Refuse an --out that `misfire sample` must not write; returns the absolute path.
 * @example await assertSampleOutput('sample.csv', { runDir: 'reports/prod', inputs: ['verdicts.csv'] });
 */
export async function assertSampleOutput(out: string, protect: { runDir: string; inputs: readonly string[] }): Promise<string> {
  if (out.trim() === '') throw refuse('--out is empty (an unset variable in a script?): name the file to write, e.g. --out sample.csv');
  const target = resolve(out);
  const inRun = relative(real(protect.runDir), real(target));
  if (inRun === '' || (!inRun.startsWith('..') && !isAbsolute(inRun))) {
    throw refuse(`--out ${out} is inside the run folder ${protect.runDir}: misfire keeps run folders to its own files; write the sample next to it, e.g. --out sample.csv`);
  }
  for (const input of protect.inputs) {
    if (real(input) === real(target)) throw refuse(`--out ${out} is an input of the run (${input}): choose another file, e.g. --out sample.csv`);
  }
  let info;
  try {
    info = await lstat(target);
  } catch (err) {
    if ((err as { code?: string }).code !== 'ENOENT') throw refuse(`cannot inspect ${out} (--out): ${(err as Error).message}`);
  }
  if (info?.isDirectory()) throw refuse(`--out ${out} is a folder: name a file, e.g. --out ${join(out, 'sample.csv')}`);
  if (info && !(await isOwnSample(target))) {
    throw refuse(
      `--out ${out} already exists and was not written by misfire sample (it does not read back as a sample file starting ` +
        `with the header ${HEADER}): misfire will not overwrite it; move it away or choose another --out`,
    );
  }
  await assertCanWriteBeside(target, '--out');
  return target;
}

/** True when `file` starts with the sample header and reads back as a sample. */
async function isOwnSample(file: string): Promise<boolean> {
  try {
    const handle = await open(file, 'r');
    const buffer = Buffer.alloc(HEADER.length + 2);
    const { bytesRead } = await handle.read(buffer, 0, buffer.length, 0);
    await handle.close();
    const head = buffer.subarray(0, bytesRead).toString('utf8');
    if (!head.startsWith(`${HEADER}\n`)) return false;
    await readSampleFile(file);
    return true;
  } catch {
    return false;
  }
}

/**
 * Write sample.csv at `out` (checked again right before the file is replaced); returns its absolute path.
 * @example await writeSampleFile('sample.csv', rows, { runDir: 'reports/prod', inputs: [] });
 */
export async function writeSampleFile(out: string, rows: readonly SampleRow[], protect: { runDir: string; inputs: readonly string[] }): Promise<string> {
  const target = await assertSampleOutput(out, protect);
  const parent = dirname(target);
  try {
    await makeFolders(parent);
  } catch (err) {
    throw refuse(`cannot create the folder ${parent} for --out: ${(err as Error).message}`);
  }
  const temp = join(parent, `.${basename(target)}.partial-${process.pid}-${Date.now()}`);
  try {
    await writeFile(temp, sampleCsv(rows), { flag: 'wx' });
    await assertSampleOutput(out, protect);
    await rename(temp, target);
  } catch (err) {
    await rm(temp, { force: true });
    if (err instanceof MisfireError) throw err;
    throw refuse(`cannot write ${out} (--out): ${(err as Error).message}`);
  }
  return target;
}

