/**
 * Metadata slices of count-based runs: a streamed `misfire run` (more conversations than --fit-sample)
 * and `misfire assign` + `misfire merge` count the slicing fields per value, so metrics.json's slices equal
 * the in-memory run's (field slices do not depend on the clustering), shards merge to the streamed run's
 * metrics.json byte for byte, the default rule picks the in-memory run's fields, `--cross` is refused
 * when streaming (a --cross model's shards get the field slices, with a warning), and count files v1 (no
 * slice counts) still merge, without slices.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assignShard } from '../../src/api/assign.js';
import { mergeCounts } from '../../src/api/merge.js';
import { runAtScale, type ScaledRunOutcome } from '../../src/api/run-at-scale.js';
import type { MetricsDocument } from '../../src/artifacts/metrics-document.js';
import { CLUSTER_SKETCH_SIZE } from '../../src/counts/bottom-k.js';
import { exitCodeFor, MisfireError } from '../../src/errors.js';
import { DEMO_INPUTS, PINNED_NOW, sharedDemoRun } from '../helpers/demo-run.js';
import { writeDemoShards } from '../helpers/demo-shards.js';
import { demoFile } from '../helpers/paths.js';

const SHARDS = 4;
let dir: string;
let streamed: ScaledRunOutcome;
let channelOnly: ScaledRunOutcome;
let inMemory: MetricsDocument;
const file = (name: string) => join(dir, name);
const text = (run: string, name: string) => readFileSync(join(run, name), 'utf8');

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'misfire-stream-slices-'));
  writeDemoShards(dir, SHARDS);
  const inputs = { ...DEMO_INPUTS, verdicts: [...DEMO_INPUTS.verdicts], fitSample: 1000, now: PINNED_NOW };
  streamed = await runAtScale({ ...inputs, out: file('streamed') });
  channelOnly = await runAtScale({ ...inputs, out: file('channel'), settings: { sliceBy: ['channel'] } });
  inMemory = JSON.parse(text(sharedDemoRun(), 'metrics.json')) as MetricsDocument;
}, 300_000);

afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A dimension's slices without the ids, and unique_users only where the sketch counts exactly. */
function comparable(dimension: MetricsDocument['slicing']['dimensions'][number], exact: (sliceIndex: number) => boolean) {
  return dimension.slices.map(({ slice_id: _, unique_users, ...rest }, i) => ({ ...rest, unique_users: exact(i) ? unique_users : 'estimated' }));
}

/** Every classifier's rows of one dimension, without the ids. */
function rowsOf(metrics: MetricsDocument, field: string) {
  return metrics.classifiers.map((c) => [c.name, c.slices.filter((r) => r.field === field).map(({ slice_id: _, dimension_id: __, ...row }) => row)]);
}

