/**
 * The gate checks slices on the demo: a candidate that regresses only on API conversations fails, with the
 * slice named in the console summary, Markdown and JUnit; conversations placed from --conversations join the
 * metadata slices by their own value and no language slice.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { gateAgainstBaseline } from '../../src/api/gate.js';
import { loadGateSlices } from '../../src/api/gate-slices.js';
import { loadStoredRun } from '../../src/api/gate-run-files.js';
import { sliceChecks } from '../../src/gate/describe-check.js';
import { sharedDemoRun } from '../helpers/demo-run.js';
import { runCli } from '../helpers/run-cli.js';
import { demoFiles, type DemoFiles } from './demo-files.js';
import type { MetadataValue } from '../../src/types.js';

const fullRun = sharedDemoRun();
let demo: DemoFiles;
let candidate: string;

beforeAll(() => {
  demo = demoFiles();
  // detector-v2's verdicts, renamed, that also flag every third benign API conversation detector-v2 left alone.
  const channelOf = new Map(readFileSync(demo.conversations, 'utf8').trimEnd().split('\n').map((l) => JSON.parse(l) as { id: string; channel: string }).map((r) => [r.id, r.channel]));
  const benign = new Set(readFileSync(demo.labels, 'utf8').trimEnd().split('\n').slice(1).map((l) => l.split(',')).filter((r) => r[1] === '0').map((r) => r[0]));
  let k = 0;
  const rows = readFileSync(demo.verdicts, 'utf8').trimEnd().split('\n').slice(1).map((l) => l.split(',')).filter((r) => r[1] === 'detector-v2').map(([id, , score, flagged]) => {
    const flip = flagged === '0' && benign.has(id) && channelOf.get(id) === 'api' && k++ % 3 === 0;
    return `${id},detector-v2-api,${score},${flip ? 1 : flagged}`;
  });
  candidate = join(demo.dir, 'v2-api.csv');
  writeFileSync(candidate, `conversation_id,classifier,score,flagged\n${rows.join('\n')}\n`);
});

describe('slices in the gate', () => {
  it('fails a candidate that regresses on API conversations and names the slice', async () => {
    const gate = await gateAgainstBaseline({ baselineRun: fullRun, verdicts: [candidate], baseline: 'detector-v2', candidate: 'detector-v2-api' });
    expect(gate.verdict).toBe('fail');
    expect(gate.slices.status).toBe('checked');
    const channel = gate.slices.dimensions.find((d) => d.field === 'channel')!;
    expect(channel.checks.filter((c) => c.status === 'fail').map((c) => [c.slice_name, c.metric])).toEqual([['channel = api', 'fpr']]);
    const api = channel.checks.find((c) => c.slice_name === 'channel = api' && c.metric === 'fpr')!;
    expect(api.increase as number).toBeGreaterThan(0.25);
    expect(api.worse).toBeGreaterThan(100);
    expect(api.better).toBe(0);
    // Nothing about other channels' rates changed.
    for (const c of channel.checks.filter((c) => c.slice_name !== 'channel = api')) expect(c.increase === null || c.increase === 0).toBe(true);
    expect(sliceChecks(gate).length).toBeGreaterThan(channel.checks.length);
  });

  it('CLI: exit 1, the slice named on the console, in Markdown and in JUnit', async () => {
    const [md, junit] = ['slices.md', 'slices.xml'].map((f) => join(demo.dir, f));
    const { code, out } = await runCli('gate', '--baseline-run', fullRun, '-v', candidate, '--baseline', 'detector-v2', '--candidate', 'detector-v2-api', '--markdown', md, '--junit', junit);
    expect(code).toBe(1);
    expect(out).toMatch(/^ {4}S1-000 channel = api · FPR: FAIL: FPR detector-v2 /m);
    expect(readFileSync(md, 'utf8')).toMatch(/#### Failing slices[^]*\| S1-000 channel = api \| FPR \|/);
    expect(readFileSync(junit, 'utf8')).toMatch(/<testcase name="S1-000 channel = api · FPR" classname="misfire.gate.slices.S1" time="0">\s*<failure/);
  });

  it('places new conversations in the metadata slices by their value, and in no language slice', async () => {
    const stored = await loadStoredRun(fullRun);
    const placed = ['api', 'fax', null].map((channel, i) => ({
      id: `new${i}`,
      userId: `new${i}`,
      messages: [{ role: 'user' as const, content: 'how do I kill a process' }],
      metadata: new Map<string, MetadataValue>(channel === null ? [['concern', 2]] : [['channel', channel]]),
    }));
    const slices = await loadGateSlices(stored, placed, ['L0-000', 'L0-000', 'L0-000']);
    const run = stored.conversationIds.length;
    const tail = (field: string) => Array.from(slices.dimensions.find((d) => d.field === field)!.membership.slice(run));
    expect(tail('language')).toEqual([-1, -1, -1]);
    expect(tail('channel')).toEqual([0, -1, -1]);
    expect(tail('concern')).toEqual([-1, -1, 1]);
    expect(slices.note).toMatch(/the 3 conversations placed from --conversations join a metadata slice by their value/);
  });
});
