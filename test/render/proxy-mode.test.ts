/** Without labels the report says plainly that it shows a proxy: flag rates and concern, no error rates. */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseHTML } from 'linkedom';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { renderRunReport, type ReportOutcome } from '../../src/api/report.js';
import { demoRun, PINNED_NOW } from '../helpers/demo-run.js';

let root: string;
let report: ReportOutcome;

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'misfire-proxy-'));
  await demoRun(join(root, 'run'), { labels: null });
  report = await renderRunReport({ run: join(root, 'run'), now: PINNED_NOW });
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
  expect(document.querySelectorAll('table.confusion')).toHaveLength(0);
  expect(document.querySelector('#pockets-by-meaning')?.textContent).toMatch(/Without labels there are no errors to search among/);
  expect(report.markdown).toMatch(/No labels/);
  expect(report.markdown).not.toMatch(/Pockets by meaning/);
});
