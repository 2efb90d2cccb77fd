/**
 * The mis-fire pockets of one classifier and kind, ranked by excess errors, each listed once: a parent
 * cluster whose pocket children account for most of its excess errors is those children again (its other
 * children add nothing), so it is left out of the list (its row keeps its statistics and its pocket flag).
 * A parent whose only shown (unsuppressed) child is itself a pocket holds nearly the same conversations as
 * that child and is left out too.
 */
import type { Hierarchy } from '../clustering/hierarchy.js';
import type { ClusterMetrics } from './confusion.js';

export type PocketKind = 'fp' | 'fn';

/** A parent is listed only when its pocket children explain less than this share of its excess errors. */
export const EXPLAINED_SHARE = 0.5;

/**
 * Cluster ids of the pockets of `kind`, most excess errors first (ties: lower level, then id).
 * `rows[level][index]` are the metrics of every cluster of every level.
 * @example
 * rankPockets(hierarchy, rowsByLevel, 'fn'); // ['L0-001', 'L1-003']
 */
export function rankPockets(hierarchy: Hierarchy, rows: readonly (readonly ClusterMetrics[])[], kind: PocketKind): string[] {
  const isPocket = (r: ClusterMetrics) => (kind === 'fp' ? r.pocket_fp : r.pocket_fn);
  const excess = (r: ClusterMetrics) => (kind === 'fp' ? r.excess_fp : r.excess_fn) ?? 0;
  const listed: ClusterMetrics[] = [];
  rows.forEach((levelRows, level) => {
    const children = level > 0 ? shownChildren(hierarchy, rows, level) : null;
    levelRows.forEach((row, index) => {
      if (!isPocket(row)) return;
      const shown = children?.get(index) ?? [];
      if (shown.length === 1 && isPocket(shown[0])) return;
      const explained = shown.filter(isPocket).reduce((sum, child) => sum + Math.max(0, excess(child)), 0);
      if (explained > 0 && explained >= EXPLAINED_SHARE * excess(row)) return;
      listed.push(row);
    });
  });
  return listed
    .sort((a, b) => excess(b) - excess(a) || a.level - b.level || (a.cluster_id < b.cluster_id ? -1 : 1))
    .map((r) => r.cluster_id);
}

/** Parent index at `level` → the rows of its unsuppressed children. */
function shownChildren(hierarchy: Hierarchy, rows: readonly (readonly ClusterMetrics[])[], level: number): Map<number, ClusterMetrics[]> {
  const parentOf = hierarchy.levels[level - 1]?.parentOf;
  const children = rows[level - 1] ?? [];
  const shown = new Map<number, ClusterMetrics[]>();
  if (!parentOf) return shown;
  children.forEach((child, c) => {
    if (child.suppressed) return;
    const list = shown.get(parentOf[c]);
    if (list) list.push(child);
    else shown.set(parentOf[c], [child]);
  });
  return shown;
}
