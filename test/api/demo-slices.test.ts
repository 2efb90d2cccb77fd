/**
 * Slices on the shipped demo: the default rule picks the language facet, `channel` and `concern`; the channel
 * the generator planted (keyword-v1 over-flags benign API conversations) is found as a false-positive slice
 * pocket of keyword-v1 and is the only channel pocket of any classifier; slices.csv agrees with metrics.json.
 * A value held by too few users is never written anywhere in the run folder.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runMisfire } from '../../src/api/run.js';
import type { MetricsDocument } from '../../src/artifacts/metrics-document.js';
import { readRunAssignments, readRunFolder, readRunMetrics } from '../../src/artifacts/read-run.js';
import { readRunSlices } from '../../src/artifacts/read-slices.js';
import { POCKET_CHANNELS } from '../../src/demo/index.js';
import { sharedDemoRun } from '../helpers/demo-run.js';
import { tinyContents, writeTinyDataset } from '../helpers/tiny-dataset.js';

const dir = sharedDemoRun();
const root = mkdtempSync(join(tmpdir(), 'misfire-slices-'));
let metrics: MetricsDocument;

beforeAll(async () => {
  metrics = await readRunMetrics(await readRunFolder(dir));
});

afterAll(() => {
  rmSync(root, { recursive: true, force: true });
});

const classifier = (name: string) => metrics.classifiers.find((c) => c.name === name)!;

describe('slices of the demo run', () => {
  it('slices by the language facet and every metadata field the default rule admits', () => {
    // `topic` has 21 values, but the niche topic comes from 3 users (below min-users 5): not a default field.
    expect(metrics.slicing.dimensions.map((d) => [d.dimension_id, d.field, d.source])).toEqual([
      ['S0', 'language', 'facet'],
      ['S1', 'channel', 'metadata'],
      ['S2', 'concern', 'metadata'],
    ]);
    expect(metrics.slicing.chosen_by).toBe('default');
    const language = metrics.slicing.dimensions[0].slices;
    expect(language.filter((s) => !s.suppressed).map((s) => s.value)).toContain('eng');
    for (const s of language) expect(s.suppressed ? s.value : 'shown').toBe(s.suppressed ? null : 'shown');
    expect(language.some((s) => s.suppressed)).toBe(true);
  });

  it("finds the planted channel as keyword-v1's false-positive slice pocket, the only channel pocket of any classifier", () => {
    const channel = metrics.slicing.dimensions.find((d) => d.field === 'channel')!;
    expect(channel.slices.map((s) => s.value)).toEqual(['api', 'mobile', 'web']);
    const planted = channel.slices.find((s) => s.value === POCKET_CHANNELS.keywordOverFire)!;
    const ids = new Set(channel.slices.map((s) => s.slice_id));
    for (const c of metrics.classifiers) {
      const found = [...c.slice_pockets.false_positive, ...c.slice_pockets.false_negative].filter((id) => ids.has(id));
      expect([c.name, found]).toEqual([c.name, c.name === 'keyword-v1' ? [planted.slice_id] : []]);
    }
    const kw = classifier('keyword-v1');
    const row = kw.slices.find((s) => s.slice_id === planted.slice_id)!;
    expect(row).toMatchObject({ field: 'channel', value: 'api', pocket_fp: true, suppressed: false });
    expect(row.fpr as number).toBeGreaterThan((kw.overall.fpr as number) + 0.05);
    expect(row.fpr_q as number).toBeLessThan(1e-4);
    expect(row.fpr_ci?.[0] as number).toBeGreaterThan(kw.overall.fpr as number);
  });

  it('writes slices.csv that agrees with metrics.json, conversation by conversation', async () => {
    const folder = await readRunFolder(dir);
    const slices = await readRunSlices(folder, await readRunAssignments(folder));
    expect(slices.recorded).toBe(true);
    expect(slices.dimensions.map((d) => d.record.dimension_id)).toEqual(['S0', 'S1', 'S2']);
    const lines = readFileSync(join(dir, 'slices.csv'), 'utf8').trimEnd().split('\n');
    expect(lines[0]).toBe('conversation_id,S0,S1,S2');
    expect(lines).toHaveLength(3001);
    // The demo's first conversation: English, from the web channel, concern 1.
    expect(lines[1]).toMatch(/^c000000,S0-\d{3},S1-002,S2-000$/);
  });
});

describe('privacy of metadata values', () => {
  it('never writes a value held by fewer than min-users users, in any artifact', async () => {
    // Two users' conversations carry team "quenbrook-ops"; everyone else's "support".
    const lines = tinyContents().conversations.map((line) => {
      const row = JSON.parse(line) as { user_id: string };
      return JSON.stringify({ ...row, team: row.user_id === 'u3' || row.user_id === 'u4' ? 'quenbrook-ops' : 'support' });
    });
    const data = writeTinyDataset({ conversations: `${lines.join('\n')}\n` });
    const out = join(root, 'tiny');
    const settings = { minUsers: 3, minConversations: 2, sliceBy: ['team', 'language'] };
    const outcome = await runMisfire({ conversations: data.conversations, verdicts: [data.verdicts], labels: data.labels, out, settings });
    const team = outcome.metrics.slicing.dimensions.find((d) => d.field === 'team')!;
    expect(team.slices.map((s) => [s.value, s.suppressed, s.unique_users])).toEqual([
      [null, true, 2],
      ['support', false, 18],
    ]);
    for (const file of filesUnder(out)) expect(readFileSync(file, 'utf8'), file).not.toMatch(/quenbrook/i);
    // Without --slice-by the default rule leaves the field out: one of its values is too rare.
    const plain = await runMisfire({ conversations: data.conversations, verdicts: [data.verdicts], labels: data.labels, out: join(root, 'tiny-default'), settings: { minUsers: 3, minConversations: 2 } });
    expect(plain.metrics.slicing.dimensions.map((d) => d.field)).not.toContain('team');
  });
});

function filesUnder(folder: string): string[] {
  return readdirSync(folder).flatMap((name) => {
    const path = join(folder, name);
    return statSync(path).isDirectory() ? filesUnder(path) : [path];
  });
}
