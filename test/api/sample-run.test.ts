/**
 * The labelling budget end to end on the shipped demo: `misfire sample` on the shared run writes a
 * deterministic sample.csv, `misfire run --sample` with the labels of those conversations records design-
 * weighted rates (checked when read back), finds the planted regression, and the gate and bless use the
 * sample; a sample of every conversation gives the fully labelled run's numbers. Wrong pairings of labels,
 * samples and runs are input errors that name the file, line and field.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { sampleRun } from '../../src/api/sample.js';
import { blessRun } from '../../src/api/gate-bless.js';
import { gateAgainstBaseline, gateRun } from '../../src/api/gate.js';
import { readRunFolder, readRunMetrics } from '../../src/artifacts/read-run.js';
import type { RunOutcome } from '../../src/api/run.js';
import { copyRun, demoRun, sharedDemoRun } from '../helpers/demo-run.js';
import { demoFile } from '../helpers/paths.js';
import { rejectionOf } from '../helpers/rejection.js';
import { dominantTopic, demoFiles, type DemoFiles } from '../gate/demo-files.js';

const run = sharedDemoRun();
let dir: string;
let demo: DemoFiles;
let sampleFile: string;
let sampledLabels: string;
let outcome: RunOutcome;

/** Equal to 10 decimals, or both null. */
function close(actual: number | null | undefined, expected: number | null | undefined): void {
  if (expected === null || expected === undefined) expect(actual ?? null).toBeNull();
  else expect(actual).toBeCloseTo(expected, 10);
}

/** The demo's label rows of the conversations listed in `sample`. */
function labelsOf(sample: string, name: string, extra: string[] = []): string {
  const ids = new Set(readFileSync(sample, 'utf8').trim().split('\n').slice(1).map((l) => l.split(',')[0]));
  const lines = readFileSync(demoFile('labels.csv'), 'utf8').trim().split('\n');
  const file = join(dir, name);
  writeFileSync(file, `${[lines[0], ...lines.slice(1).filter((l) => ids.has(l.split(',')[0])), ...extra].join('\n')}\n`);
  return file;
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'misfire-sample-run-'));
  demo = demoFiles();
  sampleFile = join(dir, 'sample.csv');
  await sampleRun({ run, budget: 300, classifier: 'detector-v3', out: sampleFile });
  sampledLabels = labelsOf(sampleFile, 'sampled-labels.csv');
  outcome = await demoRun(join(dir, 'sampled'), { labels: sampledLabels, sample: sampleFile });
});

describe('misfire sample', () => {
  it('writes the budget, in the run\'s order, byte-identically for the same seed', async () => {
    const text = readFileSync(sampleFile, 'utf8');
    const rows = text.trim().split('\n').slice(1).map((l) => l.split(','));
    expect(rows).toHaveLength(300);
    const order = new Map(demo.ids.map((id, i) => [id, i]));
    const positions = rows.map(([id]) => order.get(id) as number);
    expect(positions).toEqual([...positions].sort((a, b) => a - b));
    expect(rows.every(([, stratum]) => /^L0-\d{3}\/(flagged|not-flagged)$/.test(stratum))).toBe(true);
    const again = join(dir, 'again.csv');
    await sampleRun({ run, budget: 300, classifier: 'detector-v3', out: again });
    expect(readFileSync(again, 'utf8')).toBe(text);
    await sampleRun({ run, budget: 300, classifier: 'detector-v3', out: again, seed: 7 });
    expect(readFileSync(again, 'utf8')).not.toBe(text);
  });

  it('refuses an unknown classifier and a budget below the floors, before writing anything', async () => {
    const out = join(dir, 'never.csv');
    const unknown = await rejectionOf(sampleRun({ run, budget: 300, classifier: 'detector-v9', out }));
    expect(unknown.message).toBe('unknown classifier "detector-v9": the run has "detector-v2", "detector-v3", "keyword-v1"');
    const small = await rejectionOf(sampleRun({ run, budget: 20, classifier: 'keyword-v1', out }));
    expect(small.message).toMatch(/^--budget 20 is below the floor: the \d+ strata \(29 leaf clusters × verdict\) need \d+ conversations/);
    const { existsSync } = await import('node:fs');
    expect(existsSync(out)).toBe(false);
  });
});

