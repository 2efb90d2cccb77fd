/**
 * Runs once before the test files: converts the word vectors once (scripts/prepare-word-vectors.mjs), then,
 * on two cores at once:
 * - compiles src/ to dist/ (a child process), so that tests of what only runs compiled (worker threads, the
 *   `misfire` binary, signal handling in a child process) test the current sources. The compile is skipped
 *   when dist/ is what this setup last built from the same sources (digests in node_modules/.cache);
 * - meanwhile, in this process, runs misfire on the shipped demo and on its hostile slice into a temp folder
 *   that every test file shares (see helpers/demo-run.ts), and removes that folder after the last test.
 */
import { execFile, execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { promisify } from 'node:util';
import type { TestProject } from 'vitest/node';
import { demoRun, saveDemoOutcome, type SharedRuns } from './helpers/demo-run.js';
import { listFiles } from './helpers/files.js';
import { plantHostileErrorPockets, writeHostileDataset } from './helpers/hostile-dataset.js';
import { REPO } from './helpers/paths.js';

const BUILD_STAMP = join(REPO, 'node_modules', '.cache', 'misfire-tests', 'dist-build.json');

/** sha256 over the paths (from the repository root) and contents of `files`. */
function digest(files: string[]): string {
  const hash = createHash('sha256');
  for (const file of files) hash.update(`${relative(REPO, file)}\0`).update(readFileSync(file)).update('\0');
  return hash.digest('hex');
}

/** What dist/ is built from: the sources, the build settings (package.json's module type too) and the compiler. */
const BUILD_SETTINGS = ['package.json', 'tsconfig.json', 'tsconfig.build.json', 'node_modules/typescript/package.json'];
const buildInputs = () => [...listFiles(join(REPO, 'src')), ...BUILD_SETTINGS.map((f) => join(REPO, f))];

async function compileDist(): Promise<void> {
  const stamp = existsSync(BUILD_STAMP) ? (JSON.parse(readFileSync(BUILD_STAMP, 'utf8')) as { inputs: string; dist: string }) : null;
  const inputs = digest(buildInputs());
  if (stamp?.inputs === inputs && stamp.dist === digest(listFiles(join(REPO, 'dist')))) return;
  const tsc = promisify(execFile)(process.execPath, ['node_modules/typescript/bin/tsc', '-p', 'tsconfig.build.json'], { cwd: REPO });
  tsc.child.stdout?.pipe(process.stdout);
  tsc.child.stderr?.pipe(process.stderr);
  await tsc;
  mkdirSync(dirname(BUILD_STAMP), { recursive: true });
  writeFileSync(BUILD_STAMP, JSON.stringify({ inputs, dist: digest(listFiles(join(REPO, 'dist'))) }));
}

async function makeSharedRuns(dir: string): Promise<SharedRuns> {
  const runs: SharedRuns = { demo: join(dir, 'demo'), demoOutcome: join(dir, 'demo-outcome.v8'), hostile: join(dir, 'hostile', 'run') };
  saveDemoOutcome(runs.demoOutcome, await demoRun(runs.demo));
  await mkdir(join(dir, 'hostile'));
  const hostile = await writeHostileDataset(join(dir, 'hostile'));
  await demoRun(runs.hostile, { ...hostile, verdicts: [hostile.verdicts], settings: { allowMissing: true } });
  await plantHostileErrorPockets(runs.hostile);
  return runs;
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const dir = await mkdtemp(join(tmpdir(), 'misfire-shared-runs-'));
  const cleanup = () => rm(dir, { recursive: true, force: true });
  try {
    execFileSync(process.execPath, ['scripts/prepare-word-vectors.mjs'], { cwd: REPO, stdio: 'inherit' });
    const [, runs] = await Promise.all([compileDist(), makeSharedRuns(dir)]);
    project.provide('sharedRuns', runs);
  } catch (err) {
    await cleanup();
    throw err;
  }
  return cleanup;
}
