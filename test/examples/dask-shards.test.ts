/**
 * An existing engine runs the shards: examples/dask/run_shards.py starts a local Dask cluster, each task runs
 * `misfire assign` (the compiled CLI) on one shard, and the driver runs `misfire merge`. The merged
 * metrics.json equals, byte for byte, the merge of one count file over all conversations. Needs Debian's
 * python3-distributed (`apt-get install python3-distributed`; .ci/run installs it); skipped otherwise.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { assignShard } from '../../src/api/assign.js';
import { mergeCounts } from '../../src/api/merge.js';
import { PINNED_NOW, sharedDemoRun } from '../helpers/demo-run.js';
import { demoFile, REPO } from '../helpers/paths.js';

const PYTHON = '/usr/bin/python3';
const probe = spawnSync(PYTHON, ['-c', 'import distributed'], { encoding: 'utf8' });
const daskMissing = probe.status === 0 ? null : `${PYTHON} cannot import distributed (apt-get install -y python3-distributed): ${(probe.stderr || probe.error?.message || '').trim().split('\n').pop()}`;
const SHARDS = 4;

const dir = mkdtempSync(join(tmpdir(), 'misfire-dask-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** The demo as four shard folders: conversations by line, verdicts and labels following their conversations. */
function writeShardFolders(): void {
  const lines = readFileSync(demoFile('conversations.jsonl'), 'utf8').split('\n').filter(Boolean);
  const shardOf = new Map<string, number>();
  lines.forEach((line, i) => shardOf.set((JSON.parse(line) as { id: string }).id, i % SHARDS));
  for (let s = 0; s < SHARDS; s++) {
    mkdirSync(join(dir, 'shards', `part-${s}`), { recursive: true });
    writeFileSync(join(dir, 'shards', `part-${s}`, 'conversations.jsonl'), `${lines.filter((_, i) => i % SHARDS === s).join('\n')}\n`);
  }
  for (const name of ['verdicts', 'labels']) {
    const [header, ...rows] = readFileSync(demoFile(`${name}.csv`), 'utf8').split('\n').filter(Boolean);
    for (let s = 0; s < SHARDS; s++) {
      writeFileSync(join(dir, 'shards', `part-${s}`, `${name}.csv`), `${[header, ...rows.filter((r) => shardOf.get(r.split(',')[0]) === s)].join('\n')}\n`);
    }
  }
}

describe.skipIf(daskMissing !== null)(`shards on Dask (local cluster)${daskMissing ? ` — skipped: ${daskMissing}` : ''}`, () => {
  it('runs misfire assign as Dask tasks and merges them into the metrics of one pass over everything', async () => {
    writeShardFolders();
    const started = Date.now();
    const out = execFileSync(
      PYTHON,
      [join(REPO, 'examples', 'dask', 'run_shards.py'), '--model', sharedDemoRun(), '--shards-dir', join(dir, 'shards'), '--out', join(dir, 'dask-run'), '--workers', '2', '--node', process.execPath],
      { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], timeout: 240_000 },
    );
    expect(out).toMatch(/misfire merge: 4 count file\(s\), 3000 conversations/);
    expect(Date.now() - started).toBeLessThan(240_000);
    await assignShard({ model: sharedDemoRun(), conversations: demoFile('conversations.jsonl'), verdicts: [demoFile('verdicts.csv')], labels: demoFile('labels.csv'), out: join(dir, 'all.counts') });
    const one = await mergeCounts({ model: sharedDemoRun(), counts: [join(dir, 'all.counts')], out: join(dir, 'one'), now: PINNED_NOW });
    expect(readFileSync(join(dir, 'dask-run', 'metrics.json'), 'utf8')).toBe(readFileSync(join(one.outDir, 'metrics.json'), 'utf8'));
    const run = JSON.parse(readFileSync(join(dir, 'dask-run', 'run.json'), 'utf8')) as { shards: { file: string; sha256: string }[] };
    expect(run.shards.map((s) => s.file)).toEqual([0, 1, 2, 3].map((s) => `../dask-run.counts/part-${s}.counts`));
  }, 300_000);
});
