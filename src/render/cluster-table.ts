/** Section 4 of the report: the rate columns, the table of all clusters and the collapsible hierarchy. */
import type { ClusterRecord } from '../artifacts/cluster-record.js';
import type { ClassifierMetrics } from '../metrics/confusion.js';
import { displayName } from './cluster-lookup.js';
import { count } from './format.js';
import { classifierExtras } from './metrics-extras.js';
import { RATE_NAMES, flagRateCell, rateCell, type RateKind } from './rate-cell.js';
import type { ClusterRow, RateCell, RateColumn, TreeNode } from './view-types.js';

/** One rate column: FPR or FNR of a classifier, or its flag rate when there are no labels. */
export interface RateSpec {
  classifier: string;
  kind: RateKind;
  cell(clusterId: string): RateCell;
}

export function rateSpecs(classifiers: readonly ClassifierMetrics[], labelsPresent: boolean): RateSpec[] {
  return classifiers.flatMap((c): RateSpec[] => {
    const rows = new Map(c.clusters.map((r) => [r.cluster_id, r]));
    if (!labelsPresent) {
      const extras = classifierExtras(c);
      const overall = extras.proxy?.overall_flag_rate ?? c.overall.flag_rate;
      return [{ classifier: c.name, kind: 'flag_rate', cell: (id) => flagRateCell(extras.proxyRows.get(id), overall) }];
    }
    return (['fpr', 'fnr'] as const).map((kind) => ({ classifier: c.name, kind, cell: (id: string) => rateCell(rows.get(id), c.overall, kind) }));
  });
}

export function rateColumns(specs: readonly RateSpec[]): RateColumn[] {
  return specs.map((s, index) => ({ classifier: s.classifier, metric: RATE_NAMES[s.kind], index }));
}

export function ratesOf(id: string, specs: readonly RateSpec[]): RateCell[] {
  return specs.map((s) => s.cell(id));
}

/** Every cluster, highest level first then by id (the table's initial order). */
export function clusterRows(clusters: readonly ClusterRecord[], specs: readonly RateSpec[]): ClusterRow[] {
  return [...clusters].sort(byLevelThenId).map((c) => {
    const name = displayName(c, c.cluster_id);
    return {
      id: c.cluster_id,
      level: c.level,
      name,
      suppressed: c.suppressed,
      size: count(c.size),
      sizeValue: c.size,
      users: count(c.unique_users),
      usersValue: c.unique_users,
      rates: ratesOf(c.cluster_id, specs),
      search: `${c.cluster_id} ${name}`.toLowerCase(),
    };
  });
}

/** The hierarchy as nested nodes, roots first (top level), children by size. */
export function clusterTree(clusters: readonly ClusterRecord[], specs: readonly RateSpec[]): TreeNode[] {
  const children = new Map<string, ClusterRecord[]>();
  for (const c of clusters) {
    if (c.parent_id === null) continue;
    const list = children.get(c.parent_id) ?? [];
    list.push(c);
    children.set(c.parent_id, list);
  }
  const node = (c: ClusterRecord): TreeNode => ({
    id: c.cluster_id,
    level: c.level,
    name: displayName(c, c.cluster_id),
    suppressed: c.suppressed,
    size: count(c.size),
    rates: ratesOf(c.cluster_id, specs),
    children: (children.get(c.cluster_id) ?? []).sort(bySize).map(node),
  });
  const top = Math.max(0, ...clusters.map((c) => c.level));
  return clusters.filter((c) => c.level === top).sort(bySize).map(node);
}

const byId = (a: ClusterRecord, b: ClusterRecord) => (a.cluster_id < b.cluster_id ? -1 : a.cluster_id > b.cluster_id ? 1 : 0);
const bySize = (a: ClusterRecord, b: ClusterRecord) => b.size - a.size || byId(a, b);
const byLevelThenId = (a: ClusterRecord, b: ClusterRecord) => b.level - a.level || byId(a, b);
