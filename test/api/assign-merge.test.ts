/**
 * Shards: `misfire assign` counts a shard with a fitted model, `misfire merge` adds count files into a run.
 * One count file of every conversation and three shards merged (in any order) give byte-identical
 * metrics.json; a CSV count table (a SQL GROUP BY) merges too; count files of another model, foreign
 * output files and gaps are refused.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assignShard } from '../../src/api/assign.js';
import { mergeCounts } from '../../src/api/merge.js';
import { readRunFolder, readRunMetrics } from '../../src/artifacts/read-run.js';
import { parseCsv } from '../helpers/crafted-data.js';
import { PINNED_NOW, sharedDemoRun } from '../helpers/demo-run.js';
import { writeDemoShards } from '../helpers/demo-shards.js';
import { demoFile } from '../helpers/paths.js';
import { runCli } from '../helpers/run-cli.js';

let dir: string;
const file = (name: string) => join(dir, name);
const SHARDS = 3;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'misfire-shards-'));
  writeDemoShards(dir, SHARDS);
  await assignShard({ model: sharedDemoRun(), conversations: demoFile('conversations.jsonl'), verdicts: [demoFile('verdicts.csv')], labels: demoFile('labels.csv'), out: file('all.counts'), assignments: file('all.csv') });
  for (let s = 0; s < SHARDS; s++) {
    await assignShard({ model: sharedDemoRun(), conversations: file(`c${s}.jsonl`), verdicts: [file(`verdicts${s}.csv`)], labels: file(`labels${s}.csv`), out: file(`part${s}.counts`) });
  }
}, 180_000);

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('assign and merge', () => {
  it('three shards merged, in any order, give the metrics.json of one count file of everything, byte for byte', async () => {
    const one = await mergeCounts({ model: sharedDemoRun(), counts: [file('all.counts')], out: file('one'), now: PINNED_NOW });
    const three = await mergeCounts({ model: sharedDemoRun(), counts: [0, 1, 2].map((s) => file(`part${s}.counts`)), out: file('three'), now: PINNED_NOW });
    const reversed = await mergeCounts({ model: sharedDemoRun(), counts: [2, 1, 0].map((s) => file(`part${s}.counts`)), out: file('reversed'), now: PINNED_NOW });
    const metrics = (run: string) => readFileSync(join(run, 'metrics.json'), 'utf8');
    expect(metrics(three.outDir)).toBe(metrics(one.outDir));
    expect(metrics(reversed.outDir)).toBe(metrics(one.outDir));
    expect(readFileSync(join(three.outDir, 'clusters.json'), 'utf8')).toBe(readFileSync(join(one.outDir, 'clusters.json'), 'utf8'));
    expect(three.run.shards?.map((s) => s.conversations)).toEqual([1000, 1000, 1000]);
    expect(three.run.shards?.[0].sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(three.run.shards?.[0].inputs.verdicts[0].file).toBe('../verdicts0.csv');
  });

  it('count the same conversations as the in-memory run: overall confusion counts equal the demo run\'s', async () => {
    const merged = await readRunMetrics(await readRunFolder(file('three')));
    const demo = await readRunMetrics(await readRunFolder(sharedDemoRun()));
    const overall = (m: typeof demo) => m.classifiers.map((c) => [c.name, c.overall.tp, c.overall.fp, c.overall.tn, c.overall.fn, c.scores?.roc_auc]);
    expect(overall(merged)).toEqual(overall(demo));
    expect(merged.classifiers.every((c) => c.error_pockets === null)).toBe(true);
  });

  it('write a run folder misfire can read back and re-render, whose model places shards the same way', async () => {
    const result = await runCli('report', '--run', file('three'));
    expect(result.code).toBe(0);
    const gated = await runCli('gate', '--run', file('three'), '--baseline', 'detector-v2', '--candidate', 'detector-v3');
    expect(gated.code).toBe(2);
    expect(gated.err).toMatch(/assignments\.csv is missing: a run merged from count files has none/);
    await assignShard({ model: file('three'), conversations: file('c0.jsonl'), verdicts: [file('verdicts0.csv')], labels: file('labels0.csv'), out: file('again0.counts') });
    const again = await mergeCounts({ model: sharedDemoRun(), counts: [file('again0.counts'), file('part1.counts'), file('part2.counts')], out: file('again'), now: PINNED_NOW });
    expect(readFileSync(join(again.outDir, 'metrics.json'), 'utf8')).toBe(readFileSync(join(file('three'), 'metrics.json'), 'utf8'));
  });

  it('merge a CSV count table (a SQL GROUP BY over assignments, verdicts and labels)', async () => {
    const assigned = new Map(parseCsv(readFileSync(file('all.csv'), 'utf8')).map((r) => [r.conversation_id, r.cluster_id]));
    const label = new Map(parseCsv(readFileSync(demoFile('labels.csv'), 'utf8')).map((r) => [r.conversation_id, r.label]));
    const conversations = readFileSync(demoFile('conversations.jsonl'), 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l) as { id: string; user_id: string });
    const perCluster = new Map<string, { conversations: number; users: Set<string> }>();
    for (const c of conversations) {
      const cluster = assigned.get(c.id) as string;
      const facts = perCluster.get(cluster) ?? { conversations: 0, users: new Set() };
      facts.conversations++;
      facts.users.add(c.user_id);
      perCluster.set(cluster, facts);
    }
    const groups = new Map<string, number[]>();
    for (const v of parseCsv(readFileSync(demoFile('verdicts.csv'), 'utf8'))) {
      const key = `${assigned.get(v.conversation_id)},${v.classifier}`;
      const g = groups.get(key) ?? [0, 0, 0, 0, 0, 0];
      const f = Number(v.flagged);
      const l = Number(label.get(v.conversation_id));
      g[0]++;
      g[1] += f;
      g[2 + l * 2 + f]++;
      groups.set(key, g);
    }
    const rows = [...groups].map(([key, g]) => {
      const facts = perCluster.get(key.split(',')[0]) as { conversations: number; users: Set<string> };
      return `${key},${facts.conversations},${facts.users.size},${g.join(',')}`;
    });
    writeFileSync(file('warehouse.csv'), `cluster_id,classifier,conversations,users,verdicts,flagged,tn,fp,fn,tp\n${rows.join('\n')}\n`);
    const fromTable = await mergeCounts({ model: sharedDemoRun(), counts: [file('warehouse.csv')], out: file('table'), now: PINNED_NOW });
    const fromCounts = await readRunMetrics(await readRunFolder(file('three')));
    const confusion = (m: typeof fromCounts) => m.classifiers.map((c) => c.clusters.map((r) => [r.cluster_id, r.tp, r.fp, r.tn, r.fn, r.fpr_q, r.pocket_fn]));
    expect(confusion(fromTable.metrics)).toEqual(confusion(fromCounts));
    expect(fromTable.metrics.classifiers.every((c) => c.scores === null)).toBe(true);
    expect(fromTable.run.warnings.map((w) => w.code)).toContain('counts-from-tables');
  });

  it('refuse a count file of another model, and count files mixed with tables', async () => {
    const text = readFileSync(file('part0.counts'), 'utf8').replace(/"fingerprint": "[0-9a-f]+"/, '"fingerprint": "0000"');
    writeFileSync(file('other.counts'), text);
    await expect(mergeCounts({ model: sharedDemoRun(), counts: [file('other.counts')], out: file('x') })).rejects.toThrow(/other\.counts, field "model\.fingerprint": this count file was counted with another model/);
    await expect(mergeCounts({ model: sharedDemoRun(), counts: [file('part0.counts'), file('warehouse.csv')], out: file('x') })).rejects.toThrow(/not both/);
  });

  it('never overwrite a file misfire did not write, but replace its own count file', async () => {
    writeFileSync(file('mine.txt'), 'precious');
    const shard = { model: sharedDemoRun(), conversations: file('c1.jsonl'), verdicts: [file('verdicts1.csv')], labels: file('labels1.csv') };
    await expect(assignShard({ ...shard, out: file('mine.txt') })).rejects.toThrow(/already exists and misfire did not write it/);
    expect(readFileSync(file('mine.txt'), 'utf8')).toBe('precious');
    await assignShard({ ...shard, out: file('part1.counts') });
    expect(readFileSync(file('part1.counts'), 'utf8')).toContain('"schema": "misfire.counts/v2"');
  });

  it('write a gzipped count file for a name ending in .gz, replace it on a rerun, and merge it like the plain one', async () => {
    const shard = { model: sharedDemoRun(), conversations: file('c2.jsonl'), verdicts: [file('verdicts2.csv')], labels: file('labels2.csv') };
    await assignShard({ ...shard, out: file('part2.counts.gz') });
    await assignShard({ ...shard, out: file('part2.counts.gz') });
    expect(readFileSync(file('part2.counts.gz')).subarray(0, 2)).toEqual(Buffer.from([0x1f, 0x8b]));
    const counts = [file('part0.counts'), file('part1.counts'), file('part2.counts.gz')];
    const merged = await mergeCounts({ model: sharedDemoRun(), counts, out: file('gz'), now: PINNED_NOW });
    expect(readFileSync(join(merged.outDir, 'metrics.json'), 'utf8')).toBe(readFileSync(join(file('three'), 'metrics.json'), 'utf8'));
  });

  it('stop on gaps unless --allow-missing, and merge reports them', async () => {
    const shard = { model: sharedDemoRun(), conversations: file('c0.jsonl'), verdicts: [demoFile('verdicts.csv')], labels: file('labels0.csv') };
    await expect(assignShard({ ...shard, out: file('gap.counts') })).rejects.toThrow(/inputs do not line up:\n {2}- 6000 verdict rows name a conversation id that is not in the conversations \(e\.g\. c000001, c000002/);
    const result = await runCli('assign', '--model', sharedDemoRun(), '-c', file('c0.jsonl'), '-v', demoFile('verdicts.csv'), '-l', file('labels0.csv'), '--out', file('gap.counts'), '--allow-missing', '-q');
    expect(result.code).toBe(0);
    const merged = await mergeCounts({ model: sharedDemoRun(), counts: [file('gap.counts')], out: file('gaps'), allowMissing: true, now: PINNED_NOW });
    expect(merged.run.missing.unknown_verdict_ids).toBe(6000);
    expect(merged.run.rows.rejected).toBe(6000);
  });
});
