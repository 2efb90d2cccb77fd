/**
 * Names that users choose are data, not keys of JavaScript objects: classifiers named like the properties every
 * object inherits (toString, constructor, __proto__, hasOwnProperty) and a harm category named __proto__ get
 * exactly the rates the same verdicts get under an ordinary name, in metrics.json, run.json and the report.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runMisfire } from '../../src/api/run.js';
import type { ClassifierMetrics } from '../../src/metrics/confusion.js';
import { tinyContents, writeTinyDataset } from '../helpers/tiny-dataset.js';

const ORDINARY = 'filter-a';
const INHERITED = ['toString', 'constructor', '__proto__', 'hasOwnProperty', 'valueOf'];

const rates = (c: ClassifierMetrics) => ({
  overall: c.overall,
  clusters: c.clusters.map(({ cluster_id, fpr, fnr, fp, fn, n }) => ({ cluster_id, fpr, fnr, fp, fn, n })),
  categories: c.categories,
  scores: c.scores,
});

describe('classifier names and categories that are also names of object properties', () => {
  it('get the same rates as the same verdicts under an ordinary name', async () => {
    const base = tinyContents();
    const rows = base.verdicts.slice(1);
    const verdicts = [base.verdicts[0], ...rows, ...INHERITED.flatMap((name) => rows.map((row) => row.replace(`,${ORDINARY},`, `,${name},`)))];
    const labels = base.labels.map((line) => line.replace(/,drugs$/, ',__proto__'));
    const data = writeTinyDataset({ verdicts: `${verdicts.join('\n')}\n`, labels: `${labels.join('\n')}\n` });
    const out = join(data.dir, 'out');
    const outcome = await runMisfire({
      conversations: data.conversations,
      verdicts: [data.verdicts],
      labels: data.labels,
      out,
      settings: { minUsers: 2, minConversations: 2 },
    });
    const byName = new Map(outcome.metrics.classifiers.map((c) => [c.name, c]));
    expect([...byName.keys()].sort()).toEqual([ORDINARY, ...INHERITED].sort());
    const ordinary = byName.get(ORDINARY) as ClassifierMetrics;
    for (const name of INHERITED) expect(rates(byName.get(name) as ClassifierMetrics), name).toEqual(rates(ordinary));
    expect(ordinary.overall.fpr).not.toBe(0);
    expect(ordinary.categories?.names).toEqual(['__proto__']);

    const run = JSON.parse(readFileSync(join(out, 'run.json'), 'utf8'));
    expect(run.rows.classifiers.sort()).toEqual([ORDINARY, ...INHERITED].sort());
    expect(Object.keys(run.missing.conversations_without_verdict).sort()).toEqual([ORDINARY, ...INHERITED].sort());
    const metrics = JSON.parse(readFileSync(join(out, 'metrics.json'), 'utf8'));
    expect(metrics.classifiers.map((c: { name: string }) => c.name).sort()).toEqual([ORDINARY, ...INHERITED].sort());
    const markdown = readFileSync(join(out, 'report.md'), 'utf8');
    for (const name of INHERITED) expect(markdown).toContain(`| ${name.replace(/_/g, '\\_')} |`);
  });

  it('a per-classifier threshold keyed by such a name applies to that classifier only', async () => {
    const base = tinyContents();
    const rows = base.verdicts.slice(1).map((row) => row.replace(`,${ORDINARY},`, ',__proto__,'));
    const data = writeTinyDataset({ verdicts: `${[base.verdicts[0], ...rows].join('\n')}\n` });
    const thresholds = JSON.parse('{"__proto__": 0}') as Record<string, number>;
    const outcome = await runMisfire({
      conversations: data.conversations,
      verdicts: [data.verdicts],
      labels: data.labels,
      out: join(data.dir, 'out'),
      settings: { minUsers: 2, minConversations: 2, thresholds },
    });
    const [only] = outcome.metrics.classifiers;
    expect(only.name).toBe('__proto__');
    expect(only.overall.fnr).toBe(0);
    expect(only.overall.fpr).toBe(1);
    expect(JSON.parse(readFileSync(join(outcome.outDir, 'run.json'), 'utf8')).settings.thresholds).toEqual(thresholds);
  });
});
