/** Section 5 of the report: one detail panel per cluster (rates, sweep, categories, examples). */
import type { ClusterRecord } from '../artifacts/cluster-record.js';
import type { ClassifierMetrics, ClusterMetrics } from '../metrics/confusion.js';
import { sweepPlot } from './charts/sweep-plot.js';
import { displayDescription, displayName, type ClusterIndex } from './cluster-lookup.js';
import { count, decimal, pct, pValue } from './format.js';
import { classifierExtras, clusterCategories, clusterSweep, type ClassifierExtras } from './metrics-extras.js';
import { flagRateCell, rateCell } from './rate-cell.js';
import type { ClusterDetail, DetailRate } from './view-types.js';

/** Example summaries shown per cluster, at most. */
export const EXAMPLES_SHOWN = 10;

export interface DetailContext {
  clusters: ClusterIndex;
  children: ReadonlyMap<string, ClusterRecord[]>;
  classifiers: readonly { metrics: ClassifierMetrics; rows: ReadonlyMap<string, ClusterMetrics>; extras: ClassifierExtras }[];
  labelled: boolean;
  minUsers: number;
  minConversations: number;
}

export function detailContext(
  clusters: readonly ClusterRecord[],
  classifiers: readonly ClassifierMetrics[],
  settings: { minUsers: number; minConversations: number; labelled: boolean },
): DetailContext {
  const children = new Map<string, ClusterRecord[]>();
  for (const c of clusters) {
    if (c.parent_id !== null) children.set(c.parent_id, [...(children.get(c.parent_id) ?? []), c]);
  }
  return {
    clusters: new Map(clusters.map((c) => [c.cluster_id, c])),
    children,
    classifiers: classifiers.map((metrics) => ({ metrics, rows: new Map(metrics.clusters.map((r) => [r.cluster_id, r])), extras: classifierExtras(metrics) })),
    labelled: settings.labelled,
    minUsers: settings.minUsers,
    minConversations: settings.minConversations,
  };
}

export function clusterDetail(c: ClusterRecord, ctx: DetailContext): ClusterDetail {
  const id = c.cluster_id;
  const parent = c.parent_id === null ? null : { id: c.parent_id, name: displayName(ctx.clusters.get(c.parent_id), c.parent_id) };
  const rates = ctx.classifiers.map(({ metrics, rows, extras }) => detailRate(metrics, rows.get(id), extras, id));
  return {
    id,
    level: c.level,
    labelled: ctx.labelled,
    name: displayName(c, id),
    description: displayDescription(c),
    suppressed: c.suppressed,
    suppressionNote: c.suppressed ? suppressionNote(c, ctx) : '',
    size: count(c.size),
    users: count(c.unique_users),
    parent,
    children: (ctx.children.get(id) ?? []).map((child) => ({ id: child.cluster_id, name: displayName(child, child.cluster_id) })),
    terms: c.suppressed ? [] : c.terms,
    rates,
    sweep: sweepPlot(ctx.classifiers.map(({ metrics, extras }) => ({ classifier: metrics.name, points: clusterSweep(extras, id), threshold: metrics.threshold }))),
    categories: categoryTable(id, ctx),
    examples: c.suppressed ? [] : c.examples.slice(0, EXAMPLES_SHOWN),
  };
}

function detailRate(metrics: ClassifierMetrics, row: ClusterMetrics | undefined, extras: ClassifierExtras, id: string): DetailRate {
  const scores = extras.scoreRows.get(id);
  const proxy = extras.proxyRows.get(id);
  return {
    classifier: metrics.name,
    n: row ? count(row.n) : '0',
    fpr: rateCell(row, metrics.overall, 'fpr'),
    fnr: rateCell(row, metrics.overall, 'fnr'),
    flag: flagRateCell(proxy, extras.proxy?.overall_flag_rate ?? null),
    fprQ: pValue(row?.fpr_q),
    fnrQ: pValue(row?.fnr_q),
    precision: pct(row?.precision),
    flagRate: pct(row?.flag_rate),
    auc: decimal(scores?.roc_auc),
    prAuc: decimal(scores?.pr_auc),
    meanConcern: decimal(proxy?.mean_concern, 2),
  };
}

function categoryTable(id: string, ctx: DetailContext): ClusterDetail['categories'] {
  const perClassifier = ctx.classifiers.map(({ extras }) => new Map(clusterCategories(extras, id).map((r) => [r.category, r])));
  const names = [...new Set(perClassifier.flatMap((m) => [...m.keys()]))].sort();
  if (names.length === 0) return null;
  return {
    classifiers: ctx.classifiers.map(({ metrics }) => metrics.name),
    rows: names.map((category) => ({
      category,
      cells: perClassifier.map((m) => {
        const r = m.get(category);
        return r ? `${pct(r.fnr)} (${r.fn}/${r.positives})` : '—';
      }),
    })),
  };
}

function suppressionNote(c: ClusterRecord, ctx: DetailContext): string {
  switch (c.suppression_reason) {
    case 'few_users':
      return `Text withheld: fewer than ${ctx.minUsers} distinct users.`;
    case 'few_conversations':
      return `Text withheld: fewer than ${ctx.minConversations} conversations.`;
    case 'privacy_audit':
      return 'Text withheld: the privacy audit flagged this cluster.';
    default:
      return 'Text withheld for privacy.';
  }
}
