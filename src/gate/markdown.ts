/**
 * The gate as GitHub-flavoured Markdown, for a pull-request comment or `$GITHUB_STEP_SUMMARY`: the verdict,
 * the overall rates, every failing and warning cluster (passing clusters are only counted), every pocket
 * of the baseline's errors (few, and an improvement there is news too), then every failing and warning slice.
 */
import { checkSubject, describeP, METRIC_NAMES, percent, pocketsHeading, sliceChecks, type AnyCheck } from './describe-check.js';
import type { CheckStatus, GateResult, GateVerdict } from './types.js';

/**
 * Make text safe inside a Markdown table cell: no HTML (GitHub renders it), no emphasis or links, no pipes.
 * @example
 * markdownCell('a|b <i>'); // 'a\\|b &lt;i&gt;'
 */
export function markdownCell(text: string): string {
  return text
    .replace(/[\r\n]+/g, ' ')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/([\\`*_[\]|#~!])/g, '\\$1');
}

const HEADLINE: Record<GateVerdict, string> = {
  pass: 'PASS',
  fail: 'FAIL — regression',
  insufficient_data: 'INSUFFICIENT DATA — cannot judge the overall rates',
};

function rateCell(check: AnyCheck, which: 'baseline' | 'candidate'): string {
  const side = check[which];
  const ci = side.ci ? ` (${percent(side.ci[0])}–${percent(side.ci[1])})` : '';
  return `${percent(side.rate)}${ci}`;
}

function change(check: AnyCheck): string {
  if (check.increase === null) return 'n/a';
  const points = (check.increase * 100).toFixed(1);
  return `${check.increase > 0 ? '+' : ''}${points} pts`;
}

/** A table of checks; `subject` names the first column (none for the overall checks). */
function table(checks: readonly AnyCheck[], gate: GateResult, subject: 'Cluster' | 'Pocket' | 'Slice' | null): string[] {
  const head = subject ? `| ${subject} | Metric |` : '| Metric |';
  const rule = subject ? '| --- | --- |' : '| --- |';
  const lines = [
    `${head} n | ${markdownCell(gate.baseline)} | ${markdownCell(gate.candidate)} | Change | p | q | Status |`,
    `${rule} ---: | --- | --- | ---: | ---: | ---: | --- |`,
  ];
  for (const c of checks) {
    const first = subject ? `| ${markdownCell(checkSubject(c))} ` : '';
    lines.push(
      `${first}| ${METRIC_NAMES[c.metric]} | ${c.support} | ${rateCell(c, 'baseline')} | ${rateCell(c, 'candidate')} | ${change(c)} | ` +
        `${describeP(c.p)} | ${c.scope === 'overall' ? '—' : describeP(c.q)} | ${c.status.replace('_', ' ')} |`,
    );
  }
  return lines;
}

/**
 * Render the gate as Markdown (deterministic).
 * @example
 * appendFileSync(process.env.GITHUB_STEP_SUMMARY, gateMarkdown(gate));
 */
export function gateMarkdown(gate: GateResult): string {
  const s = gate.settings;
  const clusters = gate.levels.flatMap((l) => l.checks);
  const failing = clusters.filter((c) => c.status === 'fail');
  const warning = clusters.filter((c) => c.status === 'warn');
  const thin = clusters.filter((c) => c.status === 'insufficient_data');
  const passing = clusters.length - failing.length - warning.length - thin.length;
  const out = [
    `## misfire gate: ${HEADLINE[gate.verdict]}`,
    '',
    `Candidate **${markdownCell(gate.candidate)}** against baseline **${markdownCell(gate.baseline)}** on ` +
      `${gate.paired.conversations} paired labelled conversations (${gate.paired.negatives} benign, ${gate.paired.positives} harmful).`,
    '',
    `Rule: a cluster fails when its FPR or FNR rises by ≥ ${(s.max_increase * 100).toFixed(1)} points with BH-adjusted ` +
      `q < ${s.alpha} on ≥ ${s.min_support} conversations; overall fails on a rise of ≥ ${(s.max_overall_increase * 100).toFixed(1)} points ` +
      `with p < ${s.alpha} (exact one-sided McNemar on paired verdicts).`,
    '',
    ...(gate.design ? [`Sample: ${markdownCell(gate.design.note)}.`, ''] : []),
    '### Overall',
    '',
    ...table(gate.overall, gate, null),
    '',
    `### Clusters: ${failing.length} failing, ${warning.length} warning, ${passing} passing, ${thin.length} with insufficient data`,
    '',
  ];
  if (failing.length) out.push('#### Failing', '', ...table(failing, gate, 'Cluster'), '');
  if (warning.length) out.push('#### Warnings', '', ...table(warning, gate, 'Cluster'), '');
  if (thin.length) {
    out.push(
      `<details><summary>${thin.length} checks with fewer than ${s.min_support} conversations (not judged)</summary>`,
      '',
      ...table(thin, gate, 'Cluster'),
      '',
      '</details>',
      '',
    );
  }
  out.push(...pocketSection(gate), ...sliceSection(gate));
  return `${out.join('\n').trimEnd()}\n`;
}

/** Every pocket check under its own heading, or the sentence saying why there are none. */
function pocketSection(gate: GateResult): string[] {
  const { checks, note } = gate.pockets;
  const count = (status: CheckStatus) => checks.filter((c) => c.status === status).length;
  const tally = checks.length
    ? `: ${count('fail')} failing, ${count('warn')} warning, ${count('pass')} passing, ${count('insufficient_data')} with insufficient data`
    : '';
  const lines = [`### ${markdownCell(pocketsHeading(gate))}${tally}`, '', `${markdownCell(capitalise(note))}.`, ''];
  if (checks.length) {
    lines.push('Each pocket is checked like a cluster, with Benjamini–Hochberg across the pockets.', '', ...table(checks, gate, 'Pocket'), '');
  }
  return lines;
}

/** Failing and warning slices (the rest counted), or the sentence saying why there are none. */
function sliceSection(gate: GateResult): string[] {
  const checks = sliceChecks(gate);
  const count = (status: CheckStatus) => checks.filter((c) => c.status === status).length;
  const tally = checks.length
    ? `: ${count('fail')} failing, ${count('warn')} warning, ${count('pass')} passing, ${count('insufficient_data')} with insufficient data`
    : '';
  const lines = [`### Slices${tally}`, '', `${markdownCell(capitalise(gate.slices.note))}.`, ''];
  const failing = checks.filter((c) => c.status === 'fail');
  const warning = checks.filter((c) => c.status === 'warn');
  if (failing.length) lines.push('#### Failing slices', '', ...table(failing, gate, 'Slice'), '');
  if (warning.length) lines.push('#### Warning slices', '', ...table(warning, gate, 'Slice'), '');
  return lines;
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
