/**
 * The slicing dimensions of a run, from the loaded conversations, their facets and the clusters: the fields
 * `--slice-by` names (checked against the conversations before any expensive work: slicing/fields.ts
 * `chosenFields`) or the default rule, crossed
 * with the top level's clusters when `--cross` is on. See src/slicing.
 */
import type { ClusterRecord } from '../artifacts/cluster-record.js';
import { clusterId, membershipAt, type Hierarchy } from '../clustering/hierarchy.js';
import { sliceDimensions, type SliceDimension } from '../slicing/dimensions.js';
import { sliceFields, type FieldChoice } from '../slicing/fields.js';
import type { Conversation, Facets, RunSettings } from '../types.js';

export interface RunSlicingInput {
  conversations: readonly Conversation[];
  facets: readonly Facets[];
  chosen: readonly FieldChoice[] | null;
  userOf: Int32Array;
  hierarchy: Hierarchy;
  clusters: readonly ClusterRecord[];
  settings: Pick<RunSettings, 'minUsers' | 'minConversations' | 'cross'>;
}

/**
 * Every slicing dimension of the run, in metrics.json order.
 * @example
 * const dims = runSliceDimensions({ conversations, facets, chosen: null, userOf, hierarchy, clusters, settings });
 * dims.map((d) => d.record.field); // ['language', 'channel', 'concern']
 */
export function runSliceDimensions(input: RunSlicingInput): SliceDimension[] {
  const { settings, hierarchy } = input;
  const fields = sliceFields({ ...input, minUsers: settings.minUsers, minConversations: settings.minConversations });
  const top = hierarchy.levels.length - 1;
  const cross = settings.cross && top >= 0
    ? {
        level: top,
        clusterOf: membershipAt(hierarchy, top),
        clusterIds: Array.from({ length: hierarchy.levels[top].k }, (_, c) => clusterId(top, c)),
        suppressed: Array.from({ length: hierarchy.levels[top].k }, (_, c) => input.clusters.find((r) => r.cluster_id === clusterId(top, c))?.suppressed ?? true),
      }
    : null;
  return sliceDimensions(fields, { userOf: input.userOf, minUsers: settings.minUsers, minConversations: settings.minConversations, cross });
}
