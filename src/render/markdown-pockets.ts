/** report.md's pocket tables: the hierarchy's pockets (grouped like the HTML) and the pockets found among the errors. */
import { mdCell } from './markdown-text.js';
import type { ErrorPocketRow, ErrorPocketsView, PocketListView, PocketRow } from './pocket-types.js';
import type { ClassifierView } from './view-types.js';

/** Pockets found among the errors listed per classifier and kind in report.md (index.html lists more). */
export const MD_ERROR_POCKETS = 3;

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
/** An id as inline code when it is a plain id (`L0-004`, `FP-1`), else as escaped text. */
const code = (text: string) => (/^[\w.-]+$/.test(text) ? `\`${text}\`` : mdCell(text));

/**
 * One table of the hierarchy's pockets: the same entries, grouping and count of unlisted pockets as index.html.
 * @example
 * hierarchyPocketTable(lines, 'detector-v2', 'false-negative', 'misses', view.classifiers[0].fnPockets, 'FNR');
 */
export function hierarchyPocketTable(lines: string[], classifier: string, kind: string, gloss: string, list: PocketListView, rate: string): void {
  lines.push(`### ${mdCell(classifier)}: ${kind} pockets (${gloss})`, '');
  if (list.total === 0) {
    lines.push('No significant pocket.', '');
    return;
  }
  lines.push(`${list.countText}, most excess errors first${list.grouped ? '; ↳ = a pocket listed under its parent cluster' : ''}.`, '');
  lines.push(`| cluster | n | ${rate} (95% CI) | overall | excess errors | share of errors | q |`, '|---|---:|---|---:|---:|---:|---:|');
  for (const group of list.groups) {
    lines.push(pocketLine(group.head, '', group.headNote ? ` — ${group.headNote}` : ''));
    for (const child of group.children) lines.push(pocketLine(child, '↳ ', ''));
  }
  if (list.moreText) lines.push('', list.moreText);
  lines.push('');
}

function pocketLine(r: PocketRow, prefix: string, note: string): string {
  return `| ${prefix}${mdCell(r.name)} (${code(r.clusterId)})${mdCell(note)} | ${r.support} | ${r.rate} (${r.ci}) | ${r.overall} | ${r.excess} | ${r.share} | ${r.q} |`;
}

/**
 * The pockets found among one classifier's errors, both kinds in one short table.
 * @example
 * errorPocketTable(lines, view.classifiers[1]);
 */
export function errorPocketTable(lines: string[], c: ClassifierView): void {
  const found = c.errorPockets;
  if (!found) return;
  const total = found.fp.total + found.fn.total;
  lines.push(`#### ${mdCell(c.name)}: ${plural(found.fp.total, 'false-positive pocket')}, ${plural(found.fn.total, 'false-negative pocket')}`, '');
  if (total === 0) {
    lines.push(`No pocket: no region of its errors beat the best region of shuffled data often enough (${found.fp.permutations} and ${found.fn.permutations} shuffles).`, '');
    return;
  }
  lines.push('| pocket | n | errors | rate (95% CI) | overall | excess errors | share of errors | p (search) | leaf clusters (members) |', '|---|---:|---:|---|---:|---:|---:|---:|---|');
  for (const kind of [found.fp, found.fn]) for (const row of kind.rows.slice(0, MD_ERROR_POCKETS)) lines.push(errorPocketLine(row, kind));
  const unlisted = [found.fp, found.fn].map((k) => k.total - Math.min(k.rows.length, MD_ERROR_POCKETS)).reduce((a, b) => a + b, 0);
  if (unlisted > 0) lines.push('', `…and ${plural(unlisted, 'more pocket')} (see index.html and metrics.json).`);
  lines.push('');
}

function errorPocketLine(r: ErrorPocketRow, kind: ErrorPocketsView): string {
  const leaves = r.leaves.map((l) => `${code(l.clusterId)} (${l.n})`).join(', ') || '—';
  return `| ${code(r.pocketId)} ${mdCell(r.name)} | ${r.n} | ${r.errors} | ${kind.rateName} ${r.rate} (${r.ci}) | ${r.overall} | ${r.excess} | ${r.share} | ${r.p} | ${leaves} |`;
}
