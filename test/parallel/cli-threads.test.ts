/**
 * The whole run on worker threads: the compiled CLI (`node bin/misfire.js run`, dist/ built by the global
 * setup) on 4,500 generated conversations, once with MISFIRE_THREADS=1 and then with MISFIRE_THREADS=2 and a
 * low MISFIRE_PARALLEL_MIN_ITEMS, so facets (mapChunks), the LSA transform, the leaf assignment and the
 * permutations of the error-pocket search (runChunked; 9 shuffles, enough to split them) run on workers. Every artifact must equal the single-thread run's byte for byte, except
 * timings.json and the report's generated-at line; also when the worker stalls (MISFIRE_TEST_WORKER_FAULT)
 * and the caller has to finish its chunks. (Workers that exit are covered in workers.test.ts.)
 * A preload (fixtures/count-workers.mjs) reports how many workers started and replied.
 */
import { execFile } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateDataset } from '../../src/demo/index.js';
import { REPO } from '../helpers/paths.js';

const run = promisify(execFile);
const PRELOAD = new URL('./fixtures/count-workers.mjs', import.meta.url).href;
/** More conversations than the leaf k-means sample (4,000), so every point is assigned afterwards in chunks. */
const N = 4_500;
const PARALLEL = { MISFIRE_THREADS: '2', MISFIRE_PARALLEL_MIN_ITEMS: '1000' };

let root: string;
let single: Map<string, Buffer>;

interface CliRun {
  artifacts: Map<string, Buffer>;
  started: number;
  replies: number;
}

async function misfireRun(name: string, env: Record<string, string>): Promise<CliRun> {
  const data = join(root, 'data');
  const out = join(root, name);
  const args = ['--import', PRELOAD, 'bin/misfire.js', 'run', '-q', '--permutations', '9', '-o', out];
  args.push('-c', join(data, 'conversations.jsonl'), '-v', join(data, 'verdicts.csv'), '-l', join(data, 'labels.csv'));
  const { stderr } = await run(process.execPath, args, { cwd: REPO, env: { ...process.env, ...env }, maxBuffer: 1 << 24 });
  const counts = /workers: started=(\d+) replies=(\d+)/.exec(stderr);
  if (!counts) throw new Error(`no worker counts on stderr: ${stderr}`);
  return { artifacts: await artifacts(out), started: Number(counts[1]), replies: Number(counts[2]) };
}

/** Every file of a run folder by relative path, without timings.json and with the generated-at time blanked. */
async function artifacts(dir: string): Promise<Map<string, Buffer>> {
  const files = new Map<string, Buffer>();
  for (const entry of await readdir(dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile() || entry.name === 'timings.json') continue;
    const path = join(entry.parentPath, entry.name);
    const bytes = await readFile(path);
    const rel = relative(dir, path);
    files.set(rel, rel === 'index.html' ? Buffer.from(bytes.toString('utf8').replace(/generated [0-9T:.Z-]+/, 'generated X')) : bytes);
  }
  return files;
}

function expectSameArtifacts(actual: Map<string, Buffer>): void {
  expect([...actual.keys()].sort()).toEqual([...single.keys()].sort());
  for (const [path, bytes] of single) expect(actual.get(path)?.equals(bytes), path).toBe(true);
}

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'misfire-threads-'));
  await generateDataset({ n: N, seed: 11, outDir: join(root, 'data') });
  const baseline = await misfireRun('single', { MISFIRE_THREADS: '1' });
  expect(baseline.started).toBe(0);
  single = baseline.artifacts;
  expect([...single.keys()]).toEqual(expect.arrayContaining(['run.json', 'assignments.csv', 'model/embedding.bin', 'model/centroids.bin', 'index.html']));
}, 180_000);

afterAll(async () => {
  if (root) await rm(root, { recursive: true, force: true });
});

describe('the compiled CLI on two threads', () => {
  it('writes the same artifacts as on one thread, with a worker doing part of the work', async () => {
    const parallel = await misfireRun('parallel', PARALLEL);
    expect(parallel.started).toBe(1);
    expect(parallel.replies).toBeGreaterThan(0);
    expectSameArtifacts(parallel.artifacts);
  }, 120_000);

  it('a worker that takes chunks and never finishes them: after MISFIRE_STALL_MS the caller does, same artifacts', async () => {
    const stalled = await misfireRun('stalled', { ...PARALLEL, MISFIRE_STALL_MS: '300', MISFIRE_TEST_WORKER_FAULT: 'stall' });
    expect(stalled.started).toBe(1);
    expect(stalled.replies).toBe(0);
    expectSameArtifacts(stalled.artifacts);
  }, 120_000);
});
