/**
 * Test helper: Debian's Chromium for the browser tests. Missing Chromium skips the tests with a message on a
 * developer machine, and fails them in CI (CI=true), where `.ci/run` installs it.
 */
import { existsSync } from 'node:fs';
import { chromium, type Browser } from 'playwright-core';

export const CHROMIUM = '/usr/bin/chromium';
export const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'];

/** true when the browser tests can run; throws in CI when Chromium is missing. */
export function chromiumAvailable(): boolean {
  if (existsSync(CHROMIUM)) return true;
  if (process.env.CI === 'true') throw new Error(`browser tests need ${CHROMIUM} in CI (apt-get install -y chromium)`);
  console.warn(`skipping browser tests: ${CHROMIUM} not found (install it with: apt-get install -y chromium)`);
  return false;
}

export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
}
