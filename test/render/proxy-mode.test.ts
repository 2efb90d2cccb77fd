/**
 * Without labels the report says plainly that it shows a proxy: flag rates and concern, no error rates. Without a
 * concern score either (the offline provider gives none), the CLI summary, report.md and index.html say they show
 * flag rates only, list the flag-rate pockets and point to `misfire sample`; none prints `FPR —, FNR — (n=0)`.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { parseHTML } from 'linkedom';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { renderRunReport, type ReportOutcome } from '../../src/api/report.js';
import type { RunOutcome } from '../../src/api/run.js';
import type { MetricsDocument } from '../../src/artifacts/metrics-document.js';
import type { ProxyClusterMetrics } from '../../src/metrics/proxy.js';
import { printRunSummary } from '../../src/cli/run-summary.js';
import { demoRun, PINNED_NOW } from '../helpers/demo-run.js';
import { demoFile } from '../helpers/paths.js';
import { runCli } from '../helpers/run-cli.js';

let root: string;
let outcome: RunOutcome;
let report: ReportOutcome;
/** The CLI run of the demo without labels and without its `concern` field. */
const flags = { dir: '', summary: '', html: '', markdown: '', metrics: null as unknown as MetricsDocument };
/** Per classifier: [flagged, verdicts], counted from the demo's verdicts.csv. */
const flagCounts = new Map<string, [number, number]>();

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'misfire-proxy-'));
  outcome = await demoRun(join(root, 'run'), { labels: null });
  report = await renderRunReport({ run: join(root, 'run'), now: PINNED_NOW });

  const withoutConcern = readFileSync(demoFile('conversations.jsonl'), 'utf8')
    .trimEnd()
    .split('\n')
    .map((line) => {
      const { concern: _concern, ...rest } = JSON.parse(line) as Record<string, unknown>;
      return JSON.stringify(rest);
    });
  writeFileSync(join(root, 'no-concern.jsonl'), `${withoutConcern.join('\n')}\n`);
  flags.dir = join(root, 'flags');
  const cli = await runCli('run', '-c', join(root, 'no-concern.jsonl'), '-v', demoFile('verdicts.csv'), '-o', flags.dir, '-q');
  expect(cli.code, cli.err).toBe(0);
  flags.summary = cli.out;
  flags.html = readFileSync(join(flags.dir, 'index.html'), 'utf8');
  flags.markdown = readFileSync(join(flags.dir, 'report.md'), 'utf8');
  flags.metrics = JSON.parse(readFileSync(join(flags.dir, 'metrics.json'), 'utf8')) as MetricsDocument;
  for (const line of readFileSync(demoFile('verdicts.csv'), 'utf8').trimEnd().split('\n').slice(1)) {
    const [, classifier, , flagged] = line.split(',');
    const [f, n] = flagCounts.get(classifier) ?? [0, 0];
    flagCounts.set(classifier, [f + (flagged === '1' ? 1 : 0), n + 1]);
  }
});

afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

test('the view switches to flag rates and proxy candidates', () => {
  const { view } = report;
  expect(view.summary.labelsPresent).toBe(false);
  expect(view.summary.proxyMode).toBe(true);
  expect(new Set(view.rateColumns.map((c) => c.metric))).toEqual(new Set(['flag rate']));
  expect(view.comparison).toBeNull();
  for (const c of view.classifiers) {
    expect(c.fpPockets.total + c.fnPockets.total).toBe(0);
    expect(c.errorPockets).toBeNull();
    expect(c.proxy).not.toBeNull();
    expect(c.proxy?.flagRatesOnly).toBe(false);
    expect(c.flagRate).toMatch(/^\d+\.\d%$/);
  }
  // The demo carries a `concern` field: candidates exist and carry a mean concern.
  const candidates = view.classifiers.flatMap((c) => [...(c.proxy?.fp ?? []), ...(c.proxy?.fn ?? [])]);
  expect(candidates.length).toBeGreaterThan(0);
  for (const row of candidates) expect(row.meanConcern).toMatch(/^\d\.\d\d$/);
  expect(view.map?.options.every((o) => o.label.endsWith('flag rate'))).toBe(true);
});

test('the page states it is a proxy and shows no confusion matrix', () => {
  const { document } = parseHTML(report.html);
  expect(document.querySelector('#summary .warn')?.textContent).toMatch(/No labels in this run/);
  expect(document.querySelector('#summary .warn')?.textContent).toContain('misfire sample --run DIR --budget N --classifier NAME');
  expect(document.querySelector('#flag-rates-only')).toBeNull();
  expect(document.querySelectorAll('table.confusion')).toHaveLength(0);
  expect(document.querySelector('#pockets-by-meaning')?.textContent).toMatch(/Without labels there are no errors to search among/);
  expect(report.markdown).toMatch(/No labels/);
  expect(report.markdown).toContain('`misfire sample --run DIR --budget N --classifier NAME`');
  expect(report.markdown).not.toMatch(/Pockets by meaning/);
});

