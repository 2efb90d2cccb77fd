/**
 * Metadata slices of a count-based run: the field dimensions (`S0`, `S1`, … in the order the fields were
 * chosen; values in compareValues order; privacy suppression by distinct users from the values' sketches
 * and by conversations) and every classifier's slice statistics, through the functions a run in memory
 * uses (slicing/dimensions.ts `valueDimensionRecord`, metrics/slices.ts `dimensionSliceMetrics` and
 * `rankSlicePockets`). Field slices do not depend on the clustering, so they equal the in-memory run's
 * (distinct users exactly so below the sketch size). Pure.
 */
import type { ClassifierMetrics, MetricsSettings } from '../metrics/confusion.js';
import { STRIDE } from '../metrics/counts.js';
import { dimensionSliceMetrics, rankSlicePockets, type SliceMetrics } from '../metrics/slices.js';
import { compareValues, valueDimensionRecord, type SliceDimensionRecord } from '../slicing/dimensions.js';
import type { SliceFieldCounts } from './slice-counts.js';

export interface CountedSlices {
  /** metrics.json `slicing.dimensions`. */
  dimensions: SliceDimensionRecord[];
  /** Classifier name → its `slices` and `slice_pockets`. */
  byClassifier: Map<string, Pick<ClassifierMetrics, 'slices' | 'slice_pockets'>>;
}

/**
 * The slicing dimensions and each classifier's slice statistics from slice counts.
 * @example
 * const { dimensions, byClassifier } = slicesFromCounts(table.slicing ?? [], ['v7'], settings, { minUsers: 5, minConversations: 5 });
 * byClassifier.get('v7')?.slice_pockets.false_positive; // e.g. ['S0-001']
 */
export function slicesFromCounts(
  slicing: readonly SliceFieldCounts[],
  classifiers: readonly string[],
  settings: MetricsSettings,
  privacy: { minUsers: number; minConversations: number },
): CountedSlices {
  const dims = slicing.map((field, d) => {
    const values = [...field.values.keys()].sort(compareValues);
    const counts = values.map((v) => field.values.get(v) as NonNullable<ReturnType<typeof field.values.get>>);
    const record = valueDimensionRecord(
      { id: `S${d}`, field: field.field, source: field.source },
      values,
      counts.map((c) => c.conversations),
      counts.map((c) => c.users.count()),
      privacy,
    );
    return { record, counts };
  });
  const byClassifier = new Map<string, Pick<ClassifierMetrics, 'slices' | 'slice_pockets'>>();
  for (const name of classifiers) {
    const slices: SliceMetrics[] = [];
    for (const { record, counts } of dims) {
      const cells = new Int32Array(counts.length * STRIDE);
      counts.forEach((c, g) => {
        const of = c.cells.get(name);
        if (of) cells.set(of, g * STRIDE);
      });
      slices.push(...dimensionSliceMetrics(record, cells, settings));
    }
    byClassifier.set(name, { slices, slice_pockets: { false_positive: rankSlicePockets(slices, 'fp'), false_negative: rankSlicePockets(slices, 'fn') } });
  }
  return { dimensions: dims.map((d) => d.record), byClassifier };
}
