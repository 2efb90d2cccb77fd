/**
 * Runs once before the test files, on two cores at once:
 * - compiles src/ to dist/ (a child process), so that tests of what only runs compiled (worker threads, the
 *   `misfire` binary, signal handling in a child process) test the current sources;
 * - meanwhile, in this process, runs misfire on the shipped demo and on its hostile slice into a temp folder
 *   that every test file shares (see helpers/demo-run.ts), and removes that folder after the last test.
 */
import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { TestProject } from 'vitest/node';
import { demoRun, saveDemoOutcome, type SharedRuns } from './helpers/demo-run.js';
import { writeHostileDataset } from './helpers/hostile-dataset.js';
import { REPO } from './helpers/paths.js';

async function compileDist(): Promise<void> {
  const tsc = promisify(execFile)(process.execPath, ['node_modules/typescript/bin/tsc', '-p', 'tsconfig.build.json'], { cwd: REPO });
  tsc.child.stdout?.pipe(process.stdout);
  tsc.child.stderr?.pipe(process.stderr);
  await tsc;
}

async function makeSharedRuns(dir: string): Promise<SharedRuns> {
  const runs: SharedRuns = { demo: join(dir, 'demo'), demoOutcome: join(dir, 'demo-outcome.v8'), hostile: join(dir, 'hostile', 'run') };
  saveDemoOutcome(runs.demoOutcome, await demoRun(runs.demo));
  await mkdir(join(dir, 'hostile'));
  const hostile = await writeHostileDataset(join(dir, 'hostile'));
  await demoRun(runs.hostile, { ...hostile, verdicts: [hostile.verdicts], settings: { allowMissing: true } });
  return runs;
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const dir = await mkdtemp(join(tmpdir(), 'misfire-shared-runs-'));
  const cleanup = () => rm(dir, { recursive: true, force: true });
  try {
    const [, runs] = await Promise.all([compileDist(), makeSharedRuns(dir)]);
    project.provide('sharedRuns', runs);
  } catch (err) {
    await cleanup();
    throw err;
  }
  return cleanup;
}