describe('with a concern score', () => {
  test('the CLI summary gives flag rates and the candidates, never FPR — (n=0)', () => {
    const out = new PassThrough();
    printRunSummary(outcome, out);
    const text = String(out.read());
    expect(text).toContain(`no labels: flag rates against the concern score, a proxy, not error rates. To measure FPR and FNR, label a sample: misfire sample --run ${outcome.outDir} --budget N --classifier NAME`);
    expect(text).not.toMatch(/FPR —|FNR —|\(n=0\)/);
    const [flagged, verdicts] = flagCounts.get('keyword-v1')!;
    expect(text).toContain(`keyword-v1: flags ${((100 * flagged) / verdicts).toFixed(1)}% (${flagged} of ${verdicts} verdicts, mean concern `);
    const keyword = outcome.metrics.classifiers.find((c) => c.name === 'keyword-v1')!;
    const first = keyword.proxy!.candidates.false_positive[0];
    expect(text).toMatch(new RegExp(`\\n  flags a lot, low concern: [^\\n]*\\[${first}\\] flag rate`));
    expect(report.markdown).toContain('### keyword-v1: flags a lot, low concern (false-positive candidates)');
    expect(report.markdown).toMatch(new RegExp(`\\(\`${first}\`\\) \\| \\d+ \\| [\\d.]+% \\(`));
  });
});

describe('without labels and without a concern score: flag rates only', () => {
  /** The flag-rate pockets of a classifier by the rule of metrics.json, most excess flags first (no parent dedupe). */
  function qualifying(name: string): ProxyClusterMetrics[] {
    const proxy = flags.metrics.classifiers.find((c) => c.name === name)!.proxy!;
    const s = flags.metrics.settings;
    return proxy.clusters
      .filter((r) => r.over_flag_q! < s.alpha && r.flag_rate! - proxy.overall_flag_rate! >= s.min_effect && r.verdicts >= s.min_support)
      .sort((a, b) => b.excess_flags! - a.excess_flags!);
  }

  test('the CLI summary says so, points to misfire sample and lists the flag-rate pockets', () => {
    const text = flags.summary;
    expect(text).toContain(`no labels and no concern score: flag rates only, not error rates. To measure FPR and FNR, label a sample: misfire sample --run ${flags.dir} --budget N --classifier NAME`);
    expect(text).not.toMatch(/FPR —|FNR —|\(n=0\)/);
    for (const [name, [flagged, verdicts]] of flagCounts) {
      expect(text).toContain(`\n${name}: flags ${((100 * flagged) / verdicts).toFixed(1)}% (${flagged} of ${verdicts} verdicts)\n`);
      const after = text.split(`\n${name}: `)[1].split('\n').slice(1);
      const own = after.slice(0, after.findIndex((line) => !line.startsWith('  ')));
      const listed = own.flatMap((line) => /^ {2}flags most: .* \[(L\d-\d{3})\] flag rate/.exec(line)?.[1] ?? []);
      expect(listed.length).toBeGreaterThan(0);
      const rule = qualifying(name);
      const byId = new Map(rule.map((r) => [r.cluster_id, r]));
      for (const id of listed) expect(byId.has(id), `${name} ${id}`).toBe(true);
      // On the demo no parent is listed first: a parent whose pocket leaves make up its excess is left out.
      expect(listed[0]).toBe(rule.find((r) => r.level === 0)!.cluster_id);
      const excess = listed.map((id) => byId.get(id)!.excess_flags!);
      expect([...excess].sort((a, b) => b - a)).toEqual(excess);
    }
  });

  test('report.md says so, gives each flag rate and the flag-rate pockets', () => {
    const md = flags.markdown;
    expect(md).toContain('> **Flag rates only:** this run has no labels and no concern score');
    expect(md).toContain('`misfire sample --run DIR --budget N --classifier NAME`');
    expect(md).not.toMatch(/FPR \(95% CI\)|— \(—\)/);
    for (const [name, [flagged, verdicts]] of flagCounts) {
      expect(md).toContain(`| ${name} | ${verdicts.toLocaleString('en-US')} | ${flagged.toLocaleString('en-US')} | ${((100 * flagged) / verdicts).toFixed(1)}% |`);
      expect(md).toContain(`### ${name}: where it flags more than on average (flag-rate pockets)`);
    }
    const top = qualifying('keyword-v1')[0];
    expect(md).toMatch(new RegExp(`\\(\`${top.cluster_id}\`\\) \\| ${top.verdicts} \\| ${(100 * top.flag_rate!).toFixed(1)}% \\(`));
  });

  test('index.html says so, shows no concern and lists the flag-rate pockets', () => {
    const { document } = parseHTML(flags.html);
    const notice = document.querySelector('#summary #flag-rates-only')?.textContent ?? '';
    expect(notice).toMatch(/Flag rates only\. This run has no labels and no concern score/);
    expect(notice).toContain('misfire sample --run DIR --budget N --classifier NAME');
    expect(document.querySelector('#misfires .lead')?.textContent).toMatch(/Without labels or a concern score there are no error rates/);
    expect(document.querySelectorAll('table.confusion')).toHaveLength(0);
    expect(document.body.textContent).not.toMatch(/Mean concern \(1–5\)|Proxy candidates/);
    expect([...document.querySelectorAll('th')].map((th) => th.textContent)).not.toContain('mean concern');
    const blocks = [...document.querySelectorAll('#misfires .misfire-block')];
    expect(blocks).toHaveLength(3);
    for (const block of blocks) {
      const name = block.querySelector('h3')?.textContent ?? '';
      expect(block.querySelector('h4')?.textContent).toBe('Where it flags more than on average (flag-rate pockets)');
      expect(block.querySelector('thead')?.textContent).not.toMatch(/concern/);
      const ids = [...block.querySelectorAll('table.pockets tbody tr code')].map((code) => code.textContent);
      const rule = new Set(qualifying(name).map((r) => r.cluster_id));
      expect(ids.length).toBeGreaterThan(0);
      for (const id of ids) expect(rule.has(id ?? ''), `${name} ${id}`).toBe(true);
    }
  });
});
