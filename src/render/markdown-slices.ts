/** report.md's slices section: per classifier the slice pockets (as index.html lists them), and per field what was sliced. */
import { mdCell } from './markdown-text.js';
import type { SlicePocketList, SlicesView } from './slice-types.js';

/** An id as inline code. */
const code = (text: string) => (/^[\w.-]+$/.test(text) ? `\`${text}\`` : mdCell(text));

/**
 * Append the slices section: one line per field (values shown and suppressed), then per classifier its slice
 * pockets of both kinds in one table. Nothing when the run had no slicing dimension.
 * @example
 * sliceSection(lines, view.slices);
 */
export function sliceSection(lines: string[], slices: SlicesView): void {
  if (slices.fields.length === 0) return;
  lines.push('### Slices by metadata', '');
  lines.push('Each value of a field is measured like a cluster (Fisher against the rest, Benjamini–Hochberg across the values of the field); suppressed values are counted, never named.', '');
  for (const f of slices.fields) lines.push(`- ${code(f.dimensionId)} **${mdCell(f.title)}** (${mdCell(f.source)}): ${mdCell(f.counts)}`);
  lines.push('');
  for (const c of slices.classifiers) {
    const total = c.fp.total + c.fn.total;
    lines.push(`#### ${mdCell(c.name)}: ${count(c.fp.total, 'false-positive slice pocket')}, ${count(c.fn.total, 'false-negative slice pocket')}`, '');
    if (total === 0) {
      lines.push('No slice is significantly worse than the classifier\'s average.', '');
      continue;
    }
    lines.push('| slice | n | rate (95% CI) | overall | excess errors | share of errors | q |', '|---|---:|---|---:|---:|---:|---:|');
    for (const list of [c.fp, c.fn]) lines.push(...rows(list));
    const unlisted = c.fp.total - c.fp.rows.length + c.fn.total - c.fn.rows.length;
    if (unlisted > 0) lines.push('', `…and ${count(unlisted, 'more slice pocket')} (see index.html and metrics.json).`);
    lines.push('');
  }
}

function rows(list: SlicePocketList): string[] {
  return list.rows.map((r) => `| ${mdCell(r.name)} (${code(r.sliceId)}) | ${r.support} | ${list.rateName} ${r.rate} (${r.ci}) | ${r.overall} | ${r.excess} | ${r.share} | ${r.q} |`);
}

function count(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}
