/** The demo report in a real browser: loads cleanly offline, and its interactive parts work. */
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL, fileURLToPath } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { renderRunReport } from '../../src/api/report.js';
import { readRunFolder } from '../../src/artifacts/read-run.js';
import { PINNED_NOW, sharedDemoRun } from '../helpers/demo-run.js';
import { chromiumAvailable, launchChromium } from './chromium.js';

const SCREENSHOT_DIR = fileURLToPath(new URL('../../test-output/', import.meta.url));

describe.runIf(chromiumAvailable())('demo report in Chromium', () => {
  let out: string;
  let browser: Browser;
  let url: string;
  let unsuppressedLeaves: number;
  const problems: string[] = [];
  const requests: string[] = [];

  beforeAll(async () => {
    out = await mkdtemp(join(tmpdir(), 'misfire-browser-report-'));
    const report = await renderRunReport({ run: sharedDemoRun(), out: join(out, 'index.html'), now: PINNED_NOW });
    url = pathToFileURL(report.htmlFile).href;
    const { clusters } = await readRunFolder(sharedDemoRun());
    unsuppressedLeaves = clusters.filter((c) => c.level === 0 && !c.suppressed).length;
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    if (out) await rm(out, { recursive: true, force: true });
  });

  async function open(width = 1300): Promise<Page> {
    const page = await browser.newPage({ viewport: { width, height: 900 } });
    page.on('console', (m) => {
      if (m.type() === 'error' || m.type() === 'warning') problems.push(`${m.type()}: ${m.text()}`);
    });
    page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
    page.on('dialog', (d) => {
      problems.push(`dialog: ${d.message()}`);
      void d.dismiss();
    });
    page.on('request', (r) => {
      if (!r.url().startsWith('file:') && !r.url().startsWith('data:')) requests.push(r.url());
    });
    await page.goto(url);
    return page;
  }

  test('loads with zero console errors and makes no network request', async () => {
    const page = await open();
    await page.waitForLoadState('load');
    expect(await page.locator('h1').textContent()).toMatch(/misfire/);
    await page.close();
    expect(problems).toEqual([]);
    expect(requests).toEqual([]);
  });

  test('clicking a column header sorts the cluster table (largest first, then reversed)', async () => {
    const page = await open();
    const sizes = () => page.$$eval('#cluster-table tbody tr', (rows) => rows.map((r) => Number(r.children[3].getAttribute('data-v'))));
    await page.click('#cluster-table thead th:nth-child(4) button');
    const descending = await sizes();
    expect(descending).toEqual([...descending].sort((a, b) => b - a));
    expect(await page.getAttribute('#cluster-table thead th:nth-child(4)', 'aria-sort')).toBe('descending');
    await page.click('#cluster-table thead th:nth-child(4) button');
    const ascending = await sizes();
    expect(ascending).toEqual([...ascending].sort((a, b) => a - b));
    // A rate column: empty rates sort last either way.
    await page.click('#cluster-table thead th:nth-child(6) button');
    const rates = await page.$$eval('#cluster-table tbody tr', (rows) => rows.map((r) => r.children[5].getAttribute('data-v')));
    const numbers = rates.filter((v) => v !== '').map(Number);
    expect(numbers).toEqual([...numbers].sort((a, b) => b - a));
    await page.close();
  });

  test('the filter box narrows the table', async () => {
    const page = await open();
    const total = await page.locator('#cluster-table tbody tr').count();
    await page.fill('#cluster-filter', 'L1-');
    const visible = await page.locator('#cluster-table tbody tr:visible').count();
    expect(visible).toBeGreaterThan(0);
    expect(visible).toBeLessThan(total);
    expect(await page.textContent('#filter-count')).toBe(`${visible} of ${total} clusters`);
    await page.close();
  });

  test('a tree node expands to show its children', async () => {
    const page = await open();
    const node = page.locator('#cluster-tree > li > details').first();
    expect(await node.evaluate((d) => d.hasAttribute('open'))).toBe(false);
    const child = node.locator(':scope > ul > li').first();
    expect(await child.isVisible()).toBe(false);
    await node.locator(':scope > summary').click({ position: { x: 4, y: 8 } });
    expect(await node.evaluate((d) => d.hasAttribute('open'))).toBe(true);
    expect(await child.isVisible()).toBe(true);
    await page.close();
  });

  test('the map has one mark per unsuppressed leaf cluster, and switching classifier recolours it', async () => {
    const page = await open();
    const marks = page.locator('#cluster-map circle.map-mark');
    expect(await marks.count()).toBe(unsuppressedLeaves);
    const fills = () => marks.evaluateAll((cs) => cs.map((c) => c.getAttribute('fill')));
    const before = await fills();
    const options = await page.$$eval('#map-metric option', (os) => os.map((o) => o.getAttribute('value') ?? ''));
    await page.selectOption('#map-metric', options[options.length - 1]);
    const after = await fills();
    const expected = await marks.evaluateAll((cs, last) => cs.map((c) => (c.getAttribute('data-colours') ?? '').split(',')[Number(last)]), options[options.length - 1]);
    expect(after).toEqual(expected);
    expect(after).not.toEqual(before);
    await page.close();
  });

  test('following a pocket link opens that cluster\'s detail', async () => {
    const page = await open();
    const link = page.locator('table.pockets a[href^="#cluster-"]').first();
    const href = (await link.getAttribute('href')) ?? '';
    await link.click();
    const detail = page.locator(`details[id="${href.slice(1)}"]`);
    expect(await detail.count()).toBe(1);
    expect(await detail.evaluate((d) => d.hasAttribute('open'))).toBe(true);
    await page.close();
  });

  test('the pockets-by-meaning section shows its tables and forest plots; a dot leads to its row, a leaf to its cluster', async () => {
    const page = await open();
    const section = page.locator('#pockets-by-meaning');
    const tables = await section.locator('table.error-pockets').count();
    expect(tables).toBeGreaterThan(0);
    expect(await section.locator('figure.forest svg').count()).toBe(tables);
    const dot = section.locator('figure.forest a').first();
    const target = ((await dot.getAttribute('href')) ?? '').slice(1);
    expect(target).toMatch(/^error-pocket-\d+-F[PN]-\d+$/);
    await dot.click();
    expect(new URL(page.url()).hash).toBe(`#${target}`);
    expect(await page.locator(`tr[id="${target}"]`).isVisible()).toBe(true);
    const leaf = page.locator(`tr[id="${target}"] td.leaves a`).first();
    const cluster = ((await leaf.getAttribute('href')) ?? '').slice(1);
    await leaf.click();
    expect(await page.locator(`details[id="${cluster}"]`).evaluate((d) => d.hasAttribute('open'))).toBe(true);
    await mkdir(SCREENSHOT_DIR, { recursive: true });
    await section.scrollIntoViewIfNeeded();
    await page.screenshot({ path: join(SCREENSHOT_DIR, 'report-pockets-by-meaning.png') });
    await page.close();
    expect(problems).toEqual([]);
  });

  test('a screenshot is written for a human to look at', async () => {
    const page = await open();
    await mkdir(SCREENSHOT_DIR, { recursive: true });
    const file = join(SCREENSHOT_DIR, 'report.png');
    await page.screenshot({ path: file, fullPage: true });
    await page.locator('#explorer').scrollIntoViewIfNeeded();
    await page.screenshot({ path: join(SCREENSHOT_DIR, 'report-explorer.png') });
    await page.close();
    expect(problems).toEqual([]);
  });
});