describe('misfire run --sample', () => {
  it('records that its rates are design-weighted, in metrics.json and run.json, and reads them back', async () => {
    const metrics = await readRunMetrics(await readRunFolder(outcome.outDir));
    expect(metrics.design).toMatchObject({ kind: 'stratified-sample', drawn: 300, labelled: 300, population: 3000, unrepresented_strata: [] });
    for (const c of metrics.classifiers) {
      expect(c.design?.clusters.map((r) => r.cluster_id)).toEqual(c.clusters.map((r) => r.cluster_id));
      expect(c.overall.n).toBe(300);
      expect(c.overall.verdicts).toBe(3000);
      expect(c.scores).toBeNull();
      expect(c.error_pockets).toBeNull();
    }
    const record = JSON.parse(readFileSync(join(outcome.outDir, 'run.json'), 'utf8'));
    expect(record.inputs.sample.file).toBe('../sample.csv');
    expect(record.sample).toEqual({ strata: metrics.design?.strata, drawn: 300, labelled: 300, unlabelled: 0, population: 3000 });
    expect(record.missing.unlabelled_conversations).toBe(0);
    expect(readFileSync(join(outcome.outDir, 'report.md'), 'utf8')).toContain('> **Labelled sample:** Rates are design-weighted estimates from a labelled sample: 300 of the 300 conversations drawn');
  });

  it('finds the planted regression of detector-v3 from 10 % of the labels', () => {
    const v3 = outcome.metrics.classifiers.find((c) => c.name === 'detector-v3');
    const topics = (v3?.pockets.false_positive ?? []).filter((id) => id.startsWith('L0-')).map((id) => dominantTopic(outcome.outDir, demo.topicOf, id));
    expect(topics).toContain('security-research');
  });

  it('refuses a label of a conversation that was not drawn, naming the labels file, line and field', async () => {
    const drawn = new Set(readFileSync(sampleFile, 'utf8').trim().split('\n').slice(1).map((l) => l.split(',')[0]));
    const other = demo.ids.find((id) => !drawn.has(id)) as string;
    const labels = labelsOf(sampleFile, 'with-stray.csv', [`${other},1,weapons`]);
    const err = await rejectionOf(demoRun(join(dir, 'stray'), { labels, sample: sampleFile }));
    expect(err.code).toBe('input');
    expect(err.message).toMatch(new RegExp(`with-stray\\.csv:302, field "conversation_id": "${other}" is not in the sample \\(.*sample\\.csv\\): with --sample every label must be for a sampled conversation`));
  });

  it('refuses a sample drawn from another run', async () => {
    const foreign = join(dir, 'foreign.csv');
    writeFileSync(foreign, 'conversation_id,stratum,inclusion_probability\nx1,L0-000/flagged,0.5\n');
    const err = await rejectionOf(demoRun(join(dir, 'foreign'), { labels: sampledLabels, sample: foreign }));
    expect(err.message).toMatch(/foreign\.csv:2, field "conversation_id": "x1" is not a conversation of this run: the sample was drawn from another run's conversations/);
    const short = join(dir, 'short.csv');
    writeFileSync(short, `conversation_id,stratum,inclusion_probability\n${demo.ids[0]},L0-000/flagged,0.5\n`);
    const err2 = await rejectionOf(demoRun(join(dir, 'short'), { labels: labelsOf(short, 'short-labels.csv'), sample: short }));
    expect(err2.message).toMatch(/short\.csv, field "inclusion_probability": its strata hold 2 conversations .* the run has 3000: the sample was drawn from another run/);
  });

  it('counts drawn conversations left unlabelled as a gap; with --allow-missing their strata stand in for them', async () => {
    const rows = readFileSync(sampleFile, 'utf8').trim().split('\n').slice(1).map((l) => l.split(','));
    const stratum = rows[0][1];
    const dropped = new Set(rows.filter((r) => r[1] === stratum).map((r) => r[0]));
    const lines = readFileSync(sampledLabels, 'utf8').trim().split('\n');
    const partial = join(dir, 'partial-labels.csv');
    writeFileSync(partial, `${lines.filter((l) => !dropped.has(l.split(',')[0])).join('\n')}\n`);
    const gap = await rejectionOf(demoRun(join(dir, 'gap'), { labels: partial, sample: sampleFile }));
    expect(gap.message).toMatch(new RegExp(`inputs do not line up:\\n {2}- ${dropped.size} conversations? ha(s|ve) no label`));
    const warnings: string[] = [];
    const allowed = await demoRun(join(dir, 'allowed'), { labels: partial, sample: sampleFile, settings: { allowMissing: true }, onWarning: (w) => warnings.push(`${w.code}: ${w.message}`) });
    expect(allowed.run.sample).toMatchObject({ drawn: 300, labelled: 300 - dropped.size, unlabelled: dropped.size });
    expect(allowed.metrics.design?.unrepresented_strata).toEqual([stratum]);
    expect(warnings).toContain(`sample-stratum-unlabelled: no conversation drawn from stratum ${stratum} has a label: its conversations are left out of every estimate`);
  });

  it('refuses --sample without --labels', async () => {
    const err = await rejectionOf(demoRun(join(dir, 'nolabels'), { labels: null, sample: sampleFile }));
    expect(err.message).toBe('--sample needs --labels: the labels of the sampled conversations (conversation_id,label)');
  });

  it('a hand-edited metrics.json that drops the design is refused when read back', async () => {
    const copy = copyRun(outcome.outDir, join(dir, 'edited'));
    const file = join(copy, 'metrics.json');
    const metrics = JSON.parse(readFileSync(file, 'utf8'));
    delete metrics.design;
    writeFileSync(file, JSON.stringify(metrics));
    const err = await rejectionOf(readRunFolder(copy).then(readRunMetrics));
    expect(err.message).toMatch(/metrics\.json, field "design": mismatched run: run\.json names a sample but metrics\.json has no "design"/);
    metrics.design = { kind: 'stratified-sample' };
    writeFileSync(file, JSON.stringify(metrics));
    expect((await rejectionOf(readRunFolder(copy).then(readRunMetrics))).message).toMatch(/field "design\.estimator": expected a string/);
  });
});

describe('the gate and bless on a sampled run', () => {
  it('weights the paired checks by the design and still fails detector-v3 on security research', async () => {
    const gate = await gateRun({ run: outcome.outDir, baseline: 'detector-v2', candidate: 'detector-v3' });
    expect(gate.design?.note).toMatch(/design-weighted estimates from the run's labelled sample/);
    expect(gate.source?.inputs.map((i) => i.role)).toContain('sample');
    expect(gate.verdict).toBe('fail');
    // With 300 labels no leaf has min_support labelled benign conversations; the branch holding the
    // security-research leaf fails on FPR.
    const clusters = JSON.parse(readFileSync(join(outcome.outDir, 'clusters.json'), 'utf8')) as { cluster_id: string; parent_id: string | null; level: number }[];
    const leavesOf = (id: string) => clusters.filter((c) => c.cluster_id === id || c.parent_id === id).filter((c) => c.level === 0).map((c) => c.cluster_id);
    const failing = gate.levels.flatMap((l) => l.checks).filter((c) => c.status === 'fail' && c.metric === 'fpr');
    const topics = failing.flatMap((c) => leavesOf(c.cluster_id as string).map((leaf) => dominantTopic(outcome.outDir, demo.topicOf, leaf)));
    expect(topics).toContain('security-research');
  });

  it('bless keeps a copy of the sample, and the baseline gates with it', async () => {
    const baseline = join(dir, 'baseline');
    const blessed = await blessRun(outcome.outDir, baseline);
    expect(blessed.inputsCopied).toBe(3);
    const manifest = JSON.parse(readFileSync(join(baseline, 'baseline.json'), 'utf8'));
    expect(manifest.inputs.map((i: { copy: string }) => i.copy)).toEqual(['inputs/verdicts-1.csv', 'inputs/labels.csv', 'inputs/sample.csv']);
    const gate = await gateAgainstBaseline({ baselineRun: baseline, verdicts: [demo.verdictsFor('detector-v3', 'v3.csv')], baseline: 'detector-v2', candidate: 'detector-v3' });
    expect(gate.design).toBeDefined();
    expect(gate.verdict).toBe('fail');
  });
});

describe('a sample of every conversation', () => {
  it('gives the fully labelled run\'s rates, intervals, pockets and gate', async () => {
    const census = join(dir, 'census.csv');
    await sampleRun({ run, budget: 3000, classifier: 'keyword-v1', out: census });
    const full = await readRunMetrics(await readRunFolder(run));
    const sampled = await demoRun(join(dir, 'census-run'), { sample: census });
    for (const [i, c] of full.classifiers.entries()) {
      const s = sampled.metrics.classifiers[i];
      expect(s.pockets).toEqual(c.pockets);
      c.clusters.forEach((row, j) => {
        for (const key of ['fpr', 'fnr', 'fpr_q', 'fnr_q', 'excess_fp', 'excess_fn'] as const) close(s.clusters[j][key], row[key]);
        close(s.clusters[j].fpr_ci?.[1], row.fpr_ci?.[1]);
        close(s.clusters[j].fnr_ci?.[0], row.fnr_ci?.[0]);
      });
    }
    const weighted = await gateRun({ run: sampled.outDir, baseline: 'detector-v2', candidate: 'detector-v3' });
    const plain = await gateRun({ run, baseline: 'detector-v2', candidate: 'detector-v3' });
    // The same cluster checks (the fully labelled run also checks the pockets found among its errors; a sample has none)
    const checks = (gate: typeof plain) => [...gate.overall, ...gate.levels.flatMap((l) => l.checks)];
    expect(checks(weighted).map((c) => c.status)).toEqual(checks(plain).map((c) => c.status));
    checks(weighted).forEach((check, k) => {
      const other = checks(plain)[k];
      close(check.p, other.p);
      close(check.candidate.rate, other.candidate.rate);
      close(check.increase, other.increase);
    });
  });
});
