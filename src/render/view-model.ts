/**
 * The report's view-model: everything the templates show, already formatted, built from the run's
 * artifacts alone (run.json, metrics.json, clusters.json and the leaf centroids), so `misfire report --run DIR`
 * re-renders without recomputing. Plain data plus checked chart markup; templates escape every string.
 */
import type { ClusterRecord } from '../artifacts/cluster-record.js';
import type { MetricsDocument } from '../artifacts/metrics-document.js';
import type { RunRecord } from '../artifacts/run-record.js';
import { classifierView } from './classifier-view.js';
import { indexClusters } from './cluster-lookup.js';
import { clusterDetail, detailContext } from './cluster-detail.js';
import { clusterRows, clusterTree, rateColumns, rateSpecs } from './cluster-table.js';
import { comparisonView } from './comparison-view.js';
import { mapView, type LeafCentroids } from './map-view.js';
import { methodsView, runSummary } from './summary-view.js';
import { slicesView } from './slices-view.js';
import type { ReportView } from './view-types.js';

export type { LeafCentroids } from './map-view.js';
export type * from './view-types.js';

export interface ReportInput {
  run: RunRecord;
  metrics: MetricsDocument;
  clusters: ClusterRecord[];
  /** When the report is rendered. */
  now: Date;
  /** When the run's artifacts were written, if different from `now` (re-rendering). */
  runWritten?: Date | null;
  /** Leaf centroids for the cluster map; without them the map is left out. */
  centroids?: LeafCentroids | null;
  /** The CI gate's result, rendered by templates/partials/gate.hbs. */
  gate?: unknown;
}

/**
 * Build the view-model of index.html and report.md.
 * @example
 * const view = buildViewModel({ run, metrics, clusters, now: new Date(), centroids });
 * view.classifiers[0].fpPockets[0]?.name; // the worst false-positive pocket of the first classifier
 */
export function buildViewModel(input: ReportInput): ReportView {
  const { run, metrics, clusters } = input;
  const index = indexClusters(clusters);
  const specs = rateSpecs(metrics.classifiers, metrics.labels_present);
  const columns = rateColumns(specs);
  const ctx = detailContext(clusters, metrics.classifiers, { minUsers: run.settings.minUsers, minConversations: run.settings.minConversations, labelled: metrics.labels_present });
  const pocketRule = { alpha: metrics.settings.alpha, minEffect: metrics.settings.min_effect, minSupport: metrics.settings.min_support };
  const detailOrder = [...clusters].sort((a, b) => b.level - a.level || (a.cluster_id < b.cluster_id ? -1 : 1));
  return {
    title: 'misfire report',
    generated: input.now.toISOString(),
    runWritten: input.runWritten ? input.runWritten.toISOString() : null,
    version: run.misfire_version,
    seed: run.seed,
    summary: runSummary(run, metrics, clusters),
    classifiers: metrics.classifiers.map((c, i) => classifierView(c, i, index, pocketRule)),
    rateColumns: columns,
    clusterRows: clusterRows(clusters, specs),
    tree: clusterTree(clusters, specs),
    map: mapView(input.centroids ?? null, clusters, specs, columns),
    details: detailOrder.map((c) => clusterDetail(c, ctx)),
    comparison: comparisonView(clusters, metrics.classifiers, metrics.labels_present),
    slices: slicesView(metrics, index, { minUsers: run.settings.minUsers, minConversations: run.settings.minConversations }),
    methods: methodsView(run, metrics, clusters),
    gate: input.gate ?? null,
  };
}
