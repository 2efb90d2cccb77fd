/**
 * Offline embedders: the semantic one (default; word-vector meaning beside LSA wording, see
 * src/embedding/semantic.ts) and LSA alone (hashed TF-IDF + randomized SVD over the content words of each
 * summary, see src/embedding/lsa.ts). The fitted model comes back with the vectors.
 */
import { embedLsa } from '../../embedding/lsa.js';
import { embedSemantic, type WordVectorTable } from '../../embedding/semantic.js';
import type { Embedded, Embedder, ProviderContext } from '../types.js';

/**
 * The LSA {@link Embedder}: `dim` dimensions (default 128), seeded by `ctx.seed`, its transform computed
 * through `ctx.chunkRunner`.
 * @example
 * const { embedding, model } = await createLsaEmbedder({ dim: 64 }).embed(summaries, ctx); // embedding.dim ≤ 64
 */
export function createLsaEmbedder(options: { dim?: number } = {}): Embedder {
  return {
    name: 'offline-lsa',
    async embed(texts: readonly string[], ctx: ProviderContext): Promise<Embedded> {
      ctx.progress.start('embed', texts.length);
      const { embedding, model } = embedLsa(texts, { dim: options.dim ?? 128, seed: ctx.seed, chunkRunner: ctx.chunkRunner, contentWords: true });
      ctx.progress.update(texts.length);
      ctx.progress.end();
      return { embedding, model: { kind: 'lsa', lsa: model } };
    },
  };
}

/**
 * The semantic {@link Embedder}: SIF word vectors from `table` beside `dim`-dimensional LSA.
 * @example
 * const { embedding } = await createSemanticEmbedder({ table, dim: 128 }).embed(summaries, ctx); // embedding.dim = 100 + 128
 */
export function createSemanticEmbedder(options: { table: WordVectorTable; dim?: number; weight?: number }): Embedder {
  return {
    name: 'offline-semantic',
    async embed(texts: readonly string[], ctx: ProviderContext): Promise<Embedded> {
      ctx.progress.start('embed', texts.length);
      const result = await embedSemantic(texts, options.table, { lsaDim: options.dim ?? 128, seed: ctx.seed, weight: options.weight, chunkRunner: ctx.chunkRunner });
      ctx.progress.update(texts.length);
      ctx.progress.end();
      return result;
    },
  };
}
