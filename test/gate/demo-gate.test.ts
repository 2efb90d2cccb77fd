/**
 * The gate end to end on the demo data: detector-v3 (planted FPR regression on security-research questions)
 * against detector-v2 must fail and name that cluster; a version against itself passes; the CLI's exit codes
 * come from the gate's verdict; every unsafe comparison exits 2.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { gateAgainstBaseline, gateRun } from '../../src/api/gate.js';
import { MisfireError } from '../../src/errors.js';
import { placeConversations } from '../../src/api/gate-placement.js';
import { loadStoredRun } from '../../src/api/gate-run-files.js';
import { readConversations } from '../../src/io/read-conversations.js';
import { decodeModel, encodeModel } from '../../src/artifacts/model-files.js';
import type { RunRecord } from '../../src/artifacts/run-record.js';
import { copyRun, demoRun, sharedDemoRun } from '../helpers/demo-run.js';
import { runCli as cli } from '../helpers/run-cli.js';
import { demoFiles, dominantTopic, newFalsePositiveTopics, type DemoFiles } from './demo-files.js';

let demo: DemoFiles;
/** All three classifiers, all 3,000 conversations: the shared demo run (read-only). */
const fullRun = sharedDemoRun();
/** detector-v2 only, on the first 2,500 conversations: a baseline that has not seen 500 of them. */
let partialRun: string;
let v3Verdicts: string;

beforeAll(async () => {
  demo = demoFiles();
  partialRun = join(demo.dir, 'run-v2-2500');
  const first = demo.firstConversations(2500);
  const seen = new Set(demo.ids.slice(0, 2500));
  const v2 = demo.verdictsFor('detector-v2', 'v2-2500.csv', (id) => seen.has(id));
  await demoRun(partialRun, { conversations: first.conversations, verdicts: [v2], labels: first.labels });
  v3Verdicts = demo.verdictsFor('detector-v3', 'v3.csv');
});

afterEach(() => {
  process.exitCode = 0;
});

