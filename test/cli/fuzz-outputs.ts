/** Test helper for the CLI fuzz test: a folder's tree before and after, and which paths the arguments name as outputs. */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';

/** Flags whose value is a file or folder misfire writes. */
const OUTPUT_FLAGS = new Set(['--out', '-o', '--baseline-dir', '--json', '--junit', '--markdown', '--html']);
/** Where `run` and `bless` write when not told. */
const DEFAULT_OUTPUTS = ['reports/latest', '.misfire/baseline'];
/** Left out of snapshots: the Claude cache folder (never written offline, and not an output). */
const IGNORED = new Set(['.misfire-cache']);

/** Every file (by content hash) and folder below `dir`, by path relative to it. */
export function snapshotTree(dir: string): Map<string, string> {
  const out = new Map<string, string>();
  const walk = (folder: string, prefix: string) => {
    for (const entry of readdirSync(folder, { withFileTypes: true })) {
      const rel = `${prefix}${entry.name}`;
      if (prefix === '' && IGNORED.has(entry.name)) continue;
      if (entry.isDirectory()) {
        out.set(rel, 'folder');
        walk(join(folder, entry.name), `${rel}/`);
      } else {
        out.set(rel, createHash('sha256').update(readFileSync(join(folder, entry.name))).digest('hex'));
      }
    }
  };
  walk(dir, '');
  return out;
}

/** Paths added, removed or changed between two snapshots. */
export function changedEntries(before: ReadonlyMap<string, string>, after: ReadonlyMap<string, string>): string[] {
  const paths = new Set([...before.keys(), ...after.keys()]);
  return [...paths].filter((path) => before.get(path) !== after.get(path)).sort();
}

/** The values given to output flags (`--out X`, `--out=X`), as paths relative to `dir`, inside it. */
function outputValues(dir: string, args: readonly string[], flags: ReadonlySet<string>): string[] {
  const values: string[] = [];
  args.forEach((arg, i) => {
    const joined = /^(--?[^=]+)=(.*)$/s.exec(arg);
    if (joined && flags.has(joined[1])) values.push(joined[2]);
    else if (flags.has(arg) && i + 1 < args.length) values.push(args[i + 1]);
  });
  return values
    .map((value) => relative(dir, resolve(dir, value.trim() === '' ? '.' : value)))
    .filter((rel) => rel !== '' && !rel.startsWith('..') && !rel.startsWith('/'));
}

/**
 * Whether a changed path is one the arguments allow misfire to write: inside an output (or a default output),
 * a report.md or NAME.md beside one, a run folder's re-rendered report, or a folder created to hold an output.
 */
export function allowedOutputs(dir: string, args: readonly string[]): (path: string) => boolean {
  const outputs = [...outputValues(dir, args, OUTPUT_FLAGS), ...DEFAULT_OUTPUTS];
  const runs = outputValues(dir, args, new Set(['--run']));
  const reports = runs.flatMap((run) => [join(run, 'index.html'), join(run, 'report.md')]);
  const besideOutputs = outputs.map((output) => dirname(output));
  return (path) =>
    outputs.some((output) => path === output || path.startsWith(`${output}/`) || output.startsWith(`${path}/`)) ||
    reports.includes(path) ||
    (path.endsWith('.md') && besideOutputs.includes(dirname(path)));
}
