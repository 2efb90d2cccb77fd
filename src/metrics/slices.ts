/**
 * Per-slice error rates of one classifier: for every slicing dimension (slicing/dimensions.ts), the same
 * statistics as the clusters of a level (confusion.ts `groupMetrics`: Wilson intervals, one-sided Fisher
 * of the slice against the rest, Benjamini–Hochberg across the slices of the dimension, excess errors, the
 * pocket rule), and the slice pockets ranked by excess errors. A suppressed slice keeps its numbers here
 * but is never a pocket: a report would have to show it without its value.
 */
import type { SliceDimension } from '../slicing/dimensions.js';
import { groupMetrics, overallFrom, type ClassifierMetrics, type GroupMetrics, type MetricsSettings } from './confusion.js';
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
): Pick<ClassifierMetrics, 'slices' | 'slice_pockets'> {
  const slices: SliceMetrics[] = [];
  for (const { record, sliceOf } of dimensions) {
    const groups = record.slices.length;
    const counts = leafCounts(sliceOf, groups, verdicts.flagged, labels);
    const all = groups > 0 ? totals(counts) : new Int32Array(STRIDE);
    const stats = groupMetrics(counts, groups, all, overallFrom(all), settings, (g) => record.slices[g].suppressed);
    stats.forEach((row, g) => {
      const slice = record.slices[g];
      if (slice.suppressed) row.pocket_fp = row.pocket_fn = false;
      slices.push({
        slice_id: slice.slice_id,
        dimension_id: record.dimension_id,
        field: record.field,
        value: slice.value,
        missing: slice.missing,
        cluster_id: slice.cluster_id,
        ...row,
      });
    });
  }
  return { slices, slice_pockets: { false_positive: rankSlicePockets(slices, 'fp'), false_negative: rankSlicePockets(slices, 'fn') } };
}

/**
 * Slice ids of the pockets of `kind`, most excess errors first (ties: by id).
 * @example
 * rankSlicePockets(slices, 'fp'); // ['S1-000', 'S2-004']
 */
export function rankSlicePockets(slices: readonly SliceMetrics[], kind: 'fp' | 'fn'): string[] {
  const excess = (r: SliceMetrics) => (kind === 'fp' ? r.excess_fp : r.excess_fn) ?? 0;
  return slices
    .filter((r) => (kind === 'fp' ? r.pocket_fp : r.pocket_fn))
    .sort((a, b) => excess(b) - excess(a) || (a.slice_id < b.slice_id ? -1 : a.slice_id > b.slice_id ? 1 : 0))
    .map((r) => r.slice_id);
}
