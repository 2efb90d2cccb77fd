/**
 * The report is safe to pass around: injection payloads planted in conversation text, ids, classifier
 * names, label categories and the names of pockets found among the errors (the shared hostile run,
 * helpers/hostile-dataset.ts) come out as inert text in
 * index.html and report.md.
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseHTML } from 'linkedom';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { renderRunReport, type ReportOutcome } from '../../src/api/report.js';
import { PINNED_NOW, sharedHostileRun } from '../helpers/demo-run.js';
import { HOSTILE_CHANNELS, HOSTILE_CLASSIFIERS, HOSTILE_FIELD, HOSTILE_POCKET_DESCRIPTION, HOSTILE_POCKET_LABEL, IMG_PAYLOAD, SCRIPT_PAYLOAD } from '../helpers/hostile-dataset.js';

let root: string;
let report: ReportOutcome;

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'misfire-xss-'));
  report = await renderRunReport({ run: sharedHostileRun(), out: join(root, 'index.html'), now: PINNED_NOW });
});

afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

describe('hostile strings in the HTML report', () => {
  test('the only script element is the report\'s own, and nothing carries an event handler', async () => {
    const { document } = parseHTML(report.html);
    const scripts = [...document.querySelectorAll('script')];
    expect(scripts).toHaveLength(1);
    const shipped = await readFile(new URL('../../templates/report.js', import.meta.url), 'utf8');
    expect(scripts[0].textContent).toBe(shipped);
    for (const element of document.querySelectorAll('*')) {
      for (const attribute of element.attributes) expect(attribute.name.toLowerCase().startsWith('on'), `${element.tagName} ${attribute.name}`).toBe(false);
    }
    expect(document.querySelectorAll('img, iframe, object, embed, foreignObject')).toHaveLength(0);
  });

  test('the payloads reach the page as visible text (escaped, not dropped)', () => {
    const { document } = parseHTML(report.html);
    const text = document.body.textContent ?? '';
    for (const name of HOSTILE_CLASSIFIERS) expect(text).toContain(name);
    // The unknown verdict id is listed among the input gaps, as text.
    expect(text).toContain(`ghost${SCRIPT_PAYLOAD}`);
    // Escaped in the markup itself.
    expect(report.html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(report.html).not.toContain(SCRIPT_PAYLOAD);
  });

  test('metadata values and field names (slices) reach the page as text, in tables and chart labels', () => {
    const { document } = parseHTML(report.html);
    const slices = document.querySelector('#slices')?.textContent ?? '';
    for (const value of Object.values(HOSTILE_CHANNELS)) expect(slices).toContain(value);
    expect(slices).toContain(HOSTILE_FIELD);
    expect(slices).toContain(`odd${IMG_PAYLOAD}`);
    expect(report.markdown).not.toMatch(/(^|[^\\])<(script|img)\b/im);
    expect(report.markdown).toContain('plan\\<script\\>alert(1)\\</script\\>');
  });

  test('payloads inside attributes stay inside their attribute', () => {
    const { document } = parseHTML(report.html);
    const options = [...document.querySelectorAll('#map-metric option')].map((o) => o.textContent);
    expect(options.some((o) => o?.includes(HOSTILE_CLASSIFIERS[1]))).toBe(true);
    const titled = [...document.querySelectorAll('[title]')].map((e) => e.getAttribute('title') ?? '');
    expect(titled.some((t) => t.includes('onerror="alert(1)'))).toBe(true);
  });

  test('category payloads appear only as table text', () => {
    const { document } = parseHTML(report.html);
    const cells = [...document.querySelectorAll('table.categories td')].map((td) => td.textContent ?? '');
    expect(cells.some((c) => c.includes(`drugs${SCRIPT_PAYLOAD}`))).toBe(true);
  });

  test('error-pocket names, descriptions and leaf ids appear only as text, in the tables and the forest plots', () => {
    const { document } = parseHTML(report.html);
    const rows = [...document.querySelectorAll('#pockets-by-meaning table.error-pockets tbody tr')];
    expect(rows.length).toBeGreaterThanOrEqual(HOSTILE_CLASSIFIERS.length);
    const text = rows.map((r) => r.textContent ?? '').join('\n');
    expect(text).toContain(HOSTILE_POCKET_LABEL);
    expect(text).toContain(HOSTILE_POCKET_DESCRIPTION);
    expect(text).toContain(`L0${SCRIPT_PAYLOAD}`);
    const links = [...document.querySelectorAll('#pockets-by-meaning td.leaves a')].map((a) => a.getAttribute('href'));
    expect(links).toContain(`#cluster-L0${SCRIPT_PAYLOAD}`);
    const plotted = [...document.querySelectorAll('#pockets-by-meaning figure.forest svg')].map((svg) => svg.textContent ?? '').join('\n');
    expect(plotted).toContain('pocket<script>');
    expect(document.querySelectorAll('#pockets-by-meaning script, #pockets-by-meaning img')).toHaveLength(0);
  });
});

describe('hostile strings in report.md', () => {
  test('every < from the data is backslash-escaped, so GitHub shows it as text', () => {
    expect(report.markdown).not.toMatch(/(^|[^\\])<(script|img)\b/im);
    expect(report.markdown).toContain('\\<script\\>');
    expect(report.markdown).toContain('pocket\\<script\\>alert(1)\\</script\\>');
  });
});
