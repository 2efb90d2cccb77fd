/**
 * Pockets found among the errors in the report, on hand-built metrics: each kind gets a table and a forest
 * plot linking to its rows, a suppressed pocket shows numbers only, long lists are cut and counted, report.md
 * has a short table per classifier, the CLI summary the top two per kind, and the methods say how it is tested.
 */
import { parseHTML } from 'linkedom';
import { describe, expect, test } from 'vitest';
import { errorPocketLines } from '../../src/cli/run-summary.js';
import { MD_ERROR_POCKETS } from '../../src/render/markdown-pockets.js';
import { POCKETS_SHOWN } from '../../src/render/pocket-list.js';
import { renderReport } from '../../src/render/render-report.js';
import { craftedReport, errorPocket } from './crafted-report.js';

const LEAVES = [
  [200, 30, 10, 40],
  [200, 5, 10, 40],
] as const;
const SECRET = 'SECRET-POCKET-LABEL';
const falsePositives = [
  errorPocket('FP-1', 'false_positive', 'Security homework', { n: 60, errors: 40 }),
  { ...errorPocket('FP-2', 'false_positive', null, { n: 25, errors: 12 }), label: SECRET, description: `${SECRET} description`, terms: [SECRET], suppressed: true },
];
const input = craftedReport({ leaves: LEAVES, errorPockets: { false_positive: falsePositives, false_negative: [] } });

describe('the pockets-by-meaning section', () => {
  const { view, html, markdown } = renderReport(input);
  const { document } = parseHTML(html);
  const section = document.querySelector('#pockets-by-meaning');

  test('a table per kind with name, counts, rate against the overall rate, excess, share, p and leaves', () => {
    const rows = [...(section?.querySelectorAll('#error-pockets-0 table.error-pockets tbody tr') ?? [])];
    expect(rows.map((r) => r.getAttribute('id'))).toEqual(['error-pocket-0-FP-1', 'error-pocket-0-FP-2']);
    const cells = [...rows[0].querySelectorAll('td')].map((td) => td.textContent?.trim());
    expect(cells[0]).toContain('Security homework');
    expect(cells.slice(1, 9)).toEqual(['60', '40', '66.7% (54.1%–77.3%)', '10.0%', '+34.0', '40.0%', '60', '0.02']);
    expect(rows[0].querySelector('td.leaves a')?.getAttribute('href')).toBe('#cluster-L0-000');
    expect(section?.textContent).toMatch(/No pocket: no region of its errors scored higher/);
    expect(section?.textContent).toContain('the smallest p possible is 0.02');
  });

  test('the forest plot links each dot to its pocket\'s row', () => {
    const forest = view.classifiers[0].errorPockets?.fp.forest?.markup ?? '';
    expect(forest).toContain('href="#error-pocket-0-FP-1"');
    expect(forest).toContain('href="#error-pocket-0-FP-2"');
    expect(section?.querySelectorAll('figure.forest svg')).toHaveLength(1);
  });

  test('a suppressed pocket shows its numbers and no text, in either file', () => {
    const row = view.classifiers[0].errorPockets?.fp.rows[1];
    expect(row).toMatchObject({ name: 'suppressed (privacy)', suppressed: true, description: '', n: '25' });
    expect(html).not.toContain(SECRET);
    expect(markdown).not.toContain(SECRET);
    expect(markdown).toContain('| `FP-2` suppressed (privacy) | 25 | 12 |');
  });

  test('report.md: a short table per classifier', () => {
    expect(markdown).toContain('### Pockets by meaning (found among the errors)');
    expect(markdown).toContain('#### clf: 2 false-positive pockets, 0 false-negative pockets');
    expect(markdown).toMatch(/^\| `FP-1` Security homework \| 60 \| 40 \| FPR 66\.7% \(54\.1%–77\.3%\) \| 10\.0% \| \+34\.0 \| 40\.0% \| 0\.02 \| `L0-000` \(60\) \|$/m);
  });

  test('the methods state the procedure and the number of shuffles', () => {
    const methods = document.querySelector('#methods-pockets-by-meaning')?.nextElementSibling?.textContent ?? '';
    expect(methods).toContain('repeats the whole search 49 times');
    expect(methods).toMatch(/family-wise/);
    expect(methods).toContain('one in about 0.05 of runs');
    expect(document.querySelector('#method-error-pockets')).not.toBeNull();
  });

  test('the CLI summary prints the strongest ones', () => {
    expect(errorPocketLines(input.metrics.classifiers[0])).toEqual([
      '  over-flags, by meaning: Security homework [FP-1] FPR 66.7% (40 of 60, search p 0.02)',
      '  over-flags, by meaning: suppressed (privacy) [FP-2] FPR 48.0% (12 of 25, search p 0.02)',
    ]);
  });
});

describe('long lists', () => {
  const many = Array.from({ length: 13 }, (_, i) => errorPocket(`FN-${i + 1}`, 'false_negative', `Theme ${i + 1}`, { n: 40, errors: 20 }));
  const longInput = craftedReport({ leaves: LEAVES, errorPockets: { false_positive: [], false_negative: many } });
  const { view, html, markdown } = renderReport(longInput);

  test('the HTML lists POCKETS_SHOWN and counts the rest; report.md lists fewer and counts the rest', () => {
    const fn = view.classifiers[0].errorPockets?.fn;
    expect(fn?.rows).toHaveLength(POCKETS_SHOWN);
    expect(fn?.countText).toBe(`13 pockets, ${POCKETS_SHOWN} listed`);
    expect(html).toContain(`…and ${13 - POCKETS_SHOWN} more pockets (see metrics.json).`);
    expect(markdown).toContain(`…and ${13 - MD_ERROR_POCKETS} more pockets (see index.html and metrics.json).`);
    expect(errorPocketLines(longInput.metrics.classifiers[0])).toHaveLength(2);
  });
});

describe('a run that did not search', () => {
  test('says so, in the section and the methods; report.md has no such table', () => {
    const { view, html, markdown } = renderReport(craftedReport({ leaves: LEAVES }));
    expect(view.classifiers[0].errorPockets).toBeNull();
    expect(html).toContain('Not searched: the run set no shuffles (--permutations 0).');
    expect(html).toContain('This run did not search for pockets among the errors (--permutations 0).');
    expect(markdown).not.toContain('Pockets by meaning');
  });
});
