/**
 * The gate's plain-text summary for the terminal: verdict first, the overall checks, every failing and
 * warning cluster, every pocket of the baseline's errors, then every failing and warning slice.
 */
import { allChecks, checkMessage, checkTitle, pocketsHeading, sliceChecks, type AnyCheck } from './describe-check.js';
import type { GateResult, GateVerdict } from './types.js';

const VERDICT_LINE: Record<GateVerdict, string> = {
  pass: 'PASS',
  fail: 'FAIL (regression)',
  insufficient_data: 'INSUFFICIENT DATA (too few labelled conversations to judge the overall rates)',
};

/**
 * Lines to print after a gate (no trailing newline on each).
 * @example
 * gateSummaryLines(gate)[0]; // 'misfire gate: FAIL (regression) — detector-v3 vs baseline detector-v2 on 3000 paired labelled conversations'
 */
export function gateSummaryLines(gate: GateResult): string[] {
  const lines = [
    `misfire gate: ${VERDICT_LINE[gate.verdict]} — ${gate.candidate} vs baseline ${gate.baseline} on ${gate.paired.conversations} paired labelled conversations`,
  ];
  if (gate.source && gate.source.placed_conversations > 0) {
    lines.push(`  ${gate.source.placed_conversations} conversations new to the baseline run were placed at their nearest baseline cluster`);
  }
  if (gate.design) lines.push(`  ${gate.design.note}`);
  for (const check of gate.overall) lines.push(`  ${checkTitle(check)}: ${checkMessage(check, gate)}`);
  const notable = (c: AnyCheck) => c.status === 'fail' || c.status === 'warn';
  const clusters = allChecks(gate).filter((c) => c.scope === 'cluster' && notable(c));
  for (const check of clusters) lines.push(`  ${checkTitle(check)}: ${checkMessage(check, gate)}`);
  lines.push(`  ${pocketsHeading(gate)}: ${gate.pockets.note}`);
  // Every pocket, not only the notable ones: whether the candidate fixed what the baseline got wrong is news too.
  for (const check of gate.pockets.checks) lines.push(`    ${checkTitle(check)}: ${checkMessage(check, gate)}`);
  const slices = sliceChecks(gate).filter(notable);
  lines.push(`  Slices: ${gate.slices.note}${gate.slices.status === 'checked' ? ` (${slices.length} failing or warning)` : ''}`);
  for (const check of slices) lines.push(`    ${checkTitle(check)}: ${checkMessage(check, gate)}`);
  const c = gate.counts;
  lines.push(`  checks: ${c.fail} fail, ${c.warn} warn, ${c.pass} pass, ${c.insufficient_data} insufficient data`);
  return lines;
}
