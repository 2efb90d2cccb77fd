/**
 * misfire on the real, human-labelled safety data in ../shared/realdata (beside the repository; override with
 * MISFIRE_REALDATA). Skipped, with a note, when the data is absent. Never prints raw texts: failures name
 * artifacts, fields and item ids only.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runMisfire, type RunOutcome } from '../../src/api/run.js';
import {
  artifactTexts,
  findLeaks,
  itemTexts,
  readArtifactTexts,
  summariseLeaks,
  templateTexts,
  type SourceText,
} from './raw-text-windows.js';
import { REPO } from '../helpers/paths.js';

const REALDATA = resolve(process.env.MISFIRE_REALDATA ?? join(REPO, '..', 'shared', 'realdata'));
const TEMPLATES = join(REPO, 'templates');
const dataFile = (set: string, name: string) => join(REALDATA, set, name);
const NEEDED = [
  ...['items.jsonl', 'labels.csv', 'local_verdicts.csv'].map((n) => dataFile('toxicchat', n)),
  ...['items.jsonl', 'labels.csv', 'verdicts.csv'].map((n) => dataFile('jbb_judge_comparison', n)),
  ...['items.jsonl', 'labels.csv', 'verdicts.csv', 'local_verdicts.csv'].map((n) => dataFile('aegis_safety_test', n)),
];
const present = NEEDED.every((f) => existsSync(f));
if (!present) {
  console.warn(`[realdata] skipping the real-data tests: ${REALDATA} (or a file in it) is absent; see ../shared/realdata/README.md`);
}

/** Accuracy against the human majority, as the JailbreakBench paper reports it. */
const PUBLISHED_AGREEMENT: Record<string, number> = {
  'gpt-4-judge': 0.903,
  'llama-3-70b-judge': 0.907,
  'llama-guard-2': 0.877,
  'harmbench-llama2-13b-cls': 0.783,
};
const ARTIFACTS = ['index.html', 'report.md', 'metrics.json', 'clusters.json', 'assignments.csv', 'run.json', 'timings.json'];

type Row = Record<string, string>;
const readCsv = (path: string): Row[] => parse(readFileSync(path, 'utf8'), { columns: true, skip_empty_lines: true });
const readItems = (set: string): Record<string, unknown>[] =>
  readFileSync(dataFile(set, 'items.jsonl'), 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as Record<string, unknown>);

/** tp/fp/tn/fn per classifier straight from the files (flagged column vs label), for cross-checking the join. */
function countsFromFiles(verdictsFile: string, labelsFile: string): Map<string, { tp: number; fp: number; tn: number; fn: number }> {
  const label = new Map(readCsv(labelsFile).map((r) => [r.id, r.label]));
  const counts = new Map<string, { tp: number; fp: number; tn: number; fn: number }>();
  for (const r of readCsv(verdictsFile)) {
    const truth = label.get(r.id);
    if (truth === undefined || truth === '' || r.flagged === '') continue;
    const c = counts.get(r.classifier) ?? { tp: 0, fp: 0, tn: 0, fn: 0 };
    const flagged = r.flagged === '1';
    if (truth === '1') flagged ? c.tp++ : c.fn++;
    else flagged ? c.fp++ : c.tn++;
    counts.set(r.classifier, c);
  }
  return counts;
}

function overallOf(outcome: RunOutcome, name: string) {
  const c = outcome.metrics.classifiers.find((m) => m.name === name);
  if (!c) throw new Error(`no metrics for classifier ${name}`);
  return c.overall;
}

