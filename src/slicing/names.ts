/**
 * How a slice is named wherever it is shown (report, report.md, CLI summary, gate outputs): `field = value`,
 * `field: no value` for the conversations without one, and never the value of a suppressed slice.
 */

/** Shown in place of a suppressed slice's value. */
export const SUPPRESSED_VALUE = '(suppressed value)';
/** Shown for the slice of conversations without a value. */
export const NO_VALUE = '(no value)';

/** The fields of a slice its name is made of. */
export interface NamedSlice {
  field: string;
  value: string | null;
  missing: boolean;
  suppressed: boolean;
  cluster_id: string | null;
}

/**
 * The value as shown: the value, `(no value)` or `(suppressed value)`.
 * @example
 * sliceValueText({ value: 'api', missing: false, suppressed: false }); // 'api'
 */
export function sliceValueText(slice: Pick<NamedSlice, 'value' | 'missing' | 'suppressed'>): string {
  if (slice.suppressed || (slice.value === null && !slice.missing)) return SUPPRESSED_VALUE;
  return slice.missing ? NO_VALUE : (slice.value as string);
}

/**
 * The slice's display name; a cross slice adds its cluster (by name when `clusterName` gives one).
 * @example
 * sliceName({ field: 'channel', value: 'api', missing: false, suppressed: false, cluster_id: 'L1-002' }, () => 'Code and scripts');
 * // 'channel = api × Code and scripts'
 */
export function sliceName(slice: NamedSlice, clusterName: (id: string) => string | null = () => null): string {
  const base = `${slice.field} = ${sliceValueText(slice)}`;
  if (slice.cluster_id === null) return base;
  return `${base} × ${clusterName(slice.cluster_id) ?? slice.cluster_id}`;
}
