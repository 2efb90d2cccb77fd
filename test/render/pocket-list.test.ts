/**
 * Pockets shown once, on hand-built metrics: a parent whose errors are its pocket children's is not listed;
 * sibling pockets are grouped under their parent; index.html and report.md list the same pockets, say how
 * many there are and how many are not listed.
 */
import { parseHTML } from 'linkedom';
import { describe, expect, test } from 'vitest';
import { printRunSummary } from '../../src/cli/run-summary.js';
import type { RunOutcome } from '../../src/api/run.js';
import { POCKETS_SHOWN } from '../../src/render/pocket-list.js';
import { renderReport } from '../../src/render/render-report.js';
import { craftedReport, type LeafCounts } from './crafted-report.js';

const MISSES: readonly [number, number, number, number] = [60, 2, 30, 10];
const ORDINARY: readonly [number, number, number, number] = [100, 3, 5, 40];

/** The false-negative pocket section of one classifier in report.md. */
const mdMisses = (markdown: string) => markdown.slice(markdown.indexOf(': false-negative pockets'), markdown.indexOf('<sub>'));
/** Cluster ids linked from the false-negative pocket table of index.html. */
const htmlMisses = (html: string) => {
  const { document } = parseHTML(html);
  const tables = [...document.querySelectorAll('#misfires-0 table.pockets')];
  return [...(tables[tables.length - 1]?.querySelectorAll('tbody tr code') ?? [])].map((c) => c.textContent);
};

describe('a parent whose only shown child is a pocket is not a second pocket', () => {
  const input = craftedReport({ leaves: [MISSES, [5, 0, 2, 3], ORDINARY, ORDINARY, ORDINARY], parents: [[0, 0, 1, 1, 1]], suppressed: ['L0-001'] });
  const { view, html, markdown } = renderReport(input);

  test('the view, index.html and report.md list the leaf only', () => {
    expect(input.metrics.classifiers[0].pockets.false_negative).toEqual(['L0-000']);
    expect(view.classifiers[0].fnPockets.total).toBe(1);
    expect(htmlMisses(html)).toEqual(['L0-000']);
    expect(mdMisses(markdown)).toContain('`L0-000`');
    expect(mdMisses(markdown)).not.toContain('L1-000');
  });

  test('the CLI summary agrees', () => {
    let printed = '';
    const outcome = { run: input.run, metrics: input.metrics, result: { clusters: input.clusters }, outDir: '/tmp/x' } as unknown as RunOutcome;
    printRunSummary(outcome, { write: (text: string) => (printed += text) } as unknown as NodeJS.WritableStream);
    expect(printed).toContain('misses:     Topic L0-000 [L0-000]');
    expect(printed).not.toContain('L1-000');
  });
});

describe('sibling pockets are grouped under their parent', () => {
  test('a parent whose pocket children account for its excess errors heads the group without being listed again', () => {
    const { view, html, markdown } = renderReport(craftedReport({ leaves: [MISSES, MISSES, ORDINARY, ORDINARY, ORDINARY, ORDINARY], parents: [[0, 0, 0, 1, 1, 1]] }));
    const list = view.classifiers[0].fnPockets;
    expect(list.total).toBe(2);
    expect(list.groups).toHaveLength(1);
    expect(list.groups[0].head.clusterId).toBe('L1-000');
    expect(list.groups[0]).toMatchObject({ headIsPocket: false, headNote: 'parent of 2 pockets, whose excess errors are mostly theirs' });
    expect(list.groups[0].children.map((c) => c.clusterId).sort()).toEqual(['L0-000', 'L0-001']);
    expect(list.listed).toBe(2);
    expect(htmlMisses(html)).toEqual(['L1-000', ...list.groups[0].children.map((c) => c.clusterId)]);
    const { document } = parseHTML(html);
    expect(document.querySelectorAll('#misfires-0 tbody.pocket-group')).toHaveLength(1);
    expect(document.querySelectorAll('#misfires-0 tr.nested')).toHaveLength(2);
    const md = mdMisses(markdown);
    expect(md).toMatch(/^\| Topic L1-000 \(`L1-000`\) — parent of 2 pockets, whose excess errors are mostly theirs \|/m);
    expect(md).toMatch(/^\| ↳ Topic L0-000 \(`L0-000`\) \|/m);
    expect(md).toMatch(/^\| ↳ Topic L0-001 \(`L0-001`\) \|/m);
    expect(md).toContain('2 pockets, most excess errors first; ↳ = a pocket listed under its parent cluster.');
    const forest = list.forest?.markup ?? '';
    expect(forest).toContain('↳ Topic L0-000');
    expect(forest).not.toContain('href="#cluster-L1-000"');
  });

  test('a parent that is not a pocket still heads its pocket children, marked as not one itself', () => {
    const leaves: LeafCounts = [MISSES, MISSES, [100, 3, 2, 200], ORDINARY, ORDINARY, ORDINARY];
    const { view, html, markdown } = renderReport(craftedReport({ leaves, parents: [[0, 0, 0, 1, 1, 1]] }));
    const list = view.classifiers[0].fnPockets;
    expect(list.total).toBe(2);
    expect(list.groups).toHaveLength(1);
    expect(list.groups[0]).toMatchObject({ headIsPocket: false, headNote: 'parent of 2 pockets, not one itself' });
    expect(list.groups[0].head.clusterId).toBe('L1-000');
    expect(list.listed).toBe(2);
    expect(html).toContain('<span class="tag">parent of 2 pockets, not one itself</span>');
    expect(mdMisses(markdown)).toMatch(/^\| Topic L1-000 \(`L1-000`\) — parent of 2 pockets, not one itself \|/m);
    expect(list.forest?.markup).not.toContain('href="#cluster-L1-000"');
  });
});

describe('index.html and report.md agree on the count and say how many are not listed', () => {
  const leaves: LeafCounts = [...Array.from({ length: 14 }, () => [30, 1, 20, 10] as const), ...Array.from({ length: 20 }, () => [100, 3, 5, 60] as const)];
  const { view, html, markdown } = renderReport(craftedReport({ leaves }));
  const list = view.classifiers[0].fnPockets;

  test('the view lists POCKETS_SHOWN of 14 pockets and counts the rest', () => {
    expect(list.total).toBe(14);
    expect(list.listed).toBe(POCKETS_SHOWN);
    expect(list.more).toBe(14 - POCKETS_SHOWN);
    expect(list.countText).toBe(`14 pockets, ${POCKETS_SHOWN} listed`);
    expect(list.moreText).toBe(`…and ${14 - POCKETS_SHOWN} more pockets (see metrics.json).`);
  });

  test('both files list the same pockets and carry the same count and remainder', () => {
    const md = mdMisses(markdown);
    const mdIds = [...md.matchAll(/\(`(L0-\d+)`\)/g)].map((m) => m[1]);
    expect(mdIds).toEqual(htmlMisses(html));
    expect(mdIds).toHaveLength(POCKETS_SHOWN);
    for (const text of [list.countText, list.moreText ?? '']) {
      expect(md).toContain(text);
      expect(parseHTML(html).document.querySelector('#misfires-0')?.textContent).toContain(text);
    }
    expect(html).toMatch(/<a href="#misfires-0">\d+ over-flagging · 14 missing<\/a>/);
  });
});
