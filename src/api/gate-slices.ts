/**
 * The slicing dimensions the gate checks: the (baseline) run's, with each of its conversations' slice from
 * slices.csv (read and checked by artifacts/read-slices.ts). Conversations placed from `--conversations`
 * join a metadata slice by their own value when the run showed that value (or by having no value), and
 * the cross slice of that value and their cluster; they join no language slice (their language was never
 * detected) and no suppressed slice (the run kept no suppressed value to match).
 */
import { readRunSlices } from '../artifacts/read-slices.js';
import { gateClusterName } from '../gate/compute-gate.js';
import type { GateSliceDimension, GateSlicesInput } from '../gate/types.js';
import type { SliceDimensionRecord } from '../slicing/dimensions.js';
import { valueText } from '../slicing/fields.js';
import { sliceName } from '../slicing/names.js';
import type { Conversation } from '../types.js';
import type { StoredRun } from './gate-run-files.js';

/**
 * The run's slicing dimensions as gate input; membership covers the run's conversations, then `placed` in order.
 * @example
 * const slices = await loadGateSlices(stored, [], []); // { status: 'checked', dimensions: [{ id: 'S1', field: 'channel', … }] }
 */
export async function loadGateSlices(stored: StoredRun, placed: readonly Conversation[], placedLeaves: readonly string[]): Promise<GateSlicesInput> {
  const recorded = await readRunSlices(stored, stored);
  if (!recorded.recorded) return { status: 'not_recorded', dimensions: [] };
  const clusters = new Map(stored.clusters.map((c) => [c.cluster_id, c]));
  const clusterName = (id: string) => {
    const cluster = clusters.get(id);
    return cluster ? gateClusterName({ id, label: cluster.label, suppressed: cluster.suppressed }) : null;
  };
  const run = stored.conversationIds.length;
  const dimensions = recorded.dimensions.map(({ record, sliceOf }): GateSliceDimension => {
    const membership = new Int32Array(run + placed.length).fill(-1);
    membership.set(sliceOf);
    placed.forEach((conversation, i) => {
      membership[run + i] = placedSlice(record, conversation, placedLeaves[i], clusters);
    });
    return {
      id: record.dimension_id,
      field: record.field,
      cross_level: record.cross_level,
      slices: record.slices.map((s) => ({ id: s.slice_id, name: sliceName({ ...s, field: record.field }, clusterName), suppressed: s.suppressed })),
      membership,
    };
  });
  const note = placed.length
    ? `the ${placed.length} conversations placed from --conversations join a metadata slice by their value when the run showed it, and no language slice`
    : undefined;
  return { status: 'checked', dimensions, note };
}

/** The slice of a placed conversation in one dimension, or −1. */
function placedSlice(record: SliceDimensionRecord, conversation: Conversation, leaf: string | undefined, clusters: ReadonlyMap<string, { parent_id: string | null; level: number }>): number {
  if (record.source === 'facet') return -1;
  const value = valueText(conversation.metadata.get(record.field));
  const cluster = record.cross_level === null ? null : ancestorAt(leaf, record.cross_level, clusters);
  if (record.cross_level !== null && cluster === null) return -1;
  return record.slices.findIndex((s) => !s.suppressed && (value === null ? s.missing : s.value === value) && s.cluster_id === cluster);
}

function ancestorAt(leaf: string | undefined, level: number, clusters: ReadonlyMap<string, { parent_id: string | null; level: number }>): string | null {
  let id: string | null = leaf ?? null;
  while (id !== null) {
    const cluster = clusters.get(id);
    if (!cluster) return null;
    if (cluster.level === level) return id;
    id = cluster.parent_id;
  }
  return null;
}
