/**
 * Place conversations a baseline run has not seen into its leaf clusters, the way the run itself would
 * have: the summary its provider gives (recomputed when the provider allows it: src/providers/placement.ts)
 * → its content words (embeddingText, as the run's embedder) → the run's saved LSA model
 * (model/embedding.bin) → nearest saved leaf centroid (model/centroids.bin).
 */
import { join } from 'node:path';
import { MisfireError } from '../errors.js';
import { readRunCentroids, readRunEmbeddingModel, type RunFolder } from '../artifacts/read-run.js';
import { RUN_FILES } from '../artifacts/run-files.js';
import { EMBEDDING_TEXT_VERSION } from '../text/embedding-text.js';
import { clusterId } from '../clustering/hierarchy.js';
import { embeddingWidth, embedWithModel, type EmbeddingModel, type WordVectorTable } from '../embedding/semantic.js';
import { loadWordVectors } from '../io/word-vectors.js';
import { nearestCentre } from '../clustering/vector-math.js';
import { placementSummarizer } from '../providers/placement.js';
import type { Conversation } from '../types.js';
import type { StoredRun } from './gate-run-files.js';

/** Embed texts in blocks so memory stays bounded for large sets of new conversations. */
const BLOCK = 2048;

/**
 * Leaf cluster id for each conversation, by nearest leaf centroid of the stored run.
 * @example
 * const leaves = await placeConversations(stored, newConversations); // ['L0-004', 'L0-017', …]
 */
export async function placeConversations(stored: StoredRun, conversations: readonly Conversation[]): Promise<string[]> {
  if (conversations.length === 0) return [];
  const cannot = (why: string) =>
    new MisfireError('gate', `cannot place ${conversations.length} conversations the baseline run has not seen: ${why}`, { file: join(stored.dir, RUN_FILES.run) });
  const { summarize, model, table, centroids, k, width } = await loadPlacementModel(stored, cannot);
  const summaries = conversations.map((c) => summarize(c));
  const leaves: string[] = [];
  for (let start = 0; start < summaries.length; start += BLOCK) {
    const block = embedWithModel(model, table, summaries.slice(start, start + BLOCK));
    for (let i = 0; i < block.length / width; i++) leaves.push(clusterId(0, nearestCentre(block, i, centroids, k, width)));
  }
  return leaves;
}

/** What placing a conversation in a run's leaves takes: its summary as the run made it, the saved model, the centroids. */
export interface PlacementModel {
  summarize: (conversation: Conversation) => string;
  model: EmbeddingModel;
  table: WordVectorTable | null;
  centroids: Float32Array;
  k: number;
  /** Width of the embedding (= the centroids' dim). */
  width: number;
}

/**
 * Load and check a run folder's saved model for placing conversations; `cannot(why)` makes the error for
 * a run that cannot place any (its provider's summaries cannot be recomputed, no saved model, a model
 * fitted on other text or word vectors).
 * @example const placement = await loadPlacementModel(folder, (why) => configError(`--model: ${why}`));
 */
export async function loadPlacementModel(folder: RunFolder, cannot: (why: string) => Error): Promise<PlacementModel> {
  const { run } = folder;
  const summarize = placementSummarizer(run.settings.provider, run.settings.judge);
  if (!summarize) throw cannot(`the run used the "${run.settings.provider}" provider; re-run the baseline over every conversation instead`);
  if (run.inputs.embeddings) throw cannot('the run used --embeddings, so there is no saved model to embed new conversations with');
  const { model, text } = await readRunEmbeddingModel(folder);
  if (text !== EMBEDDING_TEXT_VERSION) {
    throw cannot(`${RUN_FILES.embeddingModel} was fitted on "${text ?? 'whole summaries'}", this misfire embeds "${EMBEDDING_TEXT_VERSION}"; re-run and bless the baseline`);
  }
  const centres = await readRunCentroids(folder);
  if (!centres) throw cannot(`the run saved no leaf centroids (${RUN_FILES.centroids})`);
  const table = model.kind === 'semantic' ? await loadWordVectors() : null;
  if (table && model.kind === 'semantic' && table.id !== model.sif.table) {
    throw cannot(`${RUN_FILES.embeddingModel} was fitted with word vectors ${model.sif.table}, this misfire has ${table.id}; re-run and bless the baseline`);
  }
  const width = embeddingWidth(model, table);
  if (centres.dim !== width) throw cannot(`${RUN_FILES.centroids} does not match ${RUN_FILES.embeddingModel}`);
  return { summarize, model, table, centroids: centres.data, k: centres.k, width };
}
