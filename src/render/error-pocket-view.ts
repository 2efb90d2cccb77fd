/**
 * The pockets found among a classifier's errors (metrics.json `error_pockets`, src/discovery) as the report
 * shows them: name (or a placeholder when suppressed for privacy), counts, rate with its interval against
 * the overall rate, excess errors, share of the errors, the search's permutation p, the leaf clusters the
 * members sit in, and a forest plot.
 */
import type { ClassifierMetrics } from '../metrics/confusion.js';
import type { ErrorPocketMetrics, ErrorSearchMetrics } from '../metrics/error-pockets.js';
import { forestPlot, type ForestRow } from './charts/forest-plot.js';
import { displayName, type ClusterIndex } from './cluster-lookup.js';
import { count, interval, pct, signed } from './format.js';
import { pockets, POCKETS_SHOWN, type PocketKind } from './pocket-list.js';
import type { ErrorPocketRow, ErrorPocketsView } from './pocket-types.js';

/** Shown instead of the name of a pocket too small (in users or conversations) to describe. */
export const SUPPRESSED_POCKET_NAME = 'suppressed (privacy)';

/**
 * Both kinds of one classifier, or null when the run did not search (no labels, or `--permutations 0`).
 * @example
 * errorPocketsOf(classifier, 0, clusters)?.fp.rows[0]?.name; // 'Security, pentest and vulnerability'
 */
export function errorPocketsOf(c: ClassifierMetrics, index: number, clusters: ClusterIndex): { fp: ErrorPocketsView; fn: ErrorPocketsView } | null {
  if (!c.error_pockets) return null;
  return {
    fp: errorPocketsView(c.error_pockets.false_positive, 'fp', index, clusters),
    fn: errorPocketsView(c.error_pockets.false_negative, 'fn', index, clusters),
  };
}

/** Element id of a pocket's row in the report (unique across classifiers and kinds). */
export function errorPocketAnchor(classifierIndex: number, pocketId: string): string {
  return `error-pocket-${classifierIndex}-${pocketId}`;
}

function errorPocketsView(search: ErrorSearchMetrics, kind: PocketKind, index: number, clusters: ClusterIndex): ErrorPocketsView {
  const shown = search.pockets.slice(0, POCKETS_SHOWN);
  const rows = shown.map((p) => errorPocketRow(p, index, clusters));
  const rateName = kind === 'fp' ? 'FPR' : 'FNR';
  const overall = search.pockets[0]?.overall_rate ?? null;
  const more = search.pockets.length - shown.length;
  return {
    kind,
    rateName,
    denominator: kind === 'fp' ? 'benign' : 'harmful',
    rows,
    total: search.pockets.length,
    more,
    countText: more > 0 ? `${pockets(search.pockets.length)}, ${shown.length} listed` : pockets(search.pockets.length),
    moreText: more > 0 ? `…and ${more} more ${more === 1 ? 'pocket' : 'pockets'} (see metrics.json).` : null,
    forest: forestPlot(shown.map((p, i) => forestRow(p, rows[i].name, index)), overall, rateName),
    searched: count(search.searched),
    candidates: count(search.candidates),
    permutations: count(search.permutations),
    smallestP: smallestSearchP(search.permutations),
  };
}

function errorPocketRow(p: ErrorPocketMetrics, index: number, clusters: ClusterIndex): ErrorPocketRow {
  const hidden = p.suppressed || p.label === null;
  return {
    pocketId: p.pocket_id,
    anchor: errorPocketAnchor(index, p.pocket_id),
    name: hidden ? SUPPRESSED_POCKET_NAME : (p.label ?? SUPPRESSED_POCKET_NAME),
    suppressed: hidden,
    description: hidden ? '' : (p.description ?? ''),
    n: count(p.n),
    errors: count(p.errors),
    users: count(p.users),
    rate: pct(p.rate),
    ci: interval(p.rate_ci),
    overall: pct(p.overall_rate),
    excess: signed(p.excess),
    share: pct(p.share),
    p: searchPText(p.p_search),
    leaves: p.leaves.map((leaf) => ({ clusterId: leaf.cluster_id, name: displayName(clusters.get(leaf.cluster_id), leaf.cluster_id), n: count(leaf.n) })),
  };
}

/** The smallest p a permutation test with this many shuffles can give, 1/(shuffles + 1). */
export function smallestSearchP(permutations: number): string {
  return permutations > 0 ? searchPText(1 / (permutations + 1)) : '—';
}

/**
 * A permutation p-value: a multiple of 1/(shuffles + 1), so four decimals say it exactly enough.
 * @example
 * searchPText(1 / 50); // '0.02'
 */
export function searchPText(p: number): string {
  return Number.isFinite(p) ? String(Math.round(p * 1e4) / 1e4) : '—';
}

function forestRow(p: ErrorPocketMetrics, name: string, index: number): ForestRow {
  const rate = p.rate ?? 0;
  const ci = p.rate_ci ?? [rate, rate];
  return { id: p.pocket_id, name, rate, lo: ci[0], hi: ci[1], anchor: errorPocketAnchor(index, p.pocket_id) };
}
