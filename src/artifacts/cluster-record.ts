/** One cluster in `clusters.json`: the hierarchy, names and privacy decisions of a run. */
import type { SuppressionReason } from '../clustering/privacy.js';
import { aBoolean, aString, aWholeNumber, listOf, objectOf, oneOf, orNull, type Shape } from './json-shape.js';

export interface ClusterRecord {
  cluster_id: string;
  parent_id: string | null;
  level: number;
  label: string | null;
  description: string | null;
  size: number;
  unique_users: number;
  suppressed: boolean;
  suppression_reason: SuppressionReason;
  /** Distinctive terms behind an offline label (each used by ≥ min-users users); empty when suppressed. */
  terms: string[];
  /** Privacy-safe examples: keyword condensations, or abstractive summaries (leaf clusters only; empty when suppressed). */
  examples: string[];
}

const clusterRecord = objectOf<ClusterRecord>({
  cluster_id: aString,
  parent_id: orNull(aString),
  level: aWholeNumber,
  label: orNull(aString),
  description: orNull(aString),
  size: aWholeNumber,
  unique_users: aWholeNumber,
  suppressed: aBoolean,
  suppression_reason: oneOf(['few_users', 'few_conversations', 'privacy_audit', null]),
  terms: listOf(aString),
  examples: listOf(aString),
});

/** The shape of clusters.json: every cluster of every level. */
export const clusterRecords: Shape<ClusterRecord[]> = listOf(clusterRecord);