describe('gate on one run holding both versions', () => {
  it('fails detector-v3 against detector-v2 and names the security-research cluster', async () => {
    const gate = await gateRun({ run: fullRun, baseline: 'detector-v2', candidate: 'detector-v3' });
    expect(gate.verdict).toBe('fail');
    // The leaf that fails worst is a cluster of security-research questions whose FPR jumped; in every failing
    // leaf, most of v3's new false positives are security-research questions.
    const failingLeaves = gate.levels[0].checks.filter((c) => c.status === 'fail').sort((a, b) => (b.increase ?? 0) - (a.increase ?? 0));
    expect(failingLeaves.length).toBeGreaterThan(0);
    expect([failingLeaves[0].metric, dominantTopic(fullRun, demo.topicOf, failingLeaves[0].cluster_id as string)]).toEqual(['fpr', 'security-research']);
    expect(failingLeaves[0].increase).toBeGreaterThan(0.3);
    for (const check of failingLeaves) {
      expect(check.metric).toBe('fpr');
      const [[topic, count], ...rest] = newFalsePositiveTopics(demo, fullRun, check.cluster_id as string, 'detector-v2', 'detector-v3');
      expect(topic).toBe('security-research');
      expect(count).toBeGreaterThan(rest.reduce((sum, [, c]) => sum + c, 0));
    }
    // v3 misses fewer harmful requests than v2: no cluster fails on FNR.
    expect(gate.levels.flatMap((l) => l.checks).filter((c) => c.metric === 'fnr' && c.status === 'fail')).toEqual([]);
    // v2's pockets are where it misses harmful requests; v3 misses fewer of them, so no pocket fails.
    expect(gate.pockets.status).toBe('checked');
    expect(gate.pockets.checks.map((c) => [c.metric, c.status])).toEqual(gate.pockets.checks.map(() => ['fnr', 'pass']));
  });

  it('refuses keyword-v1 compared with itself (it would always pass) before reading anything', async () => {
    const err = await gateRun({ run: join(demo.dir, 'no-such-run'), baseline: 'keyword-v1', candidate: 'keyword-v1' }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(MisfireError);
    expect((err as MisfireError).code).toBe('config');
    expect((err as Error).message).toMatch(/--baseline and --candidate both name "keyword-v1"/);
  });

  it('CLI: exit 1 on the regression, with JUnit naming the cluster and byte-identical JSON on a rerun', async () => {
    const [json1, json2, junit, md] = ['g1.json', 'g2.json', 'g.xml', 'g.md'].map((f) => join(demo.dir, f));
    const first = await cli('gate', '--run', fullRun, '--baseline', 'detector-v2', '--candidate', 'detector-v3', '--json', json1, '--junit', junit, '--markdown', md);
    expect(first.code).toBe(1);
    expect(first.out).toMatch(/^misfire gate: FAIL/);
    const second = await cli('gate', '--run', fullRun, '--baseline', 'detector-v2', '--candidate', 'detector-v3', '--json', json2, '-q');
    expect(second.code).toBe(1);
    expect(readFileSync(json2, 'utf8')).toBe(readFileSync(json1, 'utf8'));
    expect(JSON.parse(readFileSync(json1, 'utf8'))).toMatchObject({ schema: 'misfire.gate/v3', verdict: 'fail' });
    const xml = readFileSync(junit, 'utf8');
    expect(XMLValidator.validate(xml)).toBe(true);
    const parsed = new XMLParser({ ignoreAttributes: false, isArray: (n) => n === 'testsuite' || n === 'testcase' }).parse(xml);
    const cases = (parsed.testsuites.testsuite as { testcase?: { '@_name': string; failure?: unknown }[] }[]).flatMap((s) => s.testcase ?? []);
    const clusters = (JSON.parse(readFileSync(join(fullRun, 'clusters.json'), 'utf8')) as unknown[]).length;
    const written = JSON.parse(readFileSync(json1, 'utf8')) as { pockets: { checks: unknown[] }; slices: { dimensions: { checks: unknown[] }[] } };
    const pockets = written.pockets.checks.length;
    const slices = written.slices.dimensions.reduce((sum, d) => sum + d.checks.length, 0);
    expect(pockets).toBeGreaterThan(0);
    expect(slices).toBeGreaterThan(0);
    expect(cases).toHaveLength(clusters * 2 + 2 + pockets + slices);
    const failedLeaves = cases.filter((c) => c.failure && c['@_name'].startsWith('L0-')).map((c) => c['@_name']);
    expect(failedLeaves.length).toBeGreaterThan(0);
    for (const name of failedLeaves) expect(name).toMatch(/^L0-\d{3} .+ · FPR$/);
    const security = failedLeaves.map((name) => name.slice(0, 6)).find((leaf) => dominantTopic(fullRun, demo.topicOf, leaf) === 'security-research');
    expect(security).toBeDefined();
    expect(readFileSync(md, 'utf8')).toMatch(new RegExp(`^## misfire gate: FAIL[^]*\\| ${security} `));
  });

  it('CLI: --html writes the run report with a gate section naming the failing cluster', async () => {
    const html = join(demo.dir, 'gate-report', 'index.html');
    const { code } = await cli('gate', '--run', fullRun, '--baseline', 'detector-v2', '--candidate', 'detector-v3', '--html', html, '-q');
    expect(code).toBe(1);
    const page = readFileSync(html, 'utf8');
    expect(page).toContain('id="gate"');
    const gate = await gateRun({ run: fullRun, baseline: 'detector-v2', candidate: 'detector-v3' });
    const failing = gate.levels[0].checks.find((c) => c.status === 'fail');
    expect(page).toContain(failing?.cluster_id as string);
    expect(existsSync(join(demo.dir, 'gate-report', 'report.md'))).toBe(true);
  });

  it('CLI: exit 2 for a version against itself, an unknown classifier or a missing mode', async () => {
    const itself = await cli('gate', '--run', fullRun, '--baseline', 'keyword-v1', '--candidate', 'keyword-v1');
    expect(itself.code).toBe(2);
    expect(itself.err).toMatch(/both name "keyword-v1"/);
    const unknown = await cli('gate', '--run', fullRun, '--baseline', 'detector-v2', '--candidate', 'detector-v9');
    expect(unknown.code).toBe(2);
    expect(unknown.err).toMatch(/unknown candidate classifier "detector-v9": the run has "detector-v2", "detector-v3", "keyword-v1"/);
    expect((await cli('gate', '--baseline', 'detector-v2', '--candidate', 'detector-v3')).code).toBe(2);
    // Flags override the rule: a tolerance wider than the jump passes (warnings do not block)…
    const lenient = await cli('gate', '--run', fullRun, '--baseline', 'detector-v2', '--candidate', 'detector-v3', '--max-increase', '0.6', '--max-overall-increase', '0.05');
    expect(lenient.code).toBe(0);
    expect(lenient.out).toMatch(/^misfire gate: PASS[^]*WARN/);
    // …and too little data for the overall rates is never a pass: exit 2.
    const thin = await cli('gate', '--run', fullRun, '--baseline', 'detector-v2', '--candidate', 'detector-v3', '--min-support', '5000');
    expect(thin.code).toBe(2);
    expect(thin.out).toMatch(/^misfire gate: INSUFFICIENT DATA/);
    const notARun = await cli('gate', '--run', demo.dir, '--baseline', 'a', '--candidate', 'b');
    expect(notARun.code).toBe(2);
    expect(notARun.err).toMatch(/unreadable run: run\.json is missing/);
  });
});

describe('gate against a stored baseline run', () => {
  it('places conversations the run has seen back in their own clusters', async () => {
    const stored = await loadStoredRun(partialRun);
    const { conversations } = await readConversations(demo.conversations);
    const placed = await placeConversations(stored, conversations.slice(0, 2500));
    const agree = placed.filter((leaf, i) => leaf === stored.leafIds[i]).length;
    expect(agree / 2500).toBeGreaterThan(0.99);
  });

  it('refuses to place conversations with a model fitted on other text (a baseline from an older misfire)', async () => {
    const old = join(demo.dir, 'run-old-model');
    copyRun(partialRun, old);
    const file = join(old, 'model', 'embedding.bin');
    const model = decodeModel(readFileSync(file));
    delete model.meta.text;
    writeFileSync(file, encodeModel(model));
    const { conversations } = await readConversations(demo.conversations);
    await expect(placeConversations(await loadStoredRun(old), conversations.slice(2500, 2510))).rejects.toThrow(
      /fitted on "whole summaries", this misfire embeds "content-words\/v1"; re-run and bless the baseline/,
    );
  });

  it('fails new detector-v3 verdicts on the baseline clusters, placing the 500 unseen conversations', async () => {
    const gate = await gateAgainstBaseline({ baselineRun: partialRun, verdicts: [v3Verdicts, demo.verdictsFor('detector-v2', 'v2-all.csv')], candidate: 'detector-v3', conversations: demo.conversations, labels: demo.labels });
    expect(gate.source).toMatchObject({ mode: 'baseline-run', run_conversations: 2500, placed_conversations: 500 });
    // Pocket membership is the baseline run's: the placed conversations are in no pocket.
    expect(gate.pockets.note).toMatch(/the 500 conversations placed from --conversations belong to no pocket/);
    expect(gate.paired.conversations).toBe(3000);
    expect(gate.verdict).toBe('fail');
    const failingLeaves = gate.levels[0].checks.filter((c) => c.status === 'fail');
    expect(failingLeaves.length).toBeGreaterThan(0);
    for (const check of failingLeaves) {
      expect([check.metric, dominantTopic(partialRun, demo.topicOf, check.cluster_id as string)]).toEqual(['fpr', 'security-research']);
    }
  });

  it('fails closed: missing verdicts, unseen conversations without text, baseline verdicts missing on new ones', async () => {
    // Candidate verdicts missing on 10 labelled conversations of the baseline.
    const dropped = new Set(demo.ids.slice(100, 110));
    const seen = new Set(demo.ids.slice(0, 2500));
    const gappy = demo.verdictsFor('detector-v3', 'v3-gappy.csv', (id) => seen.has(id) && !dropped.has(id));
    const missing = await cli('gate', '--baseline-run', partialRun, '-v', gappy, '--candidate', 'detector-v3');
    expect(missing.code).toBe(2);
    expect(missing.err).toMatch(/missing verdicts: 10 of 2500 labelled conversations have no verdict from the candidate "detector-v3" \(e\.g\. c000100, /);
    // Verdicts on conversations the baseline has not seen, without their text.
    await expect(gateAgainstBaseline({ baselineRun: partialRun, verdicts: [v3Verdicts], candidate: 'detector-v3' })).rejects.toThrow(/500 conversations in the new verdicts are not in the baseline run[^]*--conversations/);
    // With their text and labels, but no baseline verdicts for them: still refused.
    await expect(gateAgainstBaseline({ baselineRun: partialRun, verdicts: [v3Verdicts], candidate: 'detector-v3', conversations: demo.conversations, labels: demo.labels })).rejects.toThrow(
      /missing verdicts: 500 of 3000 labelled conversations have no verdict from the baseline "detector-v2"/,
    );
    // A candidate name the new verdicts do not have.
    await expect(gateAgainstBaseline({ baselineRun: partialRun, verdicts: [v3Verdicts], candidate: 'detector-v4' })).rejects.toThrow(/unknown candidate classifier "detector-v4"/);
  });

  it('bless keeps a working baseline after the inputs change; the original run then reads as mismatched', async () => {
    // A copy of the full run whose run.json names this file's own copy of the verdicts, which can change.
    const run = copyRun(fullRun, join(demo.dir, 'run-full-copy'));
    const record = JSON.parse(readFileSync(join(run, 'run.json'), 'utf8')) as RunRecord;
    // run.json records its inputs relative to the folder of the run that wrote it (the copy's source).
    expect(readFileSync(demo.verdicts)).toEqual(readFileSync(resolve(fullRun, record.inputs.verdicts[0].file)));
    record.inputs.verdicts[0].file = demo.verdicts;
    writeFileSync(join(run, 'run.json'), JSON.stringify(record));
    const baselineDir = join(demo.dir, 'baseline');
    const blessed = await cli('bless', '--run', run, '--baseline-dir', baselineDir);
    expect(blessed.code).toBe(0);
    expect(existsSync(join(baselineDir, 'baseline.json'))).toBe(true);
    expect(existsSync(join(baselineDir, 'model', 'centroids.bin'))).toBe(true);
    expect(existsSync(join(baselineDir, 'conversations.jsonl'))).toBe(false);
    // The verdict file changes after the run (e.g. CI rewrites it with the next version's verdicts).
    writeFileSync(demo.verdicts, readFileSync(demo.verdicts, 'utf8').replace(/,1\n/, ',0\n'));
    const mismatched = await cli('gate', '--run', run, '--baseline', 'detector-v2', '--candidate', 'detector-v3');
    expect(mismatched.code).toBe(2);
    expect(mismatched.err).toMatch(/mismatched run: .*verdicts\.csv has sha256 [0-9a-f]{64}, but run\.json recorded [0-9a-f]{64}/);
    const fromBaseline = await cli('gate', '--baseline-run', baselineDir, '-v', v3Verdicts, '--baseline', 'detector-v2', '--candidate', 'detector-v3');
    expect(fromBaseline.code).toBe(1);
    expect(fromBaseline.out).toMatch(/^misfire gate: FAIL/);
  });
});
