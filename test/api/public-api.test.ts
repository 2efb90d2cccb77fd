/**
 * The library surface (src/index.ts, shipped as dist/index.js with dist/index.d.ts): a tiny run, the gate
 * both ways, a re-rendered report and a blessed baseline, all through the exported functions only.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import * as misfire from '../../src/index.js';
import { REPO } from '../helpers/paths.js';
import { tinyContents, writeTinyDataset } from '../helpers/tiny-dataset.js';

const root = mkdtempSync(join(tmpdir(), 'misfire-public-api-'));

afterAll(() => {
  rmSync(root, { recursive: true, force: true });
});

describe('the public library surface', () => {
  it('runs, gates, re-renders and blesses a tiny data set', async () => {
    const verdicts = tinyContents().verdicts;
    const twin = verdicts.slice(1).map((line) => line.replace(',filter-a,', ',filter-b,'));
    const data = writeTinyDataset({ verdicts: `${[...verdicts, ...twin].join('\n')}\n` });
    const options: misfire.RunOptions = {
      conversations: data.conversations,
      verdicts: [data.verdicts],
      labels: data.labels,
      out: join(root, 'run'),
      settings: { minUsers: 2, minConversations: 2 },
    };
    const outcome: misfire.RunOutcome = await misfire.runMisfire(options);
    expect(outcome.run.schema).toBe(misfire.RUN_SCHEMA);
    expect(outcome.metrics.classifiers.map((c) => c.name)).toEqual(['filter-a', 'filter-b']);

    const folder = await misfire.readRunFolder(outcome.outDir);
    expect(folder.run.rows.conversations).toBe(40);
    expect((await misfire.readRunMetrics(folder)).schema).toBe(misfire.METRICS_SCHEMA);

    const settings = { min_support: 1 };
    const same: misfire.GateResult = await misfire.gate({ run: outcome.outDir, baseline: 'filter-a', candidate: 'filter-b', settings });
    expect(same.verdict).toBe('pass');
    expect(same).toEqual(await misfire.gateRun({ run: outcome.outDir, baseline: 'filter-a', candidate: 'filter-b', settings }));

    const listing: misfire.Listing = await misfire.showConversations({ run: outcome.outDir, classifier: 'filter-a', cluster: 'L0-000', kind: 'flagged' });
    expect(listing.matching).toBeGreaterThan(0);
    expect(listing.conversations.length).toBe(listing.matching);
    expect(listing.conversations.every((c) => c.flagged === true && c.clusterId === 'L0-000')).toBe(true);
    expect(misfire.listingCsv(listing).split('\n')[0]).toBe(misfire.MEMBER_CSV_COLUMNS.join(','));

    const report = await misfire.report({ run: outcome.outDir, out: join(root, 'review', 'index.html') });
    expect(readFileSync(report.htmlFile, 'utf8')).toContain('misfire report');

    const blessed = await misfire.blessRun(outcome.outDir, join(root, 'baseline'));
    expect(blessed.inputsCopied).toBe(2);
    const fromBaseline = await misfire.gate({ baselineRun: blessed.baselineDir, verdicts: [data.verdicts], candidate: 'filter-a', settings });
    expect(fromBaseline.verdict).toBe('pass');
    expect(fromBaseline.source?.mode).toBe('baseline-run');

    const err = await misfire.report({ run: join(root, 'nothing-here') }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(misfire.MisfireError);
    expect(misfire.isMisfireError(err) && err.code).toBe('input');
  });

  it('leaves the demo generator out, and the package points at the built entry and its types', async () => {
    expect(Object.keys(misfire)).not.toContain('generateDataset');
    const pkg = JSON.parse(readFileSync(join(REPO, 'package.json'), 'utf8')) as {
      types: string;
      exports: Record<string, { types: string; import: string }>;
      files: string[];
    };
    expect(pkg.exports['.']).toEqual({ types: './dist/index.d.ts', import: './dist/index.js' });
    expect(pkg.types).toBe('./dist/index.d.ts');
    expect(pkg.files).toContain('!dist/demo');
    expect(existsSync(join(REPO, 'dist', 'index.d.ts'))).toBe(true);
    const built = (await import(pathToFileURL(join(REPO, 'dist', 'index.js')).href)) as Record<string, unknown>;
    expect(Object.keys(built).sort()).toEqual(Object.keys(misfire).sort());
  });
});
