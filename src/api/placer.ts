/**
 * Place a batch of conversations in a fitted model's leaves: facets (the provider's, in parallel when it
 * offers a worker task) → summary → the saved embedding model (LSA in chunks, on worker threads when the
 * context's chunk runner has them) → nearest leaf centroid. The same function serves `misfire assign` and a
 * streamed `misfire run`, so that one process over all conversations and shards merged count alike.
 */
import { assignAll } from '../clustering/cluster-points.js';
import { embedWithModel, type EmbeddingModel, type WordVectorTable } from '../embedding/semantic.js';
import type { FacetExtractor, ProviderContext } from '../providers/types.js';
import type { Conversation } from '../types.js';
import { extractFacets } from './extract-facets.js';

export interface PlacedBatch {
  /** Leaf index per conversation. */
  leaves: Int32Array;
  /** Concern 1–5 per conversation from its facets, NaN where unknown. */
  concern: Float64Array;
}

export interface LeafModel {
  model: EmbeddingModel;
  /** Word vectors for a semantic model (the table it was fitted with). */
  table: WordVectorTable | null;
  centroids: Float32Array;
  k: number;
  /** Width of the embedding (the centroids' dim). */
  width: number;
}

export type BatchPlacer = (conversations: readonly Conversation[], ctx: ProviderContext) => Promise<PlacedBatch>;

/**
 * A function that places batches of conversations with `facets` and `leafModel`.
 * @example
 * const place = batchPlacer(createOfflineFacetExtractor({ judge: 'prompt' }), leafModel);
 * const { leaves } = await place(batch, ctx);
 */
export function batchPlacer(facets: FacetExtractor, leafModel: LeafModel): BatchPlacer {
  return async (conversations, ctx) => {
    const n = conversations.length;
    if (n === 0) return { leaves: new Int32Array(0), concern: new Float64Array(0) };
    const extracted = await extractFacets(facets, conversations, ctx);
    const concern = Float64Array.from(extracted, (f) => (typeof f.concern === 'number' && Number.isFinite(f.concern) ? f.concern : NaN));
    const rows = embedWithModel(leafModel.model, leafModel.table, extracted.map((f) => f.summary), ctx.chunkRunner);
    const leaves = assignAll(rows, n, leafModel.width, leafModel.centroids, leafModel.k, ctx.chunkRunner);
    return { leaves: Int32Array.from(leaves), concern };
  };
}
