/**
 * What `misfire run` prints for a run without labels (proxy mode): that it measured flag rates, not error
 * rates, how to get error rates (`misfire sample`), and per classifier its flag rate with its flag-rate
 * pockets — or, when the conversations carry a concern score, its proxy candidates.
 */
import type { ClusterRecord } from '../artifacts/cluster-record.js';
import type { MetricsDocument } from '../artifacts/metrics-document.js';
import type { ClassifierMetrics } from '../metrics/confusion.js';
import type { ProxyClusterMetrics, ProxyMetrics } from '../metrics/proxy.js';
import { flagRatePockets, flagRatesOnly, proxyTotals, sampleCommand } from '../render/flag-rate-pockets.js';
import { decimal, pct, pValue } from '../render/format.js';

/** Pockets (or candidates of each kind) printed per classifier. */
const SHOWN = 3;

/**
 * The lines that say what a run without labels shows, and how to measure error rates instead.
 * @example
 * proxyHeadline(metrics, 'reports/prod');
 * // ['no labels and no concern score: flag rates only, not error rates. To measure FPR and FNR, label a sample: misfire sample --run reports/prod --budget N --classifier NAME', '("flags most": …)']
 */
export function proxyHeadline(metrics: MetricsDocument, outDir: string): string[] {
  const sample = `To measure FPR and FNR, label a sample: ${sampleCommand(outDir)}`;
  if (!metrics.classifiers.some((c) => flagRatesOnly(c.proxy))) return [`no labels: flag rates against the concern score, a proxy, not error rates. ${sample}`];
  return [
    `no labels and no concern score: flag rates only, not error rates. ${sample}`,
    '("flags most": a cluster flagged significantly more often than on average; it may hold more harmful conversations rather than more errors: only labels tell)',
  ];
}

/**
 * One classifier of a run without labels: its flag rate, then its flag-rate pockets (no concern score) or
 * its proxy candidates (with one).
 * @example
 * proxyClassifierLines(keywordV1, metrics, clusters);
 * // ['keyword-v1: flags 34.2% (1027 of 3000 verdicts)', '  flags most: Mg dose, … [L0-004] flag rate 87.6% (overall 34.2%, q 3.1e-48)', …]
 */
export function proxyClassifierLines(c: ClassifierMetrics, metrics: MetricsDocument, clusters: readonly ClusterRecord[]): string[] {
  const proxy = c.proxy as ProxyMetrics;
  const names = new Map(clusters.map((r) => [r.cluster_id, r.suppressed ? '(suppressed)' : (r.label ?? '(unnamed)')]));
  const totals = proxyTotals(proxy);
  const overall = pct(proxy.overall_flag_rate);
  const concern = flagRatesOnly(proxy) ? '' : `, mean concern ${decimal(proxy.mean_concern, 2)}`;
  const lines = [`${c.name}: flags ${overall} (${totals.flagged} of ${totals.verdicts} verdicts${concern})`];
  const line = (what: string, r: ProxyClusterMetrics, q: number | null) =>
    `  ${what}: ${names.get(r.cluster_id) ?? r.cluster_id} [${r.cluster_id}] flag rate ${pct(r.flag_rate)} (overall ${overall}${r.mean_concern === null ? '' : `, concern ${decimal(r.mean_concern, 2)}`}, q ${pValue(q)})`;
  if (flagRatesOnly(proxy)) {
    const rule = { alpha: metrics.settings.alpha, minEffect: metrics.settings.min_effect, minSupport: metrics.settings.min_support };
    const pockets = flagRatePockets(proxy, rule, clusters);
    for (const r of pockets.slice(0, SHOWN)) lines.push(line('flags most', r, r.over_flag_q));
    if (pockets.length > SHOWN) lines.push(`  …and ${pockets.length - SHOWN} more clusters it flags more than on average (see the report)`);
    if (pockets.length === 0) lines.push('  no cluster is flagged significantly more often than on average');
    return lines;
  }
  const rows = new Map(proxy.clusters.map((r) => [r.cluster_id, r]));
  for (const id of proxy.candidates.false_positive.slice(0, SHOWN)) lines.push(line('flags a lot, low concern', rows.get(id) as ProxyClusterMetrics, rows.get(id)?.over_flag_q ?? null));
  for (const id of proxy.candidates.false_negative.slice(0, SHOWN)) lines.push(line('flags little, high concern', rows.get(id) as ProxyClusterMetrics, rows.get(id)?.under_flag_q ?? null));
  return lines;
}
