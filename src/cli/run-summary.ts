/** What `misfire run` prints on stdout when it finishes: where the report is and the top pockets. */
import type { RunOutcome } from '../api/run.js';
import { RUN_FILES } from '../artifacts/run-files.js';
import { facetsFallbackText } from '../render/facets-fallback-text.js';
import { pct } from '../render/format.js';

export function printRunSummary(outcome: RunOutcome, out: NodeJS.WritableStream = process.stdout): void {
  const { run, metrics, result } = outcome;
  const names = new Map(result.clusters.map((c) => [c.cluster_id, c.label ?? '(suppressed)']));
  const lines = [
    `misfire: ${run.rows.conversations} conversations, ${run.rows.users} users, ${run.rows.classifiers.length} classifiers`,
    `clusters: ${run.clusters.levels.map((l) => `level ${l.level}: ${l.clusters} (${l.suppressed} suppressed)`).join('; ')}`,
  ];
  for (const line of run.missing.details) lines.push(`gap: ${line}`);
  const fallback = facetsFallbackText(run);
  if (fallback) lines.push(`facets fallback: ${fallback}`);
  for (const c of metrics.classifiers) {
    lines.push(`${c.name}: FPR ${pct(c.overall.fpr)}, FNR ${pct(c.overall.fnr)} (n=${c.overall.n})`);
    const rows = new Map(c.clusters.map((r) => [r.cluster_id, r]));
    for (const id of c.pockets.false_positive.slice(0, 3)) lines.push(`  over-flags: ${names.get(id)} [${id}] FPR ${pct(rows.get(id)?.fpr)}`);
    for (const id of c.pockets.false_negative.slice(0, 3)) lines.push(`  misses:     ${names.get(id)} [${id}] FNR ${pct(rows.get(id)?.fnr)}`);
  }
  lines.push(`report: ${outcome.outDir}/${RUN_FILES.reportHtml}`);
  out.write(`${lines.join('\n')}\n`);
}
