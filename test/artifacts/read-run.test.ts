/**
 * The run-folder reader: a folder written by the run reads back unchanged; a truncated, hand-edited or
 * foreign artifact is an input error naming the file and the field, which `report`, `gate` and `bless`
 * turn into exit code 2 with one line on stderr and no stack trace.
 */
import { cpSync, mkdtempSync, readFileSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runMisfire, type RunOutcome } from '../../src/api/run.js';
import { toJson } from '../../src/artifacts/canonical-json.js';
import { readRunAssignments, readRunCentroids, readRunFolder, readRunMetrics } from '../../src/artifacts/read-run.js';
import { RUN_FILES } from '../../src/artifacts/run-files.js';
import { runCli } from '../helpers/run-cli.js';
import { writeTinyDataset } from '../helpers/tiny-dataset.js';

let root: string;
let labelled: RunOutcome;
let proxy: RunOutcome;

beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), 'misfire-read-run-'));
  const data = writeTinyDataset();
  labelled = await runMisfire({ conversations: data.conversations, verdicts: [data.verdicts], labels: data.labels, out: join(root, 'labelled'), settings: { minUsers: 2, minConversations: 2 } });
  proxy = await runMisfire({ conversations: data.conversations, verdicts: [data.verdicts], out: join(root, 'proxy'), settings: { minUsers: 2, minConversations: 2 } });
});

afterAll(() => {
  rmSync(root, { recursive: true, force: true });
});

/** What a value looks like after a trip through its JSON artifact. */
const asWritten = (value: unknown): unknown => JSON.parse(toJson(value));

/** A change to one artifact: set or remove the field at a dotted path (`classifiers.0.fpr`), or rewrite the text. */
type Edit = { set: [string, unknown] } | { remove: string } | { text: (text: string) => string } | null;

/** The object holding the last key of `path`, and that key. */
function parentOf(doc: unknown, path: string): [Record<string, unknown>, string] {
  const keys = path.split('.');
  const last = keys.pop() as string;
  const parent = keys.reduce((node, key) => (node as Record<string, unknown>)[key], doc);
  return [parent as Record<string, unknown>, last];
}

let copies = 0;
/** A fresh copy of the labelled run with `name` changed by `edit`. */
function corrupted(name: string, edit: Edit): string {
  const dir = join(root, `copy-${++copies}`);
  cpSync(labelled.outDir, dir, { recursive: true });
  const file = join(dir, name);
  const text = readFileSync(file, 'utf8');
  if (edit && 'text' in edit) writeFileSync(file, edit.text(text));
  else if (edit) {
    const doc: unknown = JSON.parse(text);
    const [parent, key] = parentOf(doc, 'set' in edit ? edit.set[0] : edit.remove);
    if ('set' in edit) parent[key] = edit.set[1];
    else delete parent[key];
    writeFileSync(file, JSON.stringify(doc));
  }
  return dir;
}

function expectCleanInputError(result: { code: number; err: string }, file: string, message: RegExp): void {
  expect(result.code).toBe(2);
  expect(result.err).toMatch(/^misfire: input error: /);
  expect(result.err).toContain(file);
  expect(result.err).toMatch(message);
  expect(result.err.trimEnd().split('\n')).toHaveLength(1);
  expect(result.err).not.toMatch(/\n\s+at |unexpected error|TypeError/);
}

describe('reading a run folder back', () => {
  it('returns exactly what the run wrote (labelled run with scores and categories, and proxy mode)', async () => {
    for (const outcome of [labelled, proxy]) {
      const folder = await readRunFolder(outcome.outDir);
      expect(folder.run).toEqual(asWritten(outcome.run));
      expect(folder.clusters).toEqual(asWritten(outcome.result.clusters));
      expect(folder.manifest).toBeNull();
      expect(await readRunMetrics(folder)).toEqual(asWritten(outcome.metrics));
      const assignments = await readRunAssignments(folder);
      expect(assignments.conversationIds).toEqual(outcome.result.conversationIds);
      const centroids = await readRunCentroids(folder);
      expect(centroids?.k).toBe(outcome.result.hierarchy.levels[0].k);
      expect(centroids?.data).toEqual(outcome.result.hierarchy.levels[0].centroids);
    }
    const metrics = await readRunMetrics(await readRunFolder(labelled.outDir));
    expect(metrics.classifiers[0].scores).not.toBeNull();
    expect(metrics.classifiers[0].categories).not.toBeNull();
    expect((await readRunMetrics(await readRunFolder(proxy.outDir))).classifiers[0].proxy).not.toBeNull();
  });
});

