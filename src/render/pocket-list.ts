/**
 * The hierarchy's pockets of one classifier and kind as the report lists them: in metrics.json's order
 * (most excess errors first), sibling pockets grouped under their parent cluster (one entry for the parent,
 * its pocket children listed under it), cut after POCKETS_SHOWN pockets with the rest counted.
 */
import type { ClassifierMetrics, ClusterMetrics } from '../metrics/confusion.js';
import { forestPlot, type ForestRow } from './charts/forest-plot.js';
import { displayDescription, displayName, type ClusterIndex } from './cluster-lookup.js';
import { pocketRateCells } from './pocket-rate-cells.js';
import type { PocketGroup, PocketListView, PocketRow } from './pocket-types.js';

/** Pockets listed (and plotted) per classifier and kind; the rest are counted. */
export const POCKETS_SHOWN = 10;

export type PocketKind = 'fp' | 'fn';

/** `1 pocket`, `3 pockets`. */
export const pockets = (n: number): string => `${n} ${n === 1 ? 'pocket' : 'pockets'}`;

/**
 * @example
 * const list = pocketList(classifier, 'fn', clusters);
 * list.total; // pockets in metrics.json
 * list.more; // pockets not listed
 */
export function pocketList(c: ClassifierMetrics, kind: PocketKind, clusters: ClusterIndex): PocketListView {
  const rows = new Map(c.clusters.map((r) => [r.cluster_id, r]));
  const ids = (kind === 'fp' ? c.pockets.false_positive : c.pockets.false_negative).filter((id) => rows.has(id));
  const row = (id: string) => pocketRow(rows.get(id) as ClusterMetrics, kind, c, clusters);
  const groups: PocketGroup[] = [];
  let listed = 0;
  for (const entry of groupSiblings(ids, rows, clusters)) {
    if (listed >= POCKETS_SHOWN) break;
    const headNote = entry.headIsPocket ? null : parentNote(rows.get(entry.head) as ClusterMetrics, kind, entry.children.length);
    groups.push({ head: row(entry.head), headIsPocket: entry.headIsPocket, headNote, children: entry.children.map(row) });
    listed += entry.children.length + (entry.headIsPocket ? 1 : 0);
  }
  const plotted = groups.flatMap((g) => [
    ...(g.headIsPocket ? [forestRow(rows.get(g.head.clusterId) as ClusterMetrics, kind, g.head.name, false)] : []),
    ...g.children.map((p) => forestRow(rows.get(p.clusterId) as ClusterMetrics, kind, p.name, true)),
  ]);
  const more = ids.length - listed;
  return {
    groups,
    total: ids.length,
    listed,
    more,
    grouped: groups.some((g) => g.children.length > 0),
    countText: more > 0 ? `${pockets(ids.length)}, ${listed} listed` : pockets(ids.length),
    moreText: more > 0 ? `…and ${more} more ${more === 1 ? 'pocket' : 'pockets'} (see metrics.json).` : null,
    forest: forestPlot(plotted, kind === 'fp' ? c.overall.fpr : c.overall.fnr, kind === 'fp' ? 'FPR' : 'FNR'),
  };
}

/** Why a group's head is not a listed pocket: not one at all, or one whose excess errors are its pocket children's. */
function parentNote(head: ClusterMetrics, kind: PocketKind, children: number): string {
  const flagged = kind === 'fp' ? head.pocket_fp : head.pocket_fn;
  return flagged ? `parent of ${pockets(children)}, whose excess errors are mostly theirs` : `parent of ${pockets(children)}, not one itself`;
}

interface Entry {
  head: string;
  headIsPocket: boolean;
  children: string[];
}

/**
 * Entries in rank order: sibling pockets (two or more with one parent) become one entry headed by the
 * parent, placed where its best-ranked pocket was; a pocket heading a group is not grouped again above.
 */
function groupSiblings(ids: readonly string[], rows: ReadonlyMap<string, ClusterMetrics>, clusters: ClusterIndex): Entry[] {
  const pockets = new Set(ids);
  const groupOf = new Map<string, string>();
  const heads = new Set<string>();
  const levels = [...new Set(ids.map((id) => rows.get(id)?.level ?? 0))].sort((a, b) => a - b);
  for (const level of levels) {
    const byParent = new Map<string, string[]>();
    for (const id of ids) {
      const parent = clusters.get(id)?.parent_id;
      if (rows.get(id)?.level !== level || heads.has(id) || !parent) continue;
      byParent.set(parent, [...(byParent.get(parent) ?? []), id]);
    }
    for (const [parent, children] of byParent) {
      if (children.length < 2 || !rows.has(parent)) continue;
      heads.add(parent);
      for (const child of children) groupOf.set(child, parent);
    }
  }
  const entries: Entry[] = [];
  const placed = new Set<string>();
  for (const id of ids) {
    const head = heads.has(id) ? id : groupOf.get(id);
    if (head === undefined) {
      entries.push({ head: id, headIsPocket: true, children: [] });
      continue;
    }
    if (placed.has(head)) continue;
    placed.add(head);
    entries.push({ head, headIsPocket: pockets.has(head), children: ids.filter((child) => groupOf.get(child) === head) });
  }
  return entries;
}

function pocketRow(r: ClusterMetrics, kind: PocketKind, c: ClassifierMetrics, clusters: ClusterIndex): PocketRow {
  const record = clusters.get(r.cluster_id);
  return {
    clusterId: r.cluster_id,
    name: displayName(record, r.cluster_id),
    description: displayDescription(record),
    level: r.level,
    ...pocketRateCells(r, kind, c.overall),
  };
}

function forestRow(r: ClusterMetrics, kind: PocketKind, name: string, nested: boolean): ForestRow {
  const rate = (kind === 'fp' ? r.fpr : r.fnr) ?? 0;
  const ci = (kind === 'fp' ? r.fpr_ci : r.fnr_ci) ?? [rate, rate];
  return { id: r.cluster_id, name, rate, lo: ci[0], hi: ci[1], anchor: `cluster-${r.cluster_id}`, nested };
}
