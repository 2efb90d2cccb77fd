/**
 * Output safety: misfire replaces its output folder on success, so it must never be pointed at a folder
 * that holds anything misfire did not write. Every folder misfire writes carries a marker file
 * (`.misfire`) listing the files it wrote; an existing folder may be replaced only when it is empty or
 * holds nothing but the files its marker lists. The working folder, folders above it, folders that hold
 * an input, files and foreign folders are refused before any work is done.
 */
import { existsSync, realpathSync } from 'node:fs';
import { lstat, mkdir, readFile, readdir, rm } from 'node:fs/promises';
import { basename, dirname, isAbsolute, join, relative, resolve } from 'node:path';
import { MisfireError } from '../errors.js';
import { BASELINE_FILES, RUN_FILES } from './run-files.js';
import { assertCanWriteBeside } from './write-probe.js';

/** The marker file in every folder misfire writes. */
export const OUTPUT_MARKER = '.misfire';
export const OUTPUT_MARKER_SCHEMA = 'misfire.output/v1';

/** Files a run folder held before the marker existed (misfire 0.1.0); such a folder may be replaced too. */
const UNMARKED_RUN_FILES = new Set<string>([
  RUN_FILES.reportHtml,
  RUN_FILES.reportMarkdown,
  RUN_FILES.metrics,
  RUN_FILES.clusters,
  RUN_FILES.assignments,
  RUN_FILES.run,
  RUN_FILES.timings,
  BASELINE_FILES.manifest,
  RUN_FILES.embeddingModel,
  RUN_FILES.centroids,
]);
const UNMARKED_BASELINE_INPUT = /^inputs\/(?:verdicts-\d+|labels)\.(?:csv|tsv|parquet)(?:\.gz)?$/;
const unmarkedOwn = (file: string) => UNMARKED_RUN_FILES.has(file) || UNMARKED_BASELINE_INPUT.test(file);

export interface OutputCheck {
  /** The flag the folder came from, for messages (`--out`, `--baseline-dir`). */
  flag: string;
  /** Files and folders that must survive: inputs of the run (a folder holding one is refused). */
  inputs?: readonly string[];
}

const refuse = (message: string) => new MisfireError('config', message);

/** The real path of `path` where it exists (so symlinks cannot hide an input), else its resolved path. */
function realOrResolved(path: string): string {
  const absolute = resolve(path);
  try {
    return realpathSync(absolute);
  } catch {
    const parent = dirname(absolute);
    return parent === absolute ? absolute : join(realOrResolved(parent), basename(absolute));
  }
}

/** True when `inner` is `outer` or lies below it. */
function within(outer: string, inner: string): boolean {
  const rel = relative(outer, inner);
  return rel === '' || (!rel.startsWith('..') && !isAbsolute(rel));
}

/**
 * Refuse an output folder misfire must not replace, with a message that says why and what to do.
 * Returns the absolute target.
 * @example
 * await assertSafeOutput('reports/v7', { flag: '--out', inputs: ['data/convs.jsonl'] }); // '/home/me/project/reports/v7'
 * await assertSafeOutput('.', { flag: '--out' }); // throws: the working folder
 */
export async function assertSafeOutput(out: string, check: OutputCheck): Promise<string> {
  const { flag } = check;
  if (out.trim() === '') {
    throw refuse(`${flag} is empty (an unset variable in a script?): name a folder for misfire to write, e.g. ${flag} reports/latest`);
  }
  const target = resolve(out);
  const real = realOrResolved(out);
  const cwd = realOrResolved(process.cwd());
  if (within(real, cwd)) {
    const what = real === cwd ? 'the working folder' : 'a folder above the working folder';
    throw refuse(
      `${flag} ${out} is ${what}: misfire replaces the whole ${flag} folder, which would delete your files; ` +
        `name a folder of its own, e.g. ${flag} reports/latest`,
    );
  }
  for (const input of check.inputs ?? []) {
    if (input === '-' || input === '') continue;
    if (within(real, realOrResolved(input))) {
      throw refuse(
        `${flag} ${out} holds the input ${input}: misfire replaces the whole ${flag} folder, which would delete it; ` +
          `write the output somewhere else, e.g. ${flag} reports/latest`,
      );
    }
  }
  const foreign = await foreignEntries(target);
  if (foreign === 'file') throw refuse(`${flag} ${out} is an existing file, not a folder: misfire writes a folder there; choose another path`);
  if (foreign.length > 0) {
    const shown = foreign.slice(0, 5).join(', ') + (foreign.length > 5 ? ` and ${foreign.length - 5} more` : '');
    throw refuse(
      `${flag} ${out} already holds files misfire did not write (${shown}): misfire replaces the whole folder and ` +
        `would delete them; move them away, or choose a new folder, e.g. ${flag} ${join(out, 'misfire')}`,
    );
  }
  await assertCanWriteBeside(target, flag);
  return target;
}

