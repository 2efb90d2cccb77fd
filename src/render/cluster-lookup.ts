/** Cluster records by id, and the display name of a cluster (suppressed clusters never show text). */
import type { ClusterRecord } from '../artifacts/cluster-record.js';

export type ClusterIndex = ReadonlyMap<string, ClusterRecord>;

export function indexClusters(clusters: readonly ClusterRecord[]): ClusterIndex {
  return new Map(clusters.map((c) => [c.cluster_id, c]));
}

/** Name shown for a cluster: its label, or a neutral placeholder when suppressed or unnamed. */
export function displayName(record: ClusterRecord | undefined, id: string): string {
  if (!record) return `cluster ${id}`;
  if (record.suppressed) return `suppressed cluster ${id}`;
  return record.label ?? `cluster ${id}`;
}

/** One-line description, empty when suppressed. */
export function displayDescription(record: ClusterRecord | undefined): string {
  if (!record || record.suppressed) return '';
  return record.description ?? '';
}
