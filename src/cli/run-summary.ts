/** What `misfire run` prints on stdout when it finishes: where the report is and the top pockets (flag rates without labels). */
import type { ScaledRunOutcome } from '../api/run-at-scale.js';
import type { RunOutcome } from '../api/run.js';
import { RUN_FILES } from '../artifacts/run-files.js';
import type { ClassifierMetrics } from '../metrics/confusion.js';
import type { ErrorPocketMetrics } from '../metrics/error-pockets.js';
import { searchPText, SUPPRESSED_POCKET_NAME } from '../render/error-pocket-view.js';
import { facetsFallbackText } from '../render/facets-fallback-text.js';
import { pct, pValue } from '../render/format.js';
import { sliceName } from '../slicing/names.js';
import { proxyClassifierLines, proxyHeadline } from './proxy-summary.js';
import { sampleText } from '../render/sample-text.js';

/** Hierarchy pockets printed per classifier and kind. */
const CLUSTER_POCKETS = 3;
/** Pockets found among the errors printed per classifier and kind. */
const ERROR_POCKETS = 2;

/** A run's outcome: in memory (with its analysis) or at scale (with its cluster records). */
type SummarisedRun = Pick<RunOutcome, 'outDir' | 'run' | 'metrics'> & ({ clusters: ScaledRunOutcome['clusters'] } | { result: Pick<RunOutcome['result'], 'clusters'> });

export function printRunSummary(outcome: SummarisedRun, out: NodeJS.WritableStream = process.stdout): void {
  const { run, metrics } = outcome;
  const clusters = 'clusters' in outcome ? outcome.clusters : outcome.result.clusters;
  const names = new Map(clusters.map((c) => [c.cluster_id, c.label ?? '(suppressed)']));
  const lines = [
    `misfire: ${run.rows.conversations} conversations, ${run.rows.users} users, ${run.rows.classifiers.length} classifiers`,
    `clusters: ${run.clusters.levels.map((l) => `level ${l.level}: ${l.clusters} (${l.suppressed} suppressed)`).join('; ')}`,
  ];
  for (const line of run.missing.details) lines.push(`gap: ${line}`);
  const sample = sampleText(run);
  if (sample) lines.push(`sample: ${sample}`);
  const fallback = facetsFallbackText(run);
  if (fallback) lines.push(`facets fallback: ${fallback}`);
  if (metrics.mode === 'proxy') lines.push(...proxyHeadline(metrics, outcome.outDir));
  for (const c of metrics.classifiers) {
    if (c.proxy) {
      lines.push(...proxyClassifierLines(c, metrics, clusters));
      continue;
    }
    lines.push(`${c.name}: FPR ${pct(c.overall.fpr)}, FNR ${pct(c.overall.fnr)} (n=${c.overall.n})`);
    const rows = new Map(c.clusters.map((r) => [r.cluster_id, r]));
    for (const id of c.pockets.false_positive.slice(0, CLUSTER_POCKETS)) lines.push(`  over-flags: ${names.get(id)} [${id}] FPR ${pct(rows.get(id)?.fpr)}`);
    for (const id of c.pockets.false_negative.slice(0, CLUSTER_POCKETS)) lines.push(`  misses:     ${names.get(id)} [${id}] FNR ${pct(rows.get(id)?.fnr)}`);
    lines.push(...errorPocketLines(c));
    lines.push(...slicePocketLines(c, (id) => names.get(id) ?? null));
  }
  lines.push(`report: ${outcome.outDir}/${RUN_FILES.reportHtml}`);
  out.write(`${lines.join('\n')}\n`);
}

/**
 * The strongest slice pockets of a classifier (metadata values, language), one line each.
 * @example
 * slicePocketLines(classifier, clusterName); // ['  over-flags, slice: channel = api [S1-000] FPR 25.1% (509 benign, q 1.9e-8)']
 */
export function slicePocketLines(c: ClassifierMetrics, clusterName: (id: string) => string | null): string[] {
  const rows = new Map(c.slices.map((r) => [r.slice_id, r]));
  const line = (what: string, rate: string, id: string, kind: 'fp' | 'fn') => {
    const r = rows.get(id);
    if (!r) return [];
    const support = kind === 'fp' ? r.fp + r.tn : r.fn + r.tp;
    return [`  ${what}, slice: ${sliceName(r, clusterName)} [${id}] ${rate} ${pct(kind === 'fp' ? r.fpr : r.fnr)} (${support} ${kind === 'fp' ? 'benign' : 'harmful'}, q ${pValue(kind === 'fp' ? r.fpr_q : r.fnr_q)})`];
  };
  return [
    ...c.slice_pockets.false_positive.slice(0, CLUSTER_POCKETS).flatMap((id) => line('over-flags', 'FPR', id, 'fp')),
    ...c.slice_pockets.false_negative.slice(0, CLUSTER_POCKETS).flatMap((id) => line('misses', 'FNR', id, 'fn')),
  ];
}

/**
 * The strongest pockets found among a classifier's errors, one line each.
 * @example
 * errorPocketLines(classifier); // ['  over-flags, by meaning: Security, pentest and vulnerability [FP-1] FPR 55.8% (86 of 154, search p 0.02)']
 */
export function errorPocketLines(c: ClassifierMetrics): string[] {
  if (!c.error_pockets) return [];
  const line = (what: string, rate: string, p: ErrorPocketMetrics) =>
    `  ${what}, by meaning: ${p.suppressed || p.label === null ? SUPPRESSED_POCKET_NAME : p.label} [${p.pocket_id}] ${rate} ${pct(p.rate)} (${p.errors} of ${p.n}, search p ${searchPText(p.p_search)})`;
  return [
    ...c.error_pockets.false_positive.pockets.slice(0, ERROR_POCKETS).map((p) => line('over-flags', 'FPR', p)),
    ...c.error_pockets.false_negative.pockets.slice(0, ERROR_POCKETS).map((p) => line('misses', 'FNR', p)),
  ];
}
