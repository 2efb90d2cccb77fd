/** report.md: GitHub-flavoured Markdown summary for PR comments and CI step summaries. */
import type { PocketRow, ReportView } from './view-model.js';

/** Escape text for a Markdown table cell (pipes, backticks, angle brackets, line breaks). */
export function mdCell(text: string): string {
  return text.replace(/[\\|`*_<>[\]]/g, (c) => `\\${c}`).replace(/\r?\n/g, ' ');
}

export function renderMarkdown(view: ReportView): string {
  const lines: string[] = [];
  lines.push(`## misfire: where the classifiers mis-fire`, '');
  lines.push(`${view.conversations} conversations from ${view.users} users · seed ${view.seed} · misfire ${view.version}`, '');
  if (view.missing.length) {
    lines.push('**Input gaps (run with --allow-missing):**', '');
    for (const m of view.missing) lines.push(`- ${mdCell(m)}`);
    lines.push('');
  }
  lines.push('| classifier | n | FPR (95% CI) | FNR (95% CI) | precision | recall |', '|---|---:|---|---|---:|---:|');
  for (const c of view.classifiers) {
    lines.push(`| ${mdCell(c.name)} | ${c.n} | ${c.fpr} (${c.fprCi}) | ${c.fnr} (${c.fnrCi}) | ${c.precision} | ${c.recall} |`);
  }
  lines.push('');
  for (const c of view.classifiers) {
    pocketTable(lines, `${c.name}: false-positive pockets`, c.fpPockets, 'FPR');
    pocketTable(lines, `${c.name}: false-negative pockets`, c.fnPockets, 'FNR');
  }
  return `${lines.join('\n')}\n`;
}

function pocketTable(lines: string[], title: string, rows: PocketRow[], rate: string): void {
  lines.push(`### ${mdCell(title)}`, '');
  if (rows.length === 0) {
    lines.push('No significant pocket.', '');
    return;
  }
  lines.push(`| cluster | support | ${rate} (95% CI) | overall | excess | share | q |`, '|---|---:|---|---:|---:|---:|---:|');
  for (const r of rows.slice(0, 10)) {
    lines.push(`| ${mdCell(r.name)} (\`${r.clusterId}\`) | ${r.support} | ${r.rate} (${r.ci}) | ${r.overall} | ${r.excess} | ${r.share} | ${r.q} |`);
  }
  lines.push('');
}