describe('metadata slices of a streamed run', () => {
  it('--slice-by channel gives the in-memory run\'s channel slices: counts, rates, intervals, p, q, pocket flags and suppression', () => {
    expect(channelOnly.streamed).toEqual({ sample: 1000, conversations: 3000 });
    const dims = channelOnly.metrics.slicing.dimensions;
    expect(dims.map((d) => [d.dimension_id, d.field, d.source, d.cross_level])).toEqual([['S0', 'channel', 'metadata', null]]);
    expect(channelOnly.metrics.slicing.chosen_by).toBe('slice-by');
    const memory = inMemory.slicing.dimensions.find((d) => d.field === 'channel');
    expect(memory).toBeDefined();
    const exact = (i: number) => (memory?.slices[i].unique_users ?? Infinity) < CLUSTER_SKETCH_SIZE;
    expect(comparable(dims[0], exact)).toEqual(comparable(memory as (typeof dims)[number], exact));
    expect(rowsOf(channelOnly.metrics, 'channel')).toEqual(rowsOf(inMemory, 'channel'));
    expect(channelOnly.metrics.classifiers.every((c) => c.slices.length === dims[0].slices.length && c.slices.length > 1)).toBe(true);
  });

  it('the default rule picks the in-memory run\'s fields, and every slice row and slice pocket equals the in-memory run\'s', () => {
    const fields = (m: MetricsDocument) => m.slicing.dimensions.map((d) => [d.dimension_id, d.field, d.source, d.slices.length]);
    expect(fields(streamed.metrics)).toEqual(fields(inMemory));
    expect(fields(streamed.metrics).map((f) => f[1])).toContain('channel');
    expect(streamed.metrics.slicing.chosen_by).toBe('default');
    for (const [i, dim] of streamed.metrics.slicing.dimensions.entries()) {
      const memory = inMemory.slicing.dimensions[i];
      const exact = (s: number) => memory.slices[s].unique_users < CLUSTER_SKETCH_SIZE;
      expect(comparable(dim, exact)).toEqual(comparable(memory, exact));
    }
    expect(streamed.metrics.classifiers.map((c) => [c.name, c.slices])).toEqual(inMemory.classifiers.map((c) => [c.name, c.slices]));
    expect(streamed.metrics.classifiers.map((c) => c.slice_pockets)).toEqual(inMemory.classifiers.map((c) => c.slice_pockets));
  });

  it('equals 4 shards assigned with it as model and merged, byte for byte (slices included)', async () => {
    for (let s = 0; s < SHARDS; s++) {
      await assignShard({ model: streamed.outDir, conversations: file(`c${s}.jsonl`), verdicts: [file(`verdicts${s}.csv`)], labels: file(`labels${s}.csv`), out: file(`part${s}.counts`) });
    }
    const merged = await mergeCounts({ model: streamed.outDir, counts: [3, 1, 0, 2].map((s) => file(`part${s}.counts`)), out: file('merged'), now: PINNED_NOW });
    expect(text(merged.outDir, 'metrics.json')).toBe(text(streamed.outDir, 'metrics.json'));
    expect(merged.metrics.slicing.dimensions.length).toBeGreaterThan(0);
    expect(merged.metrics.classifiers[0].slices.length).toBeGreaterThan(0);
    const part = JSON.parse(text(dir, 'part0.counts')) as { schema: string; slicing: unknown; tables: { name: string }[] };
    expect(part.schema).toBe('misfire.counts/v2');
    expect(part.slicing).toEqual(streamed.metrics.slicing.dimensions.map(({ field, source }) => ({ field, source })));
    expect(part.tables.map((t) => t.name)).toEqual(expect.arrayContaining(['slice_values', 'slice_verdicts']));
  }, 240_000);

  it('merges count files v1 (no slice counts) without slices, and says so', async () => {
    const v1 = JSON.parse(text(dir, 'part0.counts')) as Record<string, unknown> & { tables: { name: string }[] };
    v1.schema = 'misfire.counts/v1';
    delete v1.slicing;
    v1.tables = v1.tables.filter((t) => !t.name.startsWith('slice_'));
    writeFileSync(file('old.counts'), JSON.stringify(v1, null, 2));
    const merged = await mergeCounts({ model: streamed.outDir, counts: [file('old.counts'), file('part1.counts')], out: file('old-merged'), now: PINNED_NOW, allowMissing: true });
    expect(merged.metrics.slicing.dimensions).toEqual([]);
    expect(merged.metrics.classifiers.every((c) => c.slices.length === 0)).toBe(true);
    expect(merged.run.warnings.map((w) => w.code)).toContain('slices-not-counted');
  }, 120_000);

  it('a --cross model run in memory: its shards count the field slices only, and the merge says so', async () => {
    const model = await runAtScale({ ...DEMO_INPUTS, verdicts: [...DEMO_INPUTS.verdicts], out: file('cross-model'), fitSample: 3000, now: PINNED_NOW, settings: { cross: true, sliceBy: ['channel'] } });
    expect(model.streamed).toBeNull();
    expect(model.metrics.slicing.dimensions.map((d) => d.cross_level === null)).toEqual([true, false]);
    await assignShard({ model: model.outDir, conversations: demoFile('conversations.jsonl'), verdicts: [demoFile('verdicts.csv')], labels: demoFile('labels.csv'), out: file('cross.counts') });
    const merged = await mergeCounts({ model: model.outDir, counts: [file('cross.counts')], out: file('cross-merged'), now: PINNED_NOW });
    expect(merged.metrics.slicing.dimensions.map((d) => [d.dimension_id, d.field, d.cross_level])).toEqual([['S0', 'channel', null]]);
    expect(rowsOf(merged.metrics, 'channel').map(([name, rows]) => [name, (rows as unknown[]).length])).toEqual(
      model.metrics.classifiers.map((c) => [c.name, c.slices.filter((r) => r.dimension_id === 'S0').length]),
    );
    expect(merged.run.warnings.map((w) => w.code)).toContain('no-cross-slices');
  }, 240_000);

  it('refuses --cross when it streams: a config error naming the flag and why', async () => {
    const run = runAtScale({ ...DEMO_INPUTS, verdicts: [...DEMO_INPUTS.verdicts], out: file('cross'), fitSample: 1000, settings: { cross: true } });
    const err = await run.catch((e: unknown) => e);
    expect(err).toBeInstanceOf(MisfireError);
    expect(exitCodeFor(err)).toBe(2);
    await expect(run).rejects.toThrow(/--cross with more than --fit-sample 1000 conversations: .*per metadata value only, not per value × cluster/);
  });
});
