/** The report's view-model on the demo run: structure, links, privacy, golden files. */
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, test } from 'vitest';
import { METHODS_SECTIONS } from '../../src/render/methods.js';
import type { ClusterRecord } from '../../src/artifacts/cluster-record.js';
import { readRunArtifacts } from '../../src/api/report.js';
import { renderReport } from '../../src/render/render-report.js';
import { buildViewModel, type PocketListView, type ReportInput, type TreeNode } from '../../src/render/view-model.js';
import { PINNED_NOW, sharedDemoRun } from '../helpers/demo-run.js';
import { runCli } from '../helpers/run-cli.js';
import { expectGolden, normalise } from './golden.js';

const demoDir = sharedDemoRun();
let input: ReportInput;

beforeAll(async () => {
  const artifacts = await readRunArtifacts(demoDir);
  input = { ...artifacts, now: PINNED_NOW, runWritten: PINNED_NOW };
});

const flatten = (nodes: TreeNode[]): TreeNode[] => nodes.flatMap((n) => [n, ...flatten(n.children)]);

describe('view-model of the demo run', () => {
  test('summary reports the run as recorded', () => {
    const view = buildViewModel(input);
    expect(view.summary.conversations).toBe('3,000');
    expect(view.summary.classifiers).toEqual(['detector-v2', 'detector-v3', 'keyword-v1']);
    expect(view.summary.labelsPresent).toBe(true);
    expect(view.summary.inputs.map((i) => i.role)).toEqual(['conversations', 'verdicts', 'labels']);
    for (const i of view.summary.inputs) expect(i.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(view.seed).toBe(42);
  });

  test('every pocket, tree node and table row links to a cluster detail that exists', () => {
    const view = buildViewModel(input);
    const details = new Set(view.details.map((d) => d.id));
    const pockets = view.classifiers.flatMap((c) => [c.fpPockets, c.fnPockets]).flatMap((l) => l.groups.flatMap((g) => [g.head, ...g.children]));
    expect(pockets.length).toBeGreaterThan(0);
    for (const p of pockets) expect(details.has(p.clusterId)).toBe(true);
    const leaves = view.classifiers.flatMap((c) => (c.errorPockets ? [...c.errorPockets.fp.rows, ...c.errorPockets.fn.rows] : [])).flatMap((p) => p.leaves);
    expect(leaves.length).toBeGreaterThan(0);
    for (const leaf of leaves) expect(details.has(leaf.clusterId)).toBe(true);
    const tree = flatten(view.tree);
    expect(tree.map((n) => n.id).sort()).toEqual(input.clusters.map((c) => c.cluster_id).sort());
    for (const row of view.clusterRows) expect(details.has(row.id)).toBe(true);
  });

  test('every pocket metrics.json ranks is listed once, in its order, with the forest plot beside', () => {
    const view = buildViewModel(input);
    const listed = (l: PocketListView) => l.groups.flatMap((g) => [...(g.headIsPocket ? [g.head.clusterId] : []), ...g.children.map((p) => p.clusterId)]);
    view.classifiers.forEach((c, i) => {
      const ranked = input.metrics.classifiers[i].pockets;
      expect([...listed(c.fpPockets)].sort()).toEqual([...ranked.false_positive].sort());
      expect([...listed(c.fnPockets)].sort()).toEqual([...ranked.false_negative].sort());
      if (ranked.false_negative.length) expect(listed({ ...c.fnPockets, groups: c.fnPockets.groups.slice(0, 1) })).toContain(ranked.false_negative[0]);
      expect(c.fpPockets.forest === null).toBe(c.fpPockets.total === 0);
      expect(c.fnPockets.forest === null).toBe(c.fnPockets.total === 0);
    });
  });

  test('pockets found among the errors: names, counts and a forest plot per classifier and kind', () => {
    const view = buildViewModel(input);
    view.classifiers.forEach((c, i) => {
      const found = input.metrics.classifiers[i].error_pockets;
      expect(found).not.toBeNull();
      expect(c.errorPockets?.fp.total).toBe(found?.false_positive.pockets.length);
      expect(c.errorPockets?.fn.rows.map((r) => r.pocketId)).toEqual(found?.false_negative.pockets.map((p) => p.pocket_id));
      expect(c.errorPockets?.fn.forest === null).toBe(c.errorPockets?.fn.total === 0);
    });
    const anyRow = view.classifiers.flatMap((c) => c.errorPockets?.fp.rows ?? [])[0];
    expect(anyRow.name).not.toBe('suppressed (privacy)');
    expect(anyRow.anchor).toMatch(/^error-pocket-\d+-FP-1$/);
    expect(anyRow.p).toBe('0.02');
  });

  test('one map mark per unsuppressed leaf; one colour per classifier × rate on each mark', () => {
    const view = buildViewModel(input);
    const leaves = input.clusters.filter((c) => c.level === 0 && !c.suppressed);
    expect(view.map?.marks).toBe(leaves.length);
    expect(view.map?.options).toHaveLength(2 * input.metrics.classifiers.length);
    const markup = view.map?.svg.markup ?? '';
    expect(markup.match(/<circle /g)).toHaveLength(leaves.length);
    for (const colours of markup.matchAll(/data-colours="([^"]*)"/g)) expect(colours[1].split(',')).toHaveLength(6);
  });

  test('scores and categories in metrics.json show up: AUC, sweeps, category FNR', () => {
    const view = buildViewModel(input);
    for (const c of view.classifiers) expect(c.auc).toMatch(/^0\.\d{3}$/);
    const leaf = view.details.find((d) => d.level === 0);
    expect(leaf?.sweep?.kind).toBe('sweep');
    expect(view.details.some((d) => d.categories !== null)).toBe(true);
  });

  test('without centroids the map is left out, everything else stays', () => {
    const view = buildViewModel({ ...input, centroids: null });
    expect(view.map).toBeNull();
    expect(view.details).toHaveLength(input.clusters.length);
  });

  test('golden: view-model and report.md (numbers normalised)', () => {
    const { view, markdown } = renderReport(input);
    expectGolden('demo-view.json', `${JSON.stringify(normalise(view), null, 2)}\n`);
    expectGolden('demo-report.md', String(normalise(markdown)));
  });
});

describe('methods section', () => {
  test('carries the exact definitions kept next to the metrics code, escaped', () => {
    const { html } = renderReport(input);
    const methods = html.slice(html.indexOf('<section id="methods">'));
    expect(methods).toContain('<summary>Exact definitions</summary>');
    for (const section of METHODS_SECTIONS) expect(methods).toContain(`<h4 id="method-${section.id}">`);
    expect(methods).toContain('[[fp in the cluster, tn in the cluster], [fp elsewhere, tn elsewhere]]');
    expect(methods).toContain('excess_fp &#x3D; fp in the cluster − (fp + tn in the cluster) × the classifier&#x27;s overall FPR');
  });
});

describe('gate hook', () => {
  test('no gate: no gate section; a gate result renders through templates/partials/gate.hbs', async () => {
    expect(renderReport(input).html).not.toContain('id="gate"');
    const { gateRun } = await import('../../src/api/gate.js');
    const { buildGateView } = await import('../../src/render/gate-view.js');
    const gate = await gateRun({ run: demoDir, baseline: 'detector-v2', candidate: 'detector-v3' });
    const { html } = renderReport({ ...input, gate: buildGateView(gate) });
    expect(html).toContain('id="gate"');
  });
});

describe('privacy: a suppressed cluster shows numbers only', () => {
  test('no name, description, terms or examples in the view or the page — even if the artifact carries them', () => {
    const target = input.clusters.find((c) => c.level === 0 && c.examples.length > 0) as ClusterRecord;
    const secret = 'SECRET-EXAMPLE-TEXT';
    const clusters = input.clusters.map((c) =>
      c.cluster_id === target.cluster_id
        ? { ...c, suppressed: true, suppression_reason: 'few_users' as const, label: 'SECRET-LABEL', description: 'SECRET-DESCRIPTION', examples: [secret], terms: ['SECRET-TERM'] }
        : c,
    );
    const { view, html, markdown } = renderReport({ ...input, clusters });
    const detail = view.details.find((d) => d.id === target.cluster_id);
    expect(detail?.name).toBe(`suppressed cluster ${target.cluster_id}`);
    expect(detail?.examples).toEqual([]);
    expect(detail?.terms).toEqual([]);
    expect(detail?.suppressionNote).toMatch(/fewer than 5 distinct users/);
    expect(view.map?.marks).toBe(input.clusters.filter((c) => c.level === 0 && !c.suppressed).length - 1);
    for (const text of ['SECRET-LABEL', 'SECRET-DESCRIPTION', secret, 'SECRET-TERM']) {
      expect(html).not.toContain(text);
      expect(markdown).not.toContain(text);
    }
    expect(html).not.toContain(`data-cluster="${target.cluster_id}"`);
  });

  test('at most 10 examples per cluster', () => {
    const many = Array.from({ length: 25 }, (_, i) => `example ${i}`);
    const clusters = input.clusters.map((c) => (c.level === 0 && !c.suppressed ? { ...c, examples: many } : c));
    const view = buildViewModel({ ...input, clusters });
    for (const d of view.details) expect(d.examples.length).toBeLessThanOrEqual(10);
  });
});

describe('re-rendering a run folder', () => {
  test('report.md from the saved artifacts equals the one the run wrote; index.html gains the map', async () => {
    const { renderRunReport } = await import('../../src/api/report.js');
    const out = await mkdtemp(join(tmpdir(), 'misfire-rerender-'));
    try {
      const outcome = await renderRunReport({ run: demoDir, out: join(out, 'index.html'), now: PINNED_NOW });
      expect(outcome.markdown).toBe(await readFile(join(demoDir, 'report.md'), 'utf8'));
      expect(await readFile(join(out, 'report.md'), 'utf8')).toBe(outcome.markdown);
      expect(await readFile(join(out, 'index.html'), 'utf8')).toContain('id="cluster-map"');
    } finally {
      await rm(out, { recursive: true, force: true });
    }
  });

  test('a folder that is not a run is an input error naming the file', async () => {
    const { renderRunReport } = await import('../../src/api/report.js');
    const folder = await mkdtemp(join(tmpdir(), 'misfire-notarun-'));
    try {
      await expect(renderRunReport({ run: folder })).rejects.toMatchObject({ code: 'input', message: expect.stringContaining('run.json') });
      await cp(join(demoDir, 'run.json'), join(folder, 'run.json'));
      await cp(join(demoDir, 'clusters.json'), join(folder, 'clusters.json'));
      await writeFile(join(folder, 'metrics.json'), '{"schema":"something/else"}');
      await expect(renderRunReport({ run: folder })).rejects.toMatchObject({ code: 'input', message: expect.stringContaining('metrics') });
    } finally {
      await rm(folder, { recursive: true, force: true });
    }
  });

  test('misfire report --run DIR --out FILE writes both files and exits 0; a bad folder exits 2', async () => {
    const out = await mkdtemp(join(tmpdir(), 'misfire-cli-report-'));
    try {
      expect((await runCli('report', '--run', demoDir, '--out', join(out, 'review.html'))).code).toBe(0);
      expect(await readFile(join(out, 'review.html'), 'utf8')).toMatch(/^<!doctype html>/);
      expect(await readFile(join(out, 'review.md'), 'utf8')).toMatch(/^## misfire/);
      expect((await runCli('report', '--run', join(out, 'missing'))).code).toBe(2);
    } finally {
      await rm(out, { recursive: true, force: true });
    }
  });
});