/**
 * What stands in the way of replacing `dir`: 'file' when it is not a folder, else the relative paths of
 * entries misfire did not write (empty when the folder is missing, empty, or entirely misfire's).
 */
async function foreignEntries(dir: string): Promise<'file' | string[]> {
  let info;
  try {
    info = await lstat(dir);
  } catch (err) {
    if ((err as { code?: string }).code === 'ENOENT') return [];
    throw refuse(`cannot inspect ${dir}: ${(err as Error).message}`);
  }
  if (!info.isDirectory()) return 'file';
  const present = await listFiles(dir);
  if (present.length === 0) return [];
  const own = await markerFiles(dir);
  const isOwn = own ? (file: string) => own.has(file) : present.includes(RUN_FILES.run) ? unmarkedOwn : () => false;
  return present.filter((file) => file !== OUTPUT_MARKER && !isOwn(file));
}

/** The files a folder's marker lists, or null when there is no readable marker. */
async function markerFiles(dir: string): Promise<Set<string> | null> {
  try {
    const marker = JSON.parse(await readFile(join(dir, OUTPUT_MARKER), 'utf8')) as { schema?: unknown; files?: unknown };
    if (marker.schema !== OUTPUT_MARKER_SCHEMA || !Array.isArray(marker.files)) return null;
    return new Set(marker.files.filter((f): f is string => typeof f === 'string'));
  } catch {
    return null;
  }
}

/** Every file and symlink below `dir` (relative, `/`-separated, sorted); empty folders count as files. */
export async function listFiles(dir: string): Promise<string[]> {
  const out: string[] = [];
  const walk = async (folder: string, prefix: string) => {
    const entries = await readdir(folder, { withFileTypes: true });
    if (entries.length === 0 && prefix !== '') out.push(prefix.slice(0, -1));
    for (const entry of entries) {
      const rel = `${prefix}${entry.name}`;
      if (entry.isDirectory()) await walk(join(folder, entry.name), `${rel}/`);
      else out.push(rel);
    }
  };
  await walk(dir, '');
  return out.sort();
}

/** The marker's content for a folder holding `files`. Deterministic: no time, no process id. */
export function markerContent(files: readonly string[]): string {
  return `${JSON.stringify({ schema: OUTPUT_MARKER_SCHEMA, files: files.filter((f) => f !== OUTPUT_MARKER) }, null, 2)}\n`;
}

/**
 * Create `dir` and any missing parents one level at a time (Node's recursive mkdir never returns on
 * some virtual file systems such as /proc).
 */
export async function makeFolders(dir: string): Promise<void> {
  const missing: string[] = [];
  let at = resolve(dir);
  while (!existsSync(at)) {
    missing.push(at);
    const parent = dirname(at);
    if (parent === at) break;
    at = parent;
  }
  for (const folder of missing.reverse()) {
    try {
      await mkdir(folder);
    } catch (err) {
      if ((err as { code?: string }).code !== 'EEXIST') throw err;
    }
  }
}

/** Names of the temporary folders the atomic writer uses next to `target`. */
export const tempFolderPattern = (target: string) => new RegExp(`^\\.${escapeRegExp(basename(target))}\\.(?:partial|old)-(\\d+)-\\d+$`);

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as { code?: string }).code === 'EPERM';
  }
}

/**
 * Remove what earlier runs that died mid-write left next to `target` (`.NAME.partial-PID-TS` and
 * `.NAME.old-PID-TS` folders) when their process is gone and the folder carries misfire's marker.
 * Returns the folders removed.
 */
export async function removeStaleTempFolders(target: string): Promise<string[]> {
  const parent = dirname(target);
  const pattern = tempFolderPattern(target);
  let names: string[];
  try {
    names = await readdir(parent);
  } catch {
    return [];
  }
  const removed: string[] = [];
  for (const name of names.sort()) {
    const match = pattern.exec(name);
    if (!match || processAlive(Number(match[1]))) continue;
    const folder = join(parent, name);
    if (!existsSync(join(folder, OUTPUT_MARKER)) && (await listFiles(folder).catch(() => ['?'])).length > 0) continue;
    await rm(folder, { recursive: true, force: true });
    removed.push(folder);
  }
  return removed;
}
