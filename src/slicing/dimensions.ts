/**
 * Slicing dimensions: one per slicing field (each distinct value a slice, the conversations without a value
 * one more), and with --cross one per field × the clusters of the top level (each value's part of each
 * cluster a slice). Every conversation is in exactly one slice of each dimension. The privacy thresholds of
 * clusters apply: a slice with fewer than min-users distinct users or min-conversations conversations is
 * suppressed — its value is never written anywhere — and so is a cross slice of a suppressed cluster. Pure.
 */
import { distinctUsersPerCluster } from '../clustering/privacy.js';
import { byCodeUnit, type FieldSource, type SliceField } from './fields.js';

export type SliceSuppressionReason = 'few_users' | 'few_conversations' | 'cluster_suppressed' | null;

/** One slice as metrics.json records it (`slicing.dimensions[].slices[]`). */
export interface SliceRecord {
  /** `S1-002`: dimension id, then the slice's position in the dimension. */
  slice_id: string;
  /** The value as text; null when the slice is suppressed, or holds the conversations without a value. */
  value: string | null;
  /** The conversations that have no value for the field (absent, null or empty). */
  missing: boolean;
  /** Cross dimensions: the cluster this slice is the value's part of; else null. */
  cluster_id: string | null;
  size: number;
  unique_users: number;
  suppressed: boolean;
  suppression_reason: SliceSuppressionReason;
}

/** One slicing dimension as metrics.json records it (`slicing.dimensions[]`). */
export interface SliceDimensionRecord {
  /** `S0`, `S1`, …: the field dimensions in order, then the cross dimensions. */
  dimension_id: string;
  field: string;
  source: FieldSource;
  /** The cluster level the field is crossed with (--cross), else null. */
  cross_level: number | null;
  slices: SliceRecord[];
}

/** A dimension with every conversation's slice. */
export interface SliceDimension {
  record: SliceDimensionRecord;
  /** Conversation → index into `record.slices`. */
  sliceOf: Int32Array;
  /** A cross dimension's field dimension, and each cross slice's value slice in it; null for a field dimension. */
  crossOf?: { dimension: SliceDimensionRecord; valueSlice: Int32Array } | null;
}

/** The clusters of one level, for --cross. */
export interface CrossClusters {
  level: number;
  /** Conversation → cluster index at `level`. */
  clusterOf: Int32Array;
  clusterIds: readonly string[];
  suppressed: readonly boolean[];
}

export interface DimensionContext {
  userOf: Int32Array;
  minUsers: number;
  minConversations: number;
  /** Cross every field with these clusters; null = no cross dimensions. */
  cross: CrossClusters | null;
}

/**
 * The dimensions of `fields`: field dimensions `S0…`, then (with `ctx.cross`) the cross dimensions.
 * @example
 * const dims = sliceDimensions([{ field: 'channel', source: 'metadata', values: ['web', 'api', 'web'] }], { userOf, minUsers: 1, minConversations: 1, cross: null });
 * dims[0].record.slices.map((s) => s.value); // ['api', 'web']
 */
export function sliceDimensions(fields: readonly SliceField[], ctx: DimensionContext): SliceDimension[] {
  const plain = fields.map((field, d) => valueDimension(field, `S${d}`, ctx));
  const cross = ctx.cross;
  if (!cross) return plain;
  return [...plain, ...plain.map((dim, d) => crossDimension(dim, `S${fields.length + d}`, cross, ctx))];
}

/**
 * Order of values in a dimension: numbers by value before text, text by code unit, no value last.
 * @example
 * ['b', null, '10', '9', 'a'].sort(compareValues); // ['9', '10', 'a', 'b', null]
 */
export function compareValues(a: string | null, b: string | null): number {
  if (a === b) return 0;
  if (a === null) return 1;
  if (b === null) return -1;
  const x = asNumber(a);
  const y = asNumber(b);
  if (x !== null && y !== null && x !== y) return x - y;
  if (x !== null && y === null) return -1;
  if (x === null && y !== null) return 1;
  return byCodeUnit(a, b);
}

const DECIMAL = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$/;

