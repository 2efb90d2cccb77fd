/**
 * Never delete what misfire did not write: every unsafe --out / --baseline-dir is refused before any work
 * (exit 2, a message that says why and what to do), with real folders on disk, and the user's files stay.
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { blessRun } from '../../src/api/gate-bless.js';
import { runMisfire } from '../../src/api/run.js';
import { MisfireError } from '../../src/errors.js';
import { OUTPUT_MARKER } from '../../src/artifacts/output-folder.js';
import { runCli } from '../helpers/run-cli.js';
import { writeTinyDataset, type TinyDataset } from '../helpers/tiny-dataset.js';

const here = process.cwd();
let data: TinyDataset;

beforeEach(() => {
  data = writeTinyDataset();
});
afterEach(() => {
  process.chdir(here);
});

const runTiny = (out: string) => runMisfire({ conversations: data.conversations, verdicts: [data.verdicts], labels: data.labels, out });
const snapshot = (dir: string) => readdirSync(dir, { recursive: true }).map(String).sort();

async function refused(promise: Promise<unknown>, message: RegExp): Promise<void> {
  const err = await promise.catch((e: unknown) => e);
  expect(err).toBeInstanceOf(MisfireError);
  expect((err as MisfireError).code).toBe('config');
  expect((err as Error).message).toMatch(message);
}

describe('--out is refused when replacing it could delete the user\'s files', () => {
  it('an empty --out (an unset $OUT)', async () => {
    const before = snapshot(data.dir);
    process.chdir(data.dir);
    await refused(runTiny(''), /--out is empty \(an unset variable in a script\?\).*e\.g\. --out reports\/latest/);
    expect(snapshot(data.dir)).toEqual(before);
  });

  it('"." — the working folder, which holds the inputs', async () => {
    const before = snapshot(data.dir);
    process.chdir(data.dir);
    await refused(runTiny('.'), /--out \. is the working folder/);
    expect(snapshot(data.dir)).toEqual(before);
  });

  it('a folder above the working folder', async () => {
    const deep = join(data.dir, 'a', 'b');
    mkdirSync(deep, { recursive: true });
    process.chdir(deep);
    await refused(runTiny('..'), /is a folder above the working folder/);
    await refused(runTiny(data.dir), /is a folder above the working folder/);
    expect(existsSync(data.conversations)).toBe(true);
  });

  it('a folder that holds an input', async () => {
    const inputs = join(data.dir, 'inputs');
    mkdirSync(inputs);
    const moved = writeTinyDataset();
    for (const name of ['conversations.jsonl', 'verdicts.csv', 'labels.csv']) writeFileSync(join(inputs, name), readFileSync(join(moved.dir, name)));
    const err = runMisfire({ conversations: join(inputs, 'conversations.jsonl'), verdicts: [join(inputs, 'verdicts.csv')], labels: join(inputs, 'labels.csv'), out: inputs });
    await refused(err, /holds the input .*conversations\.jsonl/);
    expect(readdirSync(inputs).sort()).toEqual(['conversations.jsonl', 'labels.csv', 'verdicts.csv']);
  });

  it('an existing file', async () => {
    const file = join(data.dir, 'notes.txt');
    writeFileSync(file, 'mine');
    await refused(runTiny(file), /is an existing file, not a folder/);
    expect(readFileSync(file, 'utf8')).toBe('mine');
  });

  it('an existing folder with files misfire did not write', async () => {
    const folder = join(data.dir, 'work');
    mkdirSync(join(folder, 'sub'), { recursive: true });
    writeFileSync(join(folder, 'sub', 'thesis.tex'), 'years of work');
    await refused(runTiny(folder), /already holds files misfire did not write \(sub\/thesis\.tex\).*move them away/);
    expect(readFileSync(join(folder, 'sub', 'thesis.tex'), 'utf8')).toBe('years of work');
  });

  it('a run folder of its own into which the user put a file', async () => {
    const out = join(data.dir, 'out');
    await runTiny(out);
    writeFileSync(join(out, 'review-notes.md'), 'mine');
    await refused(runTiny(out), /already holds files misfire did not write \(review-notes\.md\)/);
    expect(readFileSync(join(out, 'review-notes.md'), 'utf8')).toBe('mine');
  });

  it('a path below a virtual file system fails at once with a clear message', async () => {
    await refused(runTiny('/proc/misfire-out'), /cannot write next to \/proc\/misfire-out \(--out\)/);
  });
});

describe('--out that misfire may replace', () => {
  it('its own run folder: replaced, and its marker lists exactly the files it wrote', async () => {
    const out = join(data.dir, 'out');
    await runTiny(out);
    await runTiny(out);
    const files = snapshot(out).filter((f) => !f.endsWith('model'));
    const marker = JSON.parse(readFileSync(join(out, OUTPUT_MARKER), 'utf8')) as { files: string[] };
    expect(marker.files).toEqual(files.filter((f) => f !== OUTPUT_MARKER));
    expect(marker.files).toContain('metrics.json');
  });

  it('an empty folder, and a run folder written before the marker existed', async () => {
    const empty = join(data.dir, 'empty');
    mkdirSync(empty);
    await runTiny(empty);
    expect(existsSync(join(empty, 'metrics.json'))).toBe(true);
    const old = join(data.dir, 'old');
    mkdirSync(join(old, 'model'), { recursive: true });
    for (const name of ['run.json', 'metrics.json', 'index.html', 'model/centroids.bin']) writeFileSync(join(old, name), '{}');
    await runTiny(old);
    expect(existsSync(join(old, OUTPUT_MARKER))).toBe(true);
  });
});

describe('leftovers of interrupted runs', () => {
  it('a temporary folder of a dead process is removed by the next run; one of a live process is kept', async () => {
    const out = join(data.dir, 'out');
    const dead = spawnSync(process.execPath, ['-e', '0']).pid as number;
    const deadPartial = join(data.dir, `.out.partial-${dead}-1`);
    const deadOld = join(data.dir, `.out.old-${dead}-2`);
    const livePartial = join(data.dir, `.out.partial-${process.pid}-3`);
    const foreign = join(data.dir, `.out.partial-${dead}-4`);
    for (const folder of [deadPartial, deadOld, livePartial]) {
      mkdirSync(folder);
      writeFileSync(join(folder, OUTPUT_MARKER), '{}');
      writeFileSync(join(folder, 'metrics.json'), '{}');
    }
    mkdirSync(foreign);
    writeFileSync(join(foreign, 'unrelated.txt'), 'not misfire\'s');
    const warnings: string[] = [];
    await runMisfire({ conversations: data.conversations, verdicts: [data.verdicts], labels: data.labels, out, onWarning: (w) => warnings.push(w.message) });
    expect(existsSync(deadPartial)).toBe(false);
    expect(existsSync(deadOld)).toBe(false);
    expect(existsSync(livePartial)).toBe(true);
    expect(existsSync(join(foreign, 'unrelated.txt'))).toBe(true);
    expect(warnings.join('\n')).toMatch(/removed 2 unfinished output folder/);
  });

  it('SIGTERM during the write stage removes the temporary folder', async () => {
    const script = join(data.dir, 'slow-writer.mjs');
    const writer = new URL('../../dist/artifacts/atomic-folder.js', import.meta.url).href;
    writeFileSync(
      script,
      `import { writeArtifactsAtomically } from ${JSON.stringify(writer)};\n` +
        `await writeArtifactsAtomically(${JSON.stringify(join(data.dir, 'out'))}, async (w) => {\n` +
        `  await w.write('metrics.json', '{}');\n  process.stdout.write('writing\\n');\n  await new Promise((r) => setTimeout(r, 30000));\n});\n`,
    );
    const child = spawn(process.execPath, [script], { stdio: ['ignore', 'pipe', 'inherit'] });
    await new Promise<void>((resolve) => child.stdout.once('data', () => resolve()));
    expect(readdirSync(data.dir).some((n) => n.startsWith('.out.partial-'))).toBe(true);
    child.kill('SIGTERM');
    const signal = await new Promise((resolve) => child.once('exit', (_code, s) => resolve(s)));
    expect(signal).toBe('SIGTERM');
    expect(readdirSync(data.dir).filter((n) => n.startsWith('.out.'))).toEqual([]);
    expect(existsSync(join(data.dir, 'out'))).toBe(false);
  });
});

describe('bless --baseline-dir gets the same protection', () => {
  it('refuses ".", a foreign folder and a folder above the run; the CLI exits 2 with the reason', async () => {
    const out = join(data.dir, 'run');
    await runTiny(out);
    process.chdir(data.dir);
    await refused(blessRun(out, '.'), /--baseline-dir \. is the working folder/);
    const foreign = join(data.dir, 'keep');
    mkdirSync(foreign);
    writeFileSync(join(foreign, 'a.txt'), 'x');
    await refused(blessRun(out, foreign), /already holds files misfire did not write \(a\.txt\)/);
    const bless = await runCli('bless', '--run', out, '--baseline-dir', '');
    expect(bless.code).toBe(2);
    expect(bless.err).toMatch(/--baseline-dir is empty/);
    expect(readFileSync(join(foreign, 'a.txt'), 'utf8')).toBe('x');
    expect(existsSync(data.conversations)).toBe(true);
  });

  it('a blessed baseline can be blessed over again', async () => {
    const out = join(data.dir, 'run');
    await runTiny(out);
    const baseline = join(data.dir, 'baseline');
    await blessRun(out, baseline);
    await blessRun(out, baseline);
    const marker = JSON.parse(readFileSync(join(baseline, OUTPUT_MARKER), 'utf8')) as { files: string[] };
    expect(marker.files).toContain('baseline.json');
    expect(marker.files).toContain('inputs/verdicts-1.csv');
  });
});

describe('the CLI', () => {
  it('exits 2 at once for -o below /proc, before reading any input', async () => {
    const { code, err } = await runCli('run', '-c', join(data.dir, 'not-read.jsonl'), '-v', data.verdicts, '-o', '/proc/misfire-out', '-q');
    expect(code).toBe(2);
    expect(err).toMatch(/cannot write next to \/proc\/misfire-out \(--out\)/);
    expect(err).not.toMatch(/not-read\.jsonl/);
  });

  it('exits 2 for -o "" and leaves the working folder as it was', async () => {
    process.chdir(data.dir);
    const before = snapshot(data.dir);
    const { code, err } = await runCli('run', '-c', data.conversations, '-v', data.verdicts, '-l', data.labels, '-o', '', '-q');
    expect(code).toBe(2);
    expect(err).toMatch(/misfire: --out is empty/);
    expect(snapshot(data.dir)).toEqual(before);
  });
});
