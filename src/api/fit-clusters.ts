/**
 * The part of the pipeline that needs every conversation it clusters at once: facets → embed (fitting the
 * embedding model) → leaf clusters and hierarchy → privacy → names → examples. `analyze` runs it on all
 * conversations; a streamed run (stream-run.ts) on a seeded sample, then places every conversation in the
 * fitted leaves.
 */
import { buildHierarchy, clusterId, type Hierarchy } from '../clustering/hierarchy.js';
import { indexUsers, privacyByLevel, type SuppressionReason } from '../clustering/privacy.js';
import { pickExamples } from '../labelling/examples.js';
import { labelHierarchy } from './label-hierarchy.js';
import type { EmbeddingModel } from '../embedding/semantic.js';
import type { ClusterRecord } from '../artifacts/cluster-record.js';
import type { ClusterLabel, Embedded, Provider, ProviderContext } from '../providers/types.js';
import type { Conversation, Embedding, Facets } from '../types.js';
import type { RunSettings } from './settings.js';
import type { StageClock } from './stage-clock.js';
import { extractFacets } from './extract-facets.js';

export interface FittedClusters {
  /** Dense user index per conversation, and the number of distinct users. */
  userOf: Int32Array;
  users: number;
  facets: Facets[];
  summaries: string[];
  embedding: Embedding;
  /** The embedder's fitted model (null with --embeddings). */
  embeddingModel: EmbeddingModel | null;
  hierarchy: Hierarchy;
  clusters: ClusterRecord[];
}

/**
 * Fit clusters, names and examples on `conversations` (vectors `given` skip the embedder).
 * `options.leafK` overrides the leaf count (a streamed run sizes it by all conversations, not the sample);
 * `options.onEmbedded` is called with the embedding as soon as it exists (work that needs only the
 * embedding can start beside the clustering).
 * @example
 * const fitted = await fitClusters(conversations, undefined, provider, settings, ctx, new StageClock());
 */
export async function fitClusters(
  conversations: readonly Conversation[],
  given: Embedding | undefined,
  provider: Provider,
  settings: RunSettings,
  ctx: ProviderContext,
  clock: StageClock,
  options: { leafK?: number; onEmbedded?: (embedding: Embedding) => void } = {},
): Promise<FittedClusters> {
  const { userOf, users } = indexUsers(conversations.map((c) => c.userId));
  const facets = await clock.timeAsync('facets', () => extractFacets(provider.facets, conversations, ctx));
  const summaries = facets.map((f) => f.summary);
  const embedded: Embedded = given
    ? { embedding: given, model: null }
    : await clock.timeAsync('embed', () => provider.embedder.embed(summaries, ctx));
  const { embedding, model: embeddingModel } = embedded;
  options.onEmbedded?.(embedding);
  const hierarchy = clock.time(
    'cluster',
    () => buildHierarchy(embedding, { seed: settings.seed, k: options.leafK ?? settings.k ?? undefined, minSupport: settings.minSupport, levels: settings.levels, chunkRunner: ctx.chunkRunner }),
    ctx.progress,
  );
  const privacy = privacyByLevel(hierarchy, userOf, { minUsers: settings.minUsers, minConversations: settings.minConversations });
  const labels = await clock.timeAsync('label', () => labelHierarchy(hierarchy, privacy, summaries, userOf, embedding, provider, ctx));
  const shownLeaves = privacy[0]?.reasons.map((r, c) => r === null && !labels.audited.has(clusterId(0, c))) ?? [];
  const examples = clock.time('examples', () =>
    pickExamples(summaries, userOf, hierarchy.leafOf, embedding, hierarchy.levels[0]?.centroids ?? new Float32Array(0), shownLeaves, {
      minUsers: settings.minUsers,
      perCluster: settings.examplesPerCluster,
      source: provider.facets.abstractiveSummaries ? 'summaries' : 'keywords',
      exclude: new Set([...(ctx.facetsFallback?.failed ?? []), ...(ctx.facetsFallback?.refused ?? [])]),
    }),
    ctx.progress,
  );
  const clusters = clusterRecords(hierarchy, privacy, labels.byId, labels.audited, examples);
  return { userOf, users, facets, summaries, embedding, embeddingModel, hierarchy, clusters };
}

/**
 * The clusters.json records of a fitted hierarchy: names and examples of shown clusters, privacy decisions.
 * @example const records = clusterRecords(hierarchy, privacy, labels.byId, labels.audited, examples);
 */
export function clusterRecords(
  hierarchy: Hierarchy,
  privacy: ReturnType<typeof privacyByLevel>,
  labels: ReadonlyMap<string, ClusterLabel>,
  audited: ReadonlySet<string>,
  examples: string[][],
): ClusterRecord[] {
  const records: ClusterRecord[] = [];
  hierarchy.levels.forEach((level, l) => {
    const parentOf = level.parentOf;
    for (let c = 0; c < level.k; c++) {
      const id = clusterId(l, c);
      const reason: SuppressionReason = privacy[l].reasons[c] ?? (audited.has(id) ? 'privacy_audit' : null);
      const label = reason === null ? labels.get(id) : undefined;
      records.push({
        cluster_id: id,
        parent_id: parentOf ? clusterId(l + 1, parentOf[c]) : null,
        level: l,
        label: label?.name ?? null,
        description: label?.description ?? null,
        size: level.sizes[c],
        unique_users: privacy[l].users[c],
        suppressed: reason !== null,
        suppression_reason: reason,
        terms: reason === null ? (label?.terms ?? []) : [],
        examples: reason === null && l === 0 ? (examples[c] ?? []) : [],
      });
    }
  });
  return records;
}

