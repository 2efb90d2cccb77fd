/**
 * Per-slice error rates of one classifier: for every slicing dimension (slicing/dimensions.ts), the same
 * statistics as the clusters of a level (confusion.ts `groupMetrics`: Wilson intervals, one-sided Fisher
 * of the slice against the rest, Benjamini–Hochberg across the slices of the dimension, excess errors, the
 * pocket rule), and the slice pockets ranked by excess errors. A suppressed slice keeps its numbers here
 * but is never a pocket: a report would have to show it without its value. A cross slice (value × cluster)
 * is listed among the pockets only when its rate is at least min-effect above both its value's rate and
 * its cluster's: otherwise the value or the cluster explains it, and is listed itself (the cross slice's
 * row keeps its pocket flag), as a parent cluster whose pocket children explain it is not listed again.
 */
import type { SliceDimension, SliceDimensionRecord } from '../slicing/dimensions.js';
import { groupMetrics, overallFrom, type ClassifierMetrics, type ClusterMetrics, type GroupMetrics, type MetricsSettings } from './confusion.js';
import { leafCounts, STRIDE, totals } from './counts.js';
import type { ClassifierVerdicts } from './join.js';

/** One slice's statistics (`classifiers[].slices[]` in metrics.json). */
export interface SliceMetrics extends GroupMetrics {
  slice_id: string;
  dimension_id: string;
  field: string;
  /** The value as text; null when suppressed or for the conversations without a value (`missing`). */
  value: string | null;
  missing: boolean;
  /** Cross dimensions: the cluster the slice lies in; else null. */
  cluster_id: string | null;
}

/**
 * The slices of every dimension, and the slice pockets of each kind (most excess errors first; ties by id).
 * @example
 * const { slices, slice_pockets } = sliceMetrics(dimensions, verdicts, labels, settings);
 * slice_pockets.false_positive[0]; // e.g. 'S1-000' (channel = api)
 */
export function sliceMetrics(
  dimensions: readonly SliceDimension[],
  verdicts: ClassifierVerdicts,
  labels: Int8Array | null,
  settings: MetricsSettings,
  clusters: readonly ClusterMetrics[] = [],
): Pick<ClassifierMetrics, 'slices' | 'slice_pockets'> {
  const slices: SliceMetrics[] = [];
  for (const { record, sliceOf } of dimensions) {
    slices.push(...dimensionSliceMetrics(record, leafCounts(sliceOf, record.slices.length, verdicts.flagged, labels), settings));
  }
  const listed = explainedElsewhere(dimensions, slices, clusters, settings.minEffect);
  return {
    slices,
    slice_pockets: { false_positive: rankSlicePockets(slices, 'fp', listed.fp), false_negative: rankSlicePockets(slices, 'fn', listed.fn) },
  };
}

/**
 * The statistics of one dimension's slices from their counts (slices × STRIDE, src/metrics/counts.ts
 * layout): each slice against the rest of the dimension, BH across its slices; a suppressed slice is never
 * a pocket. Runs over count tables call it with counts added from shards (src/counts/slice-metrics.ts).
 * @example
 * const rows = dimensionSliceMetrics(dimension.record, leafCounts(dimension.sliceOf, dimension.record.slices.length, flagged, labels), settings);
 */
export function dimensionSliceMetrics(record: SliceDimensionRecord, counts: Int32Array, settings: MetricsSettings): SliceMetrics[] {
  const groups = record.slices.length;
  const all = groups > 0 ? totals(counts) : new Int32Array(STRIDE);
  const stats = groupMetrics(counts, groups, all, overallFrom(all), settings, (g) => record.slices[g].suppressed);
  return stats.map((row, g) => {
    const slice = record.slices[g];
    if (slice.suppressed) row.pocket_fp = row.pocket_fn = false;
    return {
      slice_id: slice.slice_id,
      dimension_id: record.dimension_id,
      field: record.field,
      value: slice.value,
      missing: slice.missing,
      cluster_id: slice.cluster_id,
      ...row,
    };
  });
}

/** Per kind, the cross slices whose value or cluster explains their rate (rate < max(value's, cluster's) + min-effect). */
function explainedElsewhere(dimensions: readonly SliceDimension[], slices: readonly SliceMetrics[], clusters: readonly ClusterMetrics[], minEffect: number) {
  const rows = new Map(slices.map((r) => [r.slice_id, r]));
  const clusterRows = new Map(clusters.map((r) => [r.cluster_id, r]));
  const out = { fp: new Set<string>(), fn: new Set<string>() };
  for (const { record, crossOf } of dimensions) {
    if (!crossOf) continue;
    record.slices.forEach((slice, g) => {
      const row = rows.get(slice.slice_id) as SliceMetrics;
      const value = rows.get(crossOf.dimension.slices[crossOf.valueSlice[g]].slice_id);
      const cluster = slice.cluster_id === null ? undefined : clusterRows.get(slice.cluster_id);
      for (const kind of ['fp', 'fn'] as const) {
        const rate = (r: { fpr: number | null; fnr: number | null } | undefined) => (r ? (kind === 'fp' ? r.fpr : r.fnr) : null) ?? 0;
        if (rate(row) - Math.max(rate(value), rate(cluster)) < minEffect - 1e-12) out[kind].add(slice.slice_id);
      }
    });
  }
  return out;
}

/**
 * Slice ids of the pockets of `kind`, most excess errors first (ties: by id), leaving out the ids in `skip`.
 * @example
 * rankSlicePockets(slices, 'fp'); // ['S1-000', 'S2-004']
 */
export function rankSlicePockets(slices: readonly SliceMetrics[], kind: 'fp' | 'fn', skip: ReadonlySet<string> = new Set()): string[] {
  const excess = (r: SliceMetrics) => (kind === 'fp' ? r.excess_fp : r.excess_fn) ?? 0;
  return slices
    .filter((r) => (kind === 'fp' ? r.pocket_fp : r.pocket_fn) && !skip.has(r.slice_id))
    .sort((a, b) => excess(b) - excess(a) || (a.slice_id < b.slice_id ? -1 : a.slice_id > b.slice_id ? 1 : 0))
    .map((r) => r.slice_id);
}