function asNumber(text: string): number | null {
  const n = DECIMAL.test(text) ? Number(text) : Number.NaN;
  return Number.isFinite(n) ? n : null;
}

const sliceId = (dimension: string, index: number) => `${dimension}-${String(index).padStart(3, '0')}`;

function privacyReason(users: number, size: number, ctx: Pick<DimensionContext, 'minUsers' | 'minConversations'>): SliceSuppressionReason {
  return users < ctx.minUsers ? 'few_users' : size < ctx.minConversations ? 'few_conversations' : null;
}

function valueDimension(field: SliceField, id: string, ctx: DimensionContext): SliceDimension {
  const distinct = [...new Set(field.values)].sort(compareValues);
  const index = new Map(distinct.map((v, i) => [v, i]));
  const sliceOf = Int32Array.from(field.values, (v) => index.get(v) as number);
  const sizes = groupSizes(sliceOf, distinct.length);
  const users = distinctUsersPerCluster(sliceOf, ctx.userOf, distinct.length);
  const record = valueDimensionRecord({ id, field: field.field, source: field.source }, distinct, sizes, users, ctx);
  return { record, sliceOf };
}

/**
 * A field dimension's record from its values (in compareValues order), their sizes and distinct users:
 * slice ids by position, privacy suppression by min-users and min-conversations. Shared by runs over
 * conversations and runs over count tables (src/counts/slice-metrics.ts).
 * @example
 * valueDimensionRecord({ id: 'S0', field: 'channel', source: 'metadata' }, ['api', null], [40, 3], [12, 2], { minUsers: 5, minConversations: 5 }).slices[1].suppressed; // true
 */
export function valueDimensionRecord(
  dim: { id: string; field: string; source: FieldSource },
  values: readonly (string | null)[],
  sizes: ArrayLike<number>,
  users: ArrayLike<number>,
  ctx: Pick<DimensionContext, 'minUsers' | 'minConversations'>,
): SliceDimensionRecord {
  const slices = values.map((value, i): SliceRecord => {
    const reason = privacyReason(users[i], sizes[i], ctx);
    return {
      slice_id: sliceId(dim.id, i),
      value: reason === null ? value : null,
      missing: value === null,
      cluster_id: null,
      size: sizes[i],
      unique_users: users[i],
      suppressed: reason !== null,
      suppression_reason: reason,
    };
  });
  return { dimension_id: dim.id, field: dim.field, source: dim.source, cross_level: null, slices };
}

function crossDimension(dim: SliceDimension, id: string, cross: CrossClusters, ctx: DimensionContext): SliceDimension {
  const k = cross.clusterIds.length;
  const keys = new Float64Array(dim.sliceOf.length);
  for (let i = 0; i < keys.length; i++) keys[i] = dim.sliceOf[i] * k + cross.clusterOf[i];
  const present = [...new Set(keys)].sort((a, b) => a - b);
  const index = new Map(present.map((key, i) => [key, i]));
  const sliceOf = Int32Array.from(keys, (key) => index.get(key) as number);
  const sizes = groupSizes(sliceOf, present.length);
  const users = distinctUsersPerCluster(sliceOf, ctx.userOf, present.length);
  const slices = present.map((key, i): SliceRecord => {
    const value = dim.record.slices[Math.floor(key / k)];
    const cluster = key % k;
    const reason = privacyReason(users[i], sizes[i], ctx) ?? (cross.suppressed[cluster] ? 'cluster_suppressed' : null);
    return {
      slice_id: sliceId(id, i),
      value: reason === null ? value.value : null,
      missing: value.missing,
      cluster_id: cross.clusterIds[cluster],
      size: sizes[i],
      unique_users: users[i],
      suppressed: reason !== null,
      suppression_reason: reason,
    };
  });
  const valueSlice = Int32Array.from(present, (key) => Math.floor(key / k));
  return {
    record: { dimension_id: id, field: dim.record.field, source: dim.record.source, cross_level: cross.level, slices },
    sliceOf,
    crossOf: { dimension: dim.record, valueSlice },
  };
}

function groupSizes(groupOf: Int32Array, groups: number): Int32Array {
  const sizes = new Int32Array(groups);
  for (const g of groupOf) sizes[g]++;
  return sizes;
}
