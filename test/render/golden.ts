/**
 * Test helper: golden files with numbers normalised, so small numeric changes do not churn them.
 * Strings: every digit run becomes `#` ("12.5%" → "#.#%"). Numbers: one significant digit. Charts: their
 * kind. Long lists: the first few items. Tooltip and search strings are left out. Refresh with `UPDATE_GOLDEN=1 npx vitest run test/render`.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect } from 'vitest';
import { TrustedSvg } from '../../src/render/charts/trusted-svg.js';
import { REPO } from '../helpers/paths.js';

const LIST_ITEMS = 4;
/**
 * The repository as a path relative to a temporary run folder (run.json records inputs so): `../` steps, then
 * the repository's path below the folder it shares with the run folder — all of it (`../../work/misfire/`),
 * or only its end when both are under one folder (a clone in /tmp: `../../tmp.Ab12/`). Longest ends first.
 */
const REPO_PARTS = REPO.split('/').filter(Boolean);
const REPO_ENDS = REPO_PARTS.map((_, i) => REPO_PARTS.slice(i).join('/').replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
const RELATIVE_REPO = new RegExp(`^(?:\\.\\./)+(?:${REPO_ENDS.join('|')})/`);
/** Keys left out: derived tooltip/search text that repeats what other fields already pin down. */
const OMITTED = new Set(['title', 'search']);

export function normalise(value: unknown): unknown {
  if (value instanceof TrustedSvg) return `svg:${value.kind}`;
  if (typeof value === 'string') return value.replace(RELATIVE_REPO, '<repo>/').split(REPO).join('<repo>/').replace(/\d+/g, '#');
  if (typeof value === 'number') return Number.isFinite(value) ? Number(value.toPrecision(1)) : String(value);
  if (Array.isArray(value)) {
    const head = value.slice(0, LIST_ITEMS).map(normalise);
    return value.length > LIST_ITEMS ? [...head, '…more'] : head;
  }
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).filter(([k]) => !OMITTED.has(k)).map(([k, v]) => [k, normalise(v)]));
  }
  return value;
}

/** Compare `actual` with test/golden/<name>, or rewrite the file when UPDATE_GOLDEN=1. */
export function expectGolden(name: string, actual: string): void {
  const file = fileURLToPath(new URL(`../golden/${name}`, import.meta.url));
  if (process.env.UPDATE_GOLDEN === '1') {
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, actual);
    return;
  }
  if (!existsSync(file)) throw new Error(`golden file test/golden/${name} is missing: run UPDATE_GOLDEN=1 npx vitest run test/render`);
  expect(actual, `differs from test/golden/${name} (refresh with UPDATE_GOLDEN=1 if the change is intended)`).toBe(readFileSync(file, 'utf8'));
}
