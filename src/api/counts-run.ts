/**
 * The artifacts of a run whose numbers come from a count table (a streamed `misfire run`, `misfire merge`):
 * the hierarchy and names of the fitted clusters, sizes and distinct users from the table, privacy decided
 * again on those full counts, and metrics from the counts (src/counts/metrics.ts); metadata slices from the
 * table's per-field counts (src/counts/slice-metrics.ts) when it has them.
 */
import { clusterId } from '../clustering/hierarchy.js';
import type { SuppressionReason } from '../clustering/privacy.js';
import type { Hierarchy } from '../clustering/hierarchy.js';
import { BottomK, CLUSTER_SKETCH_SIZE } from '../counts/bottom-k.js';
import { hierarchyForCounts, metricsFromCounts } from '../counts/metrics.js';
import { slicesFromCounts } from '../counts/slice-metrics.js';
import type { CountTable } from '../counts/table.js';
import { inputError } from '../errors.js';
import { describeGaps } from '../metrics/join.js';
import { leafToLevelMaps } from '../metrics/levels.js';
import { metricsDocument, type MetricsDocument } from '../artifacts/metrics-document.js';
import type { ClusterRecord } from '../artifacts/cluster-record.js';
import type { LeafCentroids } from '../artifacts/model-files.js';
import type { RunFolderContent } from '../artifacts/write-run.js';
import type { RunSettings } from './settings.js';

export interface CountsRunParts {
  hierarchy: Hierarchy;
  clusters: ClusterRecord[];
  metrics: MetricsDocument;
  gapLines: string[];
}

/**
 * The run-folder content every counted run shares: its metrics and clusters, no assignments (a streamed
 * run writes them as it goes, a merged run has none), no pockets among the errors, and no slices.csv when
 * there are slices (it needs every conversation's slice id, known only once every value is counted; an
 * empty slices.csv, header only, otherwise).
 * @example await writeRunArtifacts(writer, { ...countedRunContent(parts), run, timings, embeddingModel, centroids, report });
 */
export function countedRunContent(parts: CountsRunParts): Pick<RunFolderContent, 'metrics' | 'clusters' | 'assignments' | 'pockets' | 'slices'> {
  return { metrics: parts.metrics, clusters: parts.clusters, assignments: null, pockets: [], slices: parts.metrics.slicing.dimensions.length ? null : [] };
}

/**
 * Hierarchy, cluster records and metrics.json of the counted conversations. `fitted` are the cluster
 * records of the fit (clusters.json of the model run, or of the sample): their names, terms and examples
 * are kept unless the full counts suppress the cluster; a cluster the fit suppressed stays suppressed.
 * @example const { metrics, clusters } = countsRunParts(table, fitted, centroids, settings);
 */
export function countsRunParts(table: CountTable, fitted: readonly ClusterRecord[], centroids: LeafCentroids, settings: RunSettings): CountsRunParts {
  if (table.classifiers.size === 0) throw inputError('no verdicts: the count tables hold no verdict of any classifier on their conversations');
  const hierarchy = hierarchyOfRecords(fitted, table, centroids);
  const users = usersByLevel(hierarchy, table);
  const clusters: ClusterRecord[] = [];
  const suppressed = new Set<string>();
  const byId = new Map(fitted.map((r) => [r.cluster_id, r]));
  hierarchy.levels.forEach((level, l) => {
    for (let c = 0; c < level.k; c++) {
      const id = clusterId(l, c);
      const fit = byId.get(id) as ClusterRecord;
      const size = level.sizes[c];
      const reason: SuppressionReason =
        users[l][c] < settings.minUsers ? 'few_users' : size < settings.minConversations ? 'few_conversations' : fit.suppression_reason;
      const shown = reason === null;
      if (!shown) suppressed.add(id);
      clusters.push({
        ...fit,
        label: shown ? fit.label : null,
        description: shown ? fit.description : null,
        size,
        unique_users: users[l][c],
        suppressed: !shown,
        suppression_reason: reason,
        terms: shown ? fit.terms : [],
        examples: shown ? fit.examples : [],
      });
    }
  });
  const result = metricsFromCounts(table, hierarchy, { settings, suppressedAt: (level, index) => suppressed.has(clusterId(level, index)) });
  const counted = slicesFromCounts(table.slicing ?? [], result.classifiers.map((c) => c.name), settings, settings);
  for (const m of result.classifiers) Object.assign(m, counted.byClassifier.get(m.name));
  const slices = counted.dimensions.map((record) => ({ record, sliceOf: new Int32Array(0) }));
  const metrics = metricsDocument({ joined: { labels: table.labelled ? true : null }, metrics: result.classifiers, slices }, settings);
  return { hierarchy, clusters, metrics, gapLines: gapLinesOf(table) };
}

/**
 * The gaps a table counted, in the words of a run over conversations (src/metrics/join.ts); the example ids
 * are the smallest of each kind.
 * @example gapLinesOf(table); // ['2 conversations have no label (e.g. c000017, c000342)']
 */
export function gapLinesOf(table: CountTable): string[] {
  const names = [...table.classifiers.keys()].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  return describeGaps({
    gaps: { unknownVerdictIds: table.read.unknownVerdictIds, unknownLabelIds: table.read.unknownLabelIds, unlabelled: table.unlabelled, examples: table.examples },
    classifiers: names.map((name) => ({ name, missing: table.classifiers.get(name)?.missing ?? 0 })),
  });
}

/**
 * Stop unless the inputs line up or `--allow-missing` was given (the message of a run over conversations).
 * @example assertNoGaps(gapLinesOf(table), settings.allowMissing);
 */
export function assertNoGaps(gapLines: readonly string[], allowMissing: boolean): void {
  if (gapLines.length && !allowMissing) {
    throw inputError(`inputs do not line up:\n  - ${gapLines.join('\n  - ')}\nfix the files, or pass --allow-missing to proceed and report these counts`);
  }
}

/** The hierarchy the fitted records describe (their parent ids), sized by the table's conversations. */
function hierarchyOfRecords(fitted: readonly ClusterRecord[], table: CountTable, centroids: LeafCentroids): Hierarchy {
  const levels = Math.max(...fitted.map((r) => r.level)) + 1;
  const ks = Array.from({ length: levels }, (_, l) => fitted.filter((r) => r.level === l).length);
  if (ks[0] !== table.leaves || centroids.k !== table.leaves) {
    throw inputError(`the model has ${ks[0]} leaf clusters (${centroids.k} centroids), the count tables ${table.leaves}: they were counted with another model`);
  }
  const index = (id: string | null) => Number(/-(\d+)$/.exec(id ?? '')?.[1] ?? -1);
  const parents = ks.map((k, l) => {
    if (l === levels - 1) return null;
    const parentOf = new Int32Array(k);
    for (const r of fitted) if (r.level === l) parentOf[index(r.cluster_id)] = index(r.parent_id);
    return parentOf;
  });
  return hierarchyForCounts(parents, ks, table.conversations, centroids.data, centroids.dim);
}

/** Distinct users of every cluster of every level: the union of its leaves' sketches. */
function usersByLevel(hierarchy: Hierarchy, table: CountTable): number[][] {
  const maps = leafToLevelMaps(hierarchy);
  return hierarchy.levels.map((level, l) => {
    if (l === 0) return table.users.map((s) => s.count());
    const sketches = Array.from({ length: level.k }, () => new BottomK(CLUSTER_SKETCH_SIZE));
    table.users.forEach((sketch, leaf) => sketches[maps[l][leaf]].addAll(sketch));
    return sketches.map((s) => s.count());
  });
}
