/**
 * `misfire run` with more conversations than --fit-sample: the clusters are fitted on a seeded sample and
 * every conversation is streamed into count tables. The run equals `misfire assign` with the run as model
 * plus `misfire merge`, finds the demo's planted pockets, stays gate-able, and fails on gaps before fitting.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assignShard } from '../../src/api/assign.js';
import { mergeCounts } from '../../src/api/merge.js';
import { runAtScale, type ScaledRunOutcome } from '../../src/api/run-at-scale.js';
import { readRunAssignments, readRunFolder } from '../../src/artifacts/read-run.js';
import { DEMO_INPUTS, PINNED_NOW, sharedDemoRun } from '../helpers/demo-run.js';
import { demoFile } from '../helpers/paths.js';
import { runCli } from '../helpers/run-cli.js';

let dir: string;
let streamed: ScaledRunOutcome;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'misfire-stream-'));
  streamed = await runAtScale({ ...DEMO_INPUTS, verdicts: [...DEMO_INPUTS.verdicts], out: join(dir, 'streamed'), fitSample: 1000, now: PINNED_NOW });
}, 180_000);

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('a run larger than --fit-sample', () => {
  it('fits on the sample and counts every conversation', async () => {
    expect(streamed.streamed).toEqual({ sample: 1000, conversations: 3000 });
    expect(streamed.result).toBeNull();
    expect(streamed.run.rows.conversations).toBe(3000);
    expect(streamed.run.warnings.map((w) => w.code)).toContain('fit-sample');
    const folder = await readRunFolder(streamed.outDir);
    expect((await readRunAssignments(folder)).conversationIds).toHaveLength(3000);
    // 29 leaves as for 3,000 conversations (the default rule sizes k by all of them, not by the sample).
    expect(folder.clusters.filter((c) => c.level === 0)).toHaveLength(29);
  });

  it('gives the metrics.json of `misfire assign` with the run as model plus `misfire merge`, byte for byte', async () => {
    await assignShard({ model: streamed.outDir, conversations: demoFile('conversations.jsonl'), verdicts: [demoFile('verdicts.csv')], labels: demoFile('labels.csv'), out: join(dir, 'all.counts') });
    const merged = await mergeCounts({ model: streamed.outDir, counts: [join(dir, 'all.counts')], out: join(dir, 'merged'), now: PINNED_NOW });
    const file = (run: string, name: string) => readFileSync(join(run, name), 'utf8');
    expect(file(merged.outDir, 'metrics.json')).toBe(file(streamed.outDir, 'metrics.json'));
    expect(file(merged.outDir, 'clusters.json')).toBe(file(streamed.outDir, 'clusters.json'));
  });

  it('counts like the in-memory run and finds the planted pockets', async () => {
    const inMemory = JSON.parse(readFileSync(join(sharedDemoRun(), 'metrics.json'), 'utf8')) as ScaledRunOutcome['metrics'];
    const overall = (m: ScaledRunOutcome['metrics']) => m.classifiers.map((c) => [c.name, c.overall.tp, c.overall.fp, c.overall.tn, c.overall.fn, c.scores?.roc_auc]);
    expect(overall(streamed.metrics)).toEqual(overall(inMemory));
    const names = new Map(streamed.clusters.map((c) => [c.cluster_id, c.label ?? '']));
    const v3 = streamed.metrics.classifiers.find((c) => c.name === 'detector-v3');
    expect(v3?.pockets.false_positive.map((id) => names.get(id)).join(' | ')).toMatch(/security|pentest|vulnerab/i);
  });

  it('can be gated like any run (it keeps assignments.csv and its inputs)', async () => {
    const result = await runCli('gate', '--run', streamed.outDir, '--baseline', 'detector-v2', '--candidate', 'detector-v3');
    expect(result.code).toBe(1);
  });

  it('stops on gaps before fitting, naming example ids', async () => {
    const verdicts = readFileSync(demoFile('verdicts.csv'), 'utf8').split('\n').slice(0, 2000).join('\n');
    writeFileSync(join(dir, 'partial-verdicts.csv'), `${verdicts}\n`);
    const run = runAtScale({ ...DEMO_INPUTS, verdicts: [join(dir, 'partial-verdicts.csv')], out: join(dir, 'gap'), fitSample: 1000 });
    await expect(run).rejects.toThrow(/inputs do not line up:\n {2}- 2334 conversations have no verdict from "detector-v2" \(e\.g\. c000666, c000667/);
  });

  it('is the in-memory run when there are no more conversations than --fit-sample', async () => {
    const small = await runAtScale({ ...DEMO_INPUTS, verdicts: [...DEMO_INPUTS.verdicts], out: join(dir, 'small'), fitSample: 3000, now: PINNED_NOW, settings: { permutations: 49 } });
    expect(small.streamed).toBeNull();
    expect(readFileSync(join(small.outDir, 'metrics.json'), 'utf8')).toBe(readFileSync(join(sharedDemoRun(), 'metrics.json'), 'utf8'));
  });
});
