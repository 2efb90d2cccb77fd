/** report.md: GitHub-flavoured Markdown summary (overall figures + top pockets) for PR comments and CI step summaries. */
import type { PocketRow, ReportView } from './view-types.js';

/** Pockets listed per classifier and direction in report.md. */
const MD_POCKETS = 5;

/**
 * Escape text for Markdown (table cells included): backslash-escape punctuation Markdown or HTML would
 * interpret, and fold line breaks.
 * @example
 * mdCell('a|b <script>'); // 'a\\|b \\<script\\>'
 */
export function mdCell(text: string): string {
  return text.replace(/[\\|`*_<>[\]#&!~]/g, (c) => `\\${c}`).replace(/\r?\n/g, ' ');
}

export function renderMarkdown(view: ReportView): string {
  const s = view.summary;
  const lines: string[] = [];
  lines.push('## misfire: where the classifiers mis-fire', '');
  lines.push(`${s.conversations} conversations from ${s.users} users · seed ${view.seed} · misfire ${mdCell(view.version)}`, '');
  if (!s.labelsPresent) {
    lines.push('> **No labels:** error rates cannot be measured; flag rates against concern are a proxy, not a measurement.', '');
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
  const scored = view.classifiers.some((c) => c.auc !== null);
  lines.push(
    `| classifier | n | FPR (95% CI) | FNR (95% CI) | precision | recall |${scored ? ' ROC AUC |' : ''}`,
    `|---|---:|---|---|---:|---:|${scored ? '---:|' : ''}`,
  );
  for (const c of view.classifiers) {
    lines.push(`| ${mdCell(c.name)} | ${c.n} | ${c.fpr} (${c.fprCi}) | ${c.fnr} (${c.fnrCi}) | ${c.precision} | ${c.recall} |${scored ? ` ${c.auc ?? '—'} |` : ''}`);
  }
  lines.push('');
  if (s.labelsPresent) {
    for (const c of view.classifiers) {
      pocketTable(lines, `${c.name}: false-positive pockets (over-flagging)`, c.fpPockets, 'FPR');
      pocketTable(lines, `${c.name}: false-negative pockets (misses)`, c.fnPockets, 'FNR');
    }
  }
  lines.push(`<sub>Pocket: q < ${mdCell(view.methods.alpha)} (one-sided Fisher exact, Benjamini–Hochberg), rate ≥ overall + ${mdCell(view.methods.minEffect)}, support ≥ ${view.methods.minSupport}. Full report: index.html.</sub>`);
  return `${lines.join('\n')}\n`;
}

function pocketTable(lines: string[], title: string, rows: PocketRow[], rate: string): void {
  lines.push(`### ${mdCell(title)}`, '');
  if (rows.length === 0) {
    lines.push('No significant pocket.', '');
    return;
  }
  lines.push(`| cluster | n | ${rate} (95% CI) | overall | excess errors | share of errors | q |`, '|---|---:|---|---:|---:|---:|---:|');
  for (const r of rows.slice(0, MD_POCKETS)) {
    lines.push(`| ${mdCell(r.name)} (\`${r.clusterId.replace(/`/g, "'")}\`) | ${r.support} | ${r.rate} (${r.ci}) | ${r.overall} | ${r.excess} | ${r.share} | ${r.q} |`);
  }
  if (rows.length > MD_POCKETS) lines.push('', `…and ${rows.length - MD_POCKETS} more in the HTML report.`);
  lines.push('');
}
