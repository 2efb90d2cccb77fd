/**
 * report.md of a run without labels: what it can and cannot say, how to measure error rates instead
 * (`misfire sample`), each classifier's flag rate, and its flag-rate pockets (no concern score) or its
 * proxy candidates (with one).
 */
import { mdCell } from './markdown-text.js';
import type { ProxyRow, ReportView } from './view-types.js';

/**
 * The notice at the top of report.md in proxy mode.
 * @example
 * proxyNoticeLines(lines, view.summary); // '> **Flag rates only:** this run has no labels and no concern score, …'
 */
export function proxyNoticeLines(lines: string[], summary: ReportView['summary']): void {
  const sample = summary.proxyNotice ? ` To measure error rates, have a sample labelled: \`${summary.proxyNotice.sampleCommand}\` (DIR = this run's folder) chooses which conversations to send to human review.` : '';
  if (summary.proxyNotice?.flagRatesOnly) {
    lines.push(
      '> **Flag rates only:** this run has no labels and no concern score, so it cannot measure error rates (FPR, FNR) and has no proxy for them. ' +
        'Below: how often each classifier flags, and the clusters it flags significantly more often than on average, which may hold more harmful conversations rather than more errors.' +
        sample,
      '',
    );
    return;
  }
  lines.push(`> **No labels:** error rates cannot be measured; flag rates against concern are a proxy, not a measurement.${sample}`, '');
}

/**
 * Each classifier's flag rate, then its flag-rate pockets or proxy candidates.
 * @example
 * proxyTables(lines, view); // '| classifier | verdicts | flagged | flag rate |' …
 */
export function proxyTables(lines: string[], view: ReportView): void {
  lines.push('| classifier | verdicts | flagged | flag rate |', '|---|---:|---:|---:|');
  for (const c of view.classifiers) lines.push(`| ${mdCell(c.name)} | ${c.proxy?.verdicts ?? '—'} | ${c.proxy?.flagged ?? '—'} | ${c.flagRate} |`);
  lines.push('');
  for (const c of view.classifiers) {
    const proxy = c.proxy;
    if (!proxy) continue;
    if (proxy.flagRatesOnly) {
      lines.push(`### ${mdCell(c.name)}: where it flags more than on average (flag-rate pockets)`, '');
      if (proxy.pockets.length === 0) lines.push('No cluster is flagged significantly more often than on average.', '');
      else table(lines, proxy.pockets, `${proxy.pocketsCount}${proxy.pocketsListed ? `, ${proxy.pocketsListed}` : ''}, most excess flags first.`, false);
      continue;
    }
    lines.push(`### ${mdCell(c.name)}: flags a lot, low concern (false-positive candidates)`, '');
    table(lines, proxy.fp, null, true);
    lines.push(`### ${mdCell(c.name)}: flags little, high concern (false-negative candidates)`, '');
    table(lines, proxy.fn, null, true);
  }
}

function table(lines: string[], rows: readonly ProxyRow[], countText: string | null, concern: boolean): void {
  if (rows.length === 0) {
    lines.push('No candidate.', '');
    return;
  }
  if (countText) lines.push(countText, '');
  lines.push(
    `| cluster | verdicts | flag rate (95% CI) | overall |${concern ? ' mean concern |' : ''} excess flags | q |`,
    `|---|---:|---|---:|${concern ? '---:|' : ''}---:|---:|`,
  );
  for (const r of rows) {
    const id = /^[\w.-]+$/.test(r.clusterId) ? `\`${r.clusterId}\`` : mdCell(r.clusterId);
    lines.push(`| ${mdCell(r.name)} (${id}) | ${r.verdicts} | ${r.flagRate} (${r.ci}) | ${r.overall} |${concern ? ` ${r.meanConcern} |` : ''} ${r.excess} | ${r.q} |`);
  }
  lines.push('');
}
