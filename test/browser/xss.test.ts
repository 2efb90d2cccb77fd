/**
 * Injection payloads in the data (and in the names of pockets found among the errors) stay inert in a real
 * browser: no dialog, no error, no injected element, even after following their links.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { renderRunReport } from '../../src/api/report.js';
import { sharedHostileRun } from '../helpers/demo-run.js';
import { HOSTILE_CLASSIFIERS, HOSTILE_POCKET_LABEL } from '../helpers/hostile-dataset.js';
import { chromiumAvailable, launchChromium } from './chromium.js';

describe.runIf(chromiumAvailable())('hostile report in Chromium', () => {
  let root: string;
  let browser: Browser;
  let url: string;

  beforeAll(async () => {
    root = await mkdtemp(join(tmpdir(), 'misfire-xss-browser-'));
    url = pathToFileURL((await renderRunReport({ run: sharedHostileRun(), out: join(root, 'index.html') })).htmlFile).href;
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    await rm(root, { recursive: true, force: true });
  });

  test('no dialog fires, even after opening every detail and switching the map', async () => {
    const page = await browser.newPage();
    const fired: string[] = [];
    page.on('dialog', (d) => {
      fired.push(d.message());
      void d.dismiss();
    });
    page.on('pageerror', (e) => fired.push(`pageerror: ${e.message}`));
    await page.goto(url);
    await page.click('#tree-expand');
    await page.$$eval('details', (ds) => ds.forEach((d) => d.setAttribute('open', '')));
    const options = await page.$$eval('#map-metric option', (os) => os.map((o) => o.getAttribute('value') ?? ''));
    for (const value of options) await page.selectOption('#map-metric', value);
    await page.fill('#cluster-filter', '<script>');
    await page.waitForTimeout(300);
    expect(fired).toEqual([]);
    expect(await page.locator('script').count()).toBe(1);
    expect(await page.locator('img').count()).toBe(0);
    const text = await page.locator('body').innerText();
    expect(text).toContain(HOSTILE_CLASSIFIERS[0]);
    expect(await page.locator('#pockets-by-meaning').innerText()).toContain(HOSTILE_POCKET_LABEL);
    await page.locator('#pockets-by-meaning td.leaves a').last().click();
    await page.locator('#pockets-by-meaning figure.forest a').first().click();
    await page.waitForTimeout(200);
    expect(fired).toEqual([]);
    await page.close();
  });
});
