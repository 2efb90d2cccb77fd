/** A 5,000-conversation run's report stays under 2 MB (charts are static SVG, trimmed). */
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, test } from 'vitest';
import { generateDataset } from '../../src/demo/index.js';
import { runMisfire } from '../../src/api/run.js';
import { renderRunReport } from '../../src/api/report.js';

let root = '';

afterAll(async () => {
  if (root) await rm(root, { recursive: true, force: true });
});

test('index.html of a 5k-conversation run is self-contained and under 2 MB', async () => {
  root = await mkdtemp(join(tmpdir(), 'misfire-size-'));
  await generateDataset({ n: 5000, seed: 7, outDir: join(root, 'data') });
  const data = (name: string) => join(root, 'data', name);
  await runMisfire({ conversations: data('conversations.jsonl'), verdicts: [data('verdicts.csv')], labels: data('labels.csv'), out: join(root, 'run'), settings: { permutations: 9 } });
  const report = await renderRunReport({ run: join(root, 'run') });
  const bytes = (await stat(report.htmlFile)).size;
  expect(bytes).toBeLessThan(2 * 1024 * 1024);
  expect(report.view.map).not.toBeNull();
  // Nothing is fetched: no external URL in src/href attributes, no link/stylesheet/script src.
  expect(report.html).not.toMatch(/\s(src|href)="(https?:)?\/\//);
  expect(report.html).not.toMatch(/<script[^>]+src=/);
  expect(report.html).not.toMatch(/<link[^>]+stylesheet/);
}, 180_000);
