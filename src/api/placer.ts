/**
 * Place a batch of conversations in a fitted model's leaves: facets (the provider's, in parallel when it
 * offers a worker task) → summary → the saved embedding model (LSA in chunks, on worker threads when the
 * context's chunk runner has them) → nearest leaf centroid. The same function serves `misfire assign` and a
 * streamed `misfire run`, so that one process over all conversations and shards merged count alike.
 */
import type { ChunkRunner } from '../chunk-runner.js';
import { assignAll } from '../clustering/cluster-points.js';
import { embedWithModel, type EmbeddingModel, type WordVectorTable } from '../embedding/semantic.js';
import { valueText } from '../slicing/fields.js';
import type { FacetExtractor, ProviderContext } from '../providers/types.js';
import type { Conversation } from '../types.js';
import { extractFacets } from './extract-facets.js';

export interface PlacedBatch {
  /** Leaf index per conversation. */
  leaves: Int32Array;
  /** Concern 1–5 per conversation from its facets, NaN where unknown. */
  concern: Float64Array;
  /** The detected language per conversation as a slicing value (slicing/fields.ts valueText). */
  languages: (string | null)[];
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

/** Conversations per batch worth handing to a placer (worker threads take jobs of 20,000 items or more). */
export const PLACE_BATCH = 32_768;

export type BatchPlacer = (conversations: readonly Conversation[], ctx: ProviderContext) => Promise<PlacedBatch>;

/**
 * A function that places batches of conversations with `facets` and `leafModel`. Batches of at least
 * {@link PLACE_BATCH} conversations let the worker threads share the work.
 * @example
 * const place = batchPlacer(createOfflineFacetExtractor({ judge: 'prompt' }), leafModel);
 * const { leaves } = await place(batch, ctx);
 */
export function batchPlacer(facets: FacetExtractor, leafModel: LeafModel): BatchPlacer {
  let shared: { model: EmbeddingModel; centroids: Float32Array } | null = null;
  return async (conversations, ctx) => {
    const n = conversations.length;
    if (n === 0) return { leaves: new Int32Array(0), concern: new Float64Array(0), languages: [] };
    // The model's arrays go to shared memory once, so that each batch's jobs do not copy them to every worker.
    shared ??= ctx.chunkRunner ? sharedModel(leafModel, ctx.chunkRunner) : { model: leafModel.model, centroids: leafModel.centroids };
    const extracted = await extractFacets(facets, conversations, ctx);
    const concern = Float64Array.from(extracted, (f) => (typeof f.concern === 'number' && Number.isFinite(f.concern) ? f.concern : NaN));
    // A summary's row and leaf depend on the summary alone: each distinct one is placed once.
    const distinct = new Map<string, number>();
    const texts: string[] = [];
    const textOf = Int32Array.from(extracted, ({ summary }) => {
      let at = distinct.get(summary);
      if (at === undefined) distinct.set(summary, (at = texts.push(summary) - 1));
      return at;
    });
    const rows = embedWithModel(shared.model, leafModel.table, texts, ctx.chunkRunner);
    const leafOfText = assignAll(rows, texts.length, leafModel.width, shared.centroids, leafModel.k, ctx.chunkRunner);
    return { leaves: Int32Array.from(textOf, (t) => leafOfText[t]), concern, languages: extracted.map((f) => valueText(f.language)) };
  };
}

function sharedModel(leafModel: LeafModel, runner: ChunkRunner): { model: EmbeddingModel; centroids: Float32Array } {
  const { lsa } = leafModel.model;
  const shared = { ...lsa, featureIndex: runner.share(lsa.featureIndex), weights: runner.share(lsa.weights), projection: runner.share(lsa.projection) };
  return { model: { ...leafModel.model, lsa: shared }, centroids: runner.share(leafModel.centroids) };
}
