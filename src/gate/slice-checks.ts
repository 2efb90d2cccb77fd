/**
 * The run's slicing dimensions (metadata values, the language facet, value × cluster) checked like the
 * clusters of a level: per slice, the paired FPR over its benign and FNR over its harmful conversations,
 * exact McNemar, Benjamini–Hochberg across the slices of one dimension and rate, and the clusters' rule and
 * settings. A conversation in no slice of a dimension (placed from --conversations without a known value)
 * counts in no check of that dimension.
 */
import { MisfireError } from '../errors.js';
import { benjaminiHochberg } from '../stats/index.js';
import { pairedFields } from './paired-check.js';
import { pairedCounts } from './paired-counts.js';
import { checkStatus } from './rule.js';
import type { GateInput, GateMetric, GateSettings, GateSliceCheck, GateSliceDimensionResult, GateSlicesResult, GateSlicesStatus } from './types.js';

const METRICS: readonly GateMetric[] = ['fpr', 'fnr'];

/** The sentence a gate output shows about the slice checks. */
export function slicesNote(status: GateSlicesStatus, fields: readonly string[]): string {
  switch (status) {
    case 'checked':
      return (
        `${fields.length} slicing dimension${fields.length === 1 ? '' : 's'} of the run (${fields.join(', ')}), each slice checked like a cluster ` +
        'on FPR and FNR, Benjamini–Hochberg across the slices of a dimension'
      );
    case 'none':
      return 'the run had no slicing dimension (no metadata field met the default rule, and no --slice-by): no slice checks';
    case 'not_recorded':
      return 'the run has no slices.csv (written before misfire sliced by metadata, or counted in a streamed run: its slices are in metrics.json only): no slice checks';
  }
}

/**
 * Check every slice of `input.slices`, dimension by dimension, slice by slice (FPR before FNR).
 * @example
 * checkSlices({ ...input, slices: { status: 'checked', dimensions: [{ id: 'S1', field: 'channel', cross_level: null, slices, membership }] } }, settings)
 * // { status: 'checked', note: '1 slicing dimension …', dimensions: [{ dimension_id: 'S1', checks: [{ scope: 'slice', slice_name: 'channel = api', … }] }] }
 */
export function checkSlices(input: GateInput, settings: GateSettings): GateSlicesResult {
  const given = input.slices ?? { status: 'not_recorded', dimensions: [] };
  const status: GateSlicesStatus = given.status === 'checked' && given.dimensions.length === 0 ? 'none' : given.status;
  const n = input.labels.length;
  const dimensions: GateSliceDimensionResult[] = given.dimensions.map((dim) => {
    if (dim.membership.length !== n) throw new MisfireError('gate', `slicing dimension ${dim.id} covers ${dim.membership.length} of ${n} conversations`);
    const groups = dim.slices.length;
    // Conversations in no slice go to one extra group that is never checked.
    const groupOf = Int32Array.from(dim.membership, (s) => (s < 0 ? groups : s));
    const counts = pairedCounts(input.labels, input.baselineFlags, input.candidateFlags, groupOf, groups + 1);
    const checks: GateSliceCheck[][] = dim.slices.map(() => []);
    for (const metric of METRICS) {
      const rows = dim.slices.map((slice, g) => ({
        scope: 'slice' as const,
        dimension_id: dim.id,
        field: dim.field,
        slice_id: slice.id,
        slice_name: slice.name,
        suppressed: slice.suppressed,
        ...pairedFields(counts[g][metric], metric),
      }));
      const q = benjaminiHochberg(rows.map((r) => r.p));
      rows.forEach((row, g) => {
        const decided = checkStatus({ support: row.support, increase: row.increase, significance: q[g], maxIncrease: settings.max_increase }, settings, 'q');
        checks[g].push({ ...row, q: q[g], ...decided });
      });
    }
    return { dimension_id: dim.id, field: dim.field, cross_level: dim.cross_level, checks: checks.flat() };
  });
  const fields = given.dimensions.map((d) => (d.cross_level === null ? d.field : `${d.field} × level-${d.cross_level} cluster`));
  const note = given.note && status === 'checked' ? `${slicesNote(status, fields)}; ${given.note}` : slicesNote(status, fields);
  return { status, note, dimensions };
}
