/**
 * The default offline embedding: word-vector meaning (SIF, see sif.ts) beside exact wording (LSA over the
 * content words, see lsa.ts). Each half is a unit vector; the row is [√w · sif, √(1−w) · lsa], so the cosine
 * of two rows is w · (cosine of their meanings) + (1 − w) · (cosine of their wordings): "cutting myself" and
 * "slicing my arm" meet through the first half, while `kill -9` and "kill him" stay apart through the second.
 * A text with no known word has only its LSA half (and the reverse), rescaled to unit length.
 */
import type { Embedding } from '../types.js';
import { embedLsa, embedRows, type LsaModel } from './lsa.js';
import { finishSifRows, knownTable, SIF_A, sifMeans, sifModelFromMeans, type SifModel, type WordVectorTable } from './sif.js';
import { sequentialChunks, type ChunkRunner, type ModuleTask } from '../chunk-runner.js';

/** Weight of the meaning half in cosine similarity; measured in the README's "Pockets by meaning" section. */
export const SEMANTIC_WEIGHT = 0.25;

export type EmbeddingModel = { kind: 'lsa'; lsa: LsaModel } | { kind: 'semantic'; lsa: LsaModel; sif: SifModel; weight: number };

export interface SemanticOptions {
  lsaDim: number;
  seed: number;
  weight?: number;
  chunkRunner?: ChunkRunner;
}

/**
 * Fit both halves on `summaries` and embed them. The word-vector means need no fitting, so they are computed
 * beside the LSA fit when the runner has a thread to spare (same rows either way).
 * @example
 * const { embedding, model } = await embedSemantic(summaries, table, { lsaDim: 128, seed: 42 }); // embedding.dim = 100 + 128
 */
export async function embedSemantic(summaries: readonly string[], table: WordVectorTable, options: SemanticOptions): Promise<{ embedding: Embedding; model: EmbeddingModel }> {
  const runner = options.chunkRunner ?? sequentialChunks;
  const call: SifMeansPayload = { table, a: SIF_A, texts: summaries, out: runner.float32(summaries.length * table.dim) };
  const means = runner.beside(SIF_MEANS_TASK, call, () => sifMeansOf(summaries, table, SIF_A, runner, call.out), summaries.length * SIF_ITEM_WEIGHT);
  const lsa = embedLsa(summaries, { dim: options.lsaDim, seed: options.seed, chunkRunner: runner, contentWords: true });
  await means.join();
  const sif = sifModelFromMeans(call.out, table.dim, summaries.length, table.id);
  const model: SemanticModel = { kind: 'semantic', lsa: lsa.model, sif, weight: options.weight ?? SEMANTIC_WEIGHT };
  const data = semanticRowsOf(model, call.out, table.dim, lsa.embedding.data, summaries.length, runner);
  return { embedding: { n: summaries.length, dim: table.dim + lsa.model.dim, data }, model };
}

type SemanticModel = Extract<EmbeddingModel, { kind: 'semantic' }>;

/**
 * Every row of the semantic embedding from the texts' weighted means (`meaning`, made SIF rows in place) and
 * LSA rows (`wording`), in the runner's chunks and memory: the stages after (k-means, the pocket search)
 * share the rows with worker threads without a copy.
 */
function semanticRowsOf(model: SemanticModel, meaning: Float32Array, meaningDim: number, wording: Float32Array, n: number, runner: ChunkRunner): Float32Array {
  const payload: SemanticRowsPayload = {
    sif: model.sif,
    meaning,
    meaningDim,
    wording,
    wordingDim: model.lsa.dim,
    weight: model.weight,
    out: runner.float32(n * (meaningDim + model.lsa.dim)),
  };
  runner.run({ task: 'semantic-rows', payload, items: n, chunkSize: 4096 }, (start, end) => semanticRows(payload, start, end));
  return payload.out;
}

export interface SemanticRowsPayload {
  sif: SifModel;
  /** Weighted means (n × meaningDim), made SIF rows in place. */
  meaning: Float32Array;
  meaningDim: number;
  /** LSA rows (n × wordingDim). */
  wording: Float32Array;
  wordingDim: number;
  weight: number;
  /** The blended rows (n × (meaningDim + wordingDim)). */
  out: Float32Array;
}

/**
 * Rows [start, end) of the semantic embedding: the SIF rows finished from their means, then blended with the
 * LSA rows into `out`. The chunk function of the worker task 'semantic-rows'.
 */