describe('a damaged run folder is exit 2 naming the file and the field', () => {
  const cases: { name: string; file: string; edit: Edit; message: RegExp; gate: boolean }[] = [
    {
      name: 'truncated metrics.json',
      file: RUN_FILES.metrics,
      edit: { text: (t) => t.slice(0, Math.floor(t.length / 2)) },
      message: /metrics\.json: not valid JSON/,
      gate: false,
    },
    {
      name: 'truncated run.json',
      file: RUN_FILES.run,
      edit: { text: (t) => t.slice(0, 300) },
      message: /run\.json: not valid JSON/,
      gate: true,
    },
    {
      name: 'a string where a nested rate belongs',
      file: RUN_FILES.metrics,
      edit: { set: ['classifiers.0.clusters.1.fpr', 'abc'] },
      message: /metrics\.json, field "classifiers\[0\]\.clusters\[1\]\.fpr": expected a number or null, got "abc"/,
      gate: false,
    },
    {
      name: 'a boolean inside the score sweep',
      file: RUN_FILES.metrics,
      edit: { set: ['classifiers.0.scores.sweep.fnr.3', true] },
      message: /field "classifiers\[0\]\.scores\.sweep\.fnr\[3\]": expected a number or null, got true/,
      gate: false,
    },
    {
      name: 'a missing field in metrics.json',
      file: RUN_FILES.metrics,
      edit: { remove: 'classifiers.0.overall.fpr' },
      message: /metrics\.json, field "classifiers\[0\]\.overall\.fpr": expected a number or null, but it is missing/,
      gate: false,
    },
    {
      name: 'a missing field in run.json',
      file: RUN_FILES.run,
      edit: { remove: 'rows.conversations' },
      message: /run\.json, field "rows\.conversations": expected a whole number, but it is missing/,
      gate: true,
    },
    {
      name: 'a wrong type in run.json settings',
      file: RUN_FILES.run,
      edit: { set: ['settings.thresholds', ['filter-a']] },
      message: /run\.json, field "settings\.thresholds": expected an object, got a list/,
      gate: true,
    },
    {
      name: 'a wrong type in clusters.json',
      file: RUN_FILES.clusters,
      edit: { set: ['2.label', 7] },
      message: /clusters\.json, field "\[2\]\.label": expected a string or null, got 7/,
      gate: true,
    },
    {
      name: 'clusters.json that is not a list',
      file: RUN_FILES.clusters,
      edit: { text: () => '{"clusters": []}' },
      message: /clusters\.json: expected a list, got an object/,
      gate: true,
    },
    {
      name: 'clusters.json with no clusters',
      file: RUN_FILES.clusters,
      edit: { text: () => '[]' },
      message: /clusters\.json: unreadable run: clusters\.json holds no clusters/,
      gate: true,
    },
    {
      name: 'an interval that is not a pair',
      file: RUN_FILES.metrics,
      edit: { set: ['classifiers.0.overall.fnr_ci', [0.1]] },
      message: /field "classifiers\[0\]\.overall\.fnr_ci": expected a pair \[low, high\] or null, got a list/,
      gate: false,
    },
    {
      name: 'another schema in metrics.json',
      file: RUN_FILES.metrics,
      edit: { set: ['schema', 'misfire.metrics/v0'] },
      message: /metrics\.json, field "schema": not a misfire metrics\.json of this version \(schema "misfire\.metrics\/v0", expected "misfire\.metrics\/v1"\)/,
      gate: false,
    },
    {
      name: 'run.json of something else',
      file: RUN_FILES.run,
      edit: { text: () => '[1, 2, 3]\n' },
      message: /run\.json, field "schema": not a misfire run\.json of this version \(schema missing, expected "misfire\.run\/v1"\)/,
      gate: true,
    },
  ];

  for (const c of cases) {
    it(`${c.name}: report${c.gate ? ', gate and bless' : ''}`, async () => {
      const dir = corrupted(c.file, c.edit);
      expectCleanInputError(await runCli('report', '--run', dir), join(dir, c.file), c.message);
      if (!c.gate) return;
      expectCleanInputError(await runCli('gate', '--run', dir, '--baseline', 'filter-a', '--candidate', 'filter-b'), join(dir, c.file), c.message);
      expectCleanInputError(await runCli('bless', '--run', dir, '--baseline-dir', join(root, `baseline-${copies}`)), join(dir, c.file), c.message);
    });
  }

  it('a missing artifact or a truncated model file', async () => {
    const noMetrics = corrupted(RUN_FILES.metrics, null);
    unlinkSync(join(noMetrics, RUN_FILES.metrics));
    expectCleanInputError(await runCli('report', '--run', noMetrics), join(noMetrics, RUN_FILES.metrics), /unreadable run: metrics\.json is missing/);
    const badCentroids = corrupted(RUN_FILES.run, null);
    const centroids = join(badCentroids, RUN_FILES.centroids);
    writeFileSync(centroids, readFileSync(centroids).subarray(0, 40));
    expectCleanInputError(await runCli('report', '--run', badCentroids), centroids, /unreadable model file/);
  });

  it('a hand-edited baseline.json of a blessed baseline', async () => {
    const baseline = join(root, 'blessed');
    expect((await runCli('bless', '--run', labelled.outDir, '--baseline-dir', baseline)).code).toBe(0);
    const manifest = join(baseline, 'baseline.json');
    writeFileSync(manifest, readFileSync(manifest, 'utf8').replace(/"copy": "[^"]*"/, '"copy": null'));
    const data = writeTinyDataset();
    expectCleanInputError(
      await runCli('gate', '--baseline-run', baseline, '-v', data.verdicts, '--candidate', 'filter-a'),
      manifest,
      /baseline\.json, field "inputs\[0\]\.copy": expected a string, got null/,
    );
  });
});
