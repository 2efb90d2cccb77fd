/**
 * The gate's pocket checks on a real run folder (the demo): the pockets of the baseline's errors are read
 * from pockets.csv and match the run's own numbers; a candidate that gets worse inside a pocket while
 * balancing it out in every cluster fails with the pocket named; a run without pockets.csv still gates and
 * says so; a damaged pockets.csv is exit 2 naming file, line and field.
 */
import { cpSync, readFileSync, unlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { gateRun } from '../../src/api/gate.js';
import { runMisfire } from '../../src/api/run.js';
import type { GateResult } from '../../src/gate/types.js';
import type { MetricsDocument } from '../../src/artifacts/metrics-document.js';
import { runCli } from '../helpers/run-cli.js';
import { tinyContents, writeTinyDataset } from '../helpers/tiny-dataset.js';
import { sharedDemoRun } from '../helpers/demo-run.js';
import { demoFiles, type DemoFiles } from './demo-files.js';

let demo: DemoFiles;
let run: string;

beforeAll(async () => {
  demo = demoFiles();
  run = sharedDemoRun();
});

afterEach(() => {
  process.exitCode = 0;
});

const csvRows = (file: string) => readFileSync(file, 'utf8').trimEnd().split('\n').slice(1).map((line) => line.split(','));

let copies = 0;
/** A copy of the demo run with pockets.csv rewritten (or removed when `edit` returns null). */
function withPocketsCsv(edit: (lines: string[]) => string[] | null): string {
  const dir = join(demo.dir, `copy-${++copies}`);
  cpSync(run, dir, { recursive: true });
  const file = join(dir, 'pockets.csv');
  const lines = edit(readFileSync(file, 'utf8').trimEnd().split('\n'));
  if (lines === null) unlinkSync(file);
  else writeFileSync(file, `${lines.join('\n')}\n`);
  return dir;
}

/**
 * A copy of the demo run holding one more pocket of detector-v2's false positives, FP-1, spread over every
 * leaf cluster, and verdicts of a "detector-v2-next" that in each leaf wrongly flags k benign members of FP-1
 * detector-v2 got right and stops flagging k benign conversations outside FP-1 it wrongly flagged: no
 * cluster, parent or overall rate moves, while FP-1 gets worse on every conversation that changed in it.
 */
function spreadPocketRun(): { dir: string; verdicts: string; worse: number; label: string } {
  const leafOf = new Map(csvRows(join(run, 'assignments.csv')).map(([id, leaf]) => [id, leaf]));
  const benign = new Set(csvRows(demo.labels).filter(([, label]) => label === '0').map(([id]) => id));
  const v2 = csvRows(demo.verdicts).filter(([, classifier]) => classifier === 'detector-v2');
  const byLeaf = new Map<string, { wrong: string[]; right: string[] }>();
  for (const [id, , , flagged] of v2) {
    if (!benign.has(id)) continue;
    const leaf = byLeaf.get(leafOf.get(id) as string) ?? { wrong: [], right: [] };
    (flagged === '1' ? leaf.wrong : leaf.right).push(id);
    byLeaf.set(leafOf.get(id) as string, leaf);
  }
  const members: string[] = [];
  const flip = new Set<string>();
  let worse = 0;
  for (const { wrong, right } of byLeaf.values()) {
    const k = Math.min(3, Math.floor(wrong.length / 2), right.length);
    members.push(...right.slice(0, k), ...wrong.slice(k));
    for (const id of [...right.slice(0, k), ...wrong.slice(0, k)]) flip.add(id);
    worse += k;
  }
  const dir = join(demo.dir, `spread-${++copies}`);
  cpSync(run, dir, { recursive: true });
  const label = 'Homework questions, spread over every cluster';
  const metricsFile = join(dir, 'metrics.json');
  const metrics = JSON.parse(readFileSync(metricsFile, 'utf8')) as MetricsDocument;
  const search = metrics.classifiers.find((c) => c.name === 'detector-v2')?.error_pockets;
  if (!search) throw new Error('detector-v2 has no pocket search');
  const template = search.false_negative.pockets[0];
  search.false_positive.pockets = [{ ...template, pocket_id: 'FP-1', kind: 'false_positive', label, n: members.length, errors: members.length - worse }];
  writeFileSync(metricsFile, JSON.stringify(metrics));
  writeFileSync(join(dir, 'pockets.csv'), `${readFileSync(join(dir, 'pockets.csv'), 'utf8')}${members.map((id) => `detector-v2,FP-1,${id}\n`).join('')}`);
  const rows = v2.map(([id, , score, flagged]) => `${id},detector-v2-next,${score},${flip.has(id) ? 1 - Number(flagged) : flagged}`);
  const verdicts = join(demo.dir, `v2-next-${copies}.csv`);
  writeFileSync(verdicts, `conversation_id,classifier,score,flagged\n${rows.join('\n')}\n`);
  return { dir, verdicts, worse, label };
}

describe('pockets of the baseline\'s errors in the gate', () => {
  it('are the run\'s pockets of the baseline, with the baseline\'s errors the run recorded', async () => {
    const gate = await gateRun({ run, baseline: 'detector-v2', candidate: 'detector-v3' });
    const metrics = JSON.parse(readFileSync(join(run, 'metrics.json'), 'utf8')) as MetricsDocument;
    const search = metrics.classifiers.find((c) => c.name === 'detector-v2')?.error_pockets;
    const recorded = [...(search?.false_positive.pockets ?? []), ...(search?.false_negative.pockets ?? [])];
    expect(recorded.length).toBeGreaterThan(0);
    expect(gate.pockets.status).toBe('checked');
    expect(gate.pockets.checks.map((c) => [c.pocket_id, c.pocket_name, c.support, c.baseline.errors])).toEqual(
      recorded.map((p) => [p.pocket_id, p.label, p.n, p.errors]),
    );
  });

  it('fail the gate when the candidate regresses inside a pocket but in no cluster, naming the pocket', async () => {
    const { dir, verdicts, worse, label } = spreadPocketRun();
    expect(worse).toBeGreaterThanOrEqual(15);
    const [json, md, xml, html] = ['p.json', 'p.md', 'p.xml', 'p/index.html'].map((name) => join(demo.dir, name));
    const result = await runCli('gate', '--baseline-run', dir, '-v', verdicts, '--baseline', 'detector-v2', '--candidate', 'detector-v2-next', '--json', json, '--markdown', md, '--junit', xml, '--html', html);
    expect(result.code).toBe(1);
    const gate = JSON.parse(readFileSync(json, 'utf8')) as GateResult;
    const clusters = [...gate.overall, ...gate.levels.flatMap((l) => l.checks)];
    expect(clusters.filter((c) => c.status === 'fail' || c.status === 'warn')).toEqual([]);
    expect(clusters.every((c) => c.increase === null || c.increase === 0)).toBe(true);
    expect(gate.pockets.checks.filter((c) => c.status === 'fail').map((c) => [c.pocket_id, c.pocket_name, c.metric, c.worse, c.better])).toEqual([['FP-1', label, 'fpr', worse, 0]]);
    const name = `FP-1 ${label}`;
    expect(result.out).toContain(`    ${name} · FPR: FAIL`);
    expect(readFileSync(md, 'utf8')).toMatch(new RegExp(`### Pockets of detector-v2's errors: 1 failing[^]*\\| ${name} \\| FPR \\|[^\\n]*\\| fail \\|`));
    expect(readFileSync(xml, 'utf8')).toMatch(new RegExp(`<testcase name="${name} · FPR" classname="misfire\\.gate\\.pockets" time="0">\\n\\s*<failure`));
    const page = readFileSync(html, 'utf8');
    expect(page.slice(page.indexOf('id="gate-pockets"'))).toMatch(new RegExp(`<strong>${label}</strong> <code>FP-1</code></td><td>FPR</td>`));
  });

  it('a run folder without pockets.csv still gates, and every output says there were no pockets', async () => {
    const dir = withPocketsCsv(() => null);
    const md = join(demo.dir, 'no-pockets.md');
    const html = join(demo.dir, 'no-pockets', 'index.html');
    const result = await runCli('gate', '--run', dir, '--baseline', 'detector-v2', '--candidate', 'detector-v3', '--markdown', md, '--html', html);
    expect(result.code).toBe(1);
    expect(result.out).toMatch(/Pockets of detector-v2's errors: the run has no pockets\.csv/);
    expect(readFileSync(md, 'utf8')).toMatch(/### Pockets of detector-v2's errors\n\nThe run has no pockets\.csv/);
    expect(readFileSync(html, 'utf8')).toMatch(/<h3 id="gate-pockets">Pockets of detector-v2&#x27;s errors<\/h3>\s*<p class="lead">The run has no pockets\.csv/);
    const gate = await gateRun({ run: dir, baseline: 'detector-v2', candidate: 'detector-v3' });
    expect(gate.pockets).toMatchObject({ status: 'not_recorded', checks: [] });
    expect(gate.verdict).toBe('fail');
  });

  it('a damaged pockets.csv is exit 2 naming the file, the line and the field', async () => {
    const cases: [(lines: string[]) => string[], RegExp][] = [
      [(l) => [l[0], l[1], l[2].replace(/,[^,]*$/, ',c999999'), ...l.slice(3)], /pockets\.csv:3, field "conversation_id": unreadable run: "c999999" is not a conversation of assignments\.csv/],
      [(l) => [l[0], l[1].replace(/,(FP|FN)-\d+,/, ',FN-one,'), ...l.slice(2)], /pockets\.csv:2, field "pocket_id": unreadable run: "FN-one" is not a pocket id/],
      [(l) => [l[0], `nobody,FP-1,${l[1].split(',')[2]}`, ...l.slice(2)], /pockets\.csv:2, field "classifier": unreadable run: "nobody" is not a classifier of the run/],
      [(l) => [l[0], l[1], l[1], ...l.slice(2)], /pockets\.csv:3, field "conversation_id": unreadable run: "c\d+" is listed twice/],
      [(l) => [l[0], ...l.slice(2)], /pockets\.csv:2, field "pocket_id": mismatched run: pocket \w\w-\d of "[\w-]+" has \d+ members here, metrics\.json says n = \d+/],
      [(l) => [l[0].replace('pocket_id', 'pocket')], /pockets\.csv:1, field "pocket_id": missing column "pocket_id"/],
      [(l) => [l[0]], /pockets\.csv: mismatched run: pocket \w\w-\d of "[\w-]+" in metrics\.json has no members in pockets\.csv/],
    ];
    for (const [edit, message] of cases) {
      const dir = withPocketsCsv(edit);
      const result = await runCli('gate', '--run', dir, '--baseline', 'detector-v2', '--candidate', 'detector-v3');
      expect(result.code).toBe(2);
      expect(result.err).toContain(join(dir, 'pockets.csv'));
      expect(result.err).toMatch(message);
      expect(result.err).not.toMatch(/\n\s+at /);
    }
  });

  it('a run that did not search errors for pockets says so', async () => {
    const verdicts = tinyContents().verdicts;
    const twin = verdicts.slice(1).map((line) => line.replace(',filter-a,', ',filter-b,'));
    const data = writeTinyDataset({ verdicts: `${[...verdicts, ...twin].join('\n')}\n` });
    const out = join(demo.dir, 'tiny-unsearched');
    await runMisfire({ conversations: data.conversations, verdicts: [data.verdicts], labels: data.labels, out, settings: { minUsers: 2, minConversations: 2, permutations: 0 } });
    const gate = await gateRun({ run: out, baseline: 'filter-a', candidate: 'filter-b', settings: { min_support: 1 } });
    expect(gate.pockets).toMatchObject({ classifier: 'filter-a', status: 'not_searched', checks: [] });
    expect(gate.pockets.note).toMatch(/did not search the errors of filter-a for pockets/);
  });
});