export function semanticRows(p: SemanticRowsPayload, start: number, end: number): void {
  finishSifRows(p.sif, p.meaningDim, start, end, p.meaning);
  blend(p.meaning, p.meaningDim, p.wording, p.wordingDim, p.weight, start, end, p.out);
}

/**
 * Every text's weighted mean word vector, written into `call.out` (shared memory): the export a worker thread
 * runs beside the LSA fit ({@link SIF_MEANS_TASK}). Returns the number of rows written.
 * @example sifMeansInto({ table, a: SIF_A, texts, out }); // texts.length
 */
export function sifMeansInto(call: SifMeansPayload): number {
  sifMeans(call.texts, knownTable(call.table), call.a, 0, call.texts.length, call.out);
  return call.texts.length;
}

/** Where a worker thread finds {@link sifMeansInto}. */
const SIF_MEANS_TASK: ModuleTask = { moduleUrl: import.meta.url, exportName: 'sifMeansInto' };
/** Work of one text's mean relative to one light item (sizes the parallel jobs). */
const SIF_ITEM_WEIGHT = 8;

/** Width of the rows a model produces. */
export function embeddingWidth(model: EmbeddingModel, table: WordVectorTable | null): number {
  return model.kind === 'lsa' ? model.lsa.dim : (table?.dim ?? 0) + model.lsa.dim;
}

/**
 * Embed `summaries` with a saved model (the CI gate places conversations the run has not seen this way;
 * `misfire assign` and a streamed run place every conversation so, with a chunk runner).
 * `table` is needed for a semantic model, and must be the table it was fitted with.
 * @example
 * const rows = embedWithModel(model, table, ['Kill a stuck process']); // Float32Array(228)
 */
export function embedWithModel(model: EmbeddingModel, table: WordVectorTable | null, summaries: readonly string[], chunkRunner?: ChunkRunner): Float32Array {
  // Each summary's content words and LSA row in chunks (on worker threads when the runner has them).
  const runner = chunkRunner ?? sequentialChunks;
  const wording = runner.float32(summaries.length * model.lsa.dim);
  const job = { task: 'lsa-transform', payload: { model: model.lsa, texts: summaries, firstOf: null, out: wording, contentWords: true }, items: summaries.length, chunkSize: 2048 };
  runner.run(job, (start, end) => embedRows(model.lsa, summaries, null, start, end, wording, true));
  if (model.kind === 'lsa') return wording;
  if (!table || table.id !== model.sif.table) {
    throw new Error(`the model needs word vectors ${model.sif.table}, got ${table?.id ?? 'none'}`);
  }
  return semanticRowsOf(model, sifMeansOf(summaries, table, model.sif.a, runner), table.dim, wording, summaries.length, runner);
}

export interface SifMeansPayload {
  table: WordVectorTable;
  a: number;
  texts: readonly string[];
  /** Shared (n × table.dim) output. */
  out: Float32Array;
}

/** Weighted means of every text (sif.ts), in chunks the runner may share with worker threads. */
function sifMeansOf(texts: readonly string[], table: WordVectorTable, a: number, runner: ChunkRunner, out = runner.float32(texts.length * table.dim)): Float32Array {
  const payload: SifMeansPayload = { table, a, texts, out };
  runner.run({ task: 'sif-means', payload, items: texts.length, chunkSize: 2048, itemWeight: SIF_ITEM_WEIGHT }, (start, end) => sifMeans(texts, table, a, start, end, out));
  return out;
}

/** Rows [start, end) of `data`: each SIF row and LSA row weighted (√w, √(1−w)) side by side, at unit length. */
function blend(meaning: Float32Array, meaningDim: number, wording: Float32Array, wordingDim: number, weight: number, start: number, end: number, data: Float32Array): void {
  const dim = meaningDim + wordingDim;
  const a = Math.sqrt(weight);
  const b = Math.sqrt(1 - weight);
  for (let i = start; i < end; i++) {
    let norm = 0;
    for (let d = 0; d < meaningDim; d++) {
      const x = a * meaning[i * meaningDim + d];
      data[i * dim + d] = x;
      norm += x * x;
    }
    for (let d = 0; d < wordingDim; d++) {
      const x = b * wording[i * wordingDim + d];
      data[i * dim + meaningDim + d] = x;
      norm += x * x;
    }
    if (norm > 0 && Math.abs(norm - 1) > 1e-6) {
      const scale = 1 / Math.sqrt(norm);
      for (let d = 0; d < dim; d++) data[i * dim + d] *= scale;
    }
  }
}

export type { LsaModel, SifModel, WordVectorTable };