describe.skipIf(!present)('misfire on real data (../shared/realdata)', () => {
  let root = '';
  const runs: Record<'toxicchat' | 'jbb' | 'aegis', RunOutcome | undefined> = { toxicchat: undefined, jbb: undefined, aegis: undefined };
  const run = (name: keyof typeof runs): RunOutcome => {
    const outcome = runs[name];
    if (!outcome) throw new Error(`the ${name} run did not complete`);
    return outcome;
  };

  beforeAll(async () => {
    root = mkdtempSync(join(tmpdir(), 'misfire-realdata-'));
    const now = new Date('2026-01-01T00:00:00Z');
    // The two runs `npm run example:real` makes, with the same inputs and default settings.
    runs.toxicchat = await runMisfire({
      conversations: dataFile('toxicchat', 'items.jsonl'),
      verdicts: [dataFile('toxicchat', 'local_verdicts.csv')],
      labels: dataFile('toxicchat', 'labels.csv'),
      out: join(root, 'toxicchat'),
      now,
    });
    runs.jbb = await runMisfire({
      conversations: dataFile('jbb_judge_comparison', 'items.jsonl'),
      verdicts: [dataFile('jbb_judge_comparison', 'verdicts.csv')],
      labels: dataFile('jbb_judge_comparison', 'labels.csv'),
      out: join(root, 'jbb'),
      now,
    });
    // Two verdict files at once, three rows of which have no verdict at all (GuardReasoner gave none).
    runs.aegis = await runMisfire({
      conversations: dataFile('aegis_safety_test', 'items.jsonl'),
      verdicts: [dataFile('aegis_safety_test', 'verdicts.csv'), dataFile('aegis_safety_test', 'local_verdicts.csv')],
      labels: dataFile('aegis_safety_test', 'labels.csv'),
      out: join(root, 'aegis'),
      settings: { allowMissing: true },
      now,
    });
  }, 600_000);

  afterAll(() => {
    if (root) rmSync(root, { recursive: true, force: true });
  });

  describe('the runs complete', () => {
    it('toxicchat: every prompt clustered, seven filters measured against every human label, all artifacts written', () => {
      const { run: record, outDir } = run('toxicchat');
      expect(record.rows.conversations).toBe(5654);
      expect(record.rows.classifiers).toHaveLength(7);
      expect(record.missing.unlabelled_conversations).toBe(0);
      expect(Object.values(record.missing.conversations_without_verdict).every((n) => n === 0)).toBe(true);
      for (const name of ARTIFACTS) expect(existsSync(join(outDir, name)), name).toBe(true);
      const assignments = readFileSync(join(outDir, 'assignments.csv'), 'utf8').trim().split('\n');
      expect(assignments).toHaveLength(5654 + 1);
    });

    it('toxicchat: the confusion counts equal a direct count of flagged vs label in the input files', () => {
      const expected = countsFromFiles(dataFile('toxicchat', 'local_verdicts.csv'), dataFile('toxicchat', 'labels.csv'));
      expect(expected.size).toBe(7);
      for (const [name, c] of expected) {
        const { tp, fp, tn, fn, n } = overallOf(run('toxicchat'), name);
        expect({ name, tp, fp, tn, fn, n }).toEqual({ name, ...c, n: 5654 });
      }
    });

    it('jbb: 300 responses, the four judges, no gaps', () => {
      const { run: record } = run('jbb');
      expect(record.rows.conversations).toBe(300);
      expect([...record.rows.classifiers].sort()).toEqual(Object.keys(PUBLISHED_AGREEMENT).sort());
      expect(record.missing.details).toEqual([]);
    });

    it('aegis: several verdict files at once; rows without a verdict are counted and reported, not fatal', () => {
      const { run: record, outDir } = run('aegis');
      expect(record.inputs.verdicts).toHaveLength(2);
      expect(record.rows.classifiers).toHaveLength(3 + 7);
      expect(record.rows.verdict_rows_without_verdict).toBe(3);
      expect(record.missing.conversations_without_verdict['guardreasoner-1b']).toBe(2);
      expect(record.missing.conversations_without_verdict['guardreasoner-8b']).toBe(1);
      expect(overallOf(run('aegis'), 'guardreasoner-1b').n).toBe(357);
      expect(overallOf(run('aegis'), 'guardreasoner-3b').n).toBe(359);
      expect(readFileSync(join(outDir, 'report.md'), 'utf8')).toContain('2 conversations have no verdict from "guardreasoner-1b"');
    });
  });

  describe('jbb_judge_comparison: overall accuracy equals the published agreement with the human majority', () => {
    for (const [judge, published] of Object.entries(PUBLISHED_AGREEMENT)) {
      it(`${judge}: ${published}`, () => {
        const { tp, tn, fp, fn, n } = overallOf(run('jbb'), judge);
        expect(n).toBe(300);
        expect(tp + tn + fp + fn).toBe(300);
        expect(((tp + tn) / n).toFixed(3)).toBe(published.toFixed(3));
      });
    }
  });

  describe('no raw text from the data in any artifact except assignments.csv', () => {
    const sets = [
      { run: 'toxicchat', folder: 'toxicchat', minChecked: 4000 },
      { run: 'jbb', folder: 'jbb_judge_comparison', minChecked: 290 },
    ] as const;
    const sourcesOf = (folder: string): SourceText[] => readItems(folder).flatMap(itemTexts);

    for (const set of sets) {
      it(`${set.run}: no 40-character window of an item's normalised text occurs in an artifact`, () => {
        const artifacts = readArtifactTexts(run(set.run).outDir, ['assignments.csv']);
        const report = findLeaks(sourcesOf(set.folder), artifacts, templateTexts(TEMPLATES));
        expect(report.textsChecked).toBeGreaterThanOrEqual(set.minChecked);
        expect(summariseLeaks(report.leaks)).toEqual([]);
      });
    }

    it('the check is not trivially satisfied: it finds a real text planted, escaped, in the report and in a JSON field', () => {
      const sources = sourcesOf('toxicchat');
      const planted = sources.find((s) => s.text.length >= 120 && /['"&<]/.test(s.text) && /\s\S+\s/.test(s.text));
      expect(planted, 'a long toxicchat text with characters HTML must escape').toBeDefined();
      if (!planted) return;
      const outDir = run('toxicchat').outDir;
      const html = readFileSync(join(outDir, 'index.html'), 'utf8');
      const escaped = planted.text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/"/g, '&quot;').replace(/'/g, '&#x27;');
      const at = html.indexOf('</body>');
      const tampered = [
        ...artifactTexts('index.html', Buffer.from(`${html.slice(0, at)}<p>${escaped}</p>${html.slice(at)}`)),
        // Same text with its whitespace changed, as a JSON string value.
        ...artifactTexts('clusters.json', Buffer.from(JSON.stringify([{ examples: [planted.text.replace(/\s+/g, '\n  ')] }]))),
      ];
      const report = findLeaks(sources, tampered, templateTexts(TEMPLATES));
      const hits = report.leaks.filter((l) => l.itemId === planted.id);
      expect(hits.map((l) => `${l.artifact} ${l.field}`).sort()).toEqual(
        expect.arrayContaining(['clusters.json [0].examples[0]', 'index.html (document)']),
      );
    });

    it('the template exemption only covers template text: a planted data window is not exempt', () => {
      const sources = sourcesOf('jbb_judge_comparison');
      const templates = templateTexts(TEMPLATES);
      const planted = sources.find((s) => s.text.length >= 200);
      if (!planted) throw new Error('expected a long jbb text');
      const artifacts = [{ artifact: 'index.html', field: '(document)', text: `${templates.join('\n')}\n${planted.text}` }];
      const leaks = findLeaks(sources, artifacts, templates).leaks;
      expect(leaks.some((l) => l.itemId === planted.id)).toBe(true);
    });
  });
});
