/** report.md: GitHub-flavoured Markdown summary (overall figures + top pockets) for PR comments and CI step summaries. */
import { errorPocketTable, hierarchyPocketTable } from './markdown-pockets.js';
import { proxyNoticeLines, proxyTables } from './markdown-proxy.js';
import { mdCell } from './markdown-text.js';
import { sliceSection } from './markdown-slices.js';
import type { ReportView } from './view-types.js';

export function renderMarkdown(view: ReportView): string {
  const s = view.summary;
  const lines: string[] = [];
  lines.push('## misfire: where the classifiers mis-fire', '');
  lines.push(`${s.conversations} conversations from ${s.users} users · seed ${view.seed} · misfire ${mdCell(view.version)}`, '');
  if (!s.labelsPresent) proxyNoticeLines(lines, s);
  if (s.sampleNote) {
    lines.push(`> **Labelled sample:** ${mdCell(s.sampleNote)}`, '');
  }
  if (s.facetsFallback) {
    lines.push(`> **Fallback facets:** ${mdCell(s.facetsFallback)}`, '');
  }
  if (s.missing.length) {
    lines.push('**Input gaps (run with --allow-missing):**', '');
    for (const m of s.missing) lines.push(`- ${mdCell(m)}`);
    lines.push('');
  }
  if (s.warnings.length) {
    lines.push('**Warnings (what the run clamped, ignored or repaired):**', '');
    for (const w of s.warnings) lines.push(`- ${mdCell(w)}`);
    lines.push('');
  }
  if (s.proxyMode) proxyTables(lines, view);
  else labelledTables(lines, view);
  lines.push(`<sub>Pocket: q < ${mdCell(view.methods.alpha)} (one-sided Fisher exact, Benjamini–Hochberg), rate ≥ overall + ${mdCell(view.methods.minEffect)}, support ≥ ${view.methods.minSupport}.${searchNote(view)} Full report: index.html.</sub>`);
  return `${lines.join('\n')}\n`;
}

function labelledTables(lines: string[], view: ReportView): void {
  const scored = view.classifiers.some((c) => c.auc !== null);
  lines.push(
    `| classifier | n | FPR (95% CI) | FNR (95% CI) | precision | recall |${scored ? ' ROC AUC |' : ''}`,
    `|---|---:|---|---|---:|---:|${scored ? '---:|' : ''}`,
  );
  for (const c of view.classifiers) {
    lines.push(`| ${mdCell(c.name)} | ${c.n} | ${c.fpr} (${c.fprCi}) | ${c.fnr} (${c.fnrCi}) | ${c.precision} | ${c.recall} |${scored ? ` ${c.auc ?? '—'} |` : ''}`);
  }
  lines.push('');
  for (const c of view.classifiers) {
    hierarchyPocketTable(lines, c.name, 'false-positive', 'over-flagging', c.fpPockets, 'FPR');
    hierarchyPocketTable(lines, c.name, 'false-negative', 'misses', c.fnPockets, 'FNR');
  }
  errorPocketSection(lines, view);
  sliceSection(lines, view.slices);
}

function searchNote(view: ReportView): string {
  if (!view.classifiers.some((c) => c.errorPockets !== null)) return '';
  return ` Pocket by meaning: p (search) < ${mdCell(view.methods.alpha)} in a permutation test of the whole search (${view.methods.permutations} shuffles, family-wise).`;
}

function errorPocketSection(lines: string[], view: ReportView): void {
  const searched = view.classifiers.filter((c) => c.errorPockets !== null);
  if (searched.length === 0) return;
  lines.push('### Pockets by meaning (found among the errors)', '');
  lines.push('Regions of the embedding where the errors gather, found by searching the errors and tested by repeating the whole search on shuffled error flags; a pocket may span several clusters, and pockets may overlap.', '');
  for (const c of searched) errorPocketTable(lines, c);
}
