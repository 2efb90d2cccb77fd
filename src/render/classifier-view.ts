/** Sections 2, 3 and 4 of the report for one classifier: overall figures, confusion matrix, pockets. */
import type { ClassifierMetrics } from '../metrics/confusion.js';
import type { ProxyClusterMetrics } from '../metrics/proxy.js';
import type { ShiftEntry, ThresholdMove } from '../metrics/scores.js';
import { sweepPlot } from './charts/sweep-plot.js';
import { displayDescription, displayName, type ClusterIndex } from './cluster-lookup.js';
import { errorPocketsOf } from './error-pocket-view.js';
import { count, decimal, interval, pct, pValue, signed } from './format.js';
import { classifierExtras, overallSweep, proxyCorrelation, type ClassifierExtras } from './metrics-extras.js';
import { pocketList, POCKETS_SHOWN } from './pocket-list.js';
import { flagRatePockets, flagRatesOnly, proxyTotals, type PocketRule } from './flag-rate-pockets.js';
import type { ClassifierView, ProxyRow, ProxyView, ShiftRow, ThresholdMoveView } from './view-types.js';


/**
 * @example
 * classifierView(metrics.classifiers[0], 0, indexClusters(clusters), { alpha: 0.05, minEffect: 0.05, minSupport: 20 }).fpPockets.total;
 */
export function classifierView(c: ClassifierMetrics, index: number, clusters: ClusterIndex, rule: PocketRule): ClassifierView {
  const extras = classifierExtras(c);
  const o = c.overall;
  const sweep = overallSweep(extras);
  const operating = extras.scores?.operating_threshold ?? c.threshold;
  return {
    index,
    name: c.name,
    n: count(o.n),
    confusion: { tp: count(o.tp), fp: count(o.fp), tn: count(o.tn), fn: count(o.fn) },
    fpr: pct(o.fpr),
    fprCi: interval(o.fpr_ci),
    fnr: pct(o.fnr),
    fnrCi: interval(o.fnr_ci),
    precision: pct(o.precision),
    recall: pct(o.recall),
    flagRate: pct(extras.proxy?.overall_flag_rate ?? o.flag_rate),
    prevalence: pct(o.prevalence),
    threshold: operating === null || operating === undefined ? null : `score ≥ ${operating}${extras.scores?.threshold_source ? ` (${String(extras.scores.threshold_source).replace(/_/g, ' ')})` : ''}`,
    hasScores: c.has_scores,
    auc: decimal(extras.scores?.roc_auc),
    prAuc: decimal(extras.scores?.pr_auc),
    fpPockets: pocketList(c, 'fp', clusters),
    fnPockets: pocketList(c, 'fn', clusters),
    errorPockets: errorPocketsOf(c, index, clusters),
    sweep: sweep.length ? sweepPlot([{ classifier: c.name, points: sweep, threshold: operating ?? null }]) : null,
    thresholdMoves: thresholdMoves(extras, clusters),
    proxy: proxyView(extras, clusters, rule),
  };
}

function thresholdMoves(extras: ClassifierExtras, clusters: ClusterIndex): ThresholdMoveView[] {
  const shift = extras.scores?.shift;
  if (!shift) return [];
  const entry = (e: ShiftEntry): ShiftRow => ({
    clusterId: e.cluster_id,
    name: displayName(clusters.get(e.cluster_id), e.cluster_id),
    level: e.level,
    change: `${signed(e.d_errors, 0)} errors (FP ${signed(e.d_fp, 0)}, FN ${signed(e.d_fn, 0)})`,
  });
  const move = (direction: 'down' | 'up', m: ThresholdMove): ThresholdMoveView => ({
    direction,
    threshold: String(m.threshold),
    overall: `FP ${signed(m.d_fp, 0)}, FN ${signed(m.d_fn, 0)} → FPR ${pct(m.fpr)}, FNR ${pct(m.fnr)}`,
    gains: m.gains.map(entry),
    losses: m.losses.map(entry),
  });
  return [move('down', shift.down), move('up', shift.up)];
}

function proxyView(extras: ClassifierExtras, clusters: ClusterIndex, rule: PocketRule): ProxyView | null {
  const proxy = extras.proxy;
  if (!proxy) return null;
  const row = (id: string, q: number | null = null): ProxyRow[] => {
    const r: ProxyClusterMetrics | undefined = extras.proxyRows.get(id);
    if (!r) return [];
    const record = clusters.get(id);
    q ??= r.candidate === 'false_negative' ? r.under_flag_q : r.over_flag_q;
    return [{
      clusterId: id,
      name: displayName(record, id),
      description: displayDescription(record),
      level: r.level,
      verdicts: r.verdicts,
      flagRate: pct(r.flag_rate),
      ci: interval(r.flag_rate_ci),
      overall: pct(proxy.overall_flag_rate),
      meanConcern: decimal(r.mean_concern, 2) ?? '—',
      excess: signed(r.excess_flags),
      q: pValue(q),
    }];
  };
  const pockets = flagRatePockets(proxy, rule, clusters.values());
  const totals = proxyTotals(proxy);
  return {
    r: decimal(proxyCorrelation(extras, 0), 2),
    meanConcern: decimal(proxy.mean_concern, 2),
    fp: proxy.candidates.false_positive.slice(0, POCKETS_SHOWN).flatMap((id) => row(id)),
    fn: proxy.candidates.false_negative.slice(0, POCKETS_SHOWN).flatMap((id) => row(id)),
    flagRatesOnly: flagRatesOnly(proxy),
    verdicts: count(totals.verdicts),
    flagged: count(totals.flagged),
    pockets: pockets.slice(0, POCKETS_SHOWN).flatMap((r) => row(r.cluster_id, r.over_flag_q)),
    pocketsCount: `${count(pockets.length)} ${pockets.length === 1 ? 'cluster' : 'clusters'}`,
    pocketsListed: pockets.length > POCKETS_SHOWN ? `${POCKETS_SHOWN} listed` : null,
  };
}
